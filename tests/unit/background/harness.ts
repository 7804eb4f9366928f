// The one background test harness: the background as it runs in the extension, minus the
// browser — real router, real handlers, real storage code on fake-indexeddb (the only place
// fake-indexeddb is used: unit tests), fake tabs where a test gives them. Each call gets its
// own empty database unless a test hands one in.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';
import { databaseGetter, type Database } from '../../../lib/storage/db';
import { createHandlers } from '../../../lib/background/handlers';
import { createRouter } from '../../../lib/background/router';
import type { SenderInfo, TabsPort } from '../../../lib/background/handler-types';
import type { DiscoveryRunner } from '../../../lib/background/discovery-runner';
import { GlossaryCache } from '../../../lib/background/glossary-cache';
import { getGlossaryRevision, getGlossarySnapshot } from '../../../lib/storage/entities';
import { envelope, type Reply } from '../../../lib/messaging/protocol';
import { STORE_NAMES } from '../../../lib/storage/schema';

export const EXT_ID = 'test-extension';
export const ORIGIN = 'chrome-extension://test-extension/';
export const EXTENSION_PAGE: SenderInfo = { id: EXT_ID, url: `${ORIGIN}options.html` };
export const contentOf = (url: string, incognito = false, tab = 7): SenderInfo => ({ id: EXT_ID, url, tab: { id: tab, incognito } });

export interface BackgroundOptions {
  /** The clock (default: a fixed time). */
  now?: () => number;
  /** A database to use instead of a new empty one. */
  db?: Database;
  /** The browser's tabs (notes); without them, messages that need tabs fail as in a worker without any. */
  tabs?: TabsPort;
  /** Entity discovery (default: the real engine, loaded on first use). */
  discoveryRunner?: DiscoveryRunner;
}

/** Loosely typed on purpose: tests send wrong things too. */
export type Sent = { ok: boolean; value?: any; error?: string };

export function makeBackground(options: BackgroundOptions | (() => number) = {}) {
  const { now = () => Date.UTC(2026, 0, 1), db: given, tabs, discoveryRunner } = typeof options === 'function' ? { now: options } : options;
  const db = given ? async () => given : databaseGetter({ indexedDB: new IDBFactory(), name: 'ncr-test' });
  const glossary = new GlossaryCache(
    async () => getGlossaryRevision(await db()),
    async () => getGlossarySnapshot(await db()),
  );
  const refreshed: number[] = [];
  const refreshTabs = vi.fn((revision: number) => {
    refreshed.push(revision);
  });
  const handlers = createHandlers({ db, glossary, now, refreshTabs, tabs, discoveryRunner });
  const route = createRouter(handlers, EXT_ID, ORIGIN);
  const send = (type: string, payload: unknown, sender: SenderInfo = EXTENSION_PAGE): Promise<Sent> =>
    route(envelope(type, payload), sender) as Promise<Reply<any> & Sent>;
  return { db, send, route, refreshed, refreshTabs, glossary };
}
export type Background = ReturnType<typeof makeBackground>;

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
