/**
 * What the matcher will do with an entity's names and aliases (lib/background/alias-review.ts
 * computes it), as the entity form and import previews show it.
 */
import { z } from 'zod';
import { MAX_ALIASES, MAX_NAME_LENGTH } from './entity';

export const SharedWith = z.strictObject({ id: z.string().max(64), name: z.string().max(MAX_NAME_LENGTH) });
export type SharedWith = z.infer<typeof SharedWith>;

export const AliasReview = z.strictObject({
  text: z.string().max(MAX_NAME_LENGTH),
  /** A one-word alias with a capital that is also a common word: needs the page to name the entity. */
  common: z.boolean(),
  /** A month name: never matched next to a day or a year. */
  month: z.boolean(),
  /** Holds a comma: perhaps several aliases in one (the separators are | and ;). */
  listLike: z.boolean(),
  /** Other entities with the same alias (same normalised text). */
  sharedWith: z.array(SharedWith).max(5),
  /** With a shared alias, the entity that gets it on a page that names none of them (the one added first). */
  defaultWinner: SharedWith.nullable(),
  /** The entity has a form that needs no evidence (its name or a non-common alias). */
  hasFullName: z.boolean(),
});
export type AliasReview = z.infer<typeof AliasReview>;

/** In an import preview: an entry whose aliases need saying, by its index in the file. */
export const ImportAliasNote = z.strictObject({
  index: z.number().int().nonnegative(),
  name: z.string(),
  reviews: z.array(AliasReview).max(MAX_ALIASES + 1),
});
export type ImportAliasNote = z.infer<typeof ImportAliasNote>;
