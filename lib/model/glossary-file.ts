/**
 * The glossary file: a versioned JSON document the options page exports and imports.
 * Documented in docs/glossary-format.md. Pure: no DOM, no IndexedDB.
 *
 * parseGlossaryFile never throws and never trusts its input: the text may be anything a
 * reader picked from disk (or a hostile page put in their downloads). It bounds the size,
 * rejects unknown keys (including `__proto__` and `constructor`) with strict objects, and
 * names every problem by its path: `entities[3].aliases[0].text: must not be empty`.
 *
 * Version 1: name, type (person, organization, event, other), aliases (text, exactCase),
 * notes, id, timestamps. Version 2 adds the type "place", the alias option
 * `diacriticSensitive`, `tags` and `links`. Version 3 adds the alias option `hidden` (match,
 * never show). Version 1 and 2 files are read for good (each with its own version's rules).
 */
import { errorText } from './error-text';
import { z } from 'zod';
import {
  Alias,
  EntityId,
  EntityInput,
  EntityType,
  ExternalLink,
  MAX_ALIASES,
  MAX_LINKS,
  MAX_NOTES_LENGTH,
  MAX_TAGS,
  Tag,
  canonicalEntity,
  copyAlias,
  type Entity,
} from './entity';
import {
  FileTimestamp,
  Timestamp,
  capErrors,
  checkListLength,
  duplicateProblems,
  formatIssues,
  friendlyMessage,
  iso,
  readJsonDocument,
} from './file-common';

// Kept exported from here: other modules (storage, tests) import them from this file.
export {
  MAX_REPORTED_ERRORS,
  formatPath,
  formatIssues,
  friendlyMessage,
  describeJsonError,
} from './file-common';

export const GLOSSARY_FORMAT = 'news-context-reader/glossary';
/** The newest file version this build reads, and the one it writes. */
export const GLOSSARY_FORMAT_VERSION = 3;
export const MAX_GLOSSARY_ENTITIES = 100_000;
/** Characters (UTF-16 code units); matches the glossary.import message's limit. */
export const MAX_GLOSSARY_FILE_CHARS = 20_000_000;

/**
 * One entity as read from a file, validated and normalised: what the import engine (lib/storage/import-commit.ts)
 * takes. `id` and the timestamps are kept when the file has them (so an export imported into
 * an empty profile gives the same entities); the store supplies them otherwise.
 */
export const GlossaryEntity = EntityInput.extend({
  id: EntityId.optional(),
  createdAt: Timestamp.optional(),
  updatedAt: Timestamp.optional(),
});
export type GlossaryEntity = z.output<typeof GlossaryEntity>;
export type GlossaryEntityInput = z.input<typeof GlossaryEntity>;

export type ParseGlossaryResult = { ok: true; entities: GlossaryEntity[] } | { ok: false; errors: string[] };

// ---------------------------------------------------------------------------------------------
// The file as written on disk.

const ALIAS_SHAPE_HINT = 'must be a string or an object {"text": ..., "exactCase": ..., "diacriticSensitive": ..., "hidden": ...}';

/** An alias: `{ "text": "MEK", "exactCase": true }`, or the shorthand `"MEK"` (no options). */
export const FileAlias = z.preprocess(
  (v) => (typeof v === 'string' ? { text: v } : v),
  z.strictObject(Alias.shape, { error: (iss) => (iss.code === 'invalid_type' ? ALIAS_SHAPE_HINT : undefined) }),
);

/** Version 2's alias: no `hidden` (a version 2 file that has it is refused: it needs version 3). */
const FileAliasV2 = z.preprocess(
  (v) => (typeof v === 'string' ? { text: v } : v),
  z.strictObject(
    { text: Alias.shape.text, exactCase: Alias.shape.exactCase, diacriticSensitive: Alias.shape.diacriticSensitive },
    { error: (iss) => (iss.code === 'invalid_type' ? 'must be a string or an object {"text": ..., "exactCase": ..., "diacriticSensitive": ...}' : undefined) },
  ),
);

const FileAliasV1 = z.preprocess(
  (v) => (typeof v === 'string' ? { text: v } : v),
  z.strictObject(
    { text: Alias.shape.text, exactCase: Alias.shape.exactCase },
    { error: (iss) => (iss.code === 'invalid_type' ? 'must be a string or an object {"text": ..., "exactCase": ...}' : undefined) },
  ),
);

export const FileEntityV1 = z.strictObject({
  id: EntityId.optional(),
  name: EntityInput.shape.name,
  type: z.enum(['person', 'organization', 'event', 'other']),
  aliases: z.array(FileAliasV1).max(MAX_ALIASES).default([]),
  notes: z.string().max(MAX_NOTES_LENGTH).default(''),
  createdAt: FileTimestamp.optional(),
  updatedAt: FileTimestamp.optional(),
});

/** One entity in a version 3 glossary file (and in a version 2 backup file). */
export const FileEntity = z.strictObject({
  id: EntityId.optional(),
  name: EntityInput.shape.name,
  type: EntityType,
  aliases: z.array(FileAlias).max(MAX_ALIASES).default([]),
  notes: z.string().max(MAX_NOTES_LENGTH).default(''),
  tags: z.array(Tag).max(MAX_TAGS).optional(),
  links: z.array(ExternalLink).max(MAX_LINKS).optional(),
  createdAt: FileTimestamp.optional(),
  updatedAt: FileTimestamp.optional(),
});
type FileEntityOut = z.output<typeof FileEntity>;

/** One entity in a version 2 glossary file (and in a version 1 backup file): aliases without `hidden`. */
export const FileEntityV2 = FileEntity.extend({ aliases: z.array(FileAliasV2).max(MAX_ALIASES).default([]) });

const FileV1 = z.strictObject({
  format: z.literal(GLOSSARY_FORMAT),
  version: z.literal(1),
  exportedAt: FileTimestamp.optional(),
  entities: z.array(FileEntityV1).max(MAX_GLOSSARY_ENTITIES),
});

const FileV2 = z.strictObject({
  format: z.literal(GLOSSARY_FORMAT),
  version: z.literal(2),
  exportedAt: FileTimestamp.optional(),
  entities: z.array(FileEntityV2).max(MAX_GLOSSARY_ENTITIES),
});

/** The newest glossary file (docs/schemas/glossary.schema.json is generated from it). */
export const GlossaryFileV3 = z.strictObject({
  format: z.literal(GLOSSARY_FORMAT),
  version: z.literal(3),
  exportedAt: FileTimestamp.optional(),
  entities: z.array(FileEntity).max(MAX_GLOSSARY_ENTITIES),
});

/** Each version read with its own rules; an older file is then the same entities (the migration). */
const FILE_BY_VERSION: Record<number, z.ZodType<{ entities: unknown[] }>> = { 1: FileV1, 2: FileV2, 3: GlossaryFileV3 };

// ---------------------------------------------------------------------------------------------
// Parsing.

export function parseGlossaryFile(text: string): ParseGlossaryResult {
  try {
    return parseUnsafe(text);
  } catch (err) {
    // Nothing above should throw; if it does, say so rather than crash the import.
    return { ok: false, errors: [`the file could not be read: ${errorText(err)}`] };
  }
}

/** A file entity copied field by field into a fresh object (no key of the file survives). */
export function toGlossaryEntity(e: Partial<FileEntityOut> & Pick<FileEntityOut, 'name' | 'type' | 'aliases' | 'notes'>): GlossaryEntity {
  const aliases = e.aliases.map(copyAlias);
  const out: GlossaryEntity = canonicalEntity({ name: e.name, type: e.type, aliases, notes: e.notes, tags: e.tags, links: e.links });
  if (e.id !== undefined) out.id = e.id;
  if (e.createdAt !== undefined) out.createdAt = e.createdAt;
  if (e.updatedAt !== undefined) out.updatedAt = e.updatedAt;
  return out;
}

export const GLOSSARY_SPEC = { format: GLOSSARY_FORMAT, what: 'glossary', maxVersion: GLOSSARY_FORMAT_VERSION } as const;

function parseUnsafe(text: string): ParseGlossaryResult {
  const doc = readJsonDocument(text, { ...GLOSSARY_SPEC, maxChars: MAX_GLOSSARY_FILE_CHARS });
  if (!doc.ok) return doc;
  return parseGlossaryRoot(doc.root, doc.version);
}

/** A glossary file whose format and version were checked (checkFormatVersion). */
export function parseGlossaryRoot(root: Record<string, unknown>, version: number): ParseGlossaryResult {
  const doc = { root, version };
  // Checked before validating element by element, so a huge array fails fast.
  const tooMany = checkListLength(doc.root, 'entities', MAX_GLOSSARY_ENTITIES, 'entities');
  if (tooMany) return { ok: false, errors: [tooMany] };

  const schema = FILE_BY_VERSION[doc.version] ?? GlossaryFileV3;
  const parsed = schema.safeParse(doc.root, { error: friendlyMessage });
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.error.issues) };
  const entities = parsed.data.entities as FileEntityOut[];

  const errors = duplicateProblems(entities, (e) => e.id, (i) => `entities[${i}]`, 'id');
  if (errors.length) return { ok: false, errors: capErrors(errors) };
  return { ok: true, entities: entities.map(toGlossaryEntity) };
}

// ---------------------------------------------------------------------------------------------
// Writing.

/** An entity as the file writes it: every field, options and lists only when set. */
export function fileEntity(e: Entity): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: e.id,
    name: e.name,
    type: e.type,
    aliases: e.aliases.map(copyAlias),
    notes: e.notes,
  };
  if (e.tags?.length) out.tags = e.tags;
  if (e.links?.length) out.links = e.links;
  out.createdAt = iso(e.createdAt);
  out.updatedAt = iso(e.updatedAt);
  return out;
}

/**
 * The glossary file for these entities, in the given order. Aliases are written in the object
 * form; their options only when set. Output parses back to the same entities.
 */
export function serializeGlossaryFile(entities: readonly Entity[], now: number): string {
  const file = {
    format: GLOSSARY_FORMAT,
    version: GLOSSARY_FORMAT_VERSION,
    exportedAt: iso(now),
    entities: entities.map(fileEntity),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A file name for an export made at `now`: news-context-reader-glossary-2024-05-01.json. */
export function glossaryFileName(now: number): string {
  return `news-context-reader-glossary-${iso(now).slice(0, 10)}.json`;
}
