/**
 * A browser profile for the sync and subscription tests (sync.spec.ts, sync-team.spec.ts): the
 * built extension in its own Chromium, its options page open at Settings, and every request the
 * extension makes recorded for the network audits.
 *
 * Chromium shows a prompt for `permissions.request` that a headless test cannot answer, so the
 * options page's `chrome.permissions.request/remove` are recorded and answered "granted" here;
 * the tests check the page asked for the server's origin and gave it back.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, launchWithExtension, serviceWorkerOf } from './fixtures';

export interface Profile {
  context: BrowserContext;
  id: string;
  options: Page;
  /** Every request the extension made (service worker and extension pages). */
  requests: string[];
  /** The permission requests and removals the options page made, in order: [name, permissions]. */
  permissionCalls(): Promise<unknown[]>;
  close(): Promise<void>;
}

/** Opens a fresh profile; `panel` is the test id of the Settings panel to wait for. */
export async function openProfile(panel = 'sync-settings'): Promise<Profile> {
  const dir = await mkdtemp(join(tmpdir(), 'ncr-sync-'));
  const context = await launchWithExtension(dir);
  await context.addInitScript(() => {
    if (location.protocol !== 'chrome-extension:') return;
    const calls: unknown[] = [];
    (window as unknown as { __permissionCalls: unknown[] }).__permissionCalls = calls;
    const permissions = (globalThis as unknown as { chrome: { permissions: Record<string, unknown> } }).chrome.permissions;
    for (const name of ['request', 'remove']) {
      Object.defineProperty(permissions, name, {
        configurable: true,
        value: (p: unknown, cb?: (ok: boolean) => void) => {
          calls.push([name, p]);
          cb?.(true);
          return Promise.resolve(true);
        },
      });
    }
  });
  const requests: string[] = [];
  context.on('request', (r) => {
    let fromExtension = r.serviceWorker() !== null;
    try {
      fromExtension ||= r.frame().url().startsWith('chrome-extension://');
    } catch {
      /* a service worker's request has no frame */
    }
    if (fromExtension) requests.push(r.url());
  });
  const id = new URL((await serviceWorkerOf(context)).url()).host;
  const options = await context.newPage();
  await options.goto(`chrome-extension://${id}/options.html#/settings`);
  await expect(options.getByTestId(panel)).toBeVisible();
  return {
    context,
    id,
    options,
    requests,
    permissionCalls: () => options.evaluate(() => (window as unknown as { __permissionCalls: unknown[] }).__permissionCalls),
    async close() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Settings › Sync: the server, the database and the account (and the reading index switch when asked), then "Turn sync on" (the note says so). */
export async function turnSyncOn(
  p: Pick<Profile, 'options'>,
  server: { origin: string },
  database: string,
  username: string,
  password: string,
  options: { reading?: boolean } = {},
): Promise<void> {
  const panel = p.options.getByTestId('sync-settings');
  if (options.reading) await panel.getByLabel(/^Reading index/).check();
  await panel.getByLabel('Server address').fill(server.origin);
  await panel.getByLabel('Database').fill(database);
  await panel.getByLabel('User name').fill(username);
  await panel.getByLabel('Password').fill(password);
  await panel.getByRole('button', { name: 'Turn sync on' }).click();
  await expect(panel.getByTestId('sync-note')).toHaveText('Sync is on.');
}

/** Settings › Team glossaries: subscribe to a published glossary file (the note says so). */
export async function subscribeToFile(p: Pick<Profile, 'options'>, name: string, url: string): Promise<void> {
  const subs = p.options.getByTestId('subscription-settings');
  await subs.getByLabel('A published glossary file').check();
  await subs.getByLabel('Name shown').fill(name);
  await subs.getByLabel('File address').fill(url);
  await subs.getByRole('button', { name: 'Subscribe' }).click();
  await expect(subs.getByTestId('subscription-note')).toHaveText(`Subscribed to “${name}”.`);
}
