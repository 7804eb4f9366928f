/**
 * Storage full: a write fails with a clear message and what was stored before is intact.
 * Chromium ignores quota overrides for an extension with unlimitedStorage, so the browser's
 * QuotaExceededError is simulated here, at the IndexedDB API the storage layer calls.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IDBObjectStore as FDBObjectStore } from 'fake-indexeddb';
import { dumpDatabase, makeBackground } from '../background/harness';

const realPut = FDBObjectStore.prototype.put;
const realAdd = FDBObjectStore.prototype.add;

function fillTheDisk() {
  const full = function (): never {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  };
  FDBObjectStore.prototype.put = full;
  FDBObjectStore.prototype.add = full;
}

afterEach(() => {
  FDBObjectStore.prototype.put = realPut;
  FDBObjectStore.prototype.add = realAdd;
});

describe('storage full', () => {
  it('fails each kind of write with a clear message and keeps earlier data', async () => {
    const bg = makeBackground();
    const first = await bg.send('entity.create', { input: { name: 'Maryam Rajavi', type: 'person', notes: 'kept' } });
    expect(first.ok).toBe(true);
    const before = await dumpDatabase(await bg.db());

    fillTheDisk();
    const attempts = await Promise.all([
      bg.send('entity.create', { input: { name: 'Ali Khamenei', type: 'person' } }),
      bg.send('entity.update', { id: first.value.id, input: { name: 'Changed', type: 'person' } }),
      bg.send('glossary.import', {
        text: JSON.stringify({ format: 'news-context-reader/glossary', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', entities: [{ name: 'New', type: 'event' }] }),
      }),
      bg.send('settings.update', { patch: { recordHistory: false } }),
    ]);
    for (const r of attempts) {
      expect(r.ok).toBe(false);
      expect(r.error).toMatch(/no more storage space/i);
      expect(r.error).toMatch(/Nothing was changed/);
    }
    FDBObjectStore.prototype.put = realPut;
    FDBObjectStore.prototype.add = realAdd;
    expect(await dumpDatabase(await bg.db())).toBe(before);

    // Space again: writing works.
    expect((await bg.send('entity.create', { input: { name: 'Ali Khamenei', type: 'person' } })).ok).toBe(true);
  });
});
