/**
 * `npm start`: build the extension, open Chromium with it loaded, import the sample glossary
 * and open the bundled sample article. With a display the browser stays open for you; without
 * one (a server, CI) it runs headless and writes screenshots — article with marks, tooltip
 * open, popup, options — to a folder it prints.
 */
import { execSync } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startServer } from '../tests/e2e/server';
import { centreOfText } from '../tests/e2e/page-text';
// @ts-expect-error plain ESM helper
import { ensureChromium, CHROMIUM_ARGS } from './browsers.mjs';
import { overlayTexts } from '../tests/e2e/content-world';
import { send } from '../tests/e2e/messages';

const ROOT = resolve(import.meta.dirname, '..');
const EXT = join(ROOT, 'dist/chrome-mv3');
const headless = process.env.HEADLESS === '1' || !process.env.DISPLAY;
const shotsDir = resolve(process.env.SCREENSHOTS_DIR ?? join(ROOT, 'screenshots'));

async function main() {
  const executablePath = ensureChromium();
  console.log('Building the extension…');
  execSync('npx wxt build', { cwd: ROOT, stdio: 'inherit' });

  const server = await startServer();
  const profile = join(ROOT, '.cache/start-profile');
  await rm(profile, { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless,
    viewport: headless ? { width: 1280, height: 860 } : null,
    args: [`--disable-extensions-except=${EXT}`, `--load-extension=${EXT}`, ...CHROMIUM_ARGS],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extId = new URL(worker.url()).host;

  // The sample glossary goes in through the same message the options page's import uses.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extId}/options.html`);
  const text = await readFile(join(ROOT, 'tests/fixtures/sample-glossary.json'), 'utf8');
  const reply = await send(options, 'glossary.import', { text });
  if (!reply?.ok) throw new Error(`sample glossary import failed: ${reply?.error}`);
  console.log(`Sample glossary imported (${reply.value.added} entities).`);

  // A second article read first, so the tooltip has an "also in" link to show.
  const article = await context.newPage();
  await article.goto(server.url('second-article.html'));
  await waitForMarks(article);
  await article.goto(server.url('seed-article.html'));
  await waitForMarks(article);
  await article.bringToFront();

  if (!headless) {
    console.log(`\nChromium is open on ${server.url('seed-article.html')} with the extension loaded.`);
    console.log('Hover an underlined name. Close the browser window to stop.');
    await new Promise<void>((done) => context.on('close', () => done()));
    await server.close();
    return;
  }

  await mkdir(shotsDir, { recursive: true });
  await article.screenshot({ path: join(shotsDir, '1-article-marks.png') });
  await hover(article, 'People’s Mojahedin Organization of Iran');
  await article.screenshot({ path: join(shotsDir, '2-tooltip.png') });

  // The extension has no `tabs` permission: find the article's tab as the active one.
  await article.bringToFront();
  const tabId = await options.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(`chrome-extension://${extId}/popup.html?tabId=${tabId}`);
  await popup.waitForTimeout(600);
  await popup.screenshot({ path: join(shotsDir, '3-popup.png') });

  await options.setViewportSize({ width: 1100, height: 800 });
  await options.reload();
  await options.waitForTimeout(600);
  await options.screenshot({ path: join(shotsDir, '4-options.png') });

  console.log(`\nNo display: ran headless. Screenshots written to ${shotsDir}:`);
  for (const f of ['1-article-marks.png', '2-tooltip.png', '3-popup.png', '4-options.png']) console.log(`  ${join(shotsDir, f)}`);
  await context.close();
  await server.close();
}

/** Marks are drawn where the page cannot list them: asked in the content script's world (CDP). */
async function waitForMarks(page: Page) {
  const started = Date.now();
  while (Object.keys(await overlayTexts(page)).length === 0) {
    if (Date.now() - started > 15_000) throw new Error('the sample article was not marked');
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(300); // drawn on the next frames
}

async function hover(page: Page, text: string) {
  const point = await page.evaluate(centreOfText, [text, 0] as const);
  if (!point) throw new Error(`not on the page: ${text}`);
  await page.mouse.move(point.x, point.y);
  await page.waitForTimeout(1200);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
