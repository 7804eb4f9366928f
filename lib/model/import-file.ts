/**
 * Our own files the options page imports: a glossary (JSON, version 1 to 3), a full backup (JSON),
 * or a glossary as CSV (the open formats are recognised first by lib/formats/import.ts). Recognised by content, not by the file's name: a JSON object is read
 * by its `format`; anything else is read as CSV. Pure; never throws.
 */
import { errorText } from './error-text';
import type { Article, Mention } from './article';
import type { Note } from './note';
import type { Settings } from './settings';
import type { AliasExclusion } from './alias-exclusion';
import { checkFormatVersion, ownValue, readJsonRoot, stripBom } from './file-common';
import { GLOSSARY_FORMAT, GLOSSARY_SPEC, parseGlossaryRoot, type GlossaryEntity } from './glossary-file';
import { BACKUP_FORMAT, BACKUP_SPEC, MAX_BACKUP_FILE_CHARS, parseBackupRoot } from './backup-file';
import { parseGlossaryCsv } from './glossary-csv';

import type { ImportKind } from './import-plan';

export type { ImportKind } from './import-plan';

/** A validated file, in the store's shapes. A glossary or CSV file has only entities. */
export interface ImportBundle {
  kind: ImportKind;
  entities: GlossaryEntity[];
  articles: Article[];
  mentions: Mention[];
  notes: Note[];
  settings: Settings | null;
  /** Restored with the settings (the reader's per-site switches are settings too). */
  aliasExclusions: AliasExclusion[];
}

export type ParseImportResult = { ok: true; bundle: ImportBundle } | { ok: false; kind: ImportKind | null; errors: string[] };

export const MAX_IMPORT_CHARS = MAX_BACKUP_FILE_CHARS;

export function parseImportFile(text: string): ParseImportResult {
  try {
    return parseUnsafe(text);
  } catch (err) {
    return { ok: false, kind: null, errors: [`the file could not be read: ${errorText(err)}`] };
  }
}

function parseUnsafe(text: string): ParseImportResult {
  if (typeof text !== 'string') return { ok: false, kind: null, errors: ['the file is not text'] };
  const start = stripBom(text).trimStart();
  // JSON files start with an object (or are broken JSON trying to); CSV starts with a header.
  if (start.startsWith('{') || start.startsWith('[')) {
    const root = readJsonRoot(text, MAX_IMPORT_CHARS, GLOSSARY_FORMAT);
    if (!root.ok) return { ok: false, kind: null, errors: root.errors };
    const format = ownValue(root.root, 'format');
    if (format === BACKUP_FORMAT) {
      const checked = checkFormatVersion(root.root, BACKUP_SPEC);
      if (!checked.ok) return { ok: false, kind: 'backup', errors: checked.errors };
      const r = parseBackupRoot(root.root, checked.version);
      if (!r.ok) return { ok: false, kind: 'backup', errors: r.errors };
      const { ok: _ok, ...data } = r;
      return { ok: true, bundle: { kind: 'backup', ...data } };
    }
    const checked = checkFormatVersion(root.root, GLOSSARY_SPEC);
    if (!checked.ok) {
      const hint =
        format === undefined || format === GLOSSARY_FORMAT
          ? checked.errors
          : [`format: expected "${GLOSSARY_FORMAT}" or "${BACKUP_FORMAT}", found ${JSON.stringify(format)?.slice(0, 80) ?? String(format)}; this is not a News Context Reader file`];
      return { ok: false, kind: format === GLOSSARY_FORMAT ? 'glossary' : null, errors: hint };
    }
    const r = parseGlossaryRoot(root.root, checked.version);
    if (!r.ok) return { ok: false, kind: 'glossary', errors: r.errors };
    return { ok: true, bundle: glossaryBundle('glossary', r.entities) };
  }
  const r = parseGlossaryCsv(text);
  if (!r.ok) return { ok: false, kind: 'csv', errors: r.errors };
  return { ok: true, bundle: glossaryBundle('csv', r.entities) };
}

/** A glossary (JSON, CSV or one of lib/formats' formats) as an import bundle: entities only. */
export function glossaryBundle(kind: Exclude<ImportKind, 'backup'>, entities: GlossaryEntity[]): ImportBundle {
  return { kind, entities, articles: [], mentions: [], notes: [], settings: null, aliasExclusions: [] };
}
