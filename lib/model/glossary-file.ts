/**
 * The glossary file: a versioned JSON document the options page exports and imports.
 * Documented in docs/glossary-format.md. Pure: no DOM, no IndexedDB.
 *
 * parseGlossaryFile never throws and never trusts its input: the text may be anything a
 * reader picked from disk (or a hostile page put in their downloads). It bounds the size,
 * rejects unknown keys (including `__proto__` and `constructor`) with strict objects, and
 * names every problem by its path: `entities[3].aliases[0].text: must not be empty`.
 */
import { z } from 'zod';
import {
  Alias,
  EntityId,
  EntityInput,
  EntityType,
  MAX_ALIASES,
  MAX_NOTES_LENGTH,
  type Entity,
} from './entity';

export const GLOSSARY_FORMAT = 'news-context-reader/glossary';
/** The newest file version this build reads, and the one it writes. */
export const GLOSSARY_FORMAT_VERSION = 1;
export const MAX_GLOSSARY_ENTITIES = 100_000;
/** Characters (UTF-16 code units); matches the import message's limit. */
export const MAX_GLOSSARY_FILE_CHARS = 20_000_000;
/** At most this many problems are listed; the rest are counted. */
export const MAX_REPORTED_ERRORS = 50;

const Timestamp = z.number().int().nonnegative();

/**
 * One entity as read from a file, validated and normalised: what the store's importEntities
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
// Version 1 of the file, as written on disk.

const ISO_HINT = 'must be an ISO 8601 date-time such as "2024-05-01T12:00:00.000Z"';

const FileTimestamp = z
  .string()
  .max(40, ISO_HINT)
  .pipe(z.iso.datetime({ offset: true, error: ISO_HINT }))
  .transform((s) => Date.parse(s))
  .pipe(Timestamp.refine((n) => Number.isFinite(n), ISO_HINT).min(0, 'must not be before 1970'));

/** An alias: `{ "text": "MEK", "exactCase": true }`, or the shorthand `"MEK"` (no options). */
const FileAlias = z.preprocess(
  (v) => (typeof v === 'string' ? { text: v } : v),
  z.strictObject(Alias.shape, { error: (iss) => (iss.code === 'invalid_type' ? 'must be a string or an object {"text": ..., "exactCase": ...}' : undefined) }),
);

const FileEntityV1 = z.strictObject({
  id: EntityId.optional(),
  name: EntityInput.shape.name,
  type: EntityType,
  aliases: z.array(FileAlias).max(MAX_ALIASES).default([]),
  notes: z.string().max(MAX_NOTES_LENGTH).default(''),
  createdAt: FileTimestamp.optional(),
  updatedAt: FileTimestamp.optional(),
});

const FileV1 = z.strictObject({
  format: z.literal(GLOSSARY_FORMAT),
  version: z.literal(1),
  exportedAt: FileTimestamp.optional(),
  entities: z.array(FileEntityV1).max(MAX_GLOSSARY_ENTITIES),
});

// ---------------------------------------------------------------------------------------------
// Parsing.

export function parseGlossaryFile(text: string): ParseGlossaryResult {
  try {
    return parseUnsafe(text);
  } catch (err) {
    // Nothing above should throw; if it does, say so rather than crash the import.
    return { ok: false, errors: [`the file could not be read: ${err instanceof Error ? err.message : String(err)}`] };
  }
}

function fail(...errors: string[]): ParseGlossaryResult {
  return { ok: false, errors };
}

function parseUnsafe(text: string): ParseGlossaryResult {
  if (typeof text !== 'string') return fail('the file is not text');
  if (text.length > MAX_GLOSSARY_FILE_CHARS) {
    return fail(`the file is too large (${(text.length / 1e6).toFixed(1)} million characters; at most ${MAX_GLOSSARY_FILE_CHARS / 1e6} million)`);
  }
  // Editors on Windows like to start files with a byte-order mark; JSON.parse does not.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return fail('the file is empty');

  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    return fail(describeJsonError(body, err));
  }

  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail(`the file must hold a JSON object with "format": "${GLOSSARY_FORMAT}", not ${describeValue(data)}`);
  }
  const root = data as Record<string, unknown>;
  const own = (k: string) => (Object.prototype.hasOwnProperty.call(root, k) ? root[k] : undefined);

  const format = own('format');
  if (format !== GLOSSARY_FORMAT) {
    return fail(
      format === undefined
        ? `format: is required; this is not a News Context Reader glossary file (expected "format": "${GLOSSARY_FORMAT}")`
        : `format: expected "${GLOSSARY_FORMAT}", found ${clip(JSON.stringify(format) ?? String(format), 80)}; this is not a News Context Reader glossary file`,
    );
  }

  const version = own('version');
  if (version === undefined) return fail('version: is required');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail(`version: must be a whole number from 1, not ${clip(JSON.stringify(version) ?? String(version), 40)}`);
  }
  if (version > GLOSSARY_FORMAT_VERSION) {
    return fail(
      `version: this file was made by a newer version of the extension (file format version ${version}; this version reads up to ${GLOSSARY_FORMAT_VERSION}). Update the extension to import it.`,
    );
  }

  // Checked before validating element by element, so a huge array fails fast.
  const entities = own('entities');
  if (Array.isArray(entities) && entities.length > MAX_GLOSSARY_ENTITIES) {
    return fail(`entities: too many entities (${entities.length}; at most ${MAX_GLOSSARY_ENTITIES})`);
  }

  // version === 1 here. A version 2 adds its schema and an upgrade of v1 data to the same output.
  const parsed = FileV1.safeParse(data, { error: friendlyMessage });
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.error.issues) };

  const errors: string[] = [];
  const firstIndex = new Map<string, number>();
  parsed.data.entities.forEach((e, i) => {
    if (e.id === undefined) return;
    const first = firstIndex.get(e.id);
    if (first === undefined) firstIndex.set(e.id, i);
    else errors.push(`entities[${i}].id: ${JSON.stringify(e.id)} is already used by entities[${first}]`);
  });
  if (errors.length) return { ok: false, errors: capErrors(errors) };

  return {
    ok: true,
    entities: parsed.data.entities.map((e) => {
      const out: GlossaryEntity = { name: e.name, type: e.type, aliases: e.aliases, notes: e.notes };
      if (e.id !== undefined) out.id = e.id;
      if (e.createdAt !== undefined) out.createdAt = e.createdAt;
      if (e.updatedAt !== undefined) out.updatedAt = e.updatedAt;
      return out;
    }),
  };
}

/** "not valid JSON: Unexpected token ... (line 3, column 7)". */
function describeJsonError(text: string, err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  if (err instanceof RangeError) return 'the file is not valid JSON: it is nested too deeply';
  let where = '';
  const lc = /line (\d+) column (\d+)/i.exec(raw);
  const pos = /position (\d+)/i.exec(raw);
  if (lc) {
    where = ` (line ${lc[1]}, column ${lc[2]})`;
  } else if (pos) {
    const offset = Math.min(Number(pos[1]), text.length);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    where = ` (line ${line}, column ${column})`;
  } else if (/unexpected end/i.test(raw)) {
    where = ' (it ends too early)';
  }
  // Engine messages may quote a stretch of the file: keep them short.
  const message = clip(raw.replace(/^JSON\.parse:\s*/, '').replace(/\s*(in JSON )?at position \d+[\s\S]*$/, ''), 160);
  return `the file is not valid JSON${where}: ${message}`;
}

// ---------------------------------------------------------------------------------------------
// Messages and paths.

/** `["entities", 3, "aliases", 0, "text"]` -> `entities[3].aliases[0].text`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${clip(JSON.stringify(String(seg)), 60)}]`;
  }
  return out || '(file)';
}

/** One readable line per problem, each naming its path; unknown keys are listed one by one. */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
  max = MAX_REPORTED_ERRORS,
): string[] {
  const out: string[] = [];
  // One problem per field: "" as an id is "empty", no need to add that it is not a valid id.
  const seen = new Set<string>();
  const add = (where: string, message: string) => {
    if (seen.has(where)) return;
    seen.add(where);
    out.push(`${where}: ${message}`);
  };
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(formatPath([...path, key]), 'unknown field');
    } else {
      add(formatPath(path), issue.message);
    }
  }
  return capErrors(out, max);
}

function capErrors(errors: string[], max = MAX_REPORTED_ERRORS): string[] {
  if (errors.length <= max) return errors;
  const rest = errors.length - max;
  return [...errors.slice(0, max), `…and ${rest} more problem${rest === 1 ? '' : 's'}`];
}

const EXPECTED: Record<string, string> = {
  string: 'text (a string)',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list (array)',
  object: 'an object',
  null: 'null',
};

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list (array)';
  switch (typeof v) {
    case 'string':
      return 'text (a string)';
    case 'number':
      return Number.isInteger(v) ? 'a whole number' : 'a number';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      return 'an object';
    default:
      return typeof v;
  }
}

function unit(origin: string): string {
  if (origin === 'string') return ' characters';
  if (origin === 'array' || origin === 'set') return ' items';
  return '';
}

/**
 * Readable zod messages ("is required", "must be text (a string), not null"), for
 * `schema.safeParse(x, { error: friendlyMessage })`. A schema's own message takes precedence.
 */
export function friendlyMessage(iss: z.core.$ZodRawIssue): string | undefined {
  if (iss.input === undefined && (iss.code === 'invalid_type' || iss.code === 'invalid_value')) return 'is required';
  switch (iss.code) {
    case 'invalid_type':
      return `must be ${EXPECTED[iss.expected] ?? iss.expected}, not ${describeValue(iss.input)}`;
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'string' && min <= 1) return 'must not be empty';
      if (iss.origin === 'array' && min <= 1) return 'must not be an empty list';
      return iss.origin === 'number' ? `must be at least ${min}` : `must have at least ${min}${unit(iss.origin)}`;
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      return iss.origin === 'number' ? `must be at most ${max}` : `must have at most ${max}${unit(iss.origin)}`;
    }
    case 'invalid_value':
      if (iss.values.length === 1) return `must be ${JSON.stringify(iss.values[0])}`;
      return `must be one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return iss.format === 'regex' ? undefined : `is not a valid ${iss.format}`;
    default:
      return undefined;
  }
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

// ---------------------------------------------------------------------------------------------
// Writing.

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The glossary file for these entities, in the given order. Aliases are written in the object
 * form; `exactCase` only when the alias has it. Output parses back to the same entities.
 */
export function serializeGlossaryFile(entities: readonly Entity[], now: number): string {
  const file = {
    format: GLOSSARY_FORMAT,
    version: GLOSSARY_FORMAT_VERSION,
    exportedAt: iso(now),
    entities: entities.map((e) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      aliases: e.aliases.map((a) => (a.exactCase === undefined ? { text: a.text } : { text: a.text, exactCase: a.exactCase })),
      notes: e.notes,
      createdAt: iso(e.createdAt),
      updatedAt: iso(e.updatedAt),
    })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A file name for an export made at `now`: news-context-reader-glossary-2024-05-01.json. */
export function glossaryFileName(now: number): string {
  return `news-context-reader-glossary-${iso(now).slice(0, 10)}.json`;
}
