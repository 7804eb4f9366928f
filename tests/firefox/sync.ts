/**
 * Firefox sync smoke (issue 16): a Firefox ESR profile (dist/firefox-mv2, puppeteer-core over
 * WebDriver BiDi) and a Chromium profile (dist/chrome-mv3, Playwright) sync through one
 * CouchDB-compatible server on 127.0.0.1 (tests/sync/couch-server.ts): an entity added in
 * Chromium reaches Firefox, one added in Firefox reaches Chromium. Settings are given through
 * the protocol in Chromium (sync.configure) and through Settings › Sync in Firefox, whose
 * optional-permission prompt is answered by its own testing preference.
 * Run by scripts/test.mjs; prints "# pass/# fail" and exits non-zero on failure.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCouchServer } from '../sync/couch-server';
import { message } from '../e2e/messages';
import { launchWithExtension, serviceWorkerOf } from '../e2e/fixtures';
import { assert, launchFirefox, openOptions, ROOT, runCheck, waitFor, type FirefoxReply as Reply } from './launch';

async function main() {
  const server = await startCouchServer();
  const user = { username: 'ff-reader', password: 'ff-pw' };
  await server.createDatabase('crossbrowser', user);
  const settings = { enabled: true, serverUrl: server.origin, database: 'crossbrowser', ...user, scope: { glossary: true, notes: true, settings: true, reading: false } };
  const crProfile = await mkdtemp(join(tmpdir(), 'ncr-cr-sync-'));
  const firefox = await launchFirefox({
    profilePrefix: 'ncr-ff-sync-',
    uuid: '6f1d3c1e-2b7a-4c55-9a53-0c9d2f0b7e12',
    prefs: {
      // The optional-permission prompt answered "Allow" (Firefox's own testing switch): the
      // options page still has to ask, from the reader's click, for the server's origin.
      'extensions.webextOptionalPermissionPrompts': false,
    },
  });
  const chromeContext = await launchWithExtension(crProfile, join(ROOT, 'dist/chrome-mv3'));
  await runCheck(async () => {
    const ff = await openOptions(firefox, '#/settings', '[data-testid=sync-settings]');
    const ffSend = (m: unknown) => ff.evaluate((m: unknown) => browser.runtime.sendMessage(m), m) as Promise<Reply>;

    const worker = await serviceWorkerOf(chromeContext);
    const cr = await chromeContext.newPage();
    await cr.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
    const crSend = (m: unknown) => cr.evaluate((m) => chrome.runtime.sendMessage(m), m) as Promise<Reply>;

    assert((await crSend(message('sync.configure', { settings }))).ok, 'Chromium: sync on');
    const added = await crSend(message('entity.create', { input: { name: 'Added in Chromium', type: 'person', aliases: [], notes: '' } }));
    assert(added.ok, `Chromium: entity added ${added.error ?? ''}`);
    const crState = await crSend(message('sync.now', {}));
    assert(crState.ok && crState.value.status.problem === null, `Chromium sync: ${JSON.stringify(crState.value?.status)}`);

    // Firefox: through Settings › Sync, as a reader would (the click asks for the permission).
    const panel = '[data-testid=sync-settings]';
    await ff.type(`${panel} input[type=url]`, server.origin);
    await ff.type(`${panel} input[placeholder="my-glossary"]`, settings.database);
    await ff.type(`${panel} input[autocomplete=username]`, user.username);
    await ff.type(`${panel} input[type=password]`, user.password);
    await ff.click(`${panel} button.btn--primary`);
    await waitFor('sync turned on in Firefox', () => ff.evaluate(() => document.querySelector('[data-testid=sync-note]')?.textContent === 'Sync is on.'));
    const granted = await ff.evaluate(
      (o: string) => browser.permissions.contains({ origins: [o] }) as Promise<boolean>,
      'http://127.0.0.1/*',
    );
    assert(granted, 'Firefox granted the server origin asked for');
    await waitFor('the entity in Firefox', async () => {
      const s = await ffSend(message('sync.now', {}));
      assert(s.ok && s.value.status.problem === null, `Firefox sync: ${JSON.stringify(s.value?.status ?? s.error)}`);
      const list = await ffSend(message('entity.list', {}));
      return list.ok && (list.value as { name: string }[]).some((e) => e.name === 'Added in Chromium');
    });
    console.log('ok - an entity added in Chromium reached Firefox');

    assert((await ffSend(message('entity.create', { input: { name: 'Added in Firefox', type: 'organization', aliases: [], notes: '' } }))).ok, 'Firefox: entity added');
    await ffSend(message('sync.now', {}));
    await waitFor('the entity in Chromium', async () => {
      await crSend(message('sync.now', {}));
      const list = await crSend(message('entity.list', {}));
      return list.ok && (list.value as { name: string }[]).some((e) => e.name === 'Added in Firefox');
    });
    console.log('ok - an entity added in Firefox reached Chromium');
  }, async () => {
    await firefox.close();
    await chromeContext.close().catch(() => {});
    await server.close();
    await rm(crProfile, { recursive: true, force: true });
  });
}

void main();
