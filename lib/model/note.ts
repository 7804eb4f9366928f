import { z } from 'zod';
import { patchOf } from './patch';
import { EntityId, Tag, MAX_TAGS, tagKey } from './entity';
import { QuoteSelector } from './quote';
import { versionField } from './version';

/** Limits of a note (docs/notes.md). */
export const MAX_NOTE_TEXT = 10_000;
export const MAX_NOTE_ENTITIES = 200;
export const MAX_NOTE_SITE = 200;

/** Whether a note's quote was found the last time its page was checked (opened or visited). */
export const NoteAnchor = z.strictObject({
  status: z.enum(['found', 'missing']),
  checkedAt: z.number().int().nonnegative(),
});
export type NoteAnchor = z.infer<typeof NoteAnchor>;

/**
 * A saved note: a quote from a page (exact text plus enough context to find it again), the
 * page's canonical URL, title and site, when it was saved, the reader's comment and tags, and
 * the glossary entities it is about. A note made from an entity's card has no quote.
 *
 * Version 2 databases held only id, quote, comment, url, title and createdAt; every field added
 * since has a default, so an old record (or an old backup) is still a valid note.
 */
export const Note = z.strictObject({
  id: z.string().min(1).max(64),
  /** The quoted text (the selector's `exact`); empty for a note about an entity. */
  quote: z.string().max(MAX_NOTE_TEXT),
  comment: z.string().max(MAX_NOTE_TEXT).default(''),
  /** The page's canonical URL. */
  url: z.url({ protocol: /^https?$/ }).max(2048),
  title: z.string().max(500),
  createdAt: z.number().int().nonnegative(),
  /** The site's name (og:site_name, else the host). */
  site: z.string().max(MAX_NOTE_SITE).default(''),
  /** Where the quote is in the page's text, to find it again (lib/text/quote-anchor.ts). */
  selector: QuoteSelector.nullable().default(null),
  tags: z.array(Tag).max(MAX_TAGS).default([]),
  /** Glossary entities the note is about (filled in from the quote's mentions, editable). */
  entityIds: z.array(EntityId).max(MAX_NOTE_ENTITIES).default([]),
  /** Last change (creation, comment, tags, links). */
  updatedAt: z.number().int().nonnegative().optional(),
  anchor: NoteAnchor.nullable().default(null),
  /** The edit version (lib/model/version.ts): +1 with every write, checked by every edit. */
  ...versionField,
});
export type Note = z.output<typeof Note>;
export type NoteRecordInput = z.input<typeof Note>;

/** What the reader may change of a note: the fields it names, none defaulted (see patch.ts). */
export const NotePatch = patchOf(Note.pick({ comment: true, tags: true, entityIds: true }).shape);
export type NotePatch = z.input<typeof NotePatch>;

/** Tags as typed ("iran, elections 2024; Iran") -> a clean list without repeats. */
export function parseTagList(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const t = raw.replace(/\s+/g, ' ').trim().replace(/^#/, '');
    const k = tagKey(t);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out;
}

/** The selector a note is found by: its own, or (notes saved before selectors) its bare quote. */
export function selectorOf(note: Pick<Note, 'selector' | 'quote'>): QuoteSelector | null {
  if (note.selector) return note.selector;
  if (!note.quote.trim()) return null;
  return { exact: note.quote, prefix: '', suffix: '', position: 0, textLength: 0 };
}

/** When the note last changed. */
export function noteUpdatedAt(note: Pick<Note, 'createdAt' | 'updatedAt'>): number {
  return note.updatedAt ?? note.createdAt;
}
