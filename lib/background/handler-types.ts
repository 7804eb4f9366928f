/**
 * The types every handler file shares (router.ts, handlers.ts and the `*-handlers.ts` files
 * import them from here, never from each other): who sent a message, what a handler gets, and
 * an area's handlers as derived from its message table (lib/messaging).
 */
import type { z } from 'zod';
import type { ContentType, ReplyOf, RequestOf, SenderKind, ToBackground, ToContent } from '../messaging/protocol';
import type { MessageTable } from '../messaging/table';
import type { Database } from '../storage/db';
import type { GlossaryCache } from './glossary-cache';
import type { ScanTexts } from './scan-texts';
import type { ArticleRunner } from './article-runner';
import type { DiscoveryRunner } from './discovery-runner';
import type { TabPages } from './tab-pages';
import type { RecordLimits } from './record-limits';
import type { SyncService } from './sync-service';
import type { SubscriptionService } from './subscription-service';

export interface SenderInfo {
  /** The id of the extension that sent the message (runtime.MessageSender.id). */
  id?: string;
  /** The sending document's URL. */
  url?: string;
  tab?: { id?: number; incognito?: boolean };
  /** The frame of the tab the message came from (0: the top frame). */
  frameId?: number;
}

export interface RouterContext {
  sender: SenderInfo;
  kind: SenderKind;
}

/** The handlers of a message table: per type, the validated request in, the reply out. */
export type HandlersOf<P extends MessageTable> = {
  [T in keyof P]: (payload: z.output<P[T]['request']>, ctx: RouterContext) => Promise<z.input<P[T]['reply']>>;
};

/** Every message the background answers. */
export type Handlers = HandlersOf<ToBackground>;

/** What the notes need of the browser's tabs (lib/background/browser-tabs.ts; fakes in unit tests). */
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

/** What the entrypoint (or a test) gives createHandlers. */
export interface HandlerDeps {
  db: () => Promise<Database>;
  glossary: GlossaryCache;
  now: () => number;
  /** Tell open tabs the glossary or the settings changed, so they refresh. */
  refreshTabs: (revision: number) => void;
  /** The browser's tabs, for saving a selection and opening a note (absent in unit tests). */
  tabs?: TabsPort;
  /** Scans' text kept for discovery (created by createHandlers when not given). */
  scanTexts?: ScanTexts;
  /** Where main-content detection runs (the offscreen document or Firefox's background page when not given). */
  articleRunner?: ArticleRunner;
  /** Where entity discovery runs (the offscreen document or Firefox's background page when not given). */
  discoveryRunner?: DiscoveryRunner;
  /** What the browser said each tab shows and what was matched there (created in memory when not given). */
  tabPages?: TabPages;
  /** Sync (docs/sync.md); absent in unit tests of other areas. */
  sync?: SyncService;
  /** Team glossary subscriptions (docs/sync-team-glossary.md); absent in unit tests of other areas. */
  subscriptions?: SubscriptionService;
}

/** What each area's handlers get: the deps, and the one way to say the glossary changed. */
export interface AreaDeps extends HandlerDeps {
  scanTexts: ScanTexts;
  tabPages: TabPages;
  /** How fast pages may add new records (record-limits.ts). */
  recordLimits: RecordLimits;
  /** After a glossary write: wait for the recompiled glossary, then tell the tabs. */
  afterGlossaryWrite: () => Promise<void>;
  /** After a settings write: tell the tabs (the glossary is unchanged). */
  afterSettingsWrite: () => Promise<void>;
}
