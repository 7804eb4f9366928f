/**
 * Two "devices" for the sync engine's tests (engine.test.ts, engine-reading.test.ts): each its own
 * IndexedDB (fake-indexeddb) and its own mirror (PouchDB, memory adapter), syncing with the
 * loopback CouchDB-compatible server the test file started (tests/sync/couch-server.ts).
 */
import { createRequire } from 'node:module';
import { freshDb, T0 } from '../storage/helpers';
import type { CouchServer } from '../../sync/couch-server';
import { SyncEngine, type SyncEngineDeps } from '../../../lib/sync/engine';
import { putSyncConfig } from '../../../lib/storage/sync-records';
import { SyncConfig, type SyncScope } from '../../../lib/model/sync';
import type { Database } from '../../../lib/storage/db';

const require = createRequire(import.meta.url);
export const PouchDB = require('pouchdb').plugin(require('pouchdb-adapter-memory')) as SyncEngineDeps['PouchDB'];

export interface Device {
  db: Database;
  engine: SyncEngine;
  clock: { t: number };
}

export type User = { username: string; password: string };

let n = 0;
/** A name no other test of this process uses. */
export const uniqueSuffix = () => ++n;

export function syncDevices(server: () => CouchServer) {
  async function device(database: string, user: User = { username: 'reader', password: 'pw' }, scope?: Partial<SyncScope>): Promise<Device> {
    const { db } = await freshDb();
    const clock = { t: T0 };
    const engine = new SyncEngine({ db: async () => db, PouchDB, now: () => Date.now(), mirrorName: `mirror-${uniqueSuffix()}`, mirrorOptions: { adapter: 'memory' } });
    await putSyncConfig(db, SyncConfig.parse({ enabled: true, serverUrl: server().origin, database, ...user, ...(scope ? { scope } : {}) }));
    // These tests write to the store directly; the background marks each write it answers.
    const cycle = engine.sync.bind(engine);
    engine.sync = () => {
      engine.markLocalChange();
      return cycle();
    };
    return { db, engine, clock };
  }

  async function pair(scope?: Partial<SyncScope>): Promise<[Device, Device, string, User]> {
    const k = uniqueSuffix();
    const name = `db${k}`;
    const user = { username: `u${k}`, password: 'pw' };
    await server().createDatabase(name, user);
    return [await device(name, user, scope), await device(name, user, scope), name, user];
  }

  return { device, pair };
}

/**
 * Close the test's server once PouchDB's own stray request is done: after each replicated batch
 * its replicator asks the source's `info()` for its progress figures without awaiting it
 * (pouchdb 9, replicate's `finishBatch`), so a pull can resolve with that request still in flight;
 * closing the server under it rejected it unhandled (seen once in a full suite under load).
 */
export async function closeAfterStrays(server: CouchServer): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  await server.close();
}
