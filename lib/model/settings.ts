import { z } from 'zod';
import { patchOf } from './patch';
import { versionField } from './version';

/** How marks look. Each style is a set of ::highlight rules in assets/marks.css. */
export const MARK_STYLES = ['underline', 'background', 'dotted'] as const;
export const MarkStyle = z.enum(MARK_STYLES);
export type MarkStyle = z.infer<typeof MarkStyle>;

/** Which mentions are marked: all of them, the first of each entity per paragraph, or per page. */
export const MARK_DENSITIES = ['all', 'first-per-paragraph', 'first-on-page'] as const;
export const MarkDensity = z.enum(MARK_DENSITIES);
export type MarkDensity = z.infer<typeof MarkDensity>;

/** A site as the reader names it: a host name, lower-case, without "www.". */
export const SiteHost = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9.-]+(:\d+)?$/, 'must be a host name like example.com');

/**
 * People, organisations and events found on a page but not in the glossary (entity discovery):
 * off, marked with a quiet dotted underline, or listed only in the popup's Suggestions.
 */
export const SUGGESTION_MODES = ['off', 'underline', 'popup'] as const;
export const SuggestionMode = z.enum(SUGGESTION_MODES);
export type SuggestionMode = z.infer<typeof SuggestionMode>;

/** The reader's settings. Every field has a default, so an old stored record stays valid. */
export const Settings = z.strictObject({
  markStyle: MarkStyle.default('underline'),
  markDensity: MarkDensity.default('all'),
  /** Sites where the extension does nothing at all (checked before any scanning). */
  disabledSites: z.array(SiteHost).max(10_000).default([]),
  /** Record visited articles in the reading index. */
  recordHistory: z.boolean().default(true),
  /** Also record articles read in private (incognito) windows. Off unless the reader opts in. */
  recordPrivate: z.boolean().default(false),
  /** Aliases that do not say otherwise match only their exact capitalisation. */
  defaultExactCase: z.boolean().default(false),
  /** Aliases that do not say otherwise tell accented letters apart ("Côte" is not "Cote"). */
  defaultDiacriticSensitive: z.boolean().default(false),
  /**
   * Also mark mentions in a page's menus, sidebars, share bars, "more in" lists, footers and
   * comments. They are never recorded in the reading index, whatever this says.
   */
  markFurniture: z.boolean().default(false),
  /** How suggested (discovered) entities are shown. */
  suggestions: SuggestionMode.default('underline'),
  /** Suggestions the reader said are "not an entity": never suggested again (candidate keys). */
  dismissedSuggestions: z.array(z.string().min(1).max(300)).max(10_000).default([]),
});
export type Settings = z.output<typeof Settings>;

/** A change to some settings: the fields it names, and nothing else (no defaults filled in). */
export const SettingsPatch = patchOf(Settings.shape);
export type SettingsPatch = z.input<typeof SettingsPatch>;

/**
 * The settings as stored and as settings.get answers: with the edit version of the record
 * (lib/model/version.ts). Not part of a backup file, which holds `Settings`.
 */
export const VersionedSettings = Settings.extend(versionField);
export type VersionedSettings = z.output<typeof VersionedSettings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

/** The settings that change how the glossary is compiled (a change bumps the glossary revision). */
export function matchDefaultsOf(s: Pick<Settings, 'defaultExactCase' | 'defaultDiacriticSensitive'>) {
  return { exactCase: s.defaultExactCase, diacriticSensitive: s.defaultDiacriticSensitive };
}

/** What a tab needs to know to mark a page. */
export const PageSettings = z.strictObject({
  markStyle: MarkStyle,
  markDensity: MarkDensity,
  markFurniture: z.boolean(),
  suggestions: SuggestionMode,
});
export type PageSettings = z.infer<typeof PageSettings>;

/** The host key disabledSites compares: lower-case host without a leading "www.". */
export function siteHostOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.host.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

/**
 * Whether the extension is switched off for the page at `url` (also off for its subdomains). A
 * site named without a port is off on every port ("example.com" covers "example.com:8080").
 */
export function isSiteDisabled(settings: Pick<Settings, 'disabledSites'>, url: string): boolean {
  const host = siteHostOf(url);
  if (!host) return true;
  return disabledEntriesFor(settings, host).length > 0;
}

/** The entries of disabledSites that switch a host (as siteHostOf gives it) off. */
export function disabledEntriesFor(settings: Pick<Settings, 'disabledSites'>, host: string): string[] {
  const bare = host.replace(/:\d+$/, '');
  return settings.disabledSites.filter((site) => [host, bare].some((h) => h === site || h.endsWith(`.${site}`)));
}
