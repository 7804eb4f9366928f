/**
 * Playwright fixtures: a real Chromium with the built extension (dist/chrome-mv3) loaded, a
 * fresh profile per test (so the extension's IndexedDB starts empty), and the fixture server.
 */
import { test as base, expect, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer, type StaticServer } from './server';
import { centreOfText, selectTextInPage } from './page-text';
import { send } from './messages';
import { overlayTexts, GLOSSARY_LOOK } from './content-world';
// @ts-expect-error plain ESM helper shared with scripts/
import { ensureChromium, CHROMIUM_ARGS } from '../../scripts/browsers.mjs';

export const EXTENSION_DIR = process.env.NCR_EXTENSION_DIR
  ? resolve(process.env.NCR_EXTENSION_DIR)
  : resolve(import.meta.dirname, '../../dist/chrome-mv3');
export const FIXTURES = resolve(import.meta.dirname, '../fixtures');

export { CHROMIUM_ARGS };

export async function launchWithExtension(
  userDataDir: string,
  extensionDir = EXTENSION_DIR,
  extraArgs: readonly string[] = [],
): Promise<BrowserContext> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npm run build\` first.`);
  }
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: ensureChromium(),
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...extraArgs, ...CHROMIUM_ARGS],
  });
}

export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

export type ExtensionFixtures = { context: BrowserContext; extensionId: string; extensionPage: Page };
type WorkerFixtures = { server: StaticServer };

/**
 * The per-test extension fixtures, for any launcher: a fresh profile (so the extension's
 * IndexedDB starts empty), the extension's id from its service worker, and an extension page
 * (options) for talking to the background through the real protocol. The attack tests use it with
 * their own launcher (tests/e2e/attack-harness.ts).
 */
export function extensionFixtures(launch: (userDataDir: string) => Promise<BrowserContext>, profilePrefix = 'ncr-profile-') {
  return {
    context: async ({}, use: (c: BrowserContext) => Promise<void>) => {
      const dir = await mkdtemp(join(tmpdir(), profilePrefix));
      const context = await launch(dir);
      await use(context);
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
    extensionId: async ({ context }: { context: BrowserContext }, use: (id: string) => Promise<void>) => {
      const worker = await serviceWorkerOf(context);
      await use(new URL(worker.url()).host);
    },
    extensionPage: async ({ context, extensionId }: { context: BrowserContext; extensionId: string }, use: (p: Page) => Promise<void>) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/options.html`);
      await use(page);
      await page.close();
    },
  };
}

export const test = base.extend<ExtensionFixtures, WorkerFixtures>({
  server: [
    async ({}, use) => {
      const server = await startServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  ...extensionFixtures((dir) => launchWithExtension(dir)),
});

export { expect };

/** Typed protocol messages from an extension page (messages.ts). */
export { send };

/** The sample glossary, imported as the options page does: preview, then commit (every duplicate merged). */
export async function importSampleGlossary(page: Page): Promise<void> {
  const text = await readFile(join(FIXTURES, 'sample-glossary.json'), 'utf8');
  const preview = await send(page, 'import.preview', { text });
  if (!preview.ok || !preview.value.valid) throw new Error(`sample glossary import failed: ${preview.error ?? (preview.value.valid ? '' : preview.value.errors.join('; '))}`);
  const reply = await send(page, 'import.commit', { token: preview.value.token, text, choices: { default: 'merge' } });
  if (!reply.ok) throw new Error(`sample glossary import failed: ${reply.error}`);
}

/**
 * Glossary marks are drawn by the overlay with the look "<style> <type>" (lib/dom/overlay.ts);
 * suggestions ("suggestion") and saved quotes ("quote") are counted by their own tests. The page
 * cannot list them: tests read them in the content script's world (content-world.ts).
 */
export const ENTITY_MARK_NAME = GLOSSARY_LOOK;

/** Number of glossary marks painted, per look ("underline person": n), as the extension drew them. */
export async function paintedMarks(page: Page): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [look, texts] of Object.entries(await overlayTexts(page, GLOSSARY_LOOK))) out[look] = texts.length;
  return out;
}

export async function totalMarks(page: Page): Promise<number> {
  const marks = await paintedMarks(page);
  return Object.values(marks).reduce((a, b) => a + b, 0);
}

/** Centre of the n-th occurrence of `text` in the page (for hovering a mention). */
export async function pointOfText(page: Page, text: string, nth = 0): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(centreOfText, [text, nth] as const);
  if (!p) throw new Error(`text not found on page: ${text}`);
  return p;
}

/** Select `text` in the page, as a reader's drag would. */
export async function selectText(page: Page, text: string): Promise<void> {
  if (!(await page.evaluate(selectTextInPage, text))) throw new Error(`not found: ${text}`);
}

/**
 * The id of the tab showing `page`, as the extension sees it. The extension has no `tabs`
 * permission (it never needs tab URLs), so the tab is found the way the real popup finds it:
 * as the active tab, after bringing it to the front.
 */
export async function tabIdOf(extensionPage: Page, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await extensionPage.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  if (typeof id !== 'number') throw new Error(`no active tab for ${page.url()}`);
  return id;
}

/** Texts of every painted glossary mark by entity type ("person", "organization", ...). */
export async function markedTexts(page: Page): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [look, texts] of Object.entries(await overlayTexts(page, GLOSSARY_LOOK))) (out[look.split(' ').pop()!] ??= []).push(...texts);
  return out;
}

/** Wait until marks are painted and their number has settled (scans run in slices). */
export async function waitForMarks(page: Page): Promise<number> {
  await expect.poll(() => totalMarks(page)).toBeGreaterThan(0);
  let last = -1;
  for (;;) {
    const n = await totalMarks(page);
    if (n === last) return n;
    last = n;
    await page.waitForTimeout(250);
  }
}
