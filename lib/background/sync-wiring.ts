/**
 * Sync's browser wiring (docs/sync.md): PouchDB (pouchdb-browser: IndexedDB adapter and HTTP,
 * in the extension's own origin) for the engine, the `alarms` API for the periodic pull. Kept
 * out of the handlers so that their unit tests never load PouchDB.
 */
import PouchDB from 'pouchdb-browser';
import { browser } from 'wxt/browser';
import type { Database } from '../storage/db';
import { SyncEngine, type SyncEngineDeps } from '../sync/engine';
import { SyncService } from './sync-service';

export const SYNC_ALARM = 'ncr-sync';

export function createSyncService(db: () => Promise<Database>, afterApply: () => Promise<void>): SyncService {
  let engine: SyncEngine | null = null;
  const service = new SyncService(
    db,
    () =>
      (engine ??= new SyncEngine({
        db,
        PouchDB: PouchDB as unknown as SyncEngineDeps['PouchDB'],
        now: () => Date.now(),
        afterApply: async () => afterApply(),
      })),
    {
      set: async (periodInMinutes) => {
        await browser.alarms.create(SYNC_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes });
      },
      clear: async () => {
        await browser.alarms.clear(SYNC_ALARM);
      },
    },
  );
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void service.poke().catch(() => {});
  });
  return service;
}
