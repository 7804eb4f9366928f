/**
 * Issue 15, attack 9 (the smaller ones), the part that fits a unit test: a full disk must be said
 * in words. tests/e2e/security*.spec.ts holds the other attacks; like them, this test fails on the
 * main branch of 2026-12 (f7b1a89) and passes once the issue is fixed.
 *
 * How a full disk looks in Chromium: the write is refused by aborting the whole transaction with
 * a QuotaExceededError (`transaction.error`); the requests still pending fail with an AbortError
 * ("The transaction was aborted, so the request cannot be fulfilled."). The existing
 * storage-full test (storage-full.test.ts) throws QuotaExceededError from put() itself, which
 * the storage layer already words well; here the browser's way is simulated on fake-indexeddb:
 * each put is issued, then (before it is carried out) its transaction is aborted with
 * QuotaExceededError.
 *
 * On main: every write failed with "A request was aborted, for example through a call to
 * IDBTransaction.abort." (fake-indexeddb's wording of Chromium's "The transaction was aborted,
 * so the request cannot be fulfilled.") — the reader is not told the disk is full.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IDBObjectStore as FDBObjectStore } from 'fake-indexeddb';
import { dumpDatabase, makeBackground, contentOf } from '../background/harness';

const realPut = FDBObjectStore.prototype.put;
const realAdd = FDBObjectStore.prototype.add;

/** Each write is issued, then the browser aborts its transaction for lack of space. */
function fillTheDiskAsChromiumDoes() {
  const wrap = (real: typeof realPut) =>
    function (this: InstanceType<typeof FDBObjectStore>, ...args: Parameters<typeof realPut>) {
      const request = real.apply(this, args);
      const tx = this.transaction as unknown as { _abort(name: string): void; _state: string };
      // As the browser does it: after the request was issued, before it is carried out.
      queueMicrotask(() => {
        if (tx._state !== 'finished') tx._abort('QuotaExceededError');
      });
      return request;
    };
  FDBObjectStore.prototype.put = wrap(realPut);
  FDBObjectStore.prototype.add = wrap(realAdd);
}

afterEach(() => {
  FDBObjectStore.prototype.put = realPut;
  FDBObjectStore.prototype.add = realAdd;
});

describe('attack 9: a full disk', () => {
  it('is said in words ("no more storage space"), not "the transaction was aborted", and changes nothing', async () => {
    const bg = makeBackground();
    const first = await bg.send('entity.create', { input: { name: 'Maryam Rajavi', type: 'person', aliases: [{ text: 'Rajavi' }] } });
    expect(first.ok).toBe(true);
    const before = await dumpDatabase(await bg.db());

    fillTheDiskAsChromiumDoes();
    const attempts = {
      'entity.create': await bg.send('entity.create', { input: { name: 'Ali Khamenei', type: 'person' } }),
      'entity.update': await bg.send('entity.update', { id: first.value.id, input: { name: 'Changed', type: 'person' } }),
      'glossary.import': await bg.send('glossary.import', {
        text: JSON.stringify({ format: 'news-context-reader/glossary', version: 1, entities: [{ name: 'New', type: 'event' }] }),
      }),
      'settings.update': await bg.send('settings.update', { patch: { recordHistory: false } }),
      'page.report': await bg.send(
        'page.report',
        {
          pageUrl: 'https://news.example/a',
          canonicalHref: null,
          title: 'A',
          site: 'News',
          mentions: [{ entityId: first.value.id, count: 1, snippet: 'Rajavi' }],
        },
        contentOf('https://news.example/a'),
      ),
    };
    const said = Object.fromEntries(Object.entries(attempts).map(([type, r]) => [type, r.ok ? 'ok' : r.error]));
    for (const [type, r] of Object.entries(attempts)) {
      expect(r.ok, type).toBe(false);
      expect(r.error, `${type} said: ${JSON.stringify(said)}`).toMatch(/no more storage space/i);
    }
    FDBObjectStore.prototype.put = realPut;
    FDBObjectStore.prototype.add = realAdd;
    expect(await dumpDatabase(await bg.db())).toBe(before);
  });
});
