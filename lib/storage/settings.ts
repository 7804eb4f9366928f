/**
 * The reader's settings, one record in the `meta` store. Read leniently (an unreadable or
 * older record falls back to defaults field by field), written strictly, with the record's edit
 * version (docs/versioning.md).
 */
import { Settings, SettingsPatch, type SettingsPatch as Patch, type VersionedSettings } from '../model/settings';
import { nextVersion } from '../model/version';
import { runTransaction, type Database } from './db';
import { ValidationError } from './errors';
import { friendlyMessage } from '../model/glossary-file';
import { bumpRevision } from './entities';
import { META_SETTINGS, readVersionedSettings } from './settings-record';
import { checkSettingsVersion } from './versions';

export { META_SETTINGS, readSettings, readVersionedSettings } from './settings-record';

/** The settings with their edit version (what settings.get answers). */
export async function getSettings(db: Database): Promise<VersionedSettings> {
  return readVersionedSettings(await db.get('meta', META_SETTINGS));
}

/**
 * Apply a partial change in one transaction; returns the new settings. A change of the
 * matching defaults bumps the glossary revision in the same transaction: the compiled
 * glossary depends on them, and tabs must fetch it again. With `baseVersion` (the version the
 * page loaded), settings changed since are not overwritten: ChangedElsewhereError.
 */
export async function updateSettings(db: Database, patch: Patch, baseVersion?: number): Promise<VersionedSettings> {
  const parsed = SettingsPatch.safeParse(patch, { error: friendlyMessage });
  if (!parsed.success) throw ValidationError.fromZod('settings', parsed.error);
  return runTransaction(db, ['meta'], 'readwrite', async (tx) => {
    const meta = tx.objectStore('meta');
    const current = readVersionedSettings(await meta.get(META_SETTINGS));
    checkSettingsVersion(current, baseVersion);
    const { version: _version, ...fields } = current;
    const next: VersionedSettings = { ...Settings.parse({ ...fields, ...stripUndefined(parsed.data) }), version: nextVersion(current) };
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
