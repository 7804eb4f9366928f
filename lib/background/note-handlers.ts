/**
 * Handlers of the saved-notes messages (lib/messaging/notes.ts), spread into createHandlers.
 * See docs/notes.md for the flows and docs/security.md for what content scripts may do.
 *
 * The background keeps one full-text index of the notes in memory (lib/notes/search.ts),
 * updated on each write made here and rebuilt when the store changed behind its back (an
 * import: the note count or the latest update differ) or entity names changed (glossary
 * revision).
 */
import type { Handlers, RouterContext } from './router';
import type { HandlerDeps } from './handlers';
import type { ContentType, ReplyOf, RequestOf, ToContent } from '../messaging/protocol';
import type { NoteView, SaveOutcome } from '../messaging/notes';
import { NotesIndex, queryTerms, type NotesFilter } from '../notes/search';
import { notesFileName, notesToJson, notesToMarkdown } from '../notes/export';
import { selectorOf, type Note } from '../model/note';
import { isSiteDisabled } from '../model/settings';
import { canonicalArticleUrl, siteName } from '../page/canonical-url';
import { MAX_TITLE_LENGTH } from '../model/article';
import { getSettings } from '../storage/settings';
import { getEntities } from '../storage/entities';
import {
  addNote,
  annotateWithGrant,
  attachNote,
  getNote,
  listNotes,
  newestNotes,
  notesForUrl,
  notesSignature,
  removeNote,
  restoreNote,
  setAnchors,
  updateNote,
  ANNOTATE_GRANT_MS,
} from '../storage/notes';
import type { EntityName } from './glossary-cache';

/** What the notes need of the browser's tabs (entrypoints/background.ts; fakes in unit tests). */
export interface TabsPort {
  /** The active tab of the focused window. */
  activeTabId(): Promise<number | null>;
  /** Ask a tab's content script; rejects when the tab has none (yet). */
  ask<T extends ContentType>(tabId: number, type: T, payload: RequestOf<ToContent, T>): Promise<ReplyOf<ToContent, T>>;
  allTabIds(): Promise<number[]>;
  /** Make the tab the active one of its window and focus the window. */
  focus(tabId: number): Promise<void>;
  /** Open a URL in a new active tab; its id. */
  open(url: string): Promise<number>;
  /** The save-note shortcut as the browser has it now, if any. */
  saveShortcut(): Promise<string | null>;
  sleep(ms: number): Promise<void>;
}

/** How long opening a note waits for the page and its content script. */
export const OPEN_TIMEOUT_MS = 20_000;
/** A quote not found at once is looked for again (late-rendered pages) this many times, 1 s apart. */
const FIND_RETRIES = 2;
/** The tooltip may add at most this many notes per tab in ATTACH_WINDOW_MS. */
const ATTACH_LIMIT = 20;
const ATTACH_WINDOW_MS = 10 * 60 * 1000;
/**
 * While the reader types, the index is checked against the store (note count, last update,
 * glossary revision) at most this often. Writes made here update it at once; the list without
 * search text (the popup opening) always checks, so an import made elsewhere shows at once.
 */
const FRESH_MS = 2_000;
/** notes.anchored is accepted for ids a tab was given this recently. */
const SERVED_MS = 10 * 60 * 1000;

type NoteHandlers = Pick<
  Handlers,
  | 'notes.query'
  | 'note.saveSelection'
  | 'note.update'
  | 'note.delete'
  | 'note.restore'
  | 'note.open'
  | 'notes.export'
  | 'notes.forPage'
  | 'notes.anchored'
  | 'note.annotate'
  | 'note.attach'
>;

function withTimeout<T>(p: Promise<T>, ms: number, sleep: (ms: number) => Promise<void>): Promise<T> {
  return Promise.race([p, sleep(ms).then(() => Promise.reject(new Error('timeout')))]);
}

/** The URL without its fragment, for comparing a claimed page URL with the sender's. */
function withoutHash(url: string): string {
  const i = url.indexOf('#');
  return i === -1 ? url : url.slice(0, i);
}

export function createNoteHandlers(deps: HandlerDeps, afterGlossaryWrite: () => Promise<void>): NoteHandlers {
  const { db, glossary, now } = deps;

  // ---- the in-memory search index ------------------------------------------------------------
  let index: NotesIndex | null = null;
  let indexed: { count: number; lastUpdate: number; revision: number } | null = null;
  let names = new Map<string, EntityName>();
  let building: Promise<NotesIndex> | null = null;
  /** Reading every note for the index, started by the popup's first look. */
  let warming: Promise<unknown> | null = null;
  /** When the index was last checked against the store: a burst of keystrokes checks once. */
  let checkedAt = -Infinity;

  /** The index, checked against the store unless it was just now (`recheck`: check anyway). */
  async function currentIndex(recheck = true): Promise<NotesIndex> {
    if (index && !recheck && performance.now() - checkedAt < FRESH_MS) return index;
    const d = await db();
    checkedAt = performance.now();
    const [sig, snap] = await Promise.all([notesSignature(d), glossary.current()]);
    if (index && indexed && indexed.count === sig.count && indexed.lastUpdate === sig.lastUpdate) {
      if (indexed.revision === snap.revision) return index;
      // The glossary changed: rebuild only when a name changed (the index holds names).
      const map = new Map((await snap.entities()).map((e) => [e.id, e]));
      const same = map.size === names.size && [...map].every(([id, e]) => names.get(id)?.name === e.name);
      names = map;
      if (same) {
        indexed = { ...indexed, revision: snap.revision };
        return index;
      }
    }
    building ??= (async () => {
      const [notes, entities] = await Promise.all([listNotes(d), snap.entities()]);
      const map = new Map(entities.map((e) => [e.id, e]));
      // The list needs no search index: it is built in slices meanwhile, for the first search.
      const built = new NotesIndex(notes, (id) => map.get(id)?.name, { eager: false });
      void built.build();
      names = map;
      index = built;
      indexed = { ...(await notesSignature(d)), revision: snap.revision };
      return built;
    })().finally(() => {
      building = null;
    });
    return building;
  }

  /**
   * After a write made here: update the index in place and remember the store's new state (so
   * the next query needs no rebuild); then make sure an index (and the entity names) exist.
   */
  async function reindex(changes: { put?: Note[]; removed?: string[] }): Promise<void> {
    if (index && indexed) {
      for (const n of changes.put ?? []) index.put(n);
      for (const id of changes.removed ?? []) index.remove(id);
      const sig = await notesSignature(await db());
      indexed = { ...indexed, ...sig };
    }
    await currentIndex();
  }

  function view(note: Note): NoteView {
    return {
      note,
      entities: note.entityIds.flatMap((id) => {
        const e = names.get(id);
        return e ? [{ id: e.id, name: e.name, type: e.type }] : [];
      }),
    };
  }

  async function viewOf(note: Note): Promise<NoteView> {
    await currentIndex();
    return view(note);
  }

  // ---- tabs ------------------------------------------------------------------------------------
  function tabs() {
    if (!deps.tabs) throw new Error('tabs are not available here');
    return deps.tabs;
  }

  /** Notes' selectors handed to each tab (notes.anchored accepts only those). */
  const served = new Map<number, { ids: Set<string>; at: number }>();
  const attachTimes = new Map<number, number[]>();

  async function saveSelection(tabId: number | undefined): Promise<SaveOutcome> {
    const t = tabs();
    const id = tabId ?? (await t.activeTabId());
    if (id === null) return { status: 'unavailable', reason: 'no-tab' };
    let where: ReplyOf<ToContent, 'page.identify'>;
    try {
      where = await t.ask(id, 'page.identify', {});
    } catch {
      return { status: 'unavailable', reason: 'not-readable' };
    }
    const d = await db();
    // A site switched off: its text is not read, nothing is shown in it.
    if (isSiteDisabled(await getSettings(d), where.pageUrl)) return { status: 'unavailable', reason: 'site-off' };
    const captured = await t.ask(id, 'selection.capture', {});
    const shortcut = await t.saveShortcut().catch(() => null);
    if (!captured.selection) {
      await t.ask(id, 'composer.show', { kind: 'no-selection', shortcut }).catch(() => {});
      return { status: 'no-selection' };
    }
    const { page, selection } = captured;
    const url = canonicalArticleUrl(page.pageUrl, page.canonicalHref, page.ogUrl);
    if (!url) return { status: 'unavailable', reason: 'not-readable' };
    const snap = await glossary.current();
    const known = new Set((await snap.entities()).map((e) => e.id));
    const entityIds = selection.entityIds.filter((e) => known.has(e));
    const saved = await addNote(
      d,
      {
        quote: selection.selector.exact,
        url,
        title: page.title.slice(0, MAX_TITLE_LENGTH),
        site: siteName(url, page.site || undefined).slice(0, 200),
        selector: selection.selector,
        entityIds,
      },
      now(),
      { grantTab: id },
    );
    const { grant, ...note } = saved;
    await reindex({ put: [note] });
    if (grant) {
      await t
        .ask(id, 'composer.show', {
          kind: 'saved',
          noteId: note.id,
          grant,
          expiresAt: now() + ANNOTATE_GRANT_MS,
          selector: selection.selector,
          entities: view(note).entities,
          shortcut,
        })
        .catch(() => {});
    }
    return { status: 'saved', note };
  }

  /** The tab already showing `url`, if any (asked of every tab's content script at once). */
  async function findTab(url: string): Promise<number | null> {
    const t = tabs();
    const ids = await t.allTabIds();
    const answers = await Promise.all(
      ids.map((id) =>
        withTimeout(t.ask(id, 'page.identify', {}), 800, t.sleep).then(
          (w) => (canonicalArticleUrl(w.pageUrl, w.canonicalHref, w.ogUrl) === url ? id : null),
          () => null,
        ),
      ),
    );
    return answers.find((a) => a !== null) ?? null;
  }

  async function waitForContentScript(tabId: number): Promise<boolean> {
    const t = tabs();
    const until = now() + OPEN_TIMEOUT_MS;
    for (;;) {
      try {
        await withTimeout(t.ask(tabId, 'page.identify', {}), 1_000, t.sleep);
        return true;
      } catch {
        if (now() > until) return false;
        await t.sleep(150);
      }
    }
  }

  async function openNote(note: Note): Promise<'found' | 'missing' | 'no-quote' | 'site-off' | 'unreachable'> {
    const t = tabs();
    let tabId = await findTab(note.url);
    if (tabId !== null) await t.focus(tabId);
    else tabId = await t.open(note.url);
    if (!(await waitForContentScript(tabId))) return 'unreachable';
    if (isSiteDisabled(await getSettings(await db()), note.url)) return 'site-off';
    const selector = selectorOf(note);
    if (selector) {
      for (let attempt = 0; ; attempt++) {
        const shown = await t.ask(tabId, 'quotes.show', { quotes: [{ id: note.id, selector }] }).catch(() => null);
        if (shown?.found.includes(note.id)) {
          const revealed = await t.ask(tabId, 'quote.reveal', { id: note.id }).catch(() => null);
          if (revealed?.found) return 'found';
        }
        if (attempt >= FIND_RETRIES) return 'missing';
        await t.sleep(1_000);
      }
    }
    // A note about entities: show the first mention of the first one the page names.
    for (let attempt = 0; attempt < 6; attempt++) {
      for (const entityId of note.entityIds) {
        const r = await t.ask(tabId, 'mention.reveal', { entityId }).catch(() => null);
        if (r?.found) return 'no-quote';
      }
      await t.sleep(500);
    }
    return 'no-quote';
  }

  function filterOf(p: { query: string; entityId?: string | null; tag?: string | null; site?: string | null }): NotesFilter {
    return { query: p.query, entityId: p.entityId ?? null, tag: p.tag ?? null, site: p.site ?? null };
  }

  function senderTab(ctx: RouterContext): number {
    const id = ctx.sender.tab?.id;
    if (typeof id !== 'number') throw new Error('not from a tab');
    return id;
  }

  return {
    async 'notes.query'(q) {
      if (!index && !warming && !q.query.trim() && !q.entityId && !q.tag && !q.site) {
        // The popup's first look after the service worker started: the newest notes straight
        // from the store, while every note is read and indexed for what comes next.
        warming = currentIndex().catch(() => {
          warming = null;
        });
        const t0 = performance.now();
        const d = await db();
        const { notes, total } = await newestNotes(d, q.offset, q.limit);
        const linked = await getEntities(d, [...new Set(notes.flatMap((n) => n.entityIds))]);
        const byId = new Map(linked.map((e) => [e.id, e]));
        return {
          items: notes.map((note) => ({
            note,
            entities: note.entityIds.flatMap((id) => {
              const e = byId.get(id);
              return e ? [{ id: e.id, name: e.name, type: e.type }] : [];
            }),
          })),
          total,
          all: total,
          facets: null,
          tookMs: performance.now() - t0,
        };
      }
      const searching = queryTerms(q.query).length > 0;
      const idx = await currentIndex(!searching);
      if (searching) await idx.build();
      const t0 = performance.now();
      const all = idx.query(filterOf(q));
      const tookMs = performance.now() - t0;
      const facets = q.facets ? idx.facets() : null;
      return {
        items: all.slice(q.offset, q.offset + q.limit).map(view),
        total: all.length,
        all: idx.size,
        facets: facets && {
          entities: facets.entities.flatMap(({ id, count }) => {
            const e = names.get(id);
            return e ? [{ id, name: e.name, type: e.type, count }] : [];
          }),
          tags: facets.tags,
          sites: facets.sites,
        },
        tookMs,
      };
    },

    async 'note.saveSelection'({ tabId }) {
      return saveSelection(tabId);
    },

    async 'note.update'({ id, patch }) {
      let entityIds = patch.entityIds;
      if (entityIds) {
        // Links may be removed freely; added only to entities that exist.
        const before = new Set((await getNote(await db(), id))?.entityIds ?? []);
        const snap = await glossary.current();
        const known = new Set((await snap.entities()).map((e) => e.id));
        entityIds = entityIds.filter((e) => known.has(e) || before.has(e));
      }
      const note = await updateNote(await db(), id, { ...patch, ...(entityIds ? { entityIds } : {}) }, now());
      await reindex({ put: [note] });
      return view(note);
    },

    async 'note.delete'({ id }) {
      const note = await removeNote(await db(), id);
      if (note) await reindex({ removed: [id] });
      return { deleted: note !== null, note };
    },

    async 'note.restore'({ note }) {
      const restored = await restoreNote(await db(), note);
      await reindex({ put: [restored] });
      return view(restored);
    },

    async 'note.open'({ id }) {
      const d = await db();
      const note = await getNote(d, id);
      if (!note) throw new Error('This note no longer exists.');
      const status = await openNote(note);
      let current = note;
      if (status === 'found' || status === 'missing') {
        const [changed] = await setAnchors(d, [{ id, status }], now());
        if (changed) current = changed;
        await reindex({ put: changed ? [changed] : [] });
      }
      return { status, note: await viewOf(current) };
    },

    async 'notes.export'(q) {
      const idx = await currentIndex();
      if (queryTerms(q.query).length) await idx.build();
      const notes = idx.query(filterOf(q));
      const t = now();
      const lookup = (id: string) => names.get(id);
      const text = q.format === 'markdown' ? notesToMarkdown(notes, lookup, t) : notesToJson(notes, lookup, t);
      return {
        text,
        filename: notesFileName(q.format, t),
        mime: q.format === 'markdown' ? 'text/markdown' : 'application/json',
        count: notes.length,
      };
    },

    async 'notes.forPage'({ pageUrl, canonicalHref, ogUrl }, ctx) {
      let page = pageUrl;
      if (ctx.kind === 'content') {
        // The page is the one the browser says sent this, whatever the request claims.
        const real = ctx.sender.url;
        if (!real || withoutHash(real) !== withoutHash(pageUrl)) return { quotes: [] };
        page = real;
      }
      const d = await db();
      if (isSiteDisabled(await getSettings(d), page)) return { quotes: [] };
      const url = canonicalArticleUrl(page, canonicalHref, ogUrl);
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
      if (changed.length) await reindex({ put: changed });
      return { recorded: changed.length };
    },

    async 'note.annotate'({ grant, comment, tags }, ctx) {
      const note = await annotateWithGrant(await db(), { grant, tabId: ctx.sender.tab?.id, comment, tags }, now());
      await reindex({ put: [note] });
      return { saved: true as const };
    },

    async 'note.attach'({ entityId, comment, tags, appendToEntity, page }, ctx) {
      const tabId = senderTab(ctx);
      const pageUrl = ctx.sender.url;
      if (!pageUrl) throw new Error('not from a page');
      const t = now();
      const recent = (attachTimes.get(tabId) ?? []).filter((x) => t - x < ATTACH_WINDOW_MS);
      if (recent.length >= ATTACH_LIMIT) throw new Error('Too many notes from this page in a short time. Try again later, or use the popup.');
      const d = await db();
      if (isSiteDisabled(await getSettings(d), pageUrl)) throw new Error('The extension is switched off for this site.');
      const url = canonicalArticleUrl(pageUrl, page.canonicalHref, page.ogUrl);
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
        },
        t,
      );
      recent.push(t);
      attachTimes.set(tabId, recent);
      if (appended) await afterGlossaryWrite();
      await reindex({ put: [note] });
      return { saved: true as const, appended };
    },
  };
}
