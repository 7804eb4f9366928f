/**
 * Notes as files the reader takes away: Markdown (grouped by article: the quote, the comment, a
 * link back) and JSON (every field, entity names next to their ids). Pure.
 *
 * Everything in a note came from a web page or the reader's keyboard, so the Markdown escapes
 * what a Markdown renderer would act on: quotes and comments show as written, never as markup
 * (`<script>` stays text), and links only ever point to the note's own http(s) URL.
 */
import type { Note } from '../model/note';
import { noteUpdatedAt } from '../model/note';
import { blockQuote, escapeMarkdown, markdownUrl } from '../formats/markdown';

export { escapeMarkdown, markdownUrl };

export const NOTES_FORMAT = 'news-context-reader/notes';
export const NOTES_FORMAT_VERSION = 1;

export type EntityLookup = (id: string) => { name: string; type?: string } | undefined;

const iso = (t: number) => new Date(t).toISOString();
const day = (t: number) => iso(t).slice(0, 10);

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** Reading order inside an article: by where the quote is, then by when it was saved. */
function pageOrder(a: Note, b: Note): number {
  const pa = a.selector ? a.selector.position : Number.MAX_SAFE_INTEGER;
  const pb = b.selector ? b.selector.position : Number.MAX_SAFE_INTEGER;
  return pa - pb || a.createdAt - b.createdAt;
}

/** Notes grouped by article (URL); the article saved in most recently first. */
export function groupByArticle(notes: readonly Note[]): { url: string; title: string; site: string; notes: Note[] }[] {
  const groups = new Map<string, Note[]>();
  for (const n of notes) {
    const g = groups.get(n.url);
    if (g) g.push(n);
    else groups.set(n.url, [n]);
  }
  const latest = (ns: Note[]) => Math.max(...ns.map((n) => n.createdAt));
  return [...groups.entries()]
    .sort((a, b) => latest(b[1]) - latest(a[1]) || (a[0] < b[0] ? -1 : 1))
    .map(([url, ns]) => {
      // The title and site as most recently saved.
      const newest = ns.reduce((x, y) => (y.createdAt > x.createdAt ? y : x));
      return { url, title: newest.title, site: newest.site, notes: [...ns].sort(pageOrder) };
    });
}

export function notesToMarkdown(notes: readonly Note[], entity: EntityLookup, now: number): string {
  const groups = groupByArticle(notes);
  const out: string[] = ['# Notes', ''];
  out.push(
    `Exported from News Context Reader on ${day(now)}: ${notes.length} ${notes.length === 1 ? 'note' : 'notes'} from ${groups.length} ${groups.length === 1 ? 'article' : 'articles'}.`,
    '',
  );
  for (const g of groups) {
    const title = g.title.replace(/\s+/g, ' ').trim() || hostOf(g.url);
    out.push(`## [${escapeMarkdown(title)}](${markdownUrl(g.url)})`, '');
    out.push(`${g.site ? `${escapeMarkdown(g.site)} · ` : ''}<${markdownUrl(g.url)}>`, '');
    for (const n of g.notes) {
      if (n.quote.trim()) out.push(blockQuote(n.quote), '');
      if (n.comment.trim()) out.push(escapeMarkdown(n.comment.replace(/\r\n?/g, '\n').trim()).replace(/\n/g, '  \n'), '');
      const details: string[] = [];
      const names = n.entityIds.map((id) => entity(id)?.name).filter((x): x is string => !!x);
      if (names.length) details.push(`About: ${names.map(escapeMarkdown).join(', ')}`);
      if (n.tags.length) details.push(`Tags: ${n.tags.map((t) => escapeMarkdown(`#${t}`)).join(' ')}`);
      if (n.anchor?.status === 'missing') details.push('Quote not found on the page when last checked');
      details.push(`Saved ${day(n.createdAt)}`);
      out.push(`*${details.join(' · ')}*`, '');
    }
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

export function notesToJson(notes: readonly Note[], entity: EntityLookup, now: number): string {
  const doc = {
    format: NOTES_FORMAT,
    version: NOTES_FORMAT_VERSION,
    exportedAt: iso(now),
    count: notes.length,
    notes: notes.map((n) => ({
      id: n.id,
      url: n.url,
      title: n.title,
      site: n.site,
      createdAt: iso(n.createdAt),
      updatedAt: iso(noteUpdatedAt(n)),
      quote: n.quote,
      comment: n.comment,
      tags: n.tags,
      entities: n.entityIds.map((id) => ({ id, name: entity(id)?.name ?? null })),
      selector: n.selector,
      anchor: n.anchor ? { status: n.anchor.status, checkedAt: iso(n.anchor.checkedAt) } : null,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function notesFileName(format: 'markdown' | 'json', now: number): string {
  return `notes-${day(now)}.${format === 'markdown' ? 'md' : 'json'}`;
}
