/**
 * `npm run bench:stress`: the two hostile-size pages of docs/security.md — 100,000 text nodes,
 * and one 2 MB text node — loaded with the built extension and the sample glossary. Prints the
 * page's long tasks (PerformanceObserver 'longtask', which sees every task over 50 ms on the
 * page's main thread, the extension's included) with and without the extension, and the
 * content script's own longest slice; and the trace's list of the long tasks on the page's renderer
 * (scripts/bench/stress-trace.ts), which names the drawer's. Target: no task over 50 ms from the
 * extension.
 * A benchmark, not a test: timings depend on the machine.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execSync } from 'node:child_process';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
// @ts-expect-error plain ESM helper
import { ensureChromium, CHROMIUM_ARGS } from '../browsers.mjs';
import { envelope } from '../../lib/messaging/envelope';
import { sendRaw } from '../../tests/e2e/messages';
import { formatLongTasks, longestDrawerCpu, tracedLongTasks, type LongTask } from './stress-trace';

const ROOT = resolve(import.meta.dirname, '../..');
const NAMES = ['Maryam Rajavi', 'the MEK', 'Hassan Rouhani', 'Ali Khamenei', 'the IRGC', 'Emmanuel Macron'];

function manyNodes(): string {
  const parts: string[] = [];
  for (let i = 0; i < 50_000; i++) parts.push(`<span>word ${i} ${NAMES[i % NAMES.length]}</span><b> and </b>`);
  return `<!doctype html><html><head><meta charset="utf-8"><title>100,000 text nodes</title></head><body><div>${parts.join('')}</div></body></html>`;
}

function hugeNode(): string {
  const sentence = 'In a long report, Maryam Rajavi answered Hassan Rouhani while the MEK waited. ';
  const text = sentence.repeat(Math.ceil(2_000_000 / sentence.length)).slice(0, 2_000_000);
  return `<!doctype html><html><head><meta charset="utf-8"><title>One 2 MB text node</title></head><body><p>${text}</p></body></html>`;
}

const PAGES: Record<string, string> = { '/many-nodes.html': manyNodes(), '/huge-node.html': hugeNode() };

/** The page's long tasks as it sees them, and the trace's list of them (with what ran inside). */
async function longTasks(page: Page, url: string, extensionOrigin: string | null): Promise<{ seen: number[]; traced: LongTask[] }> {
  await page.addInitScript(() => {
    (window as unknown as { __long: number[] }).__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (window as unknown as { __long: number[] }).__long.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await page.context().newCDPSession(page);
  const traced = await tracedLongTasks(cdp, url, extensionOrigin, async () => {
    // The 2 MB page can take long to load on a loaded machine: wait for its load, not a fixed
    // navigation timeout, then give the extension time to scan and draw.
    await page.goto(url, { timeout: 0, waitUntil: 'load' });
    await page.waitForTimeout(8_000);
  });
  await cdp.detach();
  return { seen: await page.evaluate(() => (window as unknown as { __long: number[] }).__long), traced };
}

async function main() {
  const executablePath = ensureChromium();
  const ext = process.env.NCR_EXTENSION_DIR ?? join(ROOT, 'dist/chrome-mv3');
  if (!process.env.NCR_EXTENSION_DIR) execSync('npx wxt build', { cwd: ROOT, stdio: 'ignore' });
  const server = createServer((req, res) => {
    const body = PAGES[req.url ?? ''];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;

  const dir = await mkdtemp(join(tmpdir(), 'ncr-stress-'));
  const withExt: BrowserContext = await chromium.launchPersistentContext(dir, {
    executablePath,
    headless: true,
    args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, ...CHROMIUM_ARGS],
  });
  const worker = withExt.serviceWorkers()[0] ?? (await withExt.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const options = await withExt.newPage();
  await options.goto(`chrome-extension://${id}/options.html`);
  const text = await readFile(join(ROOT, 'tests/fixtures/sample-glossary.json'), 'utf8');
  await sendRaw(options, envelope('glossary.import', { text }));
  const plain = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });

  console.log('page                 long tasks without   long tasks with extension   longest self-reported slice   drawer task (CPU)   marks   verdict (self, drawer)   extra outside tasks');
  let failed = false;
  const lists: string[] = [];
  for (const path of Object.keys(PAGES)) {
    const url = `http://127.0.0.1:${port}${path}`;
    const without = await longTasks(await plain.newPage(), url, null);
    const base = without.seen;
    const page = await withExt.newPage();
    const withIt = await longTasks(page, url, `chrome-extension://${id}/`);
    const tasks = withIt.seen;
    lists.push(`${path} without the extension:\n${formatLongTasks(without.traced)}`, `${path} with it:\n${formatLongTasks(withIt.traced)}`);
    await page.bringToFront();
    const tabId = await options.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
    const stats = (await options.evaluate(([tabId, stats]) => chrome.tabs.sendMessage(tabId!, stats), [tabId, envelope('page.stats', {})] as const)).value;
    // The page's own long tasks (parsing, layout of 2 MB) appear without the extension too; the
    // ones beyond that count are candidates for the extension's (its start-up: bundle
    // evaluation, the page.start reply, the discovery message), which this script cannot
    // attribute without a trace (bench:page does). The verdict is on the extension's own
    // slices, and the extra outside tasks are printed beside it.
    const extra = [...tasks].sort((a, b) => b - a).slice(0, Math.max(0, tasks.length - base.length));
    // The drawer (overlay.js) draws in tasks of its own and in the page's frames, outside the
    // content script's self-report: judged on the trace's CPU time of the tasks it ran in.
    const drawerCpu = longestDrawerCpu(withIt.traced);
    const ok = stats.longestTaskMs <= 50 && drawerCpu <= 50;
    failed ||= !ok;
    const fmt = (l: number[]) => (l.length ? `${l.length}: ${l.map((d) => d.toFixed(0)).join(', ')} ms` : 'none');
    console.log(
      `${path.padEnd(20)} ${fmt(base).padEnd(20)} ${fmt(tasks).padEnd(27)} ${stats.longestTaskMs.toFixed(1).padStart(8)} ms${''.padEnd(19)} ${drawerCpu ? `${drawerCpu.toFixed(0)} ms`.padStart(8) : '   < 50 ms'}${''.padEnd(10)} ${String(stats.marks).padStart(6)}   ${(ok ? 'PASS' : 'FAIL').padEnd(22)} ${extra.length ? extra.map((d) => d.toFixed(0)).join(', ') + ' ms' : 'none'}`,
    );
  }
  console.log(`\nThe trace's tasks of 50 ms or more on the page's renderer main thread (from the trace's start; wall, CPU; ours×N: samples`);
  console.log('with the extension\'s code on the stack; then the biggest events inside, ms inclusive):');
  console.log(lists.join('\n'));
  console.log('\nTarget (issue 7): no task over 50 ms from the extension on either page.');
  console.log('Verdict on the content script\'s own slices (scan, paint: wall clock, its CostMeter) and on the trace\'s CPU time of');
  console.log('the tasks the marks\' drawer ran in (drawer×N). "extra outside tasks": long tasks seen with the');
  console.log('extension beyond the number seen without it — possibly the extension\'s start-up, not attributed here.');
  await withExt.close();
  await plain.close();
  server.close();
  await rm(dir, { recursive: true, force: true });
  process.exitCode = failed ? 1 : 0;
}

void main();
