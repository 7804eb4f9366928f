/**
 * `npm run bench` (node --expose-gc --import tsx scripts/bench/match.ts): the matching engine
 * side by side with one combined RegExp of all aliases and with modern-ahocorasick, on the same
 * texts, for glossaries of 100, 1,000, 10,000 and 100,000 aliases.
 *
 * Texts: the visible text of ../shared/corpus/pages/*.html when that folder exists, plus
 * tests/fixtures/*.txt. Throughput counts UTF-16 code units of text (1 MB = 10^6 units) and
 * includes normalisation. Timings are the best of several passes (the machine may be shared);
 * the slow baselines run under a time budget on as many texts as fit.
 *
 * Options (env): BENCH_SIZES=100,1000 BENCH_BUDGET_MS=4000 (per baseline and size)
 * BENCH_CORPUS=/path/to/pages.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AhoCorasick from 'modern-ahocorasick';
import { compileGlossary, createMatcher, GlossaryCompiler, type CompiledGlossary, type Matcher } from '../../lib/text/index';
import { clearSegmentCache } from '../../lib/text/matcher';
import { normalizeText } from '../../lib/text/normalize';
import type { GlossaryTerm, TermMatch, TextChunk } from '../../lib/text/types';
import { buildGlossary, harvestNames } from './names';
import { loadTexts, type BenchText } from './texts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = process.env.BENCH_CORPUS ?? resolve(root, '../shared/corpus/pages');
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000,100000').split(',').map(Number);
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 4000);
const ENGINE_MS = Number(process.env.BENCH_ENGINE_MS ?? 2500);

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const now = () => performance.now();
/** Process CPU time in ms: robust on a shared machine, where wall time includes waiting for a core. */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const mb = (units: number, ms: number) => units / ms / 1000;
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const mbytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A block: chunks between blockStart flags, and its text joined (for the baselines). */
interface Block {
  text: string;
  chunks: TextChunk[];
  /** Block offset of each chunk. */
  bases: number[];
}

function blocksOf(texts: BenchText[]): Block[] {
  const blocks: Block[] = [];
  for (const t of texts) {
    let cur: Block | null = null;
    for (const c of t.chunks) {
      if (!cur || c.blockStart) {
        cur = { text: '', chunks: [], bases: [] };
        blocks.push(cur);
      }
      cur.bases.push(cur.text.length);
      cur.chunks.push(c);
      cur.text += c.text;
    }
  }
  for (const b of blocks) b.text = (` ${b.text}`).slice(1); // flatten the rope once
  return blocks;
}

// ---------------------------------------------------------------------------------------
// Baselines

/**
 * The strong naive baseline: one RegExp of all aliases as literals, longest first, 'gi', \b on
 * both sides. (Character classes for apostrophes, dashes and white space, or Unicode-aware
 * lookarounds, make V8 several times to a hundred times slower at 5,000 aliases: measured while
 * writing this bench. So the baseline is literal, and the rules it lacks show up as explained
 * disagreements.) V8 refuses the pattern at 100,000 aliases ("Regular expression too large").
 */
function buildRegex(terms: GlossaryTerm[]): RegExp {
  const alts = [...new Set(terms.map((t) => t.text.trim()))]
    .sort((a, b) => b.length - a.length)
    .map((a) => a.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(`\\b(?:${alts.join('|')})\\b`, 'gi');
}

interface Span {
  block: number;
  start: number;
  end: number;
}

/** Run `fn` over blocks in order until the (wall) budget is spent; CPU time is what is reported. */
function budgeted(blocks: Block[], budgetMs: number, fn: (b: Block, i: number) => void): { units: number; ms: number; wallMs: number; blocks: number } {
  const t0 = now();
  const c0 = cpuNow();
  let units = 0;
  let i = 0;
  for (; i < blocks.length; i++) {
    fn(blocks[i]!, i);
    units += blocks[i]!.text.length;
    if (now() - t0 > budgetMs) {
      i++;
      break;
    }
  }
  return { units, ms: cpuNow() - c0, wallMs: now() - t0, blocks: i };
}

// ---------------------------------------------------------------------------------------
// Engine

function engineSpans(matcher: Matcher, blocks: Block[], upTo: number): { spans: Span[]; matches: TermMatch[] } {
  const spans: Span[] = [];
  const matches: TermMatch[] = [];
  for (let i = 0; i < upTo; i++) {
    const b = blocks[i]!;
    for (const m of matcher.findMatches(b.chunks)) {
      spans.push({ block: i, start: b.bases[m.start.chunk]! + m.start.offset, end: b.bases[m.end.chunk]! + m.end.offset });
      matches.push(m);
    }
  }
  return { spans, matches };
}

/** Best pass of the engine over all texts (as the content script sees them: per page), in CPU and wall time. */
function timeEngine(matcher: Matcher, texts: BenchText[]): { best: number; median: number; bestWall: number; passes: number } {
  for (const t of texts) matcher.findMatches(t.chunks);
  const times: number[] = [];
  const walls: number[] = [];
  const t0 = now();
  while (times.length < 3 || (now() - t0 < ENGINE_MS && times.length < 60)) {
    const w = now();
    const c = cpuNow();
    for (const t of texts) matcher.findMatches(t.chunks);
    times.push(cpuNow() - c);
    walls.push(now() - w);
  }
  times.sort((a, b) => a - b);
  return { best: times[0]!, median: times[times.length >> 1]!, bestWall: Math.min(...walls), passes: times.length };
}

// ---------------------------------------------------------------------------------------
// Agreement with the RegExp baseline

const RE_ALLCAPS = (s: string) => s.toUpperCase() === s && s.toLowerCase() !== s;
/** The RegExp has no such rule: anything else is listed as unexplained. */
const RE_SPACELESS = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Thai}]/u;

interface Disagreement {
  side: 'engine only' | 'RegExp only';
  reason: string;
  text: string;
  context: string;
}

function compare(blocks: Block[], engine: Span[], regex: Span[], byKey: Map<string, GlossaryTerm[]>, regexAlone: (s: string) => boolean) {
  const key = (s: Span) => `${s.block}:${s.start}:${s.end}`;
  const e = new Set(engine.map(key));
  const r = new Set(regex.map(key));
  let agreed = 0;
  for (const k of e) if (r.has(k)) agreed++;
  const overlaps = (s: Span, others: Span[]) => others.some((o) => o.block === s.block && o.start < s.end && o.end > s.start);
  const out: Disagreement[] = [];
  const explain = (s: Span, side: Disagreement['side']): string => {
    const b = blocks[s.block]!;
    const text = b.text.slice(s.start, s.end);
    const terms = byKey.get(normalizeText(text)) ?? [];
    if (RE_SPACELESS.test(text) || RE_SPACELESS.test(b.text.slice(Math.max(0, s.start - 1), s.end + 1))) return 'rule: scripts without spaces';
    const around = b.text.slice(Math.max(0, s.start - 1), s.start) + text.slice(0, 1) + text.slice(-1) + b.text.slice(s.end, s.end + 1);
    if (/[^\x00-\x7f]/.test(around) && /[\p{L}\p{N}\p{M}]/u.test(around.replace(/[\x00-\x7f]/g, ''))) return 'rule: non-ASCII letter at the edge (RegExp \\b is ASCII-only)';
    if (side === 'RegExp only') {
      if (/^[^\p{L}\p{N}]|[^\p{L}\p{N}]$/u.test(text)) return 'rule: alias starts/ends with punctuation';
      if (terms.some((t) => RE_ALLCAPS(t.text)) && !RE_ALLCAPS(text)) return 'rule: all-capitals alias vs lower/Title case';
      if (overlaps(s, engine)) return 'rule: overlap resolved differently';
      return 'unexplained';
    }
    if (/^[^\p{L}\p{N}]|[^\p{L}\p{N}]$/u.test(text)) return 'rule: alias starts/ends with punctuation ("U.S.": RegExp \\b needs a letter)';
    if (!regexAlone(text)) return 'rule: normalisation (apostrophes, dashes, white space, diacritics, NFKC, ignorables)';
    if (terms.some((t) => RE_ALLCAPS(t.text))) return 'rule: all-capitals alias Title-Cased in a headline';
    if (overlaps(s, regex)) return 'rule: overlap resolved differently';
    return 'unexplained';
  };
  for (const s of engine) if (!r.has(key(s))) out.push({ side: 'engine only', reason: explain(s, 'engine only'), text: blocks[s.block]!.text.slice(s.start, s.end), context: `+ ${ctx(blocks[s.block]!.text, s)}` });
  for (const s of regex) if (!e.has(key(s))) out.push({ side: 'RegExp only', reason: explain(s, 'RegExp only'), text: blocks[s.block]!.text.slice(s.start, s.end), context: `- ${ctx(blocks[s.block]!.text, s)}` });
  return { agreed, engine: e.size, regex: r.size, disagreements: out };
}

function ctx(text: string, s: Span): string {
  const before = text.slice(Math.max(0, s.start - 25), s.start).replace(/\s+/g, ' ');
  const after = text.slice(s.end, s.end + 25).replace(/\s+/g, ' ');
  return `…${before}[${text.slice(s.start, s.end)}]${after}…`;
}

// ---------------------------------------------------------------------------------------

interface Row {
  size: number;
  compileMs: number;
  jsonChars: number;
  jsonBytes: number;
  receiveMs: number;
  heap: number;
  engineMBs: number;
  engineMedianMBs: number;
  engineWallMBs: number;
  regexMBs: number;
  regexBuildMs: number;
  regexCoverage: number;
  acMBs: number;
  acBuildMs: number;
  acCoverage: number;
  agreement: string;
}

function heapNow(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function main(): void {
  const t0 = now();
  const texts = loadTexts(root, corpusDir);
  const units = texts.reduce((a, t) => a + t.chars, 0);
  const blocks = blocksOf(texts);
  const corpus = existsSync(corpusDir) ? `${texts.length - 1} pages from ${corpusDir} + fixtures` : 'tests/fixtures only (no corpus folder)';
  console.log(`Texts: ${corpus}; ${(units / 1e6).toFixed(2)} M UTF-16 units in ${texts.reduce((a, t) => a + t.chunks.length, 0)} chunks, ${blocks.length} blocks (loaded in ${fmt(now() - t0, 0)} ms)`);
  console.log(`Node ${process.version}; engine: best of ~${ENGINE_MS} ms of passes; baselines budgeted ${BUDGET_MS} ms each; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs.\n`);
  const harvested = harvestNames(texts, 400);
  const rows: Row[] = [];
  const details: string[] = [];

  for (const size of SIZES) {
    const terms = buildGlossary(size, harvested);
    const byKey = new Map<string, GlossaryTerm[]>();
    for (const t of terms) {
      const k = normalizeText(t.text);
      byKey.set(k, [...(byKey.get(k) ?? []), t]);
    }

    // Compile (background side).
    let compiled: CompiledGlossary | null = null;
    let compileMs = Infinity;
    for (let r = 0; r < (size >= 100_000 ? 2 : 3); r++) {
      gc();
      const s = cpuNow();
      compiled = compileGlossary(terms);
      compileMs = Math.min(compileMs, cpuNow() - s);
    }
    const json = JSON.stringify(compiled);
    compiled = null;
    // Receive (tab side): parse the message and build the matcher.
    let matcher: Matcher | null = null;
    let receiveMs = Infinity;
    for (let r = 0; r < 2; r++) {
      // Distinct ids each time, so the tab-side segment cache does not hide the decode.
      const msg = json.replace(/"id":"([^"]*)"/g, `"id":"$1-${r}"`);
      const s = cpuNow();
      matcher = createMatcher(JSON.parse(msg) as CompiledGlossary);
      receiveMs = Math.min(receiveMs, cpuNow() - s);
    }
    // Memory the tab keeps for the matcher (decoded segment included).
    matcher = null;
    clearSegmentCache();
    const before = heapNow();
    matcher = createMatcher(JSON.parse(json) as CompiledGlossary);
    const heap = heapNow() - before;

    const eng = timeEngine(matcher!, texts);
    const engineMBs = mb(units, eng.best);

    // RegExp baseline.
    let s = now();
    let re: RegExp | null = null;
    let regexError = '';
    try {
      re = buildRegex(terms);
      re.exec('warm up the regex compiler');
    } catch (err) {
      re = null;
      regexError = (err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    }
    const regexBuildMs = now() - s;
    const regexSpans: Span[] = [];
    const rr = re
      ? budgeted(blocks, BUDGET_MS, (b, i) => {
          re!.lastIndex = 0;
          for (let m = re!.exec(b.text); m; m = re!.exec(b.text)) regexSpans.push({ block: i, start: m.index, end: m.index + m[0].length });
        })
      : { units: 0, ms: NaN, blocks: 0 };

    // modern-ahocorasick baseline (lower-cased aliases and text, leftmost-longest).
    s = now();
    const ac = new AhoCorasick([...new Set(terms.map((t) => t.text.trim().toLowerCase()))]);
    const acBuildMs = now() - s;
    let acCount = 0;
    const ar = budgeted(blocks, BUDGET_MS, (b) => {
      acCount += ac.search(b.text.toLowerCase(), { strategy: 'leftmost-longest' }).length;
    });

    // Agreement over the blocks the RegExp covered.
    let agreement = `RegExp: ${regexError}`;
    if (re) {
      const { spans } = engineSpans(matcher!, blocks, rr.blocks);
      const alone = new Set(terms.map((t) => t.text.trim().toLowerCase()));
      const cmp = compare(blocks, spans, regexSpans, byKey, (t) => alone.has(t.toLowerCase()));
      const kinds = new Map<string, Disagreement[]>();
      for (const d of cmp.disagreements) kinds.set(`${d.side}: ${d.reason}`, [...(kinds.get(`${d.side}: ${d.reason}`) ?? []), d]);
      const unexplained = cmp.disagreements.filter((d) => d.reason === 'unexplained').length;
      agreement = `${cmp.agreed} agreed, ${cmp.disagreements.length} differ (${unexplained} unexplained)`;
      details.push(
        `${size.toLocaleString('en')} aliases: engine ${cmp.engine}, RegExp ${cmp.regex} matches, ${cmp.agreed} identical (over ${rr.blocks}/${blocks.length} blocks); ${unexplained} unexplained differences`,
        ...[...kinds.entries()]
          .sort((a, b) => b[1].length - a[1].length)
          .flatMap(([kind, ds]) => [
            `    ${String(ds.length).padStart(5)}  ${kind}`,
            ...ds.slice(0, kind.endsWith('unexplained') ? 10 : 2).map((d) => `             e.g. ${JSON.stringify(d.context).slice(1, -1).slice(0, 100)}`),
          ]),
      );
    } else {
      details.push(`${size.toLocaleString('en')} aliases: RegExp baseline unavailable: ${regexError}`);
    }
    details.push(`    (modern-ahocorasick, lower-cased, leftmost-longest, no word boundaries: ${acCount} hits over ${ar.blocks}/${blocks.length} blocks)`);

    rows.push({
      size,
      compileMs,
      jsonChars: json.length,
      jsonBytes: Buffer.byteLength(json),
      receiveMs,
      heap,
      engineMBs,
      engineMedianMBs: mb(units, eng.median),
      engineWallMBs: mb(units, eng.bestWall),
      regexMBs: mb(rr.units, rr.ms),
      regexBuildMs: re ? regexBuildMs : NaN,
      regexCoverage: rr.units / units,
      acMBs: mb(ar.units, ar.ms),
      acBuildMs,
      acCoverage: ar.units / units,
      agreement,
    });
    matcher = null;
    console.log(`  done ${size} aliases (${fmt((now() - t0) / 1000, 0)} s)`);
  }

  const header = ['aliases', 'engine MB/s', '(median)', '(wall)', 'RegExp MB/s', 'AC MB/s', '×RegExp', '×AC', 'compile', 'sent (JSON)', 'receive', 'heap'];
  const table = rows.map((r) => [
    r.size.toLocaleString('en'),
    fmt(r.engineMBs),
    fmt(r.engineMedianMBs),
    fmt(r.engineWallMBs),
    Number.isFinite(r.regexMBs) ? `${fmt(r.regexMBs, 3)}${r.regexCoverage < 0.999 ? '*' : ''}` : 'too large',
    `${fmt(r.acMBs, 2)}${r.acCoverage < 0.999 ? '*' : ''}`,
    Number.isFinite(r.regexMBs) ? `${fmt(r.engineMBs / r.regexMBs, 0)}×` : '—',
    `${fmt(r.engineMBs / r.acMBs, 0)}×`,
    `${fmt(r.compileMs, 0)} ms`,
    `${mbytes(r.jsonBytes)}`,
    `${fmt(r.receiveMs, 0)} ms`,
    mbytes(r.heap),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of table) console.log(line(row));
  console.log(
    '\nMB/s = 10^6 UTF-16 units of text per second of process CPU time (best pass; median pass; best pass in\n' +
      '  wall time). The machine may be shared: CPU time is the fair measure, ratios use it for all three.\n' +
      '* baseline measured on the first blocks that fit its time budget. compile = compileGlossary (background);\n' +
      '  sent = JSON.stringify length in UTF-8 bytes; receive = JSON.parse + createMatcher in the tab\n' +
      '  (compile and receive in CPU time too);\n' +
      '  heap = JS heap + ArrayBuffers retained by the matcher (after GC).',
  );
  console.log('\nBuild times of the baselines:');
  for (const r of rows) console.log(`  ${r.size.toLocaleString('en').padStart(7)}: RegExp ${Number.isFinite(r.regexBuildMs) ? `${fmt(r.regexBuildMs, 0)} ms (new + first exec)` : 'refused by V8'}, modern-ahocorasick ${fmt(r.acBuildMs, 0)} ms`);
  console.log('\nAgreement with the RegExp baseline (rules that differ are listed as such):');
  for (const d of details) console.log(`  ${d}`);
  // Lifecycle: one entity added to the largest glossary.
  const biggest = SIZES[SIZES.length - 1]!;
  {
    gc();
    const terms = buildGlossary(biggest, harvested);
    const compiler = new GlossaryCompiler(terms);
    let s = cpuNow();
    const full = compiler.compile();
    const fullMs = cpuNow() - s;
    createMatcher(JSON.parse(JSON.stringify(full)) as CompiledGlossary);
    compiler.setEntity('bench-new-entity', [{ text: 'Zbigniew Quuxley' }, { text: 'ZQX' }]);
    s = cpuNow();
    const next = compiler.compile();
    const deltaMs = cpuNow() - s;
    const json = JSON.stringify(next);
    s = cpuNow();
    const m = createMatcher(JSON.parse(json) as CompiledGlossary);
    const receiveMs = cpuNow() - s;
    const found = m.findMatches([{ text: 'Yesterday Zbigniew Quuxley (ZQX) said', blockStart: true }]).length;
    console.log(
      `\nIncremental (GlossaryCompiler, ${biggest.toLocaleString('en')} aliases): full compile ${fmt(fullMs, 0)} ms; ` +
        `add one entity: compile ${fmt(deltaMs, 1)} ms (${compiler.lastCompile}), tab receive ${fmt(receiveMs, 0)} ms ` +
        `(base segment reused from the tab's cache), ${found}/2 new mentions found.`,
    );
  }

  const t10k = rows.find((r) => r.size === 10_000);
  const t100k = rows.find((r) => r.size === 100_000);
  console.log('\nTargets:');
  if (t10k) {
    console.log(`  search ≥ 50 MB/s at 10,000 aliases: ${fmt(t10k.engineMBs)} MB/s ${t10k.engineMBs >= 50 ? 'OK' : 'MISSED'}`);
    console.log(`  ≥ 20× RegExp at 10,000: ${fmt(t10k.engineMBs / t10k.regexMBs, 0)}× ${t10k.engineMBs / t10k.regexMBs >= 20 ? 'OK' : 'MISSED'}`);
    console.log(`  ≥ 10× modern-ahocorasick at 10,000: ${fmt(t10k.engineMBs / t10k.acMBs, 0)}× ${t10k.engineMBs / t10k.acMBs >= 10 ? 'OK' : 'MISSED'}`);
  }
  if (t10k && t100k) {
    const ok = t100k.engineMBs >= t10k.engineMBs * 0.9;
    console.log(`  not slower at 100,000: ${fmt(t100k.engineMBs)} vs ${fmt(t10k.engineMBs)} MB/s ${ok ? 'OK' : 'SLOWER'} (within 10% counts as equal: shared machine)`);
  }
  if (t100k) {
    console.log(`  100,000 aliases compile < 1 s: ${fmt(t100k.compileMs, 0)} ms ${t100k.compileMs < 1000 ? 'OK' : 'MISSED'}`);
    console.log(`  100,000 aliases compiled < 30 MB: ${mbytes(t100k.jsonBytes)} sent, ${mbytes(t100k.heap)} heap ${t100k.jsonBytes < 30e6 && t100k.heap < 30 * 1024 * 1024 ? 'OK' : 'MISSED'}`);
  }
  console.log(`\nTotal ${fmt((now() - t0) / 1000, 0)} s.`);
}

main();
