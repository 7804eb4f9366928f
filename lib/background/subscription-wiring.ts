/**
 * Subscriptions' browser wiring (docs/sync-team-glossary.md): PouchDB's remote side for a
 * CouchDB team database, the service worker's fetch for a published file, the daily alarm.
 * Kept out of the handlers so that their unit tests never load PouchDB.
 */
import PouchDB from 'pouchdb-browser';
import { browser } from 'wxt/browser';
import type { Database } from '../storage/db';
import { newId } from '../storage/ids';
import { SubscriptionRefresher, type RemoteDatabase } from '../sync/subscription';
import { SubscriptionService } from './subscription-service';

export const SUBSCRIPTION_ALARM = 'ncr-subscriptions';

export function createSubscriptionService(db: () => Promise<Database>, afterChange: () => Promise<void>): SubscriptionService {
  let refresher: SubscriptionRefresher | null = null;
  const service = new SubscriptionService(
    db,
    () => (refresher ??= new SubscriptionRefresher({ db, PouchDB: PouchDB as unknown as RemoteDatabase, fetch: (...args) => fetch(...args), now: () => Date.now() })),
    () => Date.now(),
    newId,
    afterChange,
    {
      set: async (periodInMinutes) => {
        await browser.alarms.create(SUBSCRIPTION_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes });
      },
      clear: async () => {
        await browser.alarms.clear(SUBSCRIPTION_ALARM);
      },
    },
  );
  browser.alarms?.onAlarm.addListener((alarm) => {
    if (alarm.name === SUBSCRIPTION_ALARM) void service.refresh().catch(() => {});
  });
  return service;
}
