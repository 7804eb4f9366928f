/**
 * The reader's settings, one record in the `meta` store. Read leniently (an unreadable or
 * older record falls back to defaults field by field), written strictly.
 */
import { Settings, SettingsPatch, type SettingsPatch as Patch } from '../model/settings';
import { runTransaction, type Database } from './db';
import { ValidationError } from './errors';
import { friendlyMessage } from '../model/glossary-file';
import { bumpRevision } from './entities';
import { META_SETTINGS, readSettings } from './settings-record';

export { META_SETTINGS, readSettings } from './settings-record';

export async function getSettings(db: Database): Promise<Settings> {
  return readSettings(await db.get('meta', META_SETTINGS));
}

/**
 * Apply a partial change in one transaction; returns the new settings. A change of the
 * matching defaults bumps the glossary revision in the same transaction: the compiled
 * glossary depends on them, and tabs must fetch it again.
 */
export async function updateSettings(db: Database, patch: Patch): Promise<Settings> {
  const parsed = SettingsPatch.safeParse(patch, { error: friendlyMessage });
  if (!parsed.success) throw ValidationError.fromZod('settings', parsed.error);
  return runTransaction(db, ['meta'], 'readwrite', async (tx) => {
    const meta = tx.objectStore('meta');
    const current = readSettings(await meta.get(META_SETTINGS));
    const next = Settings.parse({ ...current, ...stripUndefined(parsed.data) });
    if (next.disabledSites.length) next.disabledSites = [...new Set(next.disabledSites)].sort();
    await meta.put(next, META_SETTINGS);
    if (next.defaultExactCase !== current.defaultExactCase || next.defaultDiacriticSensitive !== current.defaultDiacriticSensitive) {
      await bumpRevision(meta);
    }
    return next;
  });
}

/** Replace every setting at once (restoring a backup), inside the caller's transaction. */
export function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
