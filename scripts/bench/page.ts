/**
 * `npm run bench:page` — what the content script costs a page, in Chromium with the built
 * extension and a 10,000-alias glossary, over ../shared/corpus/pages (or, without the corpus,
 * tests/fixtures/pages). Not a timed test: it prints figures and the targets of issue 4.
 *
 * For each page, in a browser with the extension (a fresh profile, glossary imported through
 * the protocol from the options page):
 *  - the content script's own figures (page.stats: first marks painted, main-thread time,
 *    longest slice), which time only the work inside its CostMeter;
 *  - an outside measure from a light Chromium trace of the load and V8's sampling profiler:
 *    every task the content script ran in, whole (see page-trace.ts), and the first frame
 *    committed after its scan — the figures the targets are judged on;
 *  - a cross-check: CDP Performance.getMetrics ScriptDuration and TaskDuration, with the
 *    extension minus without (the pages' <script>s are stripped);
 *  - JS heap added: renderer heap after two forced GCs, with minus without the extension
 *    (V8 heap + Blink's heap, where Ranges and Highlights live, + ArrayBuffer backing stores).
 * And in a browser without the extension, on the same page: the floor (a bare TreeWalker read
 * of the visible text) and mark.js's markRegExp with one combined RegExp; after the loop,
 * mark.js's mark(terms, { accuracy: 'exactly' }) on a few pages with a sample of the terms.
 *
 * Environment:
 *   NCR_EXTENSION_DIR=path        use this built chrome-mv3 folder instead of building one
 *   NCR_BENCH_PAGES=regex         only pages whose name matches
 *   NCR_BENCH_MARKJS_EXACT_PAGES  pages for mark.js's exactly mode (default 3; 0: skip)
 *   NCR_BENCH_MARKJS_EXACT_TERMS  terms in its sample (default 250 of the 10,000; time scaled up)
 *   NCR_BENCH_FIXTURES=1          use tests/fixtures/pages even when the corpus is there
 *   NCR_BENCH_TRACE_DIR=path      save each page's trace there (opens in DevTools' Performance panel)
 *   NCR_BENCH_TASKS=1             print each of the content script's tasks on each page (when, how long, our hottest functions)
 *   NCR_BENCH_JSON=file           also write every figure there as JSON
 *   NCR_BENCH_PROFILE=1           print the content script's hot functions (from the profiles
 *                                 recorded anyway), building it unminified so they have names
 *   NCR_BENCH_TRACE=0             no trace or profiler (the content script's own figures only)
 *   NCR_BENCH_KEEP=1              keep the temp folder the extension was built into
 */
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer, hasCorpus, CORPUS_PAGES, FIXTURE_PAGES } from '../../tests/e2e/server';
// @ts-expect-error plain ESM helper shared with scripts/
import { ensureChromium, CHROMIUM_ARGS } from '../browsers.mjs';
import type { PageStats } from '../../lib/messaging/protocol';
import { benchGlossary } from './page-glossary';
import { analyzeTrace, SAMPLING_INTERVAL_US, startTrace, stopTrace, type TraceFigures } from './page-trace';
import { escapeRegExp, FLOOR_JS, markExactlyJs, markRegExpJs } from './page-inpage';
import { fmt, max, median, min, quantile, table, type Column } from './page-report';
import { ProfileTotals } from './page-profile';
import { envelope } from '../../lib/messaging/envelope';
import { sendRaw } from '../../tests/e2e/messages';

const ROOT = resolve(import.meta.dirname, '../..');
const GLOSSARY_ALIASES = 10_000;
const env = process.env;
const ONLY = env.NCR_BENCH_PAGES ? new RegExp(env.NCR_BENCH_PAGES) : null;
const EXACT_PAGES = intEnv('NCR_BENCH_MARKJS_EXACT_PAGES', 3);
const EXACT_TERMS = intEnv('NCR_BENCH_MARKJS_EXACT_TERMS', 250);
/** Use tests/fixtures/pages even when the corpus is there (to try the fallback). */
const USE_CORPUS = hasCorpus && env.NCR_BENCH_FIXTURES !== '1';
const PROFILE = env.NCR_BENCH_PROFILE === '1';
const TRACE = env.NCR_BENCH_TRACE !== '0';

/** On top of the project's quiet-Chromium flags. */
const BENCH_ARGS = [
  ...(CHROMIUM_ARGS as string[]),
  // Pages ask for ads, fonts and embeds on other hosts: fail those at once (no DNS wait) so a
  // load ends when the page's own bytes are in, the same way with and without the extension.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  // Failed cross-site iframes otherwise get processes of their own, and ending a trace then
  // waits ~5 s for them. The page's own renderer is unaffected.
  '--disable-site-isolation-trials',
];

const TARGETS = { p95MainMs: 10, floorMultiple: 3, longestTaskMs: 16, heapMB: 5, markjsMultiple: 20 };

function intEnv(name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, not ${JSON.stringify(v)}`);
  return n;
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const log = (msg: string) => process.stderr.write(`${msg}\n`);

// ---- the extension ---------------------------------------------------------------------------

/** The chrome-mv3 folder to load: $NCR_EXTENSION_DIR, or a fresh build into a temp folder. */
function extensionDir(): { dir: string; temp: string | null } {
  if (env.NCR_EXTENSION_DIR) {
    const dir = resolve(env.NCR_EXTENSION_DIR);
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`NCR_EXTENSION_DIR=${dir} holds no manifest.json`);
    return { dir, temp: null };
  }
  const out = mkdtempSync(join(tmpdir(), 'ncr-bench-ext-'));
  const args = ['wxt', 'build'];
  if (PROFILE) {
    // Same config, unminified, so the profile names the functions.
    const config = join(out, 'wxt.bench.config.ts');
    writeFileSync(
      config,
      `import base from ${JSON.stringify(join(ROOT, 'wxt.config.ts'))};\n` +
        `export default { ...base, vite: async (e: any) => ({ ...(await (base as any).vite?.(e)), build: { minify: false } }) };\n`,
    );
    args.push('-c', config);
  }
  log(`building the extension into ${out} (npx ${args.join(' ')}) …`);
  const r = spawnSync('npx', args, { cwd: ROOT, env: { ...env, NCR_OUT_DIR: out }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`extension build failed:\n${r.stdout}\n${r.stderr}`);
  return { dir: join(out, 'chrome-mv3'), temp: out };
}

// ---- measuring -------------------------------------------------------------------------------

interface Heap {
  js: number;
  dom: number;
  buffers: number;
}

async function heapAfterGc(cdp: CDPSession): Promise<Heap> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const h = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number; backingStorageSize?: number };
  return { js: h.usedSize, dom: h.embedderHeapUsedSize ?? 0, buffers: h.backingStorageSize ?? 0 };
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const r = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(r.metrics.map((m) => [m.name, m.value]));
}

/**
 * Wait, without running anything in the page, until it has gone quiet: CDP ScriptDuration and
 * JSHeapUsedSize unchanged and TaskDuration grown by under 1 ms, over `polls` polls 100 ms
 * apart (and, when `started` is given, only once it resolved: the content script's world exists).
 * A heuristic: a renderer starved of CPU also looks quiet, so the caller checks afterwards.
 */
async function settle(cdp: CDPSession, started: Promise<unknown> | null, polls = 2, timeoutMs = 8_000): Promise<Record<string, number>> {
  const t0 = Date.now();
  let ready = started === null;
  void started?.then(() => (ready = true));
  let last: Record<string, number> | null = null;
  let stable = 0;
  for (;;) {
    await sleep(100);
    const m = await metrics(cdp);
    const quiet =
      last !== null &&
      m.ScriptDuration === last.ScriptDuration &&
      m.JSHeapUsedSize === last.JSHeapUsedSize &&
      (m.TaskDuration! - last.TaskDuration!) * 1000 < 1;
    stable = ready && quiet ? stable + 1 : 0;
    last = m;
    if (stable >= polls || Date.now() - t0 > timeoutMs) return m;
  }
}

interface FloorResult {
  /** The first read (cold: creates the nodes' JS wrappers). */
  ms: number;
  /** Average of repeated reads. */
  warm: number;
  chars: number;
  nodes: number;
}

interface MarkResult {
  ms: number;
  marks: number;
  error?: string | null;
}

interface Row {
  name: string;
  kb: number;
  stats: PageStats | null;
  trace: TraceFigures | null;
  scriptDeltaMs: number | null;
  taskDeltaMs: number | null;
  heapAdded: Heap | null;
  floor: FloorResult | null;
  markRegExp: MarkResult | null;
  exactly: (MarkResult & { terms: number; scaledMs: number }) | null;
  notes: string[];
}

const heapMB = (h: Heap | null) => (h ? (h.js + h.dom + h.buffers) / 2 ** 20 : null);
/** The figures the targets are judged on: the outside (trace) ones, or without a trace the content script's own. */
const mainMs = (r: Row) => (TRACE ? r.trace?.mainThreadMs : r.stats?.mainThreadMs) ?? null;
const longMs = (r: Row) => (TRACE ? r.trace?.longestTaskMs : r.stats?.longestTaskMs) ?? null;
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? a / b : null);

interface WithExtension {
  trace: TraceFigures | null;
  stats: PageStats | null;
  heap: Heap | null;
  scriptMs: number;
  taskMs: number;
  /** The content script's own figures changed after the trace ended. */
  outlived: boolean;
  notes: string[];
}

/** One page in a new tab of the browser with the extension: trace, page.stats, heap. */
async function measureWithExtension(
  ctx: BrowserContext,
  extPage: Page,
  url: string,
  name: string,
  extensionOrigin: string,
  profiles: ProfileTotals,
  quietPolls: number,
): Promise<WithExtension> {
  const out: WithExtension = { trace: null, stats: null, heap: null, scriptMs: NaN, taskMs: NaN, outlived: false, notes: [] };
  let page: Page | null = null;
  try {
    page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('Runtime.enable');
    const world = new Promise<void>((ok) =>
      cdp.on('Runtime.executionContextCreated', (e: { context: { origin?: string; name?: string } }) => {
        if (e.context.origin?.startsWith('chrome-extension://') || e.context.name === 'News Context Reader') ok();
      }),
    );
    if (TRACE) await startTrace(cdp);
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    let m = await settle(cdp, Promise.race([world, sleep(3_000)]), quietPolls);
    // Marks wait for the article's zones, found off the page: the page is idle meanwhile, so
    // "quiet" is not "done". page.stats counts a full scan once it is painted (older builds
    // count it when it starts: this returns at once for them).
    await page.bringToFront();
    for (let k = 0; k < 40; k++) {
      const s = await extPage.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        return tab ? chrome.tabs.sendMessage(tab.id!, { channel: 'ncr/1', type: 'page.stats', payload: {} }) : null;
      });
      if (!s?.ok || s.value.scans > 0) break;
      await sleep(250);
      m = await settle(cdp, Promise.resolve(), quietPolls);
    }
    out.scriptMs = (m.ScriptDuration ?? NaN) * 1000;
    out.taskMs = (m.TaskDuration ?? NaN) * 1000;
    if (TRACE) {
      const { events, profile } = await stopTrace(cdp);
      if (env.NCR_BENCH_TRACE_DIR) {
        writeFileSync(join(env.NCR_BENCH_TRACE_DIR, `${name}.json`), JSON.stringify({ traceEvents: events }));
        writeFileSync(join(env.NCR_BENCH_TRACE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
      }
      profiles.add(profile, extensionOrigin);
      out.trace = analyzeTrace(events, profile, extensionOrigin, url);
      if (!out.trace) out.notes.push('no content script in the trace');
    }
    await page.bringToFront();
    const ask = async (): Promise<PageStats | null> => {
      const reply = await extPage.evaluate(async () => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        if (!tab) return { ok: false, error: 'no active tab' };
        return chrome.tabs.sendMessage(tab.id, { channel: 'ncr/1', type: 'page.stats', payload: {} });
      });
      if (reply?.ok) return reply.value as PageStats;
      out.notes.push(`page.stats: ${reply?.error ?? 'no reply'}`);
      return null;
    };
    const key = (s: PageStats | null) => (s ? `${s.scans}|${s.textNodes}|${s.marks}|${s.mainThreadMs}` : '');
    out.stats = await ask();
    // The scan is over when its figures hold still.
    for (let k = 0; k < 30 && out.stats; k++) {
      await sleep(150);
      const again = await ask();
      if (key(again) === key(out.stats)) break;
      out.stats = again;
      out.outlived = true;
    }
    out.heap = await heapAfterGc(cdp);
  } catch (err) {
    out.notes.push(`with extension: ${(err as Error).message.split('\n')[0]}`);
  } finally {
    await page?.close();
  }
  return out;
}

async function main(): Promise<void> {
  const began = Date.now();
  const loadStart = loadavg()[0]!;
  const pagesDir = USE_CORPUS ? CORPUS_PAGES : FIXTURE_PAGES;
  const names = readdirSync(pagesDir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -'.html'.length))
    .filter((n) => !ONLY || ONLY.test(n))
    .sort();
  if (!names.length) throw new Error(`no pages in ${pagesDir}${ONLY ? ` matching ${ONLY}` : ''}`);

  const glossary = benchGlossary(ROOT, pagesDir, GLOSSARY_ALIASES);
  const ext = extensionDir();
  const markjs = readFileSync(join(ROOT, 'node_modules/mark.js/dist/mark.min.js'), 'utf8');
  const sorted = [...glossary.aliases].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const markjsRegExp = { source: `\\b(?:${sorted.map(escapeRegExp).join('|')})\\b`, flags: 'gi' };

  const server = await startServer();
  const urlOf = (name: string) => (USE_CORPUS ? server.url(`/corpus/${name}.html`) : server.url(`/${name}.html`));
  const profileDir = mkdtempSync(join(tmpdir(), 'ncr-bench-profile-'));
  const executablePath = ensureChromium() as string;
  let ctx: BrowserContext | null = null;
  let plain: Browser | null = null;
  const profiles = new ProfileTotals();

  try {
    ctx = await chromium.launchPersistentContext(profileDir, {
      executablePath,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [`--disable-extensions-except=${ext.dir}`, `--load-extension=${ext.dir}`, ...BENCH_ARGS],
    });
    plain = await chromium.launch({ executablePath, headless: true, args: BENCH_ARGS });
    const plainCtx = await plain.newContext({ viewport: { width: 1280, height: 900 } });

    const worker = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const extensionOrigin = `chrome-extension://${extensionId}/`;
    const extPage = await ctx.newPage();
    await extPage.goto(`${extensionOrigin}options.html`);
    const send = (type: string, payload: unknown) => sendRaw(extPage, envelope(type, payload));

    // The glossary, through the protocol, as the options page imports a file.
    let t = performance.now();
    const imported = await send('glossary.import', { text: glossary.fileText });
    if (!imported?.ok) throw new Error(`glossary import failed: ${imported?.error}`);
    const importMs = performance.now() - t;
    // The background compiles and decodes it once, on the first page.start; tabs never receive it.
    const startProbe = () =>
      extPage.evaluate(async (message) => {
        const t0 = performance.now();
        const r = await chrome.runtime.sendMessage(message);
        return { ms: performance.now() - t0, bytes: JSON.stringify(r).length, ok: r?.ok === true };
      }, envelope('page.start', { pageUrl: 'https://example.org/' }));
    const firstStart = await startProbe();
    const againStart = await startProbe();

    // Warm-up, not counted: one page in each browser (caches, the background's first answers).
    const warmUrl = server.url('/seed-article.html');
    for (const c of [ctx, plainCtx]) {
      const p = await c.newPage();
      await p.goto(warmUrl, { waitUntil: 'load' });
      await sleep(700);
      await p.close();
    }

    const rows: Row[] = [];
    for (const [i, name] of names.entries()) {
      const row: Row = {
        name,
        kb: statSync(join(pagesDir, `${name}.html`)).size / 1024,
        stats: null,
        trace: null,
        scriptDeltaMs: null,
        taskDeltaMs: null,
        heapAdded: null,
        floor: null,
        markRegExp: null,
        exactly: null,
        notes: [],
      };
      rows.push(row);
      const url = urlOf(name);
      const pageBegan = Date.now();
      let withHeap: Heap | null = null;
      let withScript = NaN;
      let withTask = NaN;

      // 1. With the extension: trace the load, then ask the content script for its figures. If
      // its figures still move after the trace ended (the scan outlived it: a busy machine can
      // starve the renderer long enough to look quiet), measure the page again, waiting longer.
      for (let attempt = 1; attempt <= 2; attempt++) {
        const r = await measureWithExtension(ctx, extPage, url, name, extensionOrigin, profiles, attempt === 1 ? 2 : 8);
        row.notes = attempt === 1 ? r.notes : ['scan outlived the trace once: measured again', ...r.notes];
        row.trace = r.trace;
        row.stats = r.stats;
        withHeap = r.heap;
        withScript = r.scriptMs;
        withTask = r.taskMs;
        if (!r.outlived) break;
        if (attempt === 2) row.notes.push('scan outlived the trace again: its trace figures are partial');
      }

      // 2. Without it: the same page's heap and ScriptDuration, the floor, mark.js.
      let page: Page | null = null;
      try {
        page = await plainCtx.newPage();
        const cdp = await plainCtx.newCDPSession(page);
        await cdp.send('Performance.enable');
        // The same instruments as with the extension (the profiler keeps some memory of its own).
        if (TRACE) await startTrace(cdp);
        await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
        const m = await settle(cdp, null);
        if (TRACE) await stopTrace(cdp);
        const withoutHeap = await heapAfterGc(cdp);
        if (withHeap) {
          row.heapAdded = { js: withHeap.js - withoutHeap.js, dom: withHeap.dom - withoutHeap.dom, buffers: withHeap.buffers - withoutHeap.buffers };
        }
        row.scriptDeltaMs = withScript - (m.ScriptDuration ?? NaN) * 1000;
        row.taskDeltaMs = withTask - (m.TaskDuration ?? NaN) * 1000;
        row.floor = (await page.evaluate(FLOOR_JS)) as FloorResult;
        await page.addScriptTag({ content: markjs });
        row.markRegExp = (await page.evaluate(markRegExpJs(markjsRegExp.source, markjsRegExp.flags))) as MarkResult;
      } catch (err) {
        row.notes.push(`without extension: ${(err as Error).message.split('\n')[0]}`);
      } finally {
        await page?.close();
      }
      log(
        `[${i + 1}/${names.length}] ${name}: content script ${fmt(row.trace?.mainThreadMs)} ms (self ${fmt(row.stats?.mainThreadMs)}), ` +
          `floor ${fmt(row.floor?.ms, 2)} ms, mark.js ${fmt(row.markRegExp?.ms, 0)} ms [${fmt((Date.now() - pageBegan) / 1000)} s]${row.notes.length ? ` — ${row.notes.join('; ')}` : ''}`,
      );
    }

    // 3. mark.js's exactly mode: one pass per term, so a sample of the terms on a few pages of
    // different sizes, its time scaled to the full glossary.
    const exactRows: Row[] = [];
    if (EXACT_PAGES > 0) {
      const bySize = rows.filter((r) => r.floor).sort((a, b) => a.floor!.chars - b.floor!.chars);
      for (let k = 0; k < Math.min(EXACT_PAGES, bySize.length); k++) {
        const r = bySize[Math.floor(((k + 1) / (EXACT_PAGES + 2)) * bySize.length)] ?? bySize[k]!;
        if (!exactRows.includes(r)) exactRows.push(r);
      }
      const step = Math.max(1, Math.ceil(glossary.aliases.length / EXACT_TERMS));
      const terms = glossary.aliases.filter((_, j) => j % step === 0);
      for (const r of exactRows) {
        const page = await plainCtx.newPage();
        try {
          await page.goto(urlOf(r.name), { waitUntil: 'load', timeout: 30_000 });
          await page.addScriptTag({ content: markjs });
          let timer: ReturnType<typeof setTimeout> | undefined;
          const res = (await Promise.race([
            page.evaluate(markExactlyJs(terms)),
            new Promise((ok) => (timer = setTimeout(() => ok({ ms: NaN, marks: 0, error: 'over 90 s' }), 90_000))),
          ]).finally(() => clearTimeout(timer))) as MarkResult;
          r.exactly = { ...res, terms: terms.length, scaledMs: (res.ms * glossary.aliases.length) / terms.length };
          log(`mark.js exactly, ${terms.length} terms, ${r.name}: ${fmt(res.ms, 0)} ms${res.error ? ` (${res.error})` : ''}`);
        } catch (err) {
          r.notes.push(`mark.js exactly: ${(err as Error).message.split('\n')[0]}`);
        } finally {
          await page.close();
        }
      }
    }

    if (env.NCR_BENCH_JSON) writeFileSync(env.NCR_BENCH_JSON, JSON.stringify({ glossary: { aliases: glossary.aliases.length, entities: glossary.entities }, rows }, null, 1));
    report({ rows, exactRows, glossary, importMs, firstStart, againStart, pagesDir, elapsedS: (Date.now() - began) / 1000, profiles, browserVersion: plain.version(), load: [loadStart, loadavg()[0]!] });
  } finally {
    await ctx?.close().catch(() => {});
    await plain?.close().catch(() => {});
    await server.close();
    rmSync(profileDir, { recursive: true, force: true });
    if (ext.temp && env.NCR_BENCH_KEEP !== '1') rmSync(ext.temp, { recursive: true, force: true });
  }
}

// ---- output ----------------------------------------------------------------------------------

function report(o: {
  rows: Row[];
  exactRows: Row[];
  glossary: ReturnType<typeof benchGlossary>;
  importMs: number;
  firstStart: { ms: number; bytes: number; ok: boolean };
  againStart: { ms: number; bytes: number; ok: boolean };
  pagesDir: string;
  elapsedS: number;
  profiles: ProfileTotals;
  browserVersion: string;
  load: number[];
}): void {
  const { rows, glossary } = o;
  const out: string[] = [];
  const say = (s = '') => out.push(s);

  say('News Context Reader — page benchmark (npm run bench:page)');
  say(
    USE_CORPUS
      ? `Pages: ${rows.length} from ${o.pagesDir} (served with their <script>s stripped).`
      : `Pages: ${rows.length} from ${o.pagesDir} — ${hasCorpus ? 'NCR_BENCH_FIXTURES=1' : '../shared/corpus is absent'}, so the project's own fixture pages stand in: these figures are not comparable with corpus runs.`,
  );
  say(
    `Glossary: ${glossary.aliases.length.toLocaleString('en-US')} aliases of ${glossary.entities.toLocaleString('en-US')} entities ` +
      `(${glossary.realAliases.toLocaleString('en-US')} real names: curated + harvested from the pages), imported in ${fmt(o.importMs, 0)} ms. ` +
      `The background's first page.start (compiles it) took ${fmt(o.firstStart.ms, 0)} ms, later ones ${fmt(o.againStart.ms, 0)} ms; ` +
      `each new tab receives ${fmt(o.firstStart.bytes / 1024, 1)} KB at start (the glossary stays in the background: tabs send their text, page.match).`,
  );
  say(`Chromium ${o.browserVersion} (${ensureChromium()}), headless, 1280×900.${PROFILE ? ' Extension built unminified (NCR_BENCH_PROFILE=1).' : ''}`);
  const cores = availableParallelism();
  const busy = o.load.some((l) => l > cores);
  say(
    `Machine: ${cores} CPUs; load average ${o.load.map((l) => fmt(l, 1)).join(' → ')} (start → end)` +
      (busy ? ' — BUSY: other processes competed for the CPU, so wall-clock figures are inflated; the trace\'s CPU time is the steadier guide.' : '.'),
  );
  say();

  const cols1: Column<Row>[] = [
    { title: 'page', cell: (r) => r.name + (r.notes.length ? ' *' : '') },
    { title: 'KB', cell: (r) => fmt(r.kb, 0), value: (r) => r.kb, digits: 0 },
    { title: 'chars', cell: (r) => fmt(r.stats?.characters, 0), value: (r) => r.stats?.characters, digits: 0 },
    { title: 'marks', cell: (r) => fmt(r.stats?.marks, 0), value: (r) => r.stats?.marks, digits: 0 },
    { title: '1st paint', cell: (r) => fmt(r.stats?.firstPaintMs), value: (r) => r.stats?.firstPaintMs },
    { title: 'painted', cell: (r) => fmt(r.trace?.paintedMs), value: (r) => r.trace?.paintedMs },
    { title: 'main self', cell: (r) => fmt(r.stats?.mainThreadMs), value: (r) => r.stats?.mainThreadMs },
    { title: 'main trace', cell: (r) => fmt(r.trace?.mainThreadMs), value: (r) => r.trace?.mainThreadMs },
    { title: 'cpu trace', cell: (r) => fmt(r.trace?.cpuMs), value: (r) => r.trace?.cpuMs },
    { title: 'eval', cell: (r) => fmt(r.trace?.evaluateMs), value: (r) => r.trace?.evaluateMs },
    { title: 'reply', cell: (r) => fmt(r.trace?.replyMs), value: (r) => r.trace?.replyMs },
    { title: 'long self', cell: (r) => fmt(r.stats?.longestTaskMs), value: (r) => r.stats?.longestTaskMs },
    { title: 'long trace', cell: (r) => fmt(r.trace?.longestTaskMs), value: (r) => r.trace?.longestTaskMs },
    { title: 'long cpu', cell: (r) => fmt(r.trace?.longestTaskCpuMs), value: (r) => r.trace?.longestTaskCpuMs },
    { title: '>16ms', cell: (r) => fmt(r.trace?.over16, 0), value: (r) => r.trace?.over16, digits: 0 },
    { title: 'heap MB', cell: (r) => fmt(heapMB(r.heapAdded), 2), value: (r) => heapMB(r.heapAdded), digits: 2 },
  ];
  say('The content script on each page (times in ms; "self" = its own page.stats, "trace" = measured from outside)');
  say(table(rows, cols1));
  say();

  const cols2: Column<Row>[] = [
    { title: 'page', cell: (r) => r.name },
    { title: 'text nodes', cell: (r) => fmt(r.floor?.nodes, 0), value: (r) => r.floor?.nodes, digits: 0 },
    { title: 'floor', cell: (r) => fmt(r.floor?.ms, 2), value: (r) => r.floor?.ms, digits: 2 },
    { title: 'warm', cell: (r) => fmt(r.floor?.warm, 3), value: (r) => r.floor?.warm, digits: 3 },
    { title: TRACE ? 'ours (trace)' : 'ours (self)', cell: (r) => fmt(mainMs(r)), value: mainMs },
    { title: '× floor', cell: (r) => fmt(ratio(mainMs(r), r.floor?.ms)), value: (r) => ratio(mainMs(r), r.floor?.ms) },
    ...(TRACE ? [{ title: 'ours (self)', cell: (r: Row) => fmt(r.stats?.mainThreadMs), value: (r: Row) => r.stats?.mainThreadMs }] : []),
    { title: 'mark.js RegExp', cell: (r) => fmt(r.markRegExp?.ms, 0), value: (r) => r.markRegExp?.ms, digits: 0 },
    { title: 'its marks', cell: (r) => fmt(r.markRegExp?.marks, 0), value: (r) => r.markRegExp?.marks, digits: 0 },
    { title: 'mark.js ÷ ours', cell: (r) => fmt(ratio(r.markRegExp?.ms, mainMs(r))), value: (r) => ratio(r.markRegExp?.ms, mainMs(r)) },
  ];
  say('Against the floor and mark.js (same pages, in a browser without the extension; ms)');
  say(table(rows, cols2));
  say();

  say('Cross-check of the content script\'s main-thread time (ms): its own figure, the trace, and CDP Performance.getMetrics with minus without the extension');
  say(
    table(rows, [
      { title: 'page', cell: (r) => r.name },
      { title: 'self', cell: (r) => fmt(r.stats?.mainThreadMs), value: (r) => r.stats?.mainThreadMs },
      { title: 'trace wall', cell: (r) => fmt(r.trace?.mainThreadMs), value: (r) => r.trace?.mainThreadMs },
      { title: 'trace cpu', cell: (r) => fmt(r.trace?.cpuMs), value: (r) => r.trace?.cpuMs },
      { title: 'eval cpu', cell: (r) => fmt(r.trace?.evaluateCpuMs), value: (r) => r.trace?.evaluateCpuMs },
      { title: 'trace ÷ self', cell: (r) => fmt(ratio(r.trace?.mainThreadMs, r.stats?.mainThreadMs)), value: (r) => ratio(r.trace?.mainThreadMs, r.stats?.mainThreadMs) },
      { title: 'ΔScriptDuration', cell: (r) => fmt(r.scriptDeltaMs), value: (r) => r.scriptDeltaMs },
      { title: 'ΔTaskDuration', cell: (r) => fmt(r.taskDeltaMs), value: (r) => r.taskDeltaMs },
      { title: 'samples', cell: (r) => fmt(r.trace?.samples, 0), value: (r) => r.trace?.samples, digits: 0 },
    ]),
  );
  say();

  if (o.exactRows.length) {
    const e = o.exactRows[0]!.exactly;
    say(
      `mark.js mark(terms, { accuracy: 'exactly', separateWordSearch: false }) — ${e ? e.terms : '?'} of the ${glossary.aliases.length.toLocaleString('en-US')} terms ` +
        `(every ${e ? Math.round(glossary.aliases.length / e.terms) : '?'}th); it makes one RegExp and one pass over the text per term, so the full glossary's time is scaled linearly`,
    );
    say(
      table(
        o.exactRows,
        [
          { title: 'page', cell: (r) => r.name },
          { title: 'chars', cell: (r) => fmt(r.floor?.chars, 0) },
          { title: 'sample ms', cell: (r) => fmt(r.exactly?.ms, 0) },
          { title: 'its marks', cell: (r) => fmt(r.exactly?.marks, 0) },
          { title: 'all terms ≈ ms', cell: (r) => fmt(r.exactly?.scaledMs, 0) },
          { title: 'markRegExp ms', cell: (r) => fmt(r.markRegExp?.ms, 0) },
          { title: 'ours (trace)', cell: (r) => fmt(mainMs(r)) },
          { title: 'note', cell: (r) => r.exactly?.error ?? '', align: 'left' },
        ],
        false,
      ),
    );
    say();
  }

  const noted = rows.filter((r) => r.notes.length);
  if (noted.length) {
    say('* Notes');
    for (const r of noted) say(`  ${r.name}: ${r.notes.join('; ')}`);
    say();
  }

  // Targets.
    const self = (f: (s: PageStats) => number | null) => rows.map((r) => (r.stats ? f(r.stats) : null)).filter((x): x is number => x !== null);
  const floors = rows.map((r) => r.floor?.ms).filter((x): x is number => x !== undefined);
  const floorMedian = median(floors);
  const heaps = rows.map((r) => heapMB(r.heapAdded)).filter((x): x is number => x !== null);
  const faster = rows
    .map((r) => {
      const ours = mainMs(r);
      const candidates = [r.markRegExp?.ms, r.exactly?.scaledMs].filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
      return ours && candidates.length ? Math.min(...candidates) / ours : null;
    })
    .filter((x): x is number => x !== null);
  const fasterSelf = rows
    .map((r) => (r.stats?.mainThreadMs && r.markRegExp ? r.markRegExp.ms / r.stats.mainThreadMs : null))
    .filter((x): x is number => x !== null);
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const lines: [string, string, string, boolean][] = [];
  const primary = (f: (r: Row) => number | null) => rows.map(f).filter((x): x is number => x !== null);
  const p95 = quantile(primary(mainMs), 0.95);
  lines.push([
    `content script main-thread p95 ≤ ${TARGETS.p95MainMs} ms`,
    `${fmt(p95)} ms`,
    `${fmt(quantile(self((s) => s.mainThreadMs), 0.95))} ms`,
    p95 <= TARGETS.p95MainMs,
  ]);
  const med = median(primary(mainMs));
  const medSelf = median(self((s) => s.mainThreadMs));
  lines.push([
    `main-thread median ≤ ${TARGETS.floorMultiple}× floor (floor median ${fmt(floorMedian, 2)} ms → ≤ ${fmt(floorMedian * TARGETS.floorMultiple, 2)} ms)`,
    `${fmt(med)} ms = ${fmt(med / floorMedian)}×`,
    `${fmt(medSelf)} ms = ${fmt(medSelf / floorMedian)}×`,
    med <= floorMedian * TARGETS.floorMultiple,
  ]);
  const longest = max(primary(longMs));
  lines.push([
    `longest task ≤ ${TARGETS.longestTaskMs} ms (worst page; p95 ${fmt(quantile(primary(longMs), 0.95))} ms)`,
    `${fmt(longest)} ms`,
    `${fmt(max(self((s) => s.longestTaskMs)))} ms`,
    longest <= TARGETS.longestTaskMs,
  ]);
  const heapMax = max(heaps);
  lines.push([
    `heap added ≤ ${TARGETS.heapMB} MB per tab (worst page; median ${fmt(median(heaps), 2)} MB)`,
    `${fmt(heapMax, 2)} MB`,
    '—',
    heapMax <= TARGETS.heapMB,
  ]);
  const fasterMed = median(faster);
  lines.push([
    `≥ ${TARGETS.markjsMultiple}× faster than mark.js's faster mode (median of pages; worst page ${fmt(min(faster))}×)`,
    `${fmt(fasterMed)}×`,
    `${fmt(median(fasterSelf))}×`,
    fasterMed >= TARGETS.markjsMultiple,
  ]);
  say(
    TRACE
      ? "Targets (issue 4), judged on the outside (trace) figures; the content script's own figures beside them"
      : "Targets (issue 4), judged on the content script's own figures (NCR_BENCH_TRACE=0: no outside measure)",
  );
  say(
    table(
      lines,
      [
        { title: 'target', cell: (l) => l[0], align: 'left' },
        { title: 'measured', cell: (l) => l[1] },
        { title: 'self-reported', cell: (l) => l[2] },
        { title: '', cell: (l) => verdict(l[3]), align: 'left' },
      ],
      false,
    ),
  );
  say();

  const heapParts = rows.map((r) => r.heapAdded).filter((h): h is Heap => h !== null);
  say('How these were measured');
  say('  1st paint   page.stats firstPaintMs: from main() of the content script (after its bundle is compiled and evaluated) to the first marks handed to CSS.highlights.');
  say('  painted     trace: from the start of content.js evaluation to the end of the first frame committed after the glossary scan\'s last task.');
  say("  main self   page.stats mainThreadMs: the content script's CostMeter — reading slices (with sending each part), paint slices and");
  say('              highlight commits, suggestion painting; not bundle evaluation, the arrival of replies, other message handling or GC.');
  say(`  main trace  a light Chromium trace of the load (task boundaries only) with V8's sampling profiler (every ${SAMPLING_INTERVAL_US} µs) running alongside: the sum`);
  say('              of the whole tasks on the page\'s main thread in which the extension\'s code was sampled or ran microtasks (see page-trace.ts), wall');
  say('              clock. This is what the page feels, and what the targets are judged on. cpu trace: the same tasks\' thread CPU time, steadier on a');
  say('              busy machine. (DevTools\' usual trace categories were not used: they log every call into JavaScript, which doubled the scan\'s time.)');
  say('              Tracing and sampling still cost the page something (the content script\'s own figures rise too); NCR_BENCH_TRACE=0 runs without them.');
  say('  ΔScript-    CDP Performance.getMetrics ScriptDuration / TaskDuration, with the extension minus without, same page, read when the page went quiet.');
  say('  /ΔTask      ScriptDuration leaves out microtasks (most of the scan runs after an await); TaskDuration carries the noise of the whole page load.');
  say('  eval        trace: the task that compiled and evaluated content.js (module initialisation and the synchronous start of main()).');
  say('  reply       trace: the next task, where the page.start reply arrives (a few settings), and the first reading slice (which sends the first part).');
  say('  long        the longest single task (trace, wall) / slice (self); long cpu: the most thread CPU one task took (the steadier figure on a busy machine); >16ms: tasks over a 60 Hz frame.');
  say('  heap MB     renderer heap after two forced GCs (CDP HeapProfiler.collectGarbage, Runtime.getHeapUsage), with the extension minus without, same page:');
  say(
    `              V8 heap + Blink heap (Ranges, Highlights) + ArrayBuffer backing stores. Medians: V8 ${fmt(median(heapParts.map((h) => h.js / 2 ** 20)), 2)} MB, ` +
      `Blink ${fmt(median(heapParts.map((h) => h.dom / 2 ** 20)), 2)} MB, buffers ${fmt(median(heapParts.map((h) => h.buffers / 2 ** 20)), 2)} MB. Retained memory, not the peak during the scan.`,
  );
  say('  floor       a bare TreeWalker(SHOW_TEXT) read of every text node under <body> except script/style/noscript/template, in the page (main world, no');
  say('              filter callback, no visibility check), the first time JavaScript touches the page, as the content script does (it pays for the nodes\' JS');
  say('              wrappers). warm: the same read repeated over ≥ 20 ms and averaged, once the wrappers exist (the page\'s clock ticks in 0.1 ms steps).');
  say('  mark.js     dist/mark.min.js added to the page; markRegExp(/\\b(?:…10,000 escaped aliases, longest first…)\\b/gi), timed from building the RegExp to');
  say('              its return (JavaScript only, like "ours"); a fresh page load for each mode.');
  say("  Chromium runs with --disable-site-isolation-trials and external hosts unresolvable (see BENCH_ARGS); each page gets a new tab, closed after.");
  say();

  if (PROFILE && o.profiles.total > 0) {
    say(`CPU profile of the content script, all pages (self time incl. native calls made from each function; ${fmt(o.profiles.total, 0)} ms sampled)`);
    for (const [k, v] of o.profiles.top(30)) say(`  ${fmt(v, 1).padStart(8)} ms  ${fmt((100 * v) / o.profiles.total, 1).padStart(5)}%  ${k}`);
    say('Inclusive (the function anywhere on the stack)');
    for (const [k, v] of o.profiles.top(40, true)) say(`  ${fmt(v, 1).padStart(8)} ms  ${fmt((100 * v) / o.profiles.total, 1).padStart(5)}%  ${k}`);
    say();
  }
  say(`Run took ${fmt(o.elapsedS, 0)} s.`);
  console.log(out.join('\n'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
