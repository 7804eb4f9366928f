/**
 * Handlers of the notes' other formats (lib/messaging/note-formats.ts): importing Web
 * Annotations (Hypothesis) in two steps and gathering the Markdown vault's files. The formats
 * themselves are pure code in lib/formats; this maps them onto the store.
 */
import type { noteFormatsMessages } from '../messaging/note-formats';
import type { AreaDeps, HandlersOf } from './handler-types';
import { parseWebAnnotations, type ImportedAnnotation } from '../formats/web-annotation';
import { buildVault } from '../formats/markdown-vault';
import { canonicalArticleUrl } from '../page/canonical-url';
import { describeJsonError, stripBom } from '../model/file-common';
import { MAX_IMPORT_CHARS } from '../model/import-file';
import { dumpAll } from '../storage/export';
import { findNoteDuplicates, importNotes, type NoteToImport } from '../storage/note-import';
import { newId } from '../storage/ids';
import { fileRefused } from './error-words';
import { IMPORT_EXPIRED, STAGED_IMPORT_MS } from './knowledge-handlers';

const PREVIEW_SAMPLE = 20;
const PREVIEW_LISTED = 1000;
const cut = (s: string, n = 400) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

type FileRead = { ok: true; items: NoteToImport[]; skipped: { index: number; reason: string }[] } | { ok: false; errors: string[] };

/**
 * A file's text as notes to import: JSON, then annotations, then each page's address filed as
 * the extension files pages (canonical URL: tracking parameters and fragment dropped), so an
 * imported quote is found when its page is opened.
 */
export function readAnnotationFile(text: string, now: number): FileRead {
  if (text.length > MAX_IMPORT_CHARS) return { ok: false, errors: [`the file is too large (${(text.length / 1e6).toFixed(1)} million characters; at most ${MAX_IMPORT_CHARS / 1e6} million)`] };
  const body = stripBom(text);
  if (!body.trim()) return { ok: false, errors: ['the file is empty'] };
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch (err) {
    return { ok: false, errors: [describeJsonError(body, err)] };
  }
  const parsed = parseWebAnnotations(root, now);
  if (!parsed.ok) return parsed;
  const skipped = [...parsed.skipped];
  const items: NoteToImport[] = [];
  const canonical = new Map<string, string | null>();
  for (const a of parsed.annotations) {
    let url = canonical.get(a.note.url);
    if (url === undefined) canonical.set(a.note.url, (url = canonicalArticleUrl(a.note.url, null)));
    if (!url) skipped.push({ index: a.index, reason: 'its page address is not one the extension files notes under' });
    else items.push({ index: a.index, sourceId: a.sourceId, note: { ...a.note, url } });
  }
  skipped.sort((x, y) => x.index - y.index);
  return { ok: true, items, skipped };
}

const listed = (i: Pick<ImportedAnnotation, 'index' | 'note'>) => ({ index: i.index, quote: cut(i.note.quote), comment: cut(i.note.comment), url: i.note.url, title: cut(i.note.title, 200) });

export function createNoteFormatHandlers(deps: AreaDeps): HandlersOf<typeof noteFormatsMessages> {
  const { db, now } = deps;
  /** The last previewed file, validated (kept in this worker for STAGED_IMPORT_MS). */
  let staged: { token: string; items: NoteToImport[]; at: number } | null = null;

  return {
    async 'notes.importPreview'({ text }) {
      const read = readAnnotationFile(text, now());
      if (!read.ok) return { valid: false as const, errors: read.errors };
      const dupes = await findNoteDuplicates(await db(), read.items);
      const duplicates = read.items.flatMap((item, k) => (dupes[k] ? [{ ...listed(item), existingId: dupes[k] }] : []));
      staged = { token: newId(), items: read.items, at: now() };
      return {
        valid: true as const,
        token: staged.token,
        preview: {
          total: read.items.length,
          newNotes: read.items.length - duplicates.length,
          sample: read.items.slice(0, PREVIEW_SAMPLE).map(listed),
          duplicates: duplicates.slice(0, PREVIEW_LISTED),
          duplicateCount: duplicates.length,
          skipped: read.skipped.slice(0, PREVIEW_LISTED),
          skippedCount: read.skipped.length,
        },
      };
    },

    async 'notes.importCommit'({ text, token, default: defaultChoice, choices }) {
      let items: NoteToImport[] | null = null;
      if (token && staged && staged.token === token && now() - staged.at < STAGED_IMPORT_MS) items = staged.items;
      if (!items) {
        if (text === undefined) throw new Error(IMPORT_EXPIRED);
        const read = readAnnotationFile(text, now());
        if (!read.ok) throw fileRefused(read.errors);
        items = read.items;
      }
      const outcome = await importNotes(await db(), items, { default: defaultChoice, byIndex: choices });
      if (staged?.items === items) staged = null;
      return outcome;
    },

    async 'notes.vault'() {
      const dump = await dumpAll(await db());
      const files = buildVault({ ...dump, now: now() });
      return { files, entities: dump.entities.length, articles: new Set(dump.notes.map((n) => n.url)).size };
    },
  };
}
