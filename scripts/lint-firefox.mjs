#!/usr/bin/env node
// Runs Mozilla's addons-linter (web-ext lint) on the Firefox build and prints a short summary:
// every error in full, warnings grouped by code. Fails only on errors, as AMO would.
// Known warnings: DANGEROUS_EVAL (zod's eval probe, disabled at runtime by z.config({jitless}))
// and UNSAFE_VAR_ASSIGNMENT (Preact setting innerHTML: only the notes Markdown uses it, after
// DOMPurify with a strict allow-list, see components/shared/markdown.ts; and Mozilla's Readability
// in the background page, re-parsing the inert copy of a page it finds the article in, see
// lib/article/detect.ts and docs/security.md).
import { spawnSync } from 'node:child_process';

const r = spawnSync('npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox-mv2', '--self-hosted', '--output', 'json'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
let report;
try {
  report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
} catch {
  console.error(r.stdout, r.stderr);
  console.error('web-ext lint did not produce a report');
  process.exit(1);
}
const byCode = (list) => {
  const counts = new Map();
  for (const m of list) counts.set(m.code, (counts.get(m.code) ?? 0) + 1);
  return [...counts].map(([code, n]) => `${code} ×${n}`);
};
console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`);
for (const e of report.errors) console.log(`  ERROR ${e.code} ${e.file ?? ''}${e.line ? `:${e.line}` : ''} ${e.message}`);
if (report.warnings.length) console.log(`  warnings: ${byCode(report.warnings).join(', ')}`);
process.exit(report.errors.length ? 1 : 0);
