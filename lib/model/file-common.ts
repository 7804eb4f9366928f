/**
 * What every file the extension reads has in common: size limit, byte-order mark, JSON with a
 * position on errors, a `format` and a `version` checked first, and problems written as one
 * line each naming the path (`entities[3].aliases[0].text: must not be empty`). Pure.
 */
import { errorText } from './error-text';
import { z } from 'zod';

/** At most this many problems are listed; the rest are counted. */
export const MAX_REPORTED_ERRORS = 50;

export const Timestamp = z.number().int().nonnegative();

export const ISO_HINT = 'must be an ISO 8601 date-time such as "2024-05-01T12:00:00.000Z"';

/** A date-time in a file: ISO 8601 with Z or an offset, read as epoch milliseconds. */
export const FileTimestamp = z
  .string()
  .max(40, ISO_HINT)
  .pipe(z.iso.datetime({ offset: true, error: ISO_HINT }))
  .transform((s) => Date.parse(s))
  .pipe(Timestamp.refine((n) => Number.isFinite(n), ISO_HINT).min(0, 'must not be before 1970'));

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export type DocumentResult = { ok: true; root: Record<string, unknown>; version: number } | { ok: false; errors: string[] };

export interface DocumentSpec {
  /** The `format` value, e.g. "news-context-reader/glossary". */
  format: string;
  /** "glossary", "backup": how the file is named in messages. */
  what: string;
  /** The newest version this build reads. */
  maxVersion: number;
  maxChars: number;
}

/** Size, BOM, JSON, root object, `format` and `version`: the checks before any schema runs. */
export function readJsonDocument(text: string, spec: DocumentSpec): DocumentResult {
  const root = readJsonRoot(text, spec.maxChars, spec.format);
  return root.ok ? checkFormatVersion(root.root, spec) : root;
}

/** Size, BOM, JSON, and a JSON object at the top. */
export function readJsonRoot(text: string, maxChars: number, formatHint: string): { ok: true; root: Record<string, unknown> } | { ok: false; errors: string[] } {
  const fail = (...errors: string[]) => ({ ok: false as const, errors });
  if (typeof text !== 'string') return fail('the file is not text');
  if (text.length > maxChars) {
    return fail(`the file is too large (${(text.length / 1e6).toFixed(1)} million characters; at most ${maxChars / 1e6} million)`);
  }
  const body = stripBom(text);
  if (body.trim() === '') return fail('the file is empty');
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (err) {
    return fail(describeJsonError(body, err));
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail(`the file must hold a JSON object with "format": "${formatHint}", not ${describeValue(data)}`);
  }
  return { ok: true, root: data as Record<string, unknown> };
}

/** `format` first, then `version`: if either is wrong, that is the only problem reported. */
export function checkFormatVersion(root: Record<string, unknown>, spec: Omit<DocumentSpec, 'maxChars'>): DocumentResult {
  const fail = (...errors: string[]): DocumentResult => ({ ok: false, errors });
  const format = ownValue(root, 'format');
  if (format !== spec.format) {
    return fail(
      format === undefined
        ? `format: is required; this is not a News Context Reader ${spec.what} file (expected "format": "${spec.format}")`
        : `format: expected "${spec.format}", found ${clip(JSON.stringify(format) ?? String(format), 80)}; this is not a News Context Reader ${spec.what} file`,
    );
  }
  const version = ownValue(root, 'version');
  if (version === undefined) return fail('version: is required');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail(`version: must be a whole number from 1, not ${clip(JSON.stringify(version) ?? String(version), 40)}`);
  }
  if (version > spec.maxVersion) {
    return fail(
      `version: this file was made by a newer version of the extension (file format version ${version}; this version reads up to ${spec.maxVersion}). Update the extension to import it.`,
    );
  }
  return { ok: true, root, version };
}

export function stripBom(text: string): string {
  // Editors on Windows like to start files with a byte-order mark; JSON.parse does not.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function ownValue(o: Record<string, unknown>, k: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

/** A list longer than `max` is refused before its elements are examined. */
export function checkListLength(root: Record<string, unknown>, key: string, max: number, noun: string): string | null {
  const v = ownValue(root, key);
  return Array.isArray(v) && v.length > max ? `${key}: too many ${noun} (${v.length}; at most ${max})` : null;
}

/** Problems like "entities[9].id: "mek" is already used by entities[2]" for repeated keys. */
export function duplicateProblems<T>(items: readonly T[], key: (item: T) => string | undefined, path: (i: number) => string, field: string): string[] {
  const out: string[] = [];
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    if (k === undefined) return;
    const f = first.get(k);
    if (f === undefined) first.set(k, i);
    else out.push(`${path(i)}.${field}: ${clip(JSON.stringify(k), 120)} is already used by ${path(f)}`);
  });
  return out;
}

/** "not valid JSON: Unexpected token ... (line 3, column 7)". */
export function describeJsonError(text: string, err: unknown): string {
  const raw = errorText(err);
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
  } else if (quotedContext(text, raw) !== null) {
    const offset = quotedContext(text, raw)!;
    const before = text.slice(0, offset);
    where = ` (line ${before.split('\n').length}, column ${offset - before.lastIndexOf('\n')})`;
  } else if (/unexpected end/i.test(raw)) {
    where = ' (it ends too early)';
  }
  // Engine messages may quote a stretch of the file: keep them short.
  const message = clip(raw.replace(/^JSON\.parse:\s*/, '').replace(/\s*(in JSON )?at position \d+[\s\S]*$/, ''), 160);
  return `the file is not valid JSON${where}: ${message}`;
}

/**
 * V8 sometimes names no position but quotes the text around the error:
 * `Unexpected token '}', "...ties": [}" is not valid JSON`. Find that stretch in the file.
 */
function quotedContext(text: string, message: string): number | null {
  const m = /token '(.)', (?:\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(message);
  if (!m) return null;
  const context = m[2]!;
  const at = text.indexOf(context);
  if (at < 0 || text.indexOf(context, at + 1) >= 0) return null;
  const inContext = context.lastIndexOf(m[1]!);
  return inContext < 0 ? null : at + inContext;
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

export function capErrors(errors: string[], max = MAX_REPORTED_ERRORS): string[] {
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

export function describeValue(v: unknown): string {
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
      if (iss.origin === 'number') return iss.inclusive === false ? `must be more than ${min}` : `must be at least ${min}`;
      return `must have at least ${min}${unit(iss.origin)}`;
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

export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

