/**
 * The notes' work with the browser's tabs: saving a tab's selection as a note (the context
 * menu, the shortcut and the popup run this) and opening a note's page at its quote. The tabs
 * are reached through a TabsPort (lib/background/browser-tabs.ts; fakes in unit tests).
 */
import type { SaveOutcome } from '../messaging/notes';
import { selectorOf, type Note } from '../model/note';
import { isSiteDisabled } from '../model/settings';
import { articleUrlOf } from '../page/article-url';
import { senderPage } from './tab-pages';
import { MAX_TITLE_LENGTH } from '../model/article';
import { siteName } from '../page/canonical-url';
import { getSettings } from '../storage/settings';
import { addNote, ANNOTATE_GRANT_MS } from '../storage/notes';
import type { AreaDeps, TabsPort } from './handler-types';
import type { NotesIndexCache } from './notes-index';

/** How long opening a note waits for the page and its content script. */
export const OPEN_TIMEOUT_MS = 20_000;
/** A quote not found at once is looked for again (late-rendered pages) this many times, 1 s apart. */
const FIND_RETRIES = 2;

export type OpenStatus = 'found' | 'missing' | 'no-quote' | 'site-off' | 'unreachable';

function withTimeout<T>(p: Promise<T>, ms: number, sleep: (ms: number) => Promise<void>): Promise<T> {
  return Promise.race([p, sleep(ms).then(() => Promise.reject(new Error('timeout')))]);
}

export class NoteTabs {
  constructor(
    private readonly deps: Pick<AreaDeps, 'db' | 'glossary' | 'now' | 'tabs' | 'tabPages'>,
    private readonly index: NotesIndexCache,
  ) {}

  private get tabs(): TabsPort {
    if (!this.deps.tabs) throw new Error('tabs are not available here');
    return this.deps.tabs;
  }

  /** Save a tab's selection (the active tab without `tabId`), then offer the composer in the page. */
  async saveSelection(tabId: number | undefined): Promise<SaveOutcome> {
    const { db, glossary, now } = this.deps;
    const t = this.tabs;
    const id = tabId ?? (await t.activeTabId());
    if (id === null) return { status: 'unavailable', reason: 'no-tab' };
    try {
      await t.ask(id, 'page.identify', {});
    } catch {
      return { status: 'unavailable', reason: 'not-readable' };
    }
    // The page the browser last said this tab shows (TabPages), not what its content script claims.
    const shown = await this.deps.tabPages.pageOf(id);
    if (!shown) return { status: 'unavailable', reason: 'not-readable' };
    const d = await db();
    // A site switched off: its text is not read, nothing is shown in it.
    if (isSiteDisabled(await getSettings(d), shown.pageUrl)) return { status: 'unavailable', reason: 'site-off' };
    const captured = await t.ask(id, 'selection.capture', {});
    const shortcut = await t.saveShortcut().catch(() => null);
    if (!captured.selection) {
      await t.ask(id, 'composer.show', { kind: 'no-selection', shortcut }).catch(() => {});
      return { status: 'no-selection' };
    }
    const { selection } = captured;
    // Filed under that page; the content script's canonical and og:url only when it states them
    // for it (same-site rules of lib/page).
    const page = { ...captured.page, ...(senderPage(captured.page, { url: shown.url }, 'content') ?? { pageUrl: shown.pageUrl, canonicalHref: null, ogUrl: null }) };
    const url = articleUrlOf(page);
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
    await this.index.reindex({ put: [note] });
    if (grant) {
      const entities = this.index.view(note).entities;
      const show = { kind: 'saved' as const, noteId: note.id, grant, expiresAt: now() + ANNOTATE_GRANT_MS, selector: selection.selector, entities, shortcut };
      await t.ask(id, 'composer.show', show).catch(() => {});
    }
    return { status: 'saved', note };
  }

  /**
   * Open the note's page (a tab showing it is focused, else a new one) and show its quote. The
   * tab is chosen from what the browser said each tab shows (TabPages: the URLs it gave as the
   * senders of the tabs' messages), never from a content script's answer; the quote is sent
   * only once the browser has said that tab shows the note's page.
   */
  async open(note: Note): Promise<OpenStatus> {
    const t = this.tabs;
    let tabId = await this.findTab(note.url);
    if (tabId !== null) await t.focus(tabId);
    else tabId = await t.open(note.url);
    if (!(await this.waitForContentScript(tabId, note.url))) return 'unreachable';
    if (isSiteDisabled(await getSettings(await this.deps.db()), note.url)) return 'site-off';
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

  /** The tab already showing `url`, if any, as the browser said (the active one first). */
  private async findTab(url: string): Promise<number | null> {
    const t = this.tabs;
    const [showing, open] = await Promise.all([this.deps.tabPages.tabsShowing(url), t.allTabIds()]);
    const live = showing.filter((id) => open.includes(id));
    return live[0] ?? null;
  }

  /** Until the tab's content script answers and the browser has said the tab shows `url`. */
  private async waitForContentScript(tabId: number, url: string): Promise<boolean> {
    const t = this.tabs;
    const until = this.deps.now() + OPEN_TIMEOUT_MS;
    for (;;) {
      try {
        await withTimeout(t.ask(tabId, 'page.identify', {}), 1_000, t.sleep);
        if (await this.deps.tabPages.shows(tabId, url)) return true;
      } catch {
        // Not there yet.
      }
      if (this.deps.now() > until) return false;
      await t.sleep(150);
    }
  }
}
