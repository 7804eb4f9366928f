/**
 * What every Firefox check (smoke.ts, attacks.ts, sync.ts) needs: Debian's Firefox ESR launched
 * over WebDriver BiDi by puppeteer-core with a fresh profile and Firefox's phoning-home switched
 * off, the Firefox build (dist/firefox-mv2) installed as a temporary add-on, an extension page to
 * talk to the background through the typed protocol, and node-test-style "# pass/# fail" output.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GECKO_ID } from '../../wxt.config';
import { envelope } from '../../lib/messaging/envelope';
import type { BackgroundType, RequestOf, ToBackground } from '../../lib/messaging/protocol';

export const ROOT = resolve(import.meta.dirname, '../..');

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

/** Polls `fn` until it returns something truthy (a thrown error counts as not yet). */
export async function waitFor<T>(what: string, fn: () => Promise<T | null | false | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export interface FirefoxWithExtension {
  browser: Browser;
  /** The moz-extension:// host the extension gets (fixed by a preference, so pages can be opened by URL). */
  uuid: string;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/**
 * Firefox ESR with a fresh profile and the Firefox build installed. `prefs` adds to (or
 * overrides) the preferences every check uses.
 */
export async function launchFirefox(options: { profilePrefix: string; uuid: string; prefs?: Record<string, unknown> }): Promise<FirefoxWithExtension> {
  const profile = await mkdtemp(join(tmpdir(), options.profilePrefix));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH || '/usr/bin/firefox-esr',
    headless: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: options.uuid }),
      // No network: keep Firefox from phoning home.
      'network.captive-portal-service.enabled': false,
      'app.normandy.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'browser.safebrowsing.downloads.remote.enabled': false,
      ...options.prefs,
    },
  });
  const close = async () => {
    await browser.close().catch(() => {});
    await rm(profile, { recursive: true, force: true });
  };
  try {
    await browser.installExtension(join(ROOT, 'dist/firefox-mv2'));
  } catch (err) {
    await close();
    throw err;
  }
  return { browser, uuid: options.uuid, close };
}

/** Opens the options page (at `hash`, e.g. "#/settings") and waits until it is loaded and `ready` holds. */
export async function openOptions(ff: FirefoxWithExtension, hash = '', readySelector?: string): Promise<Page> {
  const page = await ff.browser.newPage();
  // Firefox's BiDi never reports moz-extension navigations as finished: the page is polled instead.
  void page.goto(`moz-extension://${ff.uuid}/options.html${hash}`, { timeout: 0 }).catch(() => {});
  await waitFor('options page', () =>
    page.evaluate(
      (selector: string | null) => document.readyState === 'complete' && location.protocol === 'moz-extension:' && (!selector || !!document.querySelector(selector)),
      readySelector ?? null,
    ),
  );
  return page;
}

export type FirefoxReply = { ok: boolean; value?: any; error?: string };

/** One message to the background from an extension page, in the protocol's own envelope. */
export function sendFrom<T extends BackgroundType>(page: Page, type: T, payload: RequestOf<ToBackground, T>): Promise<FirefoxReply> {
  return page.evaluate(
    // `browser` is the WebExtension global in Firefox extension pages.
    (m: unknown) => (globalThis as any).browser.runtime.sendMessage(m),
    envelope(type, payload) as unknown,
  ) as Promise<FirefoxReply>;
}

/**
 * Runs a check: `body` prints its "ok/not ok" lines and returns true when it found a failure it
 * reported itself (a thrown error is one too); then "# pass/# fail", and the process exits with it.
 */
export async function runCheck(body: () => Promise<boolean | void>, cleanup: () => Promise<void>): Promise<never> {
  let failed = false;
  try {
    failed = (await body()) === true;
  } catch (err) {
    failed = true;
    console.error(`not ok - ${err instanceof Error ? err.message : err}`);
  } finally {
    await cleanup();
  }
  console.log(failed ? '# pass 0\n# fail 1' : '# pass 1\n# fail 0');
  process.exit(failed ? 1 : 0);
}
