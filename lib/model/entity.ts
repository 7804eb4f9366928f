import { z } from 'zod';

/** Kinds of entity the glossary holds. Later issues may add more (place); readers see these. */
export const ENTITY_TYPES = ['person', 'organization', 'event', 'other'] as const;
export const EntityType = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof EntityType>;

/** Longest name or alias we accept: a name, not a document. Keeps hostile imports bounded. */
export const MAX_NAME_LENGTH = 200;
export const MAX_ALIASES = 100;
export const MAX_NOTES_LENGTH = 50_000;

const trimmedName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_NAME_LENGTH, `must be at most ${MAX_NAME_LENGTH} characters`);

/** An alias and its matching options. */
export const Alias = z.strictObject({
  text: trimmedName,
  /** Match only this exact capitalisation (e.g. "Apple" the company, not "apple"). */
  exactCase: z.boolean().optional(),
});
export type Alias = z.infer<typeof Alias>;

export const EntityId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _');

/** What the reader types in (options page, import). The store adds id and timestamps. */
export const EntityInput = z.strictObject({
  name: trimmedName,
  type: EntityType,
  aliases: z.array(Alias).max(MAX_ALIASES).default([]),
  notes: z.string().max(MAX_NOTES_LENGTH).default(''),
});
export type EntityInput = z.input<typeof EntityInput>;
export type EntityInputParsed = z.output<typeof EntityInput>;

/** An entity as stored in IndexedDB. Timestamps are epoch milliseconds. */
export const Entity = EntityInput.extend({
  id: EntityId,
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});
export type Entity = z.infer<typeof Entity>;

/** Every surface form of an entity: its name first, then its aliases, de-duplicated. */
export function surfaceForms(entity: Pick<Entity, 'name' | 'aliases'>): Alias[] {
  const seen = new Set<string>();
  const out: Alias[] = [];
  for (const a of [{ text: entity.name }, ...entity.aliases]) {
    const key = `${a.exactCase ? 'C' : 'c'}:${a.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  return out;
}
