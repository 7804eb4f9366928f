/**
 * What the browser says about each tab's page, kept by the background (issue 15, "records the
 * browser vouches for"): the URL the browser gave as the sender of the tab's last message
 * (`sender.url`: never the page's or the content script's claim), the canonical and og:url the
 * content script stated for that very URL, and the entities the background itself matched in
 * the text that page sent (page.match). Cleared when the tab's URL changes and when it closes.
 *
 * Used for: the page a content script's message is about (senderPage), which entities a tab may
 * ask the card of (entity.card answers only for those), and which tab shows a note's article
 * (note.open chooses from these, never from a content script's page.identify answer).
 *
 * In memory, mirrored to a small store (lib/storage/tab-pages.ts) so a service worker stopped while the
 * reader reads (Chromium stops an idle one after 30 s) still knows, when woken by a hover, what
 * it matched on that tab.
 */
import type { PageIdentity } from '../model/page-identity';
import { articleUrlOf } from '../page/article-url';
import type { SenderInfo } from './handler-types';
import type { TabPage, TabPagesStore } from '../storage/tab-pages';

export type { TabPage, TabPagesStore } from '../storage/tab-pages';

/** The URL without its fragment: a page's fragment changes without a new page. */
export function withoutHash(url: string): string {
  const i = url.indexOf('#');
  return i === -1 ? url : url.slice(0, i);
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * The page a content script's message is about, as far as the browser vouches for it. The
 * browser gives the sender's URL; Chromium gives the URL the document was loaded with, which does
 * not follow a single-page app's history.pushState (measured: after pushState to /spa/story-0 a
 * message still says /spa/start). pushState cannot leave the document's origin, so: the URL the
 * message states is taken when it is the sender's URL (fragment aside) or on the sender's very
 * origin (scheme, host and port); any other is refused (null: nothing is filed, nothing shown).
 * The canonical and og:url then count only on the same site (lib/page's rules). An extension
 * page's message is taken as stated (it may ask about any page).
 */
export function senderPage<P extends PageIdentity>(page: P, sender: SenderInfo, kind: 'content' | 'extension-page'): P | null {
  if (kind === 'extension-page') return page;
  const real = sender.url;
  if (!real) return null;
  if (withoutHash(real) === withoutHash(page.pageUrl)) return { ...page, pageUrl: real };
  const origin = originOf(real);
  return origin !== null && originOf(page.pageUrl) === origin ? page : null;
}

/** At most this many tabs/frames are remembered (the oldest go first). */
const MAX_FRAMES = 2_000;
/** At most this many matched entities per page (a page naming more gets no card for the rest). */
const MAX_MATCHED = 20_000;

function frameKey(sender: SenderInfo): string | null {
  const tab = sender.tab?.id;
  return typeof tab === 'number' ? `${tab}:${sender.frameId ?? 0}` : null;
}

export class TabPages {
  readonly #pages = new Map<string, TabPage>();

  constructor(private readonly store?: TabPagesStore) {}

  /**
   * A content script's message arrived: the tab's page is the sender's URL. A new URL (not only
   * a new fragment) is a new page: what was matched on the old one no longer counts.
   */
  async saw(sender: SenderInfo): Promise<TabPage | null> {
    const key = frameKey(sender);
    if (!key || !sender.url) return null;
    const url = withoutHash(sender.url);
    const known = await this.#load(key);
    if (known && known.url === url) return known;
    const fresh: TabPage = { url, pageUrl: url, canonicalHref: null, ogUrl: null, matched: [] };
    this.#set(key, fresh);
    void this.store?.put(key, fresh).catch(() => {});
    return fresh;
  }

  /**
   * The content script stated which page it shows (a URL senderPage accepted for this sender:
   * its own, or one on its origin after pushState) with its canonical and og:url: what note.open
   * looks tabs up by.
   */
  async claimed(sender: SenderInfo, page: PageIdentity): Promise<void> {
    const current = await this.saw(sender);
    if (!current) return;
    const pageUrl = withoutHash(page.pageUrl);
    const canonicalHref = page.canonicalHref ?? null;
    const ogUrl = page.ogUrl ?? null;
    if (current.pageUrl === pageUrl && current.canonicalHref === canonicalHref && current.ogUrl === ogUrl) return;
    Object.assign(current, { pageUrl, canonicalHref, ogUrl });
    void this.store?.put(frameKey(sender)!, current).catch(() => {});
  }

  /** The background matched these entities in text the sender's page sent. */
  async matched(sender: SenderInfo, entityIds: readonly string[]): Promise<void> {
    const current = await this.saw(sender);
    if (!current || entityIds.length === 0) return;
    const had = new Set(current.matched);
    const added = entityIds.filter((id) => !had.has(id));
    if (added.length === 0 || had.size >= MAX_MATCHED) return;
    current.matched = [...current.matched, ...new Set(added)].slice(0, MAX_MATCHED);
    void this.store?.put(frameKey(sender)!, current).catch(() => {});
  }

  /** Whether the background matched this entity on the sender's current page. */
  async mayShow(sender: SenderInfo, entityId: string): Promise<boolean> {
    const current = await this.saw(sender);
    return current !== null && current.matched.includes(entityId);
  }

  /**
   * Whether the background matched this entity on what the tab's frame shows now, without a
   * message of that frame at hand (an extension frame showing the card for the tab asks this).
   */
  async matchedOn(tabId: number, entityId: string, frameId = 0): Promise<boolean> {
    const current = await this.#load(`${tabId}:${frameId}`);
    return current !== undefined && current.matched.includes(entityId);
  }

  /** The tabs whose top frame shows `articleUrl`, as filed from what the browser said they show. */
  async tabsShowing(articleUrl: string): Promise<number[]> {
    const tabs: number[] = [];
    const stored = this.store ? await this.store.all().catch(() => []) : [];
    const pages = new Map([...stored, ...this.#pages]);
    for (const [key, page] of pages) {
      const [tab, frame] = key.split(':');
      if (frame !== '0') continue;
      const filed = articleUrlOf({ pageUrl: page.pageUrl, canonicalHref: page.canonicalHref, ogUrl: page.ogUrl });
      if (filed === articleUrl || articleUrlOf({ pageUrl: page.pageUrl, canonicalHref: null }) === articleUrl) tabs.push(Number(tab));
    }
    return tabs;
  }

  /** Whether the tab's top frame (as the browser last said) shows `articleUrl`. */
  async shows(tabId: number, articleUrl: string): Promise<boolean> {
    return (await this.tabsShowing(articleUrl)).includes(tabId);
  }

  /** What the browser last said the tab's top frame shows (from memory or the store). */
  pageOf(tabId: number): Promise<TabPage | undefined> {
    return this.#load(`${tabId}:0`);
  }

  /** The tab was closed. */
  forgetTab(tabId: number): void {
    for (const key of [...this.#pages.keys()]) if (key.startsWith(`${tabId}:`)) this.#pages.delete(key);
    void this.store?.delete(`${tabId}:`).catch(() => {});
  }

  #set(key: string, page: TabPage): void {
    this.#pages.delete(key);
    this.#pages.set(key, page);
    if (this.#pages.size > MAX_FRAMES) this.#pages.delete(this.#pages.keys().next().value!);
  }

  /** From memory, else (a worker woken since) from the store. */
  async #load(key: string): Promise<TabPage | undefined> {
    const inMemory = this.#pages.get(key);
    if (inMemory || !this.store) return inMemory;
    const stored = await this.store.get(key).catch(() => undefined);
    // A message of the same tab may have set it while the store answered.
    const now = this.#pages.get(key);
    if (now) return now;
    if (stored) this.#set(key, stored);
    return stored;
  }
}
