/**
 * The glossary as CSV, for spreadsheet users. Read and written through papaparse; documented
 * in docs/glossary-format.md (section CSV). Pure: no DOM, no IndexedDB.
 *
 * One entity a row, a header row first. Columns (any order, names case-insensitive):
 *   name (required), type (required), aliases, notes, tags, links, id, created_at, updated_at
 * Lists are separated by " | " (aliases also by ";", like the entity form; a comma stays in the
 * alias: names hold commas, and the import preview points such aliases out). An alias may
 * carry its options in braces:
 *   "MEK {exact case} | PMOI | Khāmeneʾi {exact accents} | mek {any case}".
 * Problems name the row as a spreadsheet shows it (the header is row 1) and the column.
 */
import { errorText } from './error-text';
import Papa from 'papaparse';
import { z } from 'zod';
import {
  Alias,
  ENTITY_TYPES,
  EntityId,
  EntityInput,
  EntityType,
  ExternalLink,
  MAX_ALIASES,
  MAX_LINKS,
  MAX_NOTES_LENGTH,
  MAX_TAGS,
  Tag,
  type Entity,
} from './entity';
import { FileTimestamp, capErrors, clip, friendlyMessage, iso, stripBom } from './file-common';
import { MAX_GLOSSARY_ENTITIES, toGlossaryEntity, type GlossaryEntity, type ParseGlossaryResult } from './glossary-file';

export const CSV_COLUMNS = ['name', 'type', 'aliases', 'hidden_aliases', 'notes', 'tags', 'links', 'id', 'created_at', 'updated_at'] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['name', 'type'];
export const LIST_SEPARATOR = ' | ';
/** In the aliases column, | and ; both separate (as in the entity form). */
const ALIAS_SEPARATORS = /(?<!\\)[|;]/;
export const MAX_CSV_CHARS = 20_000_000;

/** Words a spreadsheet user may write in the type column. */
const TYPE_WORDS: Record<string, EntityType> = {
  person: 'person',
  people: 'person',
  organization: 'organization',
  organisation: 'organization',
  org: 'organization',
  event: 'event',
  place: 'place',
  location: 'place',
  other: 'other',
};

const OPTION_WORDS: Record<string, Partial<Alias>> = {
  'exact case': { exactCase: true },
  'any case': { exactCase: false },
  'exact accents': { diacriticSensitive: true },
  'any accents': { diacriticSensitive: false },
};

/**
 * Spreadsheets run cells starting with = + - @ tab or CR as formulas; we write them with a
 * leading '. So are cells that already start with
 * quotes before a formula character ("'=a" is written "''=a"), so that reading strips exactly
 * the quote writing added.
 */
const QUOTED_START = /^'*[=+\-@\t\r]/;

/** Items separated by | (aliases: also by ;); a | or ; inside an item is written \\| or \\;. */
function splitList(cell: string, separators = /(?<!\\)\|/): string[] {
  return cell
    .split(separators)
    .map((s) => s.replace(/\\([|;])/g, '$1').trim())
    .filter(Boolean);
}

function joinList(items: readonly string[], escape = /\|/g): string {
  return items.map((s) => s.replace(escape, '\\$&')).join(LIST_SEPARATOR);
}

/** "MEK {exact case}" -> { text: "MEK", exactCase: true }; an error message for bad options. */
export function parseAliasCell(item: string): { alias: { text: string; exactCase?: boolean; diacriticSensitive?: boolean } } | { error: string } {
  const m = /^(.*?)\s*\{([^{}]*)\}\s*$/s.exec(item);
  if (!m) return { alias: { text: item } };
  const alias: { text: string; exactCase?: boolean; diacriticSensitive?: boolean } = { text: m[1]! };
  for (const raw of m[2]!.split(',')) {
    const word = raw.trim().toLowerCase().replace(/\s+/g, ' ');
    if (!word) continue;
    const option = OPTION_WORDS[word];
    if (!option) return { error: `alias ${clip(JSON.stringify(item), 60)}: unknown option {${raw.trim()}} (use exact case, any case, exact accents or any accents)` };
    Object.assign(alias, option);
  }
  return { alias };
}

export function formatAliasCell(a: z.output<typeof Alias>): string {
  const options: string[] = [];
  if (a.exactCase !== undefined) options.push(a.exactCase ? 'exact case' : 'any case');
  if (a.diacriticSensitive !== undefined) options.push(a.diacriticSensitive ? 'exact accents' : 'any accents');
  return options.length ? `${a.text} {${options.join(', ')}}` : a.text;
}

const CsvRow = z.strictObject({
  id: EntityId.optional(),
  name: EntityInput.shape.name,
  type: EntityType,
  aliases: z.array(Alias).max(MAX_ALIASES),
  notes: z.string().max(MAX_NOTES_LENGTH),
  tags: z.array(Tag).max(MAX_TAGS),
  links: z.array(ExternalLink).max(MAX_LINKS),
  createdAt: FileTimestamp.optional(),
  updatedAt: FileTimestamp.optional(),
});

const FIELD_COLUMN: Record<string, Column> = { createdAt: 'created_at', updatedAt: 'updated_at' };

/** Read a CSV glossary. Never throws; every problem is "row N, column: why". */
export function parseGlossaryCsv(text: string): ParseGlossaryResult {
  try {
    return parseUnsafe(text);
  } catch (err) {
    return { ok: false, errors: [`the file could not be read: ${errorText(err)}`] };
  }
}

function unformula(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && QUOTED_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

function parseUnsafe(text: string): ParseGlossaryResult {
  if (typeof text !== 'string') return { ok: false, errors: ['the file is not text'] };
  if (text.length > MAX_CSV_CHARS) {
    return { ok: false, errors: [`the file is too large (${(text.length / 1e6).toFixed(1)} million characters; at most ${MAX_CSV_CHARS / 1e6} million)`] };
  }
  const body = stripBom(text);
  if (body.trim() === '') return { ok: false, errors: ['the file is empty'] };
  const result = Papa.parse<string[]>(body, { header: false, skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t'] });
  const rows = result.data;
  const errors: string[] = [];
  for (const e of result.errors.slice(0, 10)) {
    // The delimiter guess on a one-column file is not a problem worth reporting.
    if (e.code === 'UndetectableDelimiter') continue;
    errors.push(`${e.row !== undefined ? `row ${e.row + 1}` : 'the file'}: ${e.message}`);
  }
  if (errors.length) return { ok: false, errors };
  if (rows.length === 0) return { ok: false, errors: ['the file is empty'] };
  if (rows.length - 1 > MAX_GLOSSARY_ENTITIES) return { ok: false, errors: [`too many rows (${rows.length - 1}; at most ${MAX_GLOSSARY_ENTITIES})`] };

  // The header row.
  const header = rows[0]!.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  const index = new Map<Column, number>();
  header.forEach((h, i) => {
    if (h === '') return;
    if (!(CSV_COLUMNS as readonly string[]).includes(h)) {
      errors.push(`row 1, column ${i + 1}: unknown column ${clip(JSON.stringify(rows[0]![i]), 60)} (the columns are ${CSV_COLUMNS.join(', ')})`);
    } else if (index.has(h as Column)) {
      errors.push(`row 1, column ${i + 1}: the column ${h} appears twice`);
    } else {
      index.set(h as Column, i);
    }
  });
  for (const c of REQUIRED) if (!index.has(c)) errors.push(`row 1: the column ${c} is missing (the first row must name the columns: ${CSV_COLUMNS.join(', ')})`);
  if (errors.length) return { ok: false, errors: capErrors(errors) };

  const entities: GlossaryEntity[] = [];
  const seenIds = new Map<string, number>();
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r]!;
    const rowNo = r + 1;
    const cell = (c: Column): string => {
      const i = index.get(c);
      return i === undefined ? '' : unescapeLoneSurrogates(unformula(cells[i] ?? ''));
    };
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
      errors.push(`row ${rowNo}: more cells (${cells.length}) than columns (${header.length})`);
    }
    const rowErrors: string[] = [];
    const aliases: unknown[] = [];
    for (const column of ['aliases', 'hidden_aliases'] as const) {
      for (const item of splitList(cell(column), ALIAS_SEPARATORS)) {
        const a = parseAliasCell(item);
        if ('error' in a) rowErrors.push(`row ${rowNo}, ${column}: ${a.error}`);
        else aliases.push(column === 'hidden_aliases' ? { ...a.alias, hidden: true } : a.alias);
      }
    }
    const typeWord = cell('type').trim().toLowerCase();
    const raw = {
      ...(cell('id').trim() ? { id: cell('id').trim() } : {}),
      name: cell('name'),
      type: TYPE_WORDS[typeWord] ?? typeWord,
      aliases,
      notes: cell('notes').replace(/\r\n?/g, '\n'),
      tags: splitList(cell('tags')),
      links: splitList(cell('links')).flatMap((l) => l.split(/\s+/)).filter(Boolean),
      ...(cell('created_at').trim() ? { createdAt: cell('created_at').trim() } : {}),
      ...(cell('updated_at').trim() ? { updatedAt: cell('updated_at').trim() } : {}),
    };
    const parsed = CsvRow.safeParse(raw, { error: friendlyMessage });
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const iss of parsed.error.issues) {
        const field = String(iss.path[0] ?? '');
        const column = FIELD_COLUMN[field] ?? field;
        const sub = iss.path.length > 1 && typeof iss.path[1] === 'number' ? ` (item ${iss.path[1] + 1})` : '';
        let message = iss.message;
        if (field === 'type' && iss.code === 'invalid_value') message = `must be one of ${ENTITY_TYPES.join(', ')}, not ${clip(JSON.stringify(cell('type')), 40)}`;
        const line = `row ${rowNo}, ${column}${sub}: ${message}`;
        if (!seen.has(line)) rowErrors.push(line);
        seen.add(line);
      }
    } else {
      const id = parsed.data.id;
      if (id !== undefined) {
        const first = seenIds.get(id);
        if (first !== undefined) rowErrors.push(`row ${rowNo}, id: ${JSON.stringify(id)} is already used by row ${first}`);
        else seenIds.set(id, rowNo);
      }
      entities.push(toGlossaryEntity(parsed.data));
    }
    errors.push(...rowErrors);
    if (errors.length > 200) break;
  }
  if (errors.length) return { ok: false, errors: capErrors(errors) };
  return { ok: true, entities };
}

function safeCell(s: string): string {
  const escaped = escapeLoneSurrogates(s);
  return QUOTED_START.test(escaped) ? `'${escaped}` : escaped;
}

/**
 * A lone surrogate (half of a UTF-16 pair: a name cut in the middle of an emoji, or pasted from
 * a broken source) has no UTF-8 form: written as it is, the file would hold U+FFFD instead and
 * the name would not come back. CSV has no escape of its own, so the file writes it as
 * `\u{D800}` (the code unit in hex, 4 digits, upper case). Backslashes right before such an
 * escape, and before text that already reads like one, are doubled: an odd run of backslashes
 * before `u{Dxxx}` ends in the escape, an even run is that many halved and the text as it was.
 * Reading undoes exactly this; no other text changes (docs/glossary-format.md, CSV).
 */
const ESCAPABLE = /(\\*)(?:(u\{D[89A-F][0-9A-F]{2}\})|([\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]))/gi;
const ESCAPED = /(\\+)(u\{(D[89A-F][0-9A-F]{2})\})/gi;

export function escapeLoneSurrogates(s: string): string {
  if (!/[\uD800-\uDFFF\\]/.test(s)) return s;
  return s.replace(ESCAPABLE, (match, slashes: string, escapeLike: string | undefined, lone: string | undefined) => {
    if (lone) return `${slashes}${slashes}\\u{${lone.charCodeAt(0).toString(16).toUpperCase()}}`;
    return slashes ? `${slashes}${slashes}${escapeLike}` : match;
  });
}

export function unescapeLoneSurrogates(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(ESCAPED, (_, slashes: string, text: string, hex: string) => {
    const literal = '\\'.repeat(slashes.length >> 1);
    return slashes.length % 2 ? `${literal}${String.fromCharCode(parseInt(hex, 16))}` : `${literal}${text}`;
  });
}

/** The glossary as CSV (UTF-8 with a byte-order mark, which spreadsheets need to read it as UTF-8). */
export function serializeGlossaryCsv(entities: readonly Entity[]): string {
  const rows = entities.map((e) =>
    [
      e.name,
      e.type,
      joinList(e.aliases.filter((a) => !a.hidden).map(formatAliasCell), /[|;]/g),
      joinList(e.aliases.filter((a) => a.hidden).map(formatAliasCell), /[|;]/g),
      e.notes,
      joinList(e.tags ?? []),
      joinList(e.links ?? []),
      e.id,
      iso(e.createdAt),
      iso(e.updatedAt),
    ].map(safeCell),
  );
  return `\ufeff${Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { newline: '\r\n', quotes: false })}\r\n`;
}

export function glossaryCsvFileName(now: number): string {
  return `news-context-reader-glossary-${iso(now).slice(0, 10)}.csv`;
}
