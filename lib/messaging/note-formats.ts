/**
 * Notes in other tools' formats (issue 18), spread into protocol.ts: import of Web Annotations
 * (Hypothesis) in two steps, and the Markdown vault's files. The Web Annotation and Readwise
 * exports are formats of `notes.export` (notes.ts). Extension pages only.
 */
import { z } from 'zod';
import { Count, Empty, type MessageTable } from './table';
import { MAX_IMPORT_TEXT } from './knowledge';

const NoteImportChoice = z.enum(['skip', 'keep']);

/** One note of the file as the preview lists it. */
const PreviewNote = z.strictObject({
  /** Its place in the file's list of annotations. */
  index: Count,
  quote: z.string().max(400),
  comment: z.string().max(400),
  url: z.string(),
  title: z.string(),
});

export const NotesImportPreview = z.strictObject({
  /** Annotations that can become notes. */
  total: Count,
  /** Of those, new: imported without a question. */
  newNotes: Count,
  /** The first notes of the file, to show what will be imported. */
  sample: z.array(PreviewNote).max(50),
  /** Those already here (same note id, or same page, quote and comment), with the stored note's id. */
  duplicates: z.array(PreviewNote.extend({ existingId: z.string() })).max(1000),
  duplicateCount: Count,
  /** Annotations we cannot hold (a reply, a PDF, nothing quoted or said), with why. */
  skipped: z.array(z.strictObject({ index: Count, reason: z.string() })).max(1000),
  skippedCount: Count,
});
export type NotesImportPreview = z.infer<typeof NotesImportPreview>;

export const VaultFileShape = z.strictObject({ path: z.string().max(300), text: z.string() });

export const noteFormatsMessages = {
  /** Step 1: validate a Web Annotation file and say what importing it would do. Reads only. */
  'notes.importPreview': {
    from: ['extension-page'],
    request: z.strictObject({ text: z.string().max(MAX_IMPORT_TEXT) }),
    reply: z.discriminatedUnion('valid', [
      z.strictObject({ valid: z.literal(false), errors: z.array(z.string()) }),
      z.strictObject({ valid: z.literal(true), preview: NotesImportPreview, token: z.string().max(64) }),
    ]),
  },
  /**
   * Step 2: import it, each duplicate skipped or kept by the reader's choice (by index, else
   * `default`); one transaction. `token` names the previewed file (kept for 10 minutes), else
   * `text` is read again.
   */
  'notes.importCommit': {
    from: ['extension-page'],
    request: z.strictObject({
      text: z.string().max(MAX_IMPORT_TEXT).optional(),
      token: z.string().max(64).optional(),
      default: NoteImportChoice,
      choices: z.record(z.string().regex(/^\d{1,7}$/), NoteImportChoice).optional(),
    }),
    reply: z.strictObject({ added: Count, skipped: Count }),
  },
  /** Every file of the Markdown vault (without its manifest): the options page zips or writes them. */
  'notes.vault': {
    from: ['extension-page'],
    request: Empty,
    reply: z.strictObject({ files: z.array(VaultFileShape), entities: Count, articles: Count }),
  },
} as const satisfies MessageTable;
