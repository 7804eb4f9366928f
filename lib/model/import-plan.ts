/**
 * The two steps of an import as they cross from storage to the options page: what a file would
 * do (preview), the reader's answer per duplicate (choices) and what was done (outcome).
 * lib/storage/import.ts computes them; lib/messaging/knowledge.ts carries them.
 */
import { z } from 'zod';
import { EntityId, EntityType } from './entity';
import { ImportAliasNote } from './alias-review';

const Count = z.number().int().nonnegative();

/** Our own files, and the open formats of lib/formats (SKOS in Turtle or JSON-LD, Wikidata entity JSON). */
export const ImportKind = z.enum(['glossary', 'backup', 'csv', 'skos-turtle', 'skos-jsonld', 'wikidata']);
export type ImportKind = z.infer<typeof ImportKind>;

/** merge: the stored entity absorbs the entry; skip: it stays as it is; keep: both are kept. */
export const DuplicateChoice = z.enum(['merge', 'skip', 'keep']);
export type DuplicateChoice = z.infer<typeof DuplicateChoice>;

export const DuplicateMatch = z.strictObject({
  id: EntityId,
  name: z.string(),
  type: EntityType,
  /** How it matched: the same id, the same name, or a shared name/alias (`text`). */
  by: z.enum(['id', 'name', 'alias']),
  text: z.string(),
});
export type DuplicateMatch = z.infer<typeof DuplicateMatch>;

export const Duplicate = z.strictObject({
  /** Position of the entry in the file's entities. */
  index: Count,
  name: z.string(),
  type: EntityType,
  matches: z.array(DuplicateMatch),
});
export type Duplicate = z.infer<typeof Duplicate>;

export const ImportPreview = z.strictObject({
  kind: ImportKind,
  counts: z.strictObject({ entities: Count, articles: Count, mentions: Count, notes: Count, settings: z.boolean() }),
  /** Entries that will be added without a question. */
  newEntities: Count,
  /** Entries identical to the stored entity with their id: left as they are. */
  unchanged: Count,
  /** Entries that need a choice, in file order (at most the preview's `maxListed`). */
  duplicates: z.array(Duplicate),
  /** How many entries need a choice in all. */
  duplicateCount: Count,
  /** Entries whose aliases are common words, months, lists or shared (lib/background/alias-review.ts). */
  aliasNotes: z.array(ImportAliasNote).max(1000).optional(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportChoices = z.strictObject({
  /** For every duplicate without its own choice. */
  default: DuplicateChoice,
  /** By the entry's index in the file ("12": "keep"). */
  choices: z.record(z.string().regex(/^\d{1,7}$/), DuplicateChoice).optional(),
  /** Replace the settings with the backup's (backup files only). */
  restoreSettings: z.boolean().optional(),
});
export type ImportChoices = z.infer<typeof ImportChoices>;
export type ImportChoicesInput = z.input<typeof ImportChoices>;

export const ImportOutcome = z.strictObject({
  entities: z.strictObject({ added: Count, merged: Count, skipped: Count, unchanged: Count }),
  articles: z.strictObject({ added: Count, updated: Count }),
  mentions: Count,
  notes: z.strictObject({ added: Count, skipped: Count }),
  settingsRestored: z.boolean(),
});
export type ImportOutcome = z.infer<typeof ImportOutcome>;
