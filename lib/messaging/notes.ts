/**
 * The saved-notes part of the message protocol (issue 6), spread into protocol.ts: one
 * protocol, one router. docs/notes.md describes the flows, docs/security.md who may send what.
 *
 * Content scripts get four narrow messages and nothing else of notes:
 *  - `notes.forPage`: the quote selectors of the notes saved on the sender's own page (the
 *    background takes the page from the browser's sender URL, not from the request) — never a
 *    comment, a tag or another page's quote;
 *  - `notes.anchored`: which of those quotes it found, for exactly the ids it was just given;
 *  - `note.annotate`: the comment and tags of the note the background just saved for this tab,
 *    once, within minutes, with the grant the background handed the tab;
 *  - `note.attach`: a new note about one entity on the sender's own page (the tooltip's "Add
 *    note"), optionally appended to the entity's notes; it can add, never read, change or delete.
 * Saving a quote is started only by the browser's own UI (context menu, shortcut) or the popup:
 * the background asks the tab for its selection; the tab never asks to save.
 */
import { z } from 'zod';
import { EntityId, EntityType, Tag, MAX_TAGS } from '../model/entity';
import { Note } from '../model/note';
import { QuoteSelector } from '../model/quote';
import { PageDescription, PageIdentity } from '../model/page-identity';
import { Count, Empty, Paging, type MessageTable } from './table';
import { Version } from '../model/version';

const NoteId = z.string().min(1).max(64);
const TabId = z.number().int().nonnegative();
/** The one-time token that lets a tab annotate the note just saved for it. */
export const Grant = z.string().regex(/^[0-9a-f]{32}$/);

export const NoteEntity = z.strictObject({ id: EntityId, name: z.string(), type: EntityType });
export type NoteEntity = z.infer<typeof NoteEntity>;

/** A note as the popup shows it: with the names and types of its entities. */
export const NoteView = z.strictObject({ note: Note, entities: z.array(NoteEntity) });
export type NoteView = z.infer<typeof NoteView>;

export const NotesQuery = z.strictObject({
  query: z.string().max(500).default(''),
  entityId: EntityId.nullable().optional(),
  tag: z.string().max(100).nullable().optional(),
  site: z.string().max(300).nullable().optional(),
});
export type NotesQueryInput = z.input<typeof NotesQuery>;

export const NotesFacets = z.strictObject({
  entities: z.array(NoteEntity.extend({ count: Count })),
  tags: z.array(z.strictObject({ tag: z.string(), count: Count })),
  sites: z.array(z.strictObject({ site: z.string(), count: Count })),
});
export type NotesFacets = z.infer<typeof NotesFacets>;

/** The page metadata a content script sends along with a note it attaches (its URL is the sender's). */
const AttachPage = PageDescription.omit({ pageUrl: true, publishedTime: true });

/** How opening a note went. */
export const OpenOutcome = z.enum([
  /** The page is open, scrolled to the quote, which flashes. */
  'found',
  /** The page is open but the quote is not on it any more (the note is kept, marked so). */
  'missing',
  /** A note without a quote: the page is open at the entity's first mention, if any. */
  'no-quote',
  /** The extension is switched off for that site: the page is open, nothing is marked. */
  'site-off',
  /** The page did not load, or the extension could not run in it. */
  'unreachable',
]);

export const SaveOutcome = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('saved'), note: Note }),
  z.strictObject({ status: z.literal('no-selection') }),
  /** The page is switched off, or not one the extension can read (a browser page). */
  z.strictObject({ status: z.literal('unavailable'), reason: z.enum(['site-off', 'not-readable', 'no-tab']) }),
]);
export type SaveOutcome = z.infer<typeof SaveOutcome>;

/** The files notes.export writes (docs/notes.md, docs/formats-notes.md). */
export const NotesExportFormat = z.enum(['markdown', 'json', 'web-annotation', 'readwise-csv']);
export type NotesExportFormat = z.infer<typeof NotesExportFormat>;

export const notesMessages = {
  /** Every note (tests and diagnostics read the store back with it; the popup uses notes.query). */
  'note.list': {
    from: ['extension-page'],
    request: Empty,
    reply: z.array(Note),
  },
  /** The popup's list: one page of notes matching the search and filters, newest first. */
  'notes.query': {
    from: ['extension-page'],
    request: NotesQuery.extend({
      ...Paging,
      /** Also send what the filters can choose from. */
      facets: z.boolean().default(false),
    }),
    reply: z.strictObject({
      items: z.array(NoteView),
      /** Matching notes, and all notes. */
      total: Count,
      all: Count,
      facets: NotesFacets.nullable(),
      /** Time spent searching in the background, ms. */
      tookMs: z.number().nonnegative(),
    }),
  },
  /**
   * Save the selection of a tab as a note: what the context menu and the shortcut do (the
   * background runs the same code for them), and the popup's "Save selection" button. Without
   * `tabId`: the active tab of the focused window, as the shortcut does.
   */
  'note.saveSelection': {
    from: ['extension-page'],
    request: z.strictObject({ tabId: TabId.optional() }),
    reply: SaveOutcome,
  },
  'note.update': {
    from: ['extension-page'],
    request: z.strictObject({
      id: NoteId,
      patch: z.strictObject({
        comment: z.string().max(10_000).optional(),
        tags: z.array(Tag).max(MAX_TAGS).optional(),
        entityIds: z.array(EntityId).max(200).optional(),
      }),
      /** The note's version when the editor loaded it (docs/versioning.md). */
      baseVersion: Version.optional(),
    }),
    reply: NoteView,
  },
  /** Delete a note; `note` is what was deleted, for note.restore (undo). */
  'note.delete': {
    from: ['extension-page'],
    request: z.strictObject({ id: NoteId, baseVersion: Version.optional() }),
    reply: z.strictObject({ deleted: z.boolean(), note: Note.nullable() }),
  },
  'note.restore': {
    from: ['extension-page'],
    request: z.strictObject({ note: Note }),
    reply: NoteView,
  },
  /**
   * Open a note's page (an open tab showing it is focused, else a new tab), wait for the content
   * script, find the quote, scroll to it and flash it. A quote not found is recorded on the note.
   */
  'note.open': {
    from: ['extension-page'],
    request: z.strictObject({ id: NoteId }),
    reply: z.strictObject({ status: OpenOutcome, note: NoteView.nullable() }),
  },
  /**
   * The matching notes (all when no filter) as a file: Markdown grouped by article, JSON, W3C
   * Web Annotations (JSON-LD, what Hypothesis reads) or Readwise's CSV (quotes only).
   */
  'notes.export': {
    from: ['extension-page'],
    request: NotesQuery.extend({ format: NotesExportFormat }),
    reply: z.strictObject({ text: z.string(), filename: z.string(), mime: z.string(), count: Count }),
  },
  /**
   * The quote selectors of the notes saved on the sender's page, to mark them. Only selectors
   * and ids: never a comment, tag or entity. The page is the sender's URL (checked against
   * `pageUrl`), filed the way notes are filed (rel=canonical only when same-site).
   */
  'notes.forPage': {
    from: ['content', 'extension-page'],
    request: PageIdentity,
    reply: z.strictObject({ quotes: z.array(z.strictObject({ id: NoteId, selector: QuoteSelector })).max(5_000) }),
  },
  /** Which of the quotes notes.forPage just gave this tab were found; other ids are ignored. */
  'notes.anchored': {
    from: ['content'],
    request: z.strictObject({ found: z.array(NoteId).max(5_000), missing: z.array(NoteId).max(5_000) }),
    reply: z.strictObject({ recorded: Count }),
  },
  /** The in-page composer: comment and tags for the note just saved for this tab (one use). */
  'note.annotate': {
    from: ['content'],
    request: z.strictObject({ grant: Grant, comment: z.string().max(10_000), tags: z.array(Tag).max(MAX_TAGS) }),
    reply: z.strictObject({ saved: z.literal(true) }),
  },
  /** The tooltip's "Add note": a note about an entity on the sender's page. */
  'note.attach': {
    from: ['content'],
    request: z.strictObject({
      entityId: EntityId,
      comment: z.string().min(1).max(2_000),
      tags: z.array(Tag).max(MAX_TAGS).default([]),
      appendToEntity: z.boolean(),
      /**
       * The entity's version in the card (entity.card's `entity.version`): with appendToEntity,
       * notes changed since the card loaded are not appended to (docs/versioning.md).
       */
      entityVersion: Version.optional(),
      page: AttachPage,
    }),
    reply: z.strictObject({ saved: z.literal(true), appended: z.boolean() }),
  },
} as const satisfies MessageTable;

/** Messages to a tab's content script (spread into toContent). */
export const notesContentMessages = {
  /** How the tab's page is filed: to find an open tab showing a note's page. Reads no text. */
  'page.identify': {
    request: Empty,
    reply: PageIdentity,
  },
  /** Which saved quotes of this page the tab found when it last looked (the popup asks). */
  'quotes.status': {
    request: Empty,
    reply: z.strictObject({ found: z.array(NoteId), missing: z.array(NoteId) }),
  },
  /**
   * Show the in-page composer: after a save (with the grant to add a comment and tags), or say
   * why nothing was saved.
   */
  'composer.show': {
    request: z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('saved'),
        noteId: NoteId,
        grant: Grant,
        expiresAt: z.number(),
        selector: QuoteSelector,
        entities: z.array(NoteEntity).max(200),
        /** The shortcut as the browser has it (the reader may have changed it), for the hint. */
        shortcut: z.string().max(50).nullable(),
      }),
      z.strictObject({ kind: z.literal('no-selection'), shortcut: z.string().max(50).nullable() }),
    ]),
    reply: z.strictObject({ shown: z.boolean() }),
  },
} as const;
