#!/usr/bin/env node
// `npm test`: the whole suite, as CI runs it. Finds (or, on Debian as root, installs) the system
// browsers, type-checks, builds both targets, then runs the unit tests (vitest), the browser
// tests (Playwright + Chromium with the built extension), the Firefox lint and smoke test, and
// prints one closing line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, existsSync, rmSync } from 'node:fs';
import { ensureChromium, ensureFirefox } from './browsers.mjs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
mkdirSync('.cache', { recursive: true });

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failures.push(`${label} (exit ${r.status ?? r.signal})`);
  return r.status === 0;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const chromium = ensureChromium();
console.log(`Chromium: ${chromium}`);
const firefox = ensureFirefox();
console.log(`Firefox: ${firefox ?? 'not available (Firefox smoke test will be skipped)'}`);

const built =
  run('typecheck', 'npx', ['tsc', '--noEmit']) &&
  run('build chrome', 'npx', ['wxt', 'build']) &&
  run('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox']);

// Unit tests run even when the build failed: they don't need it.
rmSync('.cache/vitest.json', { force: true });
run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.cache/vitest.json']);
const v = readJson('.cache/vitest.json');
if (v) {
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += v.numPendingTests + (v.numTodoTests ?? 0);
}

if (built) {
  rmSync('.cache/playwright.json', { force: true });
  run('browser tests', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: '.cache/playwright.json',
  });
  const p = readJson('.cache/playwright.json');
  if (p?.stats) {
    totals.passed += p.stats.expected + (p.stats.flaky ?? 0);
    totals.failed += p.stats.unexpected;
    totals.skipped += p.stats.skipped;
  }

  if (run('firefox lint', 'node', ['scripts/lint-firefox.mjs'])) totals.passed++;
  else totals.failed++;

  if (firefox && existsSync('tests/firefox/smoke.ts')) {
    if (run('firefox smoke', 'node', ['--import', 'tsx', 'tests/firefox/smoke.ts'], { FIREFOX_PATH: firefox })) totals.passed++;
    else totals.failed++;
  } else {
    console.log('\n=== firefox smoke: skipped (no Firefox ESR)');
    totals.skipped++;
  }
  // Sync between a Firefox ESR profile and a Chromium profile (docs/sync.md).
  if (firefox && existsSync('tests/firefox/sync.ts')) {
    if (run('firefox sync smoke', 'node', ['--import', 'tsx', 'tests/firefox/sync.ts'], { FIREFOX_PATH: firefox })) totals.passed++;
    else totals.failed++;
  } else {
    console.log('\n=== firefox sync smoke: skipped (no Firefox ESR)');
    totals.skipped++;
  }
}

console.log('');
if (failures.length) console.log(`Failed stages: ${failures.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
