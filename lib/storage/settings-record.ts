/** The settings record in the `meta` store, read leniently. Pure: no IndexedDB access. */
import { Settings, DEFAULT_SETTINGS, type VersionedSettings } from '../model/settings';
import { versionOf } from '../model/version';

export const META_SETTINGS = 'settings';

/** An unreadable or older record falls back to defaults field by field. */
export function readSettings(value: unknown): Settings {
  const { version: _version, ...fields } = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const whole = Settings.safeParse(fields);
  if (whole.success) return whole.data;
  // Keep what is still valid, field by field.
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    const field = Settings.shape[key].safeParse(fields[key]);
    if (field.success) out[key] = field.data;
  }
  return out as Settings;
}

/** The settings with the record's edit version (lib/model/version.ts; 0 before versions). */
export function readVersionedSettings(value: unknown): VersionedSettings {
  return { ...readSettings(value), version: versionOf(value as { version?: number } | null) };
}
