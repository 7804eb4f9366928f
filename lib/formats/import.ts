/**
 * Every file the options page imports, recognised by content: our own JSON (glossary, backup)
 * and CSV (lib/model/import-file.ts), SKOS in Turtle or JSON-LD, and Wikidata entity JSON.
 * One JSON parse per file. Pure; never throws.
 */
import { errorText } from '../model/error-text';
import { describeJsonError, stripBom } from '../model/file-common';
import { MAX_IMPORT_CHARS, glossaryBundle, parseImportFile, type ParseImportResult } from '../model/import-file';
import type { ImportKind } from '../model/import-plan';
import type { ParseGlossaryResult } from '../model/glossary-file';
import type { ReadOptions } from './skos';
import { looksLikeTurtle, parseSkosTurtle } from './skos-turtle';
import { looksLikeJsonLd, parseSkosJsonLdRoot } from './skos-jsonld';
import { looksLikeWikidata, parseWikidataRoot } from './wikidata';

export type { ReadOptions } from './skos';

export function parseAnyImportFile(text: string, options: ReadOptions = {}): ParseImportResult {
  try {
    return parseUnsafe(text, options);
  } catch (err) {
    return { ok: false, kind: null, errors: [`the file could not be read: ${errorText(err)}`] };
  }
}

function bundleOf(kind: ImportKind & ('skos-turtle' | 'skos-jsonld' | 'wikidata'), r: ParseGlossaryResult): ParseImportResult {
  return r.ok ? { ok: true, bundle: glossaryBundle(kind, r.entities) } : { ok: false, kind, errors: r.errors };
}

function parseUnsafe(text: string, options: ReadOptions): ParseImportResult {
  if (typeof text !== 'string') return { ok: false, kind: null, errors: ['the file is not text'] };
  const body = stripBom(text);
  const start = body.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) {
    // Our own files start with their "format": read them as always (no second parse).
    if (/^\{\s*"format"\s*:/.test(start) || text.length > MAX_IMPORT_CHARS) return parseImportFile(text);
    let root: unknown;
    try {
      root = JSON.parse(body);
    } catch (err) {
      return { ok: false, kind: null, errors: [describeJsonError(body, err)] };
    }
    if (looksLikeWikidata(root)) return bundleOf('wikidata', parseWikidataRoot(root, options));
    if (looksLikeJsonLd(root)) return bundleOf('skos-jsonld', parseSkosJsonLdRoot(root, options));
    return parseImportFile(text);
  }
  if (looksLikeTurtle(text)) return bundleOf('skos-turtle', parseSkosTurtle(text, options));
  return parseImportFile(text);
}
