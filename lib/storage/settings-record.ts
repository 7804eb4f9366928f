/** The settings record in the `meta` store, read leniently. Pure: no IndexedDB access. */
import { Settings, DEFAULT_SETTINGS } from '../model/settings';

export const META_SETTINGS = 'settings';

/** An unreadable or older record falls back to defaults field by field. */
export function readSettings(value: unknown): Settings {
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
