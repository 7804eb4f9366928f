/**
 * The reader's settings, one record in the `meta` store. Read leniently (an unreadable or
 * older record falls back to defaults field by field), written strictly.
 */
import { Settings, SettingsPatch, DEFAULT_SETTINGS, type SettingsPatch as Patch } from '../model/settings';
import { runTransaction, type Database } from './db';
import { ValidationError } from './errors';
import { friendlyMessage } from '../model/glossary-file';

export const META_SETTINGS = 'settings';

function readSettings(value: unknown): Settings {
  const whole = Settings.safeParse(value);
  if (whole.success) return whole.data;
  // Keep what is still valid, field by field.
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  if (value && typeof value === 'object') {
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      const field = Settings.shape[key].safeParse((value as Record<string, unknown>)[key]);
      if (field.success) out[key] = field.data;
    }
  }
  return out as Settings;
}

export async function getSettings(db: Database): Promise<Settings> {
  return readSettings(await db.get('meta', META_SETTINGS));
}

/** Apply a partial change in one transaction; returns the new settings. */
export async function updateSettings(db: Database, patch: Patch): Promise<Settings> {
  const parsed = SettingsPatch.safeParse(patch, { error: friendlyMessage });
  if (!parsed.success) throw ValidationError.fromZod('settings', parsed.error);
  return runTransaction(db, ['meta'], 'readwrite', async (tx) => {
    const meta = tx.objectStore('meta');
    const current = readSettings(await meta.get(META_SETTINGS));
    const next = Settings.parse({ ...current, ...stripUndefined(parsed.data) });
    if (next.disabledSites.length) next.disabledSites = [...new Set(next.disabledSites)].sort();
    await meta.put(next, META_SETTINGS);
    return next;
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
