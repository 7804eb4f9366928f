/**
 * What the in-browser benches (store, store-notes, notes, cold) share: the built extension in a
 * throwaway Chromium profile with one of its own pages open, and messages sent from that page
 * in the protocol's envelope, timed where the options page or popup would wait for them.
 */
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs module without types
import { CHROMIUM_ARGS } from '../browsers.mjs';
import { envelope, type Envelope } from '../../lib/messaging/envelope';

export interface ExtensionPage {
  context: BrowserContext;
  worker: Worker;
  page: Page;
  /** The profile's folder: the CPU of its processes is read by it (bench:store). */
  profile: string;
  close(): Promise<void>;
}

/**
 * The extension built in `extDir`, in a new profile under `profile` (a fresh temporary folder
 * when absent, removed by `close`), with `path` (options.html, popup.html) open.
 */
export async function openExtensionPage(executablePath: string, extDir: string, path: string, profile?: string): Promise<ExtensionPage> {
  const dir = profile ?? (await mkdtemp(join(tmpdir(), 'ncr-bench-profile-')));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    headless: true,
    args: [`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`, ...(CHROMIUM_ARGS as string[])],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const page = await context.newPage();
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/${path}`);
  return {
    context,
    worker,
    page,
    profile: dir,
    async close() {
      await context.close();
      if (!profile) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A file's text put in the extension page once, outside any timing, as reading a File would. */
export async function stageText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => ((globalThis as { benchText?: string }).benchText = t), text);
}

export interface Timed {
  /** The round trip as the extension page sees it. */
  ms: number;
  value: any;
}

export interface TimedOptions {
  /** The staged text (stageText) goes in the payload as `text`, so a large file crosses CDP once. */
  withText?: boolean;
  /**
   * Dotted paths read from the reply in the page (e.g. `text.length`, `files.length`): a reply
   * holding a whole export is not copied back to Node. `value` is then `{ [path]: value }`.
   */
  pick?: readonly string[];
}

/** One message from the extension page, timed there; throws when the background refuses it. */
export async function timedMessage(page: Page, type: string, payload: unknown, options: TimedOptions = {}): Promise<Timed> {
  const reply = await page.evaluate(
    // No named helpers in here: tsx's __name wrapper does not exist in the page.
    async ([message, withText, pick]) => {
      const sent = withText ? { ...message, payload: { ...(message.payload as object), text: (globalThis as { benchText?: string }).benchText } } : message;
      const t0 = performance.now();
      const r = await chrome.runtime.sendMessage(sent);
      const ms = performance.now() - t0;
      if (!r?.ok) return { ms, error: String(r?.error ?? 'no reply') };
      const value = pick ? Object.fromEntries(pick.map((p) => [p, p.split('.').reduce((o: any, k) => o?.[k], r.value)])) : r.value;
      return { ms, value };
    },
    [envelope(type, payload), options.withText ?? false, options.pick ?? null] as [Envelope, boolean, readonly string[] | null],
  );
  if ('error' in reply) throw new Error(`${type}: ${reply.error}`);
  return reply as Timed;
}
