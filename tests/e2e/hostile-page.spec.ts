/**
 * The promises of docs/security.md, each tested against the built extension in Chromium:
 * the page learns nothing and can make the extension do nothing; a content script (a
 * compromised renderer's view of us) cannot edit the reader's data; no network request.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { test, expect, FIXTURES, pointOfText, send, serviceWorkerOf, waitForMarks } from './fixtures';
import { closedShadowRoots, tooltipText } from './shadow';
import { inContentWorld } from './content-world';
import { envelope } from '../../lib/messaging/envelope';

const SECRETS = ['SECRET-NOTE', 'Zorblax', 'Quillfeather', 'Organization of Iran'];

async function importSecretGlossary(extensionPage: Page): Promise<{ id: string; name: string }[]> {
  const text = await readFile(join(FIXTURES, 'security/secret-glossary.json'), 'utf8');
  const reply = await send(extensionPage, 'glossary.import', { text });
  expect(reply.ok).toBe(true);
  return (await send(extensionPage, 'entity.list', {})).value;
}

test('a hostile page learns nothing of the reader’s data, even with a card open', async ({ context, extensionPage, extensionId, server }) => {
  const entities = await importSecretGlossary(extensionPage);
  const page = await context.newPage();
  await page.goto(server.url('hostile.html'));
  await waitForMarks(page);

  // The reader hovers a mention (a trusted event): the card with the secret note is open.
  const p = await pointOfText(page, 'Maryam Rajavi');
  await page.mouse.move(p.x, p.y);
  await expect.poll(() => tooltipText(page)).toContain('SECRET-NOTE-7731');

  const learned: string = await page.evaluate(() => (window as unknown as { probe(): Promise<string> }).probe());
  for (const secret of [...SECRETS, ...entities.map((e) => e.id)]) {
    expect(learned, `the page could read "${secret}"`).not.toContain(secret);
  }
  // Nor anything that names the extension: no message carrying its id (WXT's "content script
  // started" postMessage is off), no performance entry of the in-page UI it loaded for the card.
  expect(learned).not.toContain(extensionId);
  expect(learned).not.toContain('chrome-extension://');
  expect(learned).not.toContain('inpage-ui');
  // What it can see, as docs/security.md says: elements without content (the card's host and
  // the marks' overlay host), not where the marks are (issue 15: no highlight of ours).
  expect(learned).toContain('HIGHLIGHTS:\n');
  expect(learned).not.toMatch(/HIGHLIGHTS:[^\n]*ncr-/);
  expect(learned).toContain('CAPTURED:none');
  expect(learned).toMatch(/IDB:\[\]/);
  expect(learned).toContain('LOCALSTORAGE:{}');
  expect(learned).toContain('CHROME:undefined');
});

test('synthetic events and window messages from the page open, step or change nothing', async ({ context, extensionPage, server }) => {
  await importSecretGlossary(extensionPage);
  const before = (await send(extensionPage, 'entity.list', {})).value;
  const page = await context.newPage();
  await page.goto(server.url('hostile.html'));
  const marks = await waitForMarks(page);

  const p = await pointOfText(page, 'Maryam Rajavi');
  for (let i = 0; i < 3; i++) {
    await page.evaluate(([x, y]) => (window as unknown as { attack(x: number, y: number): void }).attack(x!, y!), [p.x, p.y]);
    await page.waitForTimeout(300);
  }
  await page.waitForTimeout(700); // past the 500 ms show delay
  expect(await closedShadowRoots(page)).toHaveLength(0);
  expect(await tooltipText(page)).toBeNull();
  expect(await waitForMarks(page)).toBe(marks);
  expect((await send(extensionPage, 'entity.list', {})).value).toEqual(before);

  // The same point hovered for real does open the card: the check above can fail.
  await page.mouse.move(p.x, p.y);
  await expect.poll(() => tooltipText(page)).toContain('Maryam Rajavi');
});

test('a content script may read what its page needs but never edit the glossary', async ({ context, extensionPage, server }) => {
  const entities = await importSecretGlossary(extensionPage);
  const page = await context.newPage();
  await page.goto(server.url('hostile.html'));
  await waitForMarks(page);

  const fromContent = (type: string, payload: unknown) =>
    inContentWorld(page, `chrome.runtime.sendMessage(${JSON.stringify(envelope(type, payload))})`) as Promise<{
      ok: boolean;
      error?: string;
    }>;
  // Allowed: what marking and previewing the page needs.
  expect((await fromContent('page.start', { pageUrl: server.url('hostile.html') })).ok).toBe(true);
  expect((await fromContent('page.match', { pageUrl: server.url('hostile.html'), texts: ['x'], breaks: [0] })).ok).toBe(true);
  // Refused: everything that reads the whole glossary or writes.
  for (const [type, payload] of [
    ['entity.list', {}],
    ['entity.delete', { id: entities[0]!.id }],
    ['entity.update', { id: entities[0]!.id, input: { name: 'Pwned', type: 'person' } }],
    ['entity.create', { input: { name: 'Pwned', type: 'person' } }],
    ['glossary.import', { text: '{}' }],
    ['glossary.export', {}],
    ['settings.update', { patch: { recordHistory: false } }],
    // Notes: listing, searching, saving, editing, deleting, opening, exporting (docs/notes.md).
    ['note.list', {}],
    ['notes.query', { query: 'secret' }],
    ['note.saveSelection', {}],
    ['note.update', { id: 'n1', patch: { comment: 'pwned' } }],
    ['note.delete', { id: 'n1' }],
    ['note.open', { id: 'n1' }],
    ['notes.export', { format: 'json' }],
  ] as const) {
    const reply = await fromContent(type, payload);
    expect(reply.ok, type).toBe(false);
    expect(reply.error, type).toMatch(/not allowed from a web page/);
  }
  expect((await fromContent('entity.list', {})).ok).toBe(false);
  const after = (await send(extensionPage, 'entity.list', {})).value as { id: string }[];
  expect(after.map((e) => e.id).sort()).toEqual(entities.map((e) => e.id).sort());
});


test('the extension makes no network request across a browsing session', async ({ context, extensionId, extensionPage, server }) => {
  const requests: string[] = [];
  const watch = async (session: CDPSession) => {
    session.on('Network.requestWillBeSent', (e: { request: { url: string } }) => requests.push(e.request.url));
    await session.send('Network.enable');
  };
  // Every request of the context, the service worker's included (Playwright reports those in
  // Chromium), and CDP on the extension page as a second witness.
  const extensionRequests: string[] = [];
  context.on('request', (r) => {
    requests.push(r.url());
    let fromExtension = r.serviceWorker() !== null;
    try {
      fromExtension ||= r.frame().url().startsWith('chrome-extension://');
    } catch {
      /* no frame (service worker) */
    }
    if (fromExtension) extensionRequests.push(r.url());
  });
  await serviceWorkerOf(context);
  await watch(await context.newCDPSession(extensionPage));

  const text = await readFile(join(FIXTURES, 'sample-glossary.json'), 'utf8');
  expect((await send(extensionPage, 'glossary.import', { text })).ok).toBe(true);

  const pageRequests: string[] = [];
  const popup = await context.newPage();
  await watch(await context.newCDPSession(popup));
  for (const name of ['seed-article.html', 'second-article.html', 'hostile.html', 'no-mentions.html']) {
    const page = await context.newPage();
    // The page's own requests (the card's extension frame loads our files: counted above).
    page.on('request', (r) => {
      if (!/^(chrome|moz)-extension:/.test(r.frame().url())) pageRequests.push(r.url());
    });
    await page.goto(server.url(name));
    if (name !== 'no-mentions.html') {
      await waitForMarks(page);
      const p = await pointOfText(page, 'Rajavi');
      await page.mouse.move(p.x, p.y);
      await expect.poll(() => tooltipText(page)).not.toBeNull();
    }
    await page.close();
  }
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.waitForTimeout(500);
  await extensionPage.reload();
  await send(extensionPage, 'glossary.export', {});

  // The in-page UI, the marks' drawer and the card's frame page are the extension's own files,
  // loaded by the content script through Chrome's per-session dynamic URL (a random id in place
  // of the extension's: lib/inpage/core/ui-loader.ts, lib/inpage/ui/extension-frame.ts; Playwright
  // reports the page's side of it under the extension's id).
  const inpageUi = new RegExp(`^chrome-extension://([0-9a-f-]{36}|${extensionId})/(inpage-ui\\.js|overlay\\.js|card\\.html)$`);
  const own = (u: string) =>
    u.startsWith(`chrome-extension://${extensionId}/`) || inpageUi.test(u) || u.startsWith('data:') || u.startsWith('blob:') || u.startsWith(server.origin);
  expect(requests.length).toBeGreaterThan(4);
  expect(requests.filter((u) => !own(u))).toEqual([]);
  // The background and extension pages load only their own files.
  expect(extensionRequests.filter((u) => !u.startsWith(`chrome-extension://${extensionId}/`))).toEqual([]);
  // The web pages themselves only asked their own server (fixtures load nothing else).
  expect(pageRequests.filter((u) => !u.startsWith(server.origin) && !inpageUi.test(u))).toEqual([]);
  // The card was shown, so the in-page UI was loaded (the pattern above is not vacuous).
  expect(requests.some((u) => inpageUi.test(u))).toBe(true);
});
