/**
 * `npm run bench:decode` (node --expose-gc --import tsx scripts/bench/decode.ts): what decoding
 * a compiled glossary costs in the background (createMatcher: the zod shape check, then the
 * checked decode of every segment and its first-word bitmaps), at 10,000 and 100,000 aliases,
 * and the share of the shape check alone. CPU time of the process, minimum and median of 15
 * decodes each, the segment cache cleared before each. Figures for docs/decisions.md ("The compiled glossary's checks").
 */
import { loadavg } from 'node:os';
import { compileGlossary } from '../../lib/text/compile';
import { CompiledGlossarySchema } from '../../lib/text/compiled';
import { clearSegmentCache, createMatcher } from '../../lib/text/matcher';
import { buildGlossary } from './names';

const ROUNDS = 15;

/** CPU time of the process (ms): steadier than the wall clock on a shared machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function timed(fn: () => void): { min: number; median: number } {
  const ms: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t = cpuMs();
    fn();
    ms.push(cpuMs() - t);
  }
  ms.sort((a, b) => a - b);
  return { min: ms[0]!, median: ms[ROUNDS >> 1]! };
}

const fmt = (r: { min: number; median: number }) => `${r.min.toFixed(1)} ms (median ${r.median.toFixed(1)})`;

console.log(`Decoding a compiled glossary (load average ${loadavg()[0]!.toFixed(1)})`);
for (const size of [10_000, 100_000]) {
  const terms = buildGlossary(size, []);
  const compiled = compileGlossary(terms);
  const chars = compiled.segments.reduce((n, s) => n + s.text.length + s.meta.length + s.alphabet.length + s.trie.length, 0);
  createMatcher(compiled); // warm-up: fold tables, JIT
  const decode = timed(() => {
    clearSegmentCache();
    createMatcher(compiled);
  });
  const shape = timed(() => {
    if (!CompiledGlossarySchema.safeParse(compiled).success) throw new Error('bench: invalid compiled glossary');
  });
  console.log(
    `${size.toLocaleString('en-US')} aliases (${new Set(terms.map((t) => t.entityId)).size.toLocaleString('en-US')} entities, ` +
      `${(chars / 1e6).toFixed(2)} M characters): createMatcher ${fmt(decode)}; of which the zod shape check ${fmt(shape)}`,
  );
}
