import { z } from 'zod';
import { versionField } from './version';

/** Kinds of entity the glossary holds, in the order readers see them. */
export const ENTITY_TYPES = ['person', 'organization', 'event', 'place', 'other'] as const;
export const EntityType = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof EntityType>;

/** Longest name or alias we accept: a name, not a document. Keeps hostile imports bounded. */
export const MAX_NAME_LENGTH = 200;
export const MAX_ALIASES = 100;
export const MAX_NOTES_LENGTH = 50_000;
export const MAX_TAGS = 30;
export const MAX_TAG_LENGTH = 40;
export const MAX_LINKS = 20;
export const MAX_LINK_LENGTH = 2048;

const trimmedName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`);

/**
 * An alias and its matching options. Each option is three-state: `true`, `false`, or absent,
 * which means "as the reader's default" (Settings.defaultExactCase / defaultDiacriticSensitive).
 */
export const Alias = z.strictObject({
  text: trimmedName,
  /** Match only this exact capitalisation (e.g. "Apple" the company, not "apple"). */
  exactCase: z.boolean().optional(),
  /** Accents count: "Côte" does not match "Cote". */
  diacriticSensitive: z.boolean().optional(),
  /**
   * Match, never show (a known misspelling, SKOS's hiddenLabel): matched on pages like any alias
   * but never shown as one of the entity's names (card, lists); only the entity form shows it.
   * Absent means shown; the store never writes `false`.
   */
  hidden: z.boolean().optional(),
});
export type Alias = z.infer<typeof Alias>;

/** The aliases shown as the entity's names: all but the hidden ones. */
export function shownAliases<A extends Pick<Alias, 'hidden'>>(aliases: readonly A[]): A[] {
  return aliases.filter((a) => !a.hidden);
}

/** An alias copied option by option into a fresh object (only the options that are set). */
export function copyAlias(a: Alias): Alias {
  const out: Alias = { text: a.text };
  if (a.exactCase !== undefined) out.exactCase = a.exactCase;
  if (a.diacriticSensitive !== undefined) out.diacriticSensitive = a.diacriticSensitive;
  if (a.hidden) out.hidden = true;
  return out;
}

export const EntityId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _');

/** A tag: a short label the reader files entities under ("iran", "elections 2024"). */
export const Tag = z
  .string()
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(MAX_TAG_LENGTH, `must be at most ${MAX_TAG_LENGTH} characters`)
      .regex(/^[^,;|{}<>]+$/, 'must not contain , ; | { } < or >'),
  );

/** An external reference (a Wikipedia or Wikidata page, an official site): http or https only. */
export const ExternalLink = z
  .string()
  .trim()
  .max(MAX_LINK_LENGTH, `must be at most ${MAX_LINK_LENGTH} characters`)
  .pipe(z.url({ protocol: /^https?$/, error: 'must be a web address starting with http:// or https://' }));

/** Where a subscribed entity came from: its subscription, the name shown ("Team: …"), its id there. */
export const EntitySource = z.strictObject({
  subscription: EntityId,
  name: z.string().trim().min(1).max(100),
  remoteId: z.string().min(1).max(200),
});
export type EntitySource = z.infer<typeof EntitySource>;

/** What the reader types in (options page, import). The store adds id and timestamps. */
export const EntityInput = z.strictObject({
  name: trimmedName,
  type: EntityType,
  aliases: z.array(Alias).max(MAX_ALIASES).default([]),
  /** A safe Markdown subset: emphasis, lists, links (see components/shared/markdown.ts). */
  notes: z.string().max(MAX_NOTES_LENGTH).default(''),
  /** Absent means none; the store never writes an empty list. */
  tags: z.array(Tag).max(MAX_TAGS).optional(),
  links: z.array(ExternalLink).max(MAX_LINKS).optional(),
});
export type EntityInput = z.input<typeof EntityInput>;
export type EntityInputParsed = z.output<typeof EntityInput>;

/**
 * An entity as stored in IndexedDB. Timestamps are epoch milliseconds; `version` is the edit
 * version (lib/model/version.ts): +1 with every write, checked by every edit.
 */
export const Entity = EntityInput.extend({
  id: EntityId,
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  ...versionField,
  /**
   * Present only on an entity a subscription brought (a team glossary, docs/sync-team-glossary.md):
   * read-only here, never exported nor synced to the reader's own server. Set by the store only
   * (lib/storage/subscriptions.ts); nothing a page, an import or a server sends can set it.
   */
  source: EntitySource.optional(),
});
export type Entity = z.infer<typeof Entity>;

/** The key tags are compared by: case and spacing ignored. */
export function tagKey(tag: string): string {
  return tag.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Tags without duplicates (the first spelling wins), in the order given. */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tags) {
    const k = tagKey(t);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push(t.replace(/\s+/g, ' ').trim());
  }
  return out;
}

/** Links without duplicates, in the order given. */
export function uniqueLinks(links: readonly string[]): string[] {
  return [...new Set(links.map((l) => l.trim()).filter(Boolean))];
}

/**
 * The one stored shape of an entity: empty tag and link lists are left out (so a record
 * written before they existed is already canonical), duplicates dropped.
 */
export function canonicalEntity<T extends EntityInputParsed>(e: T): T {
  const { tags, links, ...rest } = e;
  const out = rest as T;
  // `hidden: false` says nothing: one stored shape.
  if (out.aliases.some((a) => a.hidden === false)) out.aliases = out.aliases.map(copyAlias);
  const t = tags ? uniqueTags(tags) : [];
  const l = links ? uniqueLinks(links) : [];
  if (t.length) out.tags = t;
  if (l.length) out.links = l;
  return out;
}

/** Matching defaults the reader chose (Settings), applied to options an alias leaves open. */
export interface MatchDefaults {
  exactCase: boolean;
  diacriticSensitive: boolean;
}
export const NO_MATCH_DEFAULTS: MatchDefaults = { exactCase: false, diacriticSensitive: false };

/** Every surface form of an entity: its name first, then its aliases, de-duplicated. */
export function surfaceForms(entity: Pick<Entity, 'name' | 'aliases'>): Alias[] {
  const seen = new Set<string>();
  const out: Alias[] = [];
  for (const a of [{ text: entity.name } as Alias, ...entity.aliases]) {
    const key = `${a.exactCase === undefined ? '-' : a.exactCase ? 'C' : 'c'}${a.diacriticSensitive === undefined ? '-' : a.diacriticSensitive ? 'D' : 'd'}:${a.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  return out;
}

/** The options an alias is matched with once the reader's defaults fill the open ones. */
export function effectiveOptions(alias: Pick<Alias, 'exactCase' | 'diacriticSensitive'>, defaults: MatchDefaults = NO_MATCH_DEFAULTS): MatchDefaults {
  return {
    exactCase: alias.exactCase ?? defaults.exactCase,
    diacriticSensitive: alias.diacriticSensitive ?? defaults.diacriticSensitive,
  };
}

/**
 * The key an entity's aliases carry in the compiled glossary sent to tabs: a letter for its
 * type, then its id ("p3f9…" is a person). Tabs learn each match's type from the match itself,
 * so no list of the glossary's entities has to travel to every tab.
 */
const TYPE_LETTER: Record<EntityType, string> = { person: 'p', organization: 'o', event: 'e', place: 'l', other: 'x' };
const LETTER_TYPE = new Map(Object.entries(TYPE_LETTER).map(([t, l]) => [l, t as EntityType]));

export function glossaryKey(type: EntityType, id: string): string {
  return TYPE_LETTER[type] + id;
}

export function parseGlossaryKey(key: string): { type: EntityType; id: string } | null {
  const type = LETTER_TYPE.get(key.charAt(0));
  return type && key.length > 1 ? { type, id: key.slice(1) } : null;
}
