/**
 * The background's per-tab record of what the browser said each tab shows and what was matched
 * there (lib/background/tab-pages.ts), mirrored to IndexedDB so a service worker stopped while
 * the reader reads still knows it when a hover wakes it. A database of its own ("ncr-tabs"): it
 * holds only this session's tab state, not the reader's data, so it needs no migration and never
 * touches the main database's versions; it is emptied when the browser starts (tab ids are
 * reused across sessions). In the extension's own origin, opened only by the background.
 */
import { openDB, type IDBPDatabase } from 'idb';

/** One tab frame's page as the background knows it. */
export interface TabPage {
  /** The sender URL the browser gave, without its fragment (the document's: a new one is a new page). */
  url: string;
  /** The page the content script last stated on that origin (after pushState), without fragment. */
  pageUrl: string;
  canonicalHref: string | null;
  ogUrl: string | null;
  /** Entity ids the background matched in this page's text. */
  matched: string[];
}

/** Where the per-tab state is mirrored (keys: "<tab>:<frame>"). */
export interface TabPagesStore {
  get(key: string): Promise<TabPage | undefined>;
  put(key: string, page: TabPage): Promise<void>;
  /** Every key starting with `prefix` ("<tab>:"). */
  delete(prefix: string): Promise<void>;
  all(): Promise<[string, TabPage][]>;
}

const NAME = 'ncr-tabs';
const STORE = 'pages';

export function tabPagesStore(): TabPagesStore & { clear(): Promise<void> } {
  let opened: Promise<IDBPDatabase> | null = null;
  const db = (): Promise<IDBPDatabase> => {
    opened ??= openDB(NAME, 1, {
      upgrade(d) {
        d.createObjectStore(STORE);
      },
      terminated() {
        opened = null;
      },
    }).catch((err: unknown) => {
      opened = null;
      throw err;
    });
    return opened;
  };
  return {
    async get(key) {
      return (await (await db()).get(STORE, key)) as TabPage | undefined;
    },
    async put(key, page) {
      await (await db()).put(STORE, page, key);
    },
    async delete(prefix) {
      await (await db()).delete(STORE, IDBKeyRange.bound(prefix, `${prefix}\uffff`));
    },
    async all() {
      const d = await db();
      const tx = d.transaction(STORE, 'readonly');
      const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
      return keys.map((k, i) => [String(k), values[i] as TabPage]);
    },
    async clear() {
      await (await db()).clear(STORE);
    },
  };
}
