/**
 * Handlers of the saved-notes messages (lib/messaging/notes.ts): the mapping of each message
 * onto the notes' search index (notes-index.ts), the tabs (note-tabs.ts) and the store, with
 * what a content script may do checked here. See docs/notes.md for the flows and
 * docs/security.md for what content scripts may do.
 */
import type { notesMessages } from '../messaging/notes';
import type { AreaDeps, HandlersOf, RouterContext } from './handler-types';
import { queryTerms, type NotesFilter } from '../notes/search';
import { notesFileName, notesToJson, notesToMarkdown } from '../notes/export';
import { notesToWebAnnotation, webAnnotationFileName } from '../formats/web-annotation';
import { notesToReadwiseCsv, readwiseFileName } from '../formats/readwise-csv';
import { selectorOf } from '../model/note';
import { isSiteDisabled } from '../model/settings';
import { articleUrlOf } from '../page/article-url';
import { MAX_TITLE_LENGTH } from '../model/article';
import { siteName } from '../page/canonical-url';
import type { Database } from '../storage/db';
import { getSettings } from '../storage/settings';
import { getEntities } from '../storage/entities';
import {
  annotateWithGrant,
  attachNote,
  getNote,
  listNotes,
  newestNotes,
  notesForUrl,
  removeNote,
  restoreNote,
  setAnchors,
  updateNote,
} from '../storage/notes';
import { NotesIndexCache, entitiesOf } from './notes-index';
import { NoteTabs } from './note-tabs';
import { senderPage } from './tab-pages';

export { OPEN_TIMEOUT_MS } from './note-tabs';

/** The tooltip may add at most this many notes per tab in ATTACH_WINDOW_MS. */
const ATTACH_LIMIT = 20;
const ATTACH_WINDOW_MS = 10 * 60 * 1000;
/** notes.anchored is accepted for ids a tab was given this recently. */
const SERVED_MS = 10 * 60 * 1000;

function filterOf(p: { query: string; entityId?: string | null; tag?: string | null; site?: string | null }): NotesFilter {
  return { query: p.query, entityId: p.entityId ?? null, tag: p.tag ?? null, site: p.site ?? null };
}

function senderTab(ctx: RouterContext): number {
  const id = ctx.sender.tab?.id;
  if (typeof id !== 'number') throw new Error('not from a tab');
  return id;
}

/** The newest notes straight from the store, with their entities' names (no index needed). */
async function newestFromStore(d: Database, offset: number, limit: number) {
  const t0 = performance.now();
  const { notes, total } = await newestNotes(d, offset, limit);
  const linked = await getEntities(d, [...new Set(notes.flatMap((n) => n.entityIds))]);
  const byId = new Map(linked.map((e) => [e.id, e]));
  const items = notes.map((note) => ({ note, entities: entitiesOf(note, (id) => byId.get(id)) }));
  return { items, total, all: total, facets: null, tookMs: performance.now() - t0 };
}

type NoteHandlers = HandlersOf<typeof notesMessages>;
/** What a content script may send about notes (docs/security.md); the rest is the popup's. */
type TabMessages = 'notes.forPage' | 'notes.anchored' | 'note.annotate' | 'note.attach';

export function createNoteHandlers(deps: AreaDeps): NoteHandlers {
  const index = new NotesIndexCache(deps.db, deps.glossary);
  return { ...popupHandlers(deps, index), ...tabHandlers(deps, index) };
}

/** The popup's messages: the list and search, editing, opening, exporting. */
function popupHandlers(deps: AreaDeps, index: NotesIndexCache): Omit<NoteHandlers, TabMessages> {
  const { db, glossary, now } = deps;
  const noteTabs = new NoteTabs(deps, index);
  /** Reading every note for the index, started by the popup's first look. */
  let warming: Promise<unknown> | null = null;

  return {
    async 'note.list'() {
      return listNotes(await db());
    },

    async 'notes.query'(q) {
      if (!index.ready && !warming && !q.query.trim() && !q.entityId && !q.tag && !q.site) {
        // The popup's first look after the service worker started: the newest notes straight
        // from the store, while every note is read and indexed for what comes next.
        warming = index.current().catch(() => {
          warming = null;
        });
        return newestFromStore(await db(), q.offset, q.limit);
      }
      const searching = queryTerms(q.query).length > 0;
      const idx = await index.current(!searching);
      if (searching) await idx.build();
      const t0 = performance.now();
      const all = idx.query(filterOf(q));
      const tookMs = performance.now() - t0;
      const facets = q.facets ? idx.facets() : null;
      return {
        items: all.slice(q.offset, q.offset + q.limit).map((n) => index.view(n)),
        total: all.length,
        all: idx.size,
        facets: facets && {
          entities: facets.entities.flatMap(({ id, count }) => {
            const e = index.entity(id);
            return e ? [{ id, name: e.name, type: e.type, count }] : [];
          }),
          tags: facets.tags,
          sites: facets.sites,
        },
        tookMs,
      };
    },

    async 'note.saveSelection'({ tabId }) {
      return noteTabs.saveSelection(tabId);
    },

    async 'note.update'({ id, patch, baseVersion }) {
      let entityIds = patch.entityIds;
      if (entityIds) {
        // Links may be removed freely; added only to entities that exist.
        const before = new Set((await getNote(await db(), id))?.entityIds ?? []);
        const snap = await glossary.current();
        const known = new Set((await snap.entities()).map((e) => e.id));
        entityIds = entityIds.filter((e) => known.has(e) || before.has(e));
      }
      const note = await updateNote(await db(), id, { ...patch, ...(entityIds ? { entityIds } : {}) }, now(), baseVersion);
      await index.reindex({ put: [note] });
      return index.view(note);
    },

    async 'note.delete'({ id, baseVersion }) {
      const note = await removeNote(await db(), id, baseVersion);
      if (note) await index.reindex({ removed: [id] });
      return { deleted: note !== null, note };
    },

    async 'note.restore'({ note }) {
      const restored = await restoreNote(await db(), note);
      await index.reindex({ put: [restored] });
      return index.view(restored);
    },

    async 'note.open'({ id }) {
      const d = await db();
      const note = await getNote(d, id);
      if (!note) throw new Error('This note no longer exists.');
      const status = await noteTabs.open(note);
      let current = note;
      if (status === 'found' || status === 'missing') {
        const [changed] = await setAnchors(d, [{ id, status }], now());
        if (changed) current = changed;
        await index.reindex({ put: changed ? [changed] : [] });
      }
      return { status, note: await index.viewOf(current) };
    },

    async 'notes.export'(q) {
      const idx = await index.current();
      if (queryTerms(q.query).length) await idx.build();
      const notes = idx.query(filterOf(q));
      const t = now();
      const lookup = (id: string) => index.entity(id);
      if (q.format === 'web-annotation') {
        return { text: notesToWebAnnotation(notes, t), filename: webAnnotationFileName(t), mime: 'application/ld+json', count: notes.length };
      }
      if (q.format === 'readwise-csv') {
        // Quotes only: a note about an entity has no highlight to review.
        const { text, count } = notesToReadwiseCsv(notes);
        return { text, filename: readwiseFileName(t), mime: 'text/csv', count };
      }
      const text = q.format === 'markdown' ? notesToMarkdown(notes, lookup, t) : notesToJson(notes, lookup, t);
      return {
        text,
        filename: notesFileName(q.format, t),
        mime: q.format === 'markdown' ? 'text/markdown' : 'application/json',
        count: notes.length,
      };
    },
  };
}

/** A content script's messages: the quotes of its own page, and adding (never reading) notes. */
function tabHandlers(deps: AreaDeps, index: NotesIndexCache): Pick<NoteHandlers, TabMessages> {
  const { db, now, afterGlossaryWrite } = deps;
  /** Notes' selectors handed to each tab (notes.anchored accepts only those). */
  const served = new Map<number, { ids: Set<string>; at: number }>();
  const attachTimes = new Map<number, number[]>();

  return {
    async 'notes.forPage'(stated, ctx) {
      // The page is the one the browser says sent this, whatever the request claims.
      const page = senderPage(stated, ctx.sender, ctx.kind);
      if (!page) return { quotes: [] };
      if (ctx.kind === 'content') await deps.tabPages.claimed(ctx.sender, page);
      const d = await db();
      if (isSiteDisabled(await getSettings(d), page.pageUrl)) return { quotes: [] };
      const url = articleUrlOf(page);
      if (!url) return { quotes: [] };
      const quotes = (await notesForUrl(d, url)).flatMap((n) => {
        const selector = selectorOf(n);
        return selector ? [{ id: n.id, selector }] : [];
      });
      const tabId = ctx.sender.tab?.id;
      if (ctx.kind === 'content' && typeof tabId === 'number') {
        served.delete(tabId);
        served.set(tabId, { ids: new Set(quotes.map((q) => q.id)), at: now() });
        if (served.size > 500) served.delete(served.keys().next().value!);
      }
      return { quotes: quotes.slice(0, 5_000) };
    },

    async 'notes.anchored'({ found, missing }, ctx) {
      const tabId = senderTab(ctx);
      const given = served.get(tabId);
      if (!given || now() - given.at > SERVED_MS) return { recorded: 0 };
      const updates = new Map<string, 'found' | 'missing'>();
      for (const id of found) if (given.ids.has(id)) updates.set(id, 'found');
      for (const id of missing) if (given.ids.has(id) && !updates.has(id)) updates.set(id, 'missing');
      const changed = await setAnchors(await db(), [...updates].map(([id, status]) => ({ id, status })), now());
      if (changed.length) await index.reindex({ put: changed });
      return { recorded: changed.length };
    },

    async 'note.annotate'({ grant, comment, tags }, ctx) {
      const note = await annotateWithGrant(await db(), { grant, tabId: ctx.sender.tab?.id, comment, tags }, now());
      await index.reindex({ put: [note] });
      return { saved: true as const };
    },

    async 'note.attach'({ entityId, comment, tags, appendToEntity, entityVersion, page }, ctx) {
      const tabId = senderTab(ctx);
      const pageUrl = ctx.sender.url;
      if (!pageUrl) throw new Error('not from a page');
      const t = now();
      const recent = (attachTimes.get(tabId) ?? []).filter((x) => t - x < ATTACH_WINDOW_MS);
      if (recent.length >= ATTACH_LIMIT) throw new Error('Too many notes from this page in a short time. Try again later, or use the popup.');
      const d = await db();
      if (isSiteDisabled(await getSettings(d), pageUrl)) throw new Error('The extension is switched off for this site.');
      const url = articleUrlOf({ pageUrl, ...page });
      if (!url) throw new Error('Notes can only be kept for web pages.');
      const { note, appended } = await attachNote(
        d,
        {
          entityId,
          comment,
          tags,
          url,
          title: page.title.slice(0, MAX_TITLE_LENGTH),
          site: siteName(url, page.site || undefined).slice(0, 200),
          appendToEntity,
          entityVersion,
        },
        t,
      );
      recent.push(t);
      attachTimes.set(tabId, recent);
      if (appended) await afterGlossaryWrite();
      await index.reindex({ put: [note] });
      return { saved: true as const, appended };
    },
  };
}
