// The background as it runs in the extension, minus the browser: real router, real handlers,
// real storage code on fake-indexeddb (the only place fake-indexeddb is used: unit tests).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { databaseGetter, type Database } from '../../../lib/storage/db';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter, type SenderInfo } from '../../../lib/background/router';
import { GlossaryCache } from '../../../lib/background/glossary-cache';
import { getGlossaryRevision, getGlossarySnapshot } from '../../../lib/storage/entities';
import { envelope, type Reply } from '../../../lib/messaging/protocol';
import { STORE_NAMES } from '../../../lib/storage/schema';
import { describeStorageError } from '../../../lib/storage/errors';

export const EXT_ID = 'test-extension';
export const ORIGIN = 'chrome-extension://test-extension/';
export const EXTENSION_PAGE: SenderInfo = { id: EXT_ID, url: `${ORIGIN}options.html` };
export const contentOf = (url: string, incognito = false): SenderInfo => ({ id: EXT_ID, url, tab: { id: 7, incognito } });

export function makeBackground(now = () => Date.UTC(2026, 0, 1)) {
  const db = databaseGetter({ indexedDB: new IDBFactory(), name: 'ncr-security-test' });
  const glossary = new GlossaryCache(
    async () => getGlossaryRevision(await db()),
    async () => getGlossarySnapshot(await db()),
  );
  const refreshed: number[] = [];
  const route = createRouter(
    createHandlers({ db, glossary, now, refreshTabs: (r) => refreshed.push(r) }),
    EXT_ID,
    ORIGIN,
    () => {},
    describeStorageError,
  );
  /** Loosely typed on purpose: tests send wrong things too. */
  const send = (type: string, payload: unknown, sender: SenderInfo = EXTENSION_PAGE): Promise<{ ok: boolean; value?: any; error?: string }> =>
    route(envelope(type, payload), sender) as Promise<Reply<any> & { value?: any; error?: string }>;
  return { db, send, refreshed };
}

/** Every record of every store, serialised: "byte for byte" comparisons of the database. */
export async function dumpDatabase(db: Database): Promise<string> {
  const out: Record<string, unknown> = {};
  const tx = db.transaction([...STORE_NAMES], 'readonly');
  for (const name of STORE_NAMES) {
    const store = tx.objectStore(name);
    out[name] = { keys: await store.getAllKeys(), values: await store.getAll() };
  }
  await tx.done;
  return JSON.stringify(out);
}
