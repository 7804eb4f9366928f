/**
 * `npm run bench:cold` — what a stopped service worker costs a page: navigation to the first
 * mark with the background running (warm) and just after it was stopped (cold), in Chromium
 * with the built extension, at 10,000 and 100,000 entities (issue 13 §5: a stopped worker may
 * add at most 100 ms at 10,000 entities and 250 ms at 100,000). Not a timed test: it prints
 * its figures and the targets.
 *
 * For each glossary size, a fresh profile: the glossary is imported through the protocol (as
 * the options page does), the background compiles it, then for each page and run:
 *  - cold: every service worker is stopped (CDP ServiceWorker.stopAllWorkers, as Chromium
 *    stops an idle one), then the page is opened in a new tab; the content script's page.start
 *    wakes the background, which must load the glossary before it can answer;
 *  - warm: the same page again in a new tab, the background still running.
 * Navigation to first mark: the page's clock (0 = navigation start) in the first animation
 * frame in which the overlay holds a mark to draw. Marks are boxes in a closed shadow root
 * (lib/dom/overlay.ts) that the page cannot see, so the probe runs where the tests read them: in
 * the content script's isolated world, reached from outside through CDP (Runtime.evaluate in
 * that execution context as soon as it is created), polling the overlay's entries once per
 * frame. Nothing is added to the build and nothing runs in the page's own world: a page learns
 * nothing from it. Figures step by frames.
 * The breakdown comes from the background's own User Timing entries (lib/background/timings.ts),
 * read from the worker after the run: worker start (its time origin to the end of its script),
 * glossary load, page.start and page.match (the sum over the page's parts).
 *
 * Options: `-- --sizes=10000` (comma-separated entity counts; default 10000,100000).
 * Environment:
 *   NCR_EXTENSION_DIR=path   use this built chrome-mv3 folder instead of building one
 *   NCR_BENCH_PAGES=regex    pages: corpus names, fixture pages as fixtures/<name> (default bbc-1,
 *                            nytimes-1, wapo-1 of ../shared/corpus and fixtures/seed-article, a
 *                            small page that loads fast; without the corpus, the fixture only)
 *   NCR_COLD_RUNS=n          cold/warm pairs per page (default 5)
 */
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer, hasCorpus, CORPUS_PAGES, FIXTURE_PAGES, type StaticServer } from '../../tests/e2e/server';
// @ts-expect-error plain ESM helper shared with scripts/
import { ensureChromium, CHROMIUM_ARGS } from '../browsers.mjs';
import { benchEntityGlossary } from './page-glossary';
import { fmt, max, median, table } from './page-report';
import { stageText, timedMessage } from './extension-page';

const ROOT = resolve(import.meta.dirname, '../..');
const env = process.env;
const TARGET_MS: Record<number, number> = { 10_000: 100, 100_000: 250 };
const RUNS = Number(env.NCR_COLD_RUNS ?? 5);
const SIZES = (process.argv.find((a) => a.startsWith('--sizes='))?.slice('--sizes='.length) ?? '10000,100000')
  .split(',')
  .map((s) => Number(s.replace(/_/g, '')));
if (SIZES.some((n) => !Number.isInteger(n) || n <= 0) || !Number.isInteger(RUNS) || RUNS < 1) {
  throw new Error('usage: npm run bench:cold [-- --sizes=10000,100000] (NCR_COLD_RUNS=n, n ≥ 1)');
}
/** Corpus pages by name, the project's fixture pages as `fixtures/<name>` (a small page that loads fast). */
const PAGE_FILTER = env.NCR_BENCH_PAGES ? new RegExp(env.NCR_BENCH_PAGES) : /^(bbc-1|nytimes-1|wapo-1|fixtures\/seed-article)$/;
const PAGES_DIR = hasCorpus ? CORPUS_PAGES : FIXTURE_PAGES;

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const log = (msg: string) => process.stderr.write(`${msg}\n`);

/** The chrome-mv3 folder: $NCR_EXTENSION_DIR, or a fresh build into a temp folder. */
function extensionDir(): { dir: string; temp: string | null } {
  if (env.NCR_EXTENSION_DIR) {
    const dir = resolve(env.NCR_EXTENSION_DIR);
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`NCR_EXTENSION_DIR=${dir} holds no manifest.json`);
    return { dir, temp: null };
  }
  const out = mkdtempSync(join(tmpdir(), 'ncr-bench-ext-'));
  log(`building the extension into ${out} …`);
  const r = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, env: { ...env, NCR_OUT_DIR: out }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`extension build failed:\n${r.stdout}\n${r.stderr}`);
  return { dir: join(out, 'chrome-mv3'), temp: out };
}

/**
 * Runs in the content script's isolated world (evaluated there through CDP): the page's clock in
 * the first frame in which the overlay holds a mark (the drawer draws it in that frame's
 * animation callbacks). The overlay's entries are a global of that world only (page-reader.ts).
 */
const FIRST_MARK_PROBE = `(() => {
  const poll = () => {
    const entries = globalThis[Symbol.for('news-context-reader/overlay-marks')];
    const marks = typeof entries === 'function' ? entries() : [];
    if (marks.some(([, look]) => look !== 'suggestion' && look !== 'quote' && look !== 'focus')) { globalThis.__ncrFirstMark = performance.now(); return; }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();`;

/**
 * The content script's world of `page`'s main frame, watched through CDP: `probe` is evaluated
 * in it as soon as it is created; `read` evaluates an expression there (undefined before).
 */
async function contentWorld(page: Page, probe: string): Promise<{ read: (expression: string) => Promise<unknown>; dispose: () => Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  let contextId: number | undefined;
  cdp.on('Runtime.executionContextCreated', (e: { context: { id: number; name: string; auxData?: { type?: string; isDefault?: boolean; frameId?: string } } }) => {
    const c = e.context;
    // The content script runs in the top frame only (no all_frames): its one world on the page.
    if (c.auxData?.type !== 'isolated' || c.name !== 'News Context Reader' || contextId !== undefined) return;
    contextId = c.id;
    void cdp.send('Runtime.evaluate', { expression: probe, contextId }).catch(() => {});
  });
  await cdp.send('Runtime.enable');
  return {
    read: async (expression) => {
      if (contextId === undefined) return undefined;
      const r = (await cdp.send('Runtime.evaluate', { expression, contextId, returnByValue: true }).catch(() => null)) as { result?: { value?: unknown } } | null;
      return r?.result?.value;
    },
    dispose: () => cdp.detach().catch(() => {}),
  };
}

interface WorkerTimings {
  /** The worker's time origin, ms after the page's navigation start. */
  origin: number;
  /** ncr:background-ready, ms after the worker's time origin (null: this worker started earlier). */
  ready: number | null;
  /** The glossary loads of this worker's lifetime (the last one). */
  load: { ms: number; source: string; readMs?: number; checkMs?: number; decodeMs?: number } | null;
  pageStart: number | null;
  /** When the page's page.start reached the background, ms after the page's navigation start. */
  pageStartAt: number | null;
  pageMatch: number;
  /** The page's discover.page (suggestions, after the marks), or null when none was answered. */
  discover: number | null;
}

interface Visit {
  firstMarkMs: number | null;
  worker: WorkerTimings | null;
}

interface PageResult {
  name: string;
  cold: Visit[];
  warm: Visit[];
}

interface SizeResult {
  entities: number;
  aliases: number;
  importMs: number;
  storage: { before: number; after: number };
  image: { records: number; bytes: number };
  pages: PageResult[];
}

/** The extension's service worker (the one running now), waiting for it to start if needed. */
async function currentWorker(ctx: BrowserContext, origin: string, timeoutMs = 10_000): Promise<Worker | null> {
  const t0 = Date.now();
  for (;;) {
    const w = ctx.serviceWorkers().find((sw) => sw.url().startsWith(origin));
    if (w) {
      try {
        await w.evaluate(() => 1);
        return w;
      } catch {
        /* stopped meanwhile */
      }
    }
    if (Date.now() - t0 > timeoutMs) return null;
    await sleep(50);
  }
}

/** The background's timings of the page just loaded (entries after `since`, worker clock). */
async function workerTimings(worker: Worker, pageOrigin: number, since: number): Promise<WorkerTimings> {
  const raw = await worker.evaluate(() => ({
    origin: performance.timeOrigin,
    entries: performance
      .getEntries()
      .filter((e) => e.name.startsWith('ncr:'))
      .map((e) => ({ name: e.name, start: e.startTime, duration: e.duration, detail: (e as PerformanceMeasure).detail as Record<string, unknown> | null })),
  }));
  const after = raw.entries.filter((e) => e.start + raw.origin >= since);
  const ready = raw.entries.find((e) => e.name === 'ncr:background-ready');
  const load = after.filter((e) => e.name === 'ncr:glossary-load').at(-1);
  const pageStart = after.find((e) => e.name === 'ncr:page.start');
  const discover = after.find((e) => e.name === 'ncr:discover.page');
  return {
    origin: raw.origin - pageOrigin,
    ready: ready && ready.start + raw.origin >= since ? ready.start : null,
    load: load
      ? {
          ms: load.duration,
          source: String(load.detail?.source ?? '?'),
          readMs: load.detail?.readMs as number | undefined,
          checkMs: load.detail?.checkMs as number | undefined,
          decodeMs: load.detail?.decodeMs as number | undefined,
        }
      : null,
    pageStart: pageStart?.duration ?? null,
    pageStartAt: pageStart ? pageStart.start + raw.origin - pageOrigin : null,
    pageMatch: after.filter((e) => e.name === 'ncr:page.match').reduce((s, e) => s + e.duration, 0),
    discover: discover?.duration ?? null,
  };
}

/**
 * Open `url` in a new tab and wait for its first mark, then for the background to have answered
 * the page's discover.page (sent once the scan is over): the next visit finds the worker idle.
 * `beforeNavigation` runs once the tab exists (opening a tab wakes the worker too): a cold visit
 * stops the worker there, so that it is the navigation that finds it stopped, as when a reader
 * follows a link; its timings are then every entry of the worker that starts.
 */
async function visit(ctx: BrowserContext, url: string, origin: string, beforeNavigation?: () => Promise<void>): Promise<Visit> {
  const page = await ctx.newPage();
  try {
    const world = await contentWorld(page, FIRST_MARK_PROBE);
    await beforeNavigation?.();
    await page.goto(url, { waitUntil: 'commit', timeout: 30_000 });
    const pageOrigin = await page.evaluate(() => performance.timeOrigin);
    let firstMarkMs: number | null = null;
    for (const t0 = Date.now(); firstMarkMs === null; await sleep(100)) {
      const v = await world.read('globalThis.__ncrFirstMark');
      if (typeof v === 'number') firstMarkMs = v;
      else if (Date.now() - t0 > 30_000) throw new Error(`no mark on ${url} within 30 s`);
    }
    await world.dispose();
    let timings: WorkerTimings | null = null;
    for (const t0 = Date.now(); Date.now() - t0 < 30_000; ) {
      await sleep(200);
      const worker = await currentWorker(ctx, origin);
      timings = worker ? await workerTimings(worker, pageOrigin, beforeNavigation ? -Infinity : pageOrigin) : null;
      if (timings?.discover !== null && timings?.discover !== undefined) break;
    }
    return { firstMarkMs, worker: timings };
  } finally {
    await page.close();
  }
}

/** Every service worker's running status, from CDP ServiceWorker.workerVersionUpdated. */
function watchWorkers(cdp: CDPSession): Map<string, string> {
  const status = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { versionId: string; runningStatus: string }[] }) => {
    for (const v of e.versions) status.set(v.versionId, v.runningStatus);
  });
  return status;
}

async function stopWorkers(cdp: CDPSession, status: Map<string, string>): Promise<void> {
  await cdp.send('ServiceWorker.stopAllWorkers');
  for (let k = 0; k < 100; k++) {
    if ([...status.values()].every((s) => s === 'stopped')) return;
    await sleep(20);
  }
  log('  (a worker was not reported stopped 2 s after stopAllWorkers)');
}

/** The extension's storage use (navigator.storage.estimate from one of its pages), in bytes. */
async function storageUsed(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? NaN);
}

/**
 * The stored glossary image (lib/storage/glossary-image.ts: `meta` records under glossaryImage…)
 * as V8 serialises it for IndexedDB: its strings' characters, one byte each when all are
 * Latin-1, else two; 0 without an image (a build that keeps none).
 */
async function imageBytes(page: Page): Promise<{ records: number; bytes: number }> {
  return page.evaluate(
    () =>
      new Promise<{ records: number; bytes: number }>((resolve, reject) => {
        const open = indexedDB.open('news-context-reader');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('meta').objectStore('meta').getAll(IDBKeyRange.bound('glossaryImage', 'glossaryImage/\uffff'));
          get.onerror = () => reject(get.error);
          get.onsuccess = () => {
            // (No named inner function: tsx would wrap it in a helper the page does not have.)
            let bytes = 0;
            const stack: unknown[] = [get.result];
            while (stack.length) {
              const v = stack.pop();
              if (typeof v === 'string') bytes += v.length * (/[^\u0000-\u00ff]/.test(v) ? 2 : 1);
              else if (typeof v === 'number') bytes += 8;
              else if (v && typeof v === 'object') stack.push(...Object.values(v));
            }
            db.close();
            resolve({ records: get.result.length, bytes });
          };
        };
      }),
  );
}

async function settleStorage(page: Page): Promise<number> {
  let last = await storageUsed(page);
  for (let k = 0; k < 60; k++) {
    await sleep(500);
    const now = await storageUsed(page);
    if (now === last) return now;
    last = now;
  }
  return last;
}

async function benchSize(entities: number, extDir: string, server: StaticServer, pages: string[]): Promise<SizeResult> {
  const glossary = benchEntityGlossary(ROOT, PAGES_DIR, entities);
  const profile = mkdtempSync(join(tmpdir(), 'ncr-bench-cold-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: ensureChromium() as string,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`, ...(CHROMIUM_ARGS as string[]), '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  try {
    const sw = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
    const origin = `chrome-extension://${new URL(sw.url()).host}/`;
    const ext = await ctx.newPage();
    await ext.goto(`${origin}options.html`);
    const storageBefore = await settleStorage(ext);
    await stageText(ext, glossary.fileText);
    // The import's reply comes once the background has compiled the new glossary.
    const importMs = (await timedMessage(ext, 'glossary.import', {}, { withText: true, pick: [] })).ms;
    await ext.evaluate(() => delete (globalThis as { benchText?: string }).benchText);
    // Whatever the background writes after compiling (off the answer's path) lands first: the
    // image of the imported glossary (ncr:glossary-save of its revision; a build that stores none
    // never says so, hence the limit).
    const revision = (await timedMessage(ext, 'page.start', { pageUrl: 'https://example.org/' }, { pick: ['revision'] })).value.revision as number;
    for (const t0 = Date.now(); Date.now() - t0 < 15_000; await sleep(200)) {
      const worker = await currentWorker(ctx, origin);
      const saved = (rev: number) =>
        performance.getEntriesByName('ncr:glossary-save').some((e) => {
          const d = (e as PerformanceMeasure).detail as { revision?: number; outcome?: string } | null;
          return d?.revision === rev && d.outcome === 'saved';
        });
      if (worker && (await worker.evaluate(saved, revision))) break;
    }
    const storageAfter = await settleStorage(ext);
    const image = await imageBytes(ext);
    log(`${entities.toLocaleString('en-US')} entities: imported in ${fmt(importMs, 0)} ms, storage ${fmt(storageBefore / 2 ** 20, 1)} → ${fmt(storageAfter / 2 ** 20, 1)} MB`);
    // No extension page stays open during the runs: nothing but the tabs wakes the worker.
    await ext.goto('about:blank');
    const cdp = await ctx.newCDPSession(ext);
    const status = watchWorkers(cdp);
    await cdp.send('ServiceWorker.enable');

    const results: PageResult[] = [];
    for (const name of pages) {
      const url = name.startsWith('fixtures/') ? server.url(`/${name.slice('fixtures/'.length)}.html`) : server.url(`/corpus/${name}.html`);
      // Warm-up, not counted: the page's bytes, the renderer, the background's first answers.
      await visit(ctx, url, origin);
      const r: PageResult = { name, cold: [], warm: [] };
      for (let run = 0; run < RUNS; run++) {
        r.cold.push(
          await visit(ctx, url, origin, async () => {
            await stopWorkers(cdp, status);
            await sleep(300);
          }),
        );
        r.warm.push(await visit(ctx, url, origin));
      }
      const c = median(r.cold.map((v) => v.firstMarkMs ?? NaN));
      const w = median(r.warm.map((v) => v.firstMarkMs ?? NaN));
      log(`  ${name}: first mark warm ${fmt(w, 0)} ms, cold ${fmt(c, 0)} ms (+${fmt(c - w, 0)} ms)`);
      results.push(r);
    }
    return { entities, aliases: glossary.aliases.length, importMs, storage: { before: storageBefore, after: storageAfter }, image, pages: results };
  } finally {
    await ctx.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
}

function report(results: SizeResult[], browserLine: string, load: number[]): void {
  const out: string[] = [];
  const say = (s = '') => out.push(s);
  say('News Context Reader — cold start benchmark (npm run bench:cold)');
  say(`${browserLine}; ${RUNS} cold/warm pairs per page; pages from ${hasCorpus ? CORPUS_PAGES : '(../shared/corpus is absent)'} and fixtures/ (tests/fixtures/pages).`);
  const cores = availableParallelism();
  say(`Machine: ${cores} CPUs; load average ${load.map((l) => fmt(l, 1)).join(' → ')}${load.some((l) => l > cores) ? ' — BUSY: wall-clock figures are inflated' : ''}.`);
  say();
  const lines: [string, string, string, boolean][] = [];
  for (const s of results) {
    say(
      `${s.entities.toLocaleString('en-US')} entities (${s.aliases.toLocaleString('en-US')} aliases): import (with its compile) ${fmt(s.importMs, 0)} ms; IndexedDB ${fmt(s.storage.after / 2 ** 20, 2)} MB ` +
        `(${fmt((s.storage.after - s.storage.before) / 2 ** 20, 2)} MB added by the import), of which the stored glossary image ${fmt(s.image.bytes / 2 ** 20, 2)} MB in ${s.image.records} records`,
    );
    type Row = { name: string; warm: Visit[]; cold: Visit[] };
    const med = (vs: Visit[], f: (v: Visit) => number | null | undefined) => median(vs.map((v) => f(v) ?? NaN));
    // Each cold visit is followed by a warm one: their difference is taken pair by pair (the
    // machine's load changes less within a pair than across the run).
    const pairs = (r: Row) => r.cold.map((c, i) => (c.firstMarkMs ?? NaN) - (r.warm[i]?.firstMarkMs ?? NaN));
    const penalty = (r: Row) => median(pairs(r));
    say(
      table<Row>(s.pages, [
        { title: 'page', cell: (r) => r.name },
        { title: 'warm', cell: (r) => fmt(med(r.warm, (v) => v.firstMarkMs), 0), value: (r) => med(r.warm, (v) => v.firstMarkMs), digits: 0 },
        { title: 'cold', cell: (r) => fmt(med(r.cold, (v) => v.firstMarkMs), 0), value: (r) => med(r.cold, (v) => v.firstMarkMs), digits: 0 },
        { title: 'added', cell: (r) => fmt(penalty(r), 0), value: penalty, digits: 0 },
        { title: 'worker start', cell: (r) => fmt(med(r.cold, (v) => v.worker?.ready)), value: (r) => med(r.cold, (v) => v.worker?.ready) },
        { title: 'glossary load', cell: (r) => fmt(med(r.cold, (v) => v.worker?.load?.ms)), value: (r) => med(r.cold, (v) => v.worker?.load?.ms) },
        { title: 'from', cell: (r) => [...new Set(r.cold.map((v) => v.worker?.load?.source ?? '?'))].join('/'), align: 'left' },
        { title: 'read', cell: (r) => fmt(med(r.cold, (v) => v.worker?.load?.readMs)), value: (r) => med(r.cold, (v) => v.worker?.load?.readMs) },
        { title: 'check', cell: (r) => fmt(med(r.cold, (v) => v.worker?.load?.checkMs)), value: (r) => med(r.cold, (v) => v.worker?.load?.checkMs) },
        { title: 'decode', cell: (r) => fmt(med(r.cold, (v) => v.worker?.load?.decodeMs)), value: (r) => med(r.cold, (v) => v.worker?.load?.decodeMs) },
        { title: 'page.start at', cell: (r) => fmt(med(r.cold, (v) => v.worker?.pageStartAt), 0), value: (r) => med(r.cold, (v) => v.worker?.pageStartAt), digits: 0 },
        { title: 'page.start cold', cell: (r) => fmt(med(r.cold, (v) => v.worker?.pageStart)), value: (r) => med(r.cold, (v) => v.worker?.pageStart) },
        { title: 'warm', cell: (r) => fmt(med(r.warm, (v) => v.worker?.pageStart)), value: (r) => med(r.warm, (v) => v.worker?.pageStart) },
        { title: 'match cold', cell: (r) => fmt(med(r.cold, (v) => v.worker?.pageMatch)), value: (r) => med(r.cold, (v) => v.worker?.pageMatch) },
        { title: 'warm', cell: (r) => fmt(med(r.warm, (v) => v.worker?.pageMatch)), value: (r) => med(r.warm, (v) => v.worker?.pageMatch) },
        { title: 'discover cold', cell: (r) => fmt(med(r.cold, (v) => v.worker?.discover), 0), value: (r) => med(r.cold, (v) => v.worker?.discover), digits: 0 },
        { title: 'warm', cell: (r) => fmt(med(r.warm, (v) => v.worker?.discover), 0), value: (r) => med(r.warm, (v) => v.worker?.discover), digits: 0 },
        { title: 'worker launched at', cell: (r) => fmt(med(r.cold, (v) => v.worker?.origin), 0), value: (r) => med(r.cold, (v) => v.worker?.origin), digits: 0 },
      ]),
    );
    say();
    const added = s.pages.flatMap(pairs);
    const target = TARGET_MS[s.entities];
    if (target !== undefined) {
      const m = median(added);
      lines.push([
        `a stopped worker adds ≤ ${target} ms at ${s.entities.toLocaleString('en-US')} entities (median of ${added.length} pairs; worst page ${fmt(max(s.pages.map(penalty)), 0)} ms)`,
        `${fmt(m, 0)} ms`,
        `${fmt(target, 0)} ms`,
        m <= target,
      ]);
    }
  }
  if (lines.length) {
    say('Targets (issue 13 §5)');
    say(
      table(
        lines,
        [
          { title: 'target', cell: (l) => l[0], align: 'left' },
          { title: 'measured', cell: (l) => l[1] },
          { title: 'limit', cell: (l) => l[2] },
          { title: '', cell: (l) => (l[3] ? 'PASS' : 'FAIL'), align: 'left' },
        ],
        false,
      ),
    );
    say();
  }
  say('How these were measured (ms; medians of the runs)');
  say('  warm, cold      navigation start to the first animation frame in which the overlay holds a mark (the page\'s clock; read in the content');
  say('                  script\'s world through CDP), with the background running / just after ServiceWorker.stopAllWorkers; added = cold − warm');
  say('                  of each cold visit and the warm one after it.');
  say('  worker start    the new worker\'s time origin to the end of its script (ncr:background-ready).');
  say('  glossary load   the background\'s ncr:glossary-load: reading what it needs and getting the matcher ready; from: stored (its saved');
  say('                  image) or compiled (every entity read and compiled); from the image: read (one transaction), check (versions,');
  say('                  revision, checksums), decode (the matcher\'s tables).');
  say('  page.start      at: when the page\'s page.start reached the background (cold visits), after navigation start; cold / warm: how');
  say('                  long the background took to answer it (cold: what was left of the glossary load then).');
  say('  match           the background\'s page.match handling for the page, summed over its parts.');
  say('  discover        the background\'s discover.page for the page (suggestions, sent once its scan is over; not on the way to the first');
  say('                  mark); each visit waits for it, so the next one finds the background idle.');
  say('  worker launched when the worker\'s clock started, after the page\'s navigation start: a tab that starts loading wakes it');
  say('                  (tabs.onUpdated), and it loads the glossary while the page loads.');
  say('  IndexedDB       navigator.storage.estimate() of the extension before the import and once it holds still after it (the database\'s');
  say('                  files, with what compaction has not reclaimed yet); the image: its records\' strings, 1 byte a character (2 when not Latin-1).');
  console.log(out.join('\n'));
}

async function main(): Promise<void> {
  const load0 = loadavg()[0]!;
  const htmlIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -'.html'.length)) : []);
  const pages = [...(hasCorpus ? htmlIn(CORPUS_PAGES) : []), ...htmlIn(FIXTURE_PAGES).map((n) => `fixtures/${n}`)].filter((n) => PAGE_FILTER.test(n)).sort();
  if (!pages.length) throw new Error(`no pages matching ${PAGE_FILTER}${hasCorpus ? '' : ' (../shared/corpus is absent)'}`);
  const ext = extensionDir();
  const server = await startServer();
  const results: SizeResult[] = [];
  let browserLine = '';
  try {
    const probe = await chromium.launch({ executablePath: ensureChromium() as string, headless: true, args: CHROMIUM_ARGS as string[] });
    browserLine = `Chromium ${probe.version()}, headless`;
    await probe.close();
    for (const n of SIZES) results.push(await benchSize(n, ext.dir, server, pages));
  } finally {
    await server.close();
    if (ext.temp) rmSync(ext.temp, { recursive: true, force: true });
  }
  report(results, browserLine, [load0, loadavg()[0]!]);
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
