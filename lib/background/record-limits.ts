/**
 * How fast pages may add new articles to the reading index (issue 15, attack 6: one page planted
 * 26 records in 34 s with history.pushState, and crowded the reader's own articles out of every
 * card's "also in"). A revisit is never limited; a new record takes a token from its tab's
 * bucket and from its site's, and is not recorded when either is empty.
 *
 * Per tab: 8 at once, then one every 30 s — a reader going through a single-page app's articles
 * spends longer than that on each; per site (registrable domain): 30 at once, then one a minute,
 * so several tabs of one site (or a page reopening itself) cannot do more. In memory: a woken
 * service worker starts with full buckets, which costs a flood at most one more burst.
 */
import { getDomain } from 'tldts';

interface Bucket {
  tokens: number;
  at: number;
}

export interface Limit {
  /** Tokens when full (the burst). */
  burst: number;
  /** One token comes back every this many ms. */
  refillMs: number;
}

export const TAB_LIMIT: Limit = { burst: 8, refillMs: 30_000 };
export const SITE_LIMIT: Limit = { burst: 30, refillMs: 60_000 };
const MAX_BUCKETS = 1_000;

class Buckets {
  readonly #buckets = new Map<string, Bucket>();

  constructor(private readonly limit: Limit) {}

  /** Tokens left for `key` at `now` (refilled since last time, at most the burst). */
  available(key: string, now: number): number {
    const b = this.#buckets.get(key);
    if (!b) return this.limit.burst;
    const refilled = Math.floor(Math.max(0, now - b.at) / this.limit.refillMs);
    return Math.min(this.limit.burst, b.tokens + refilled);
  }

  take(key: string, now: number): void {
    const b = this.#buckets.get(key);
    let tokens = this.available(key, now);
    // Keep the part of the refill interval already elapsed, so a steady page gets its one per interval.
    const at = b && tokens < this.limit.burst ? b.at + Math.floor(Math.max(0, now - b.at) / this.limit.refillMs) * this.limit.refillMs : now;
    tokens -= 1;
    this.#buckets.delete(key);
    this.#buckets.set(key, { tokens, at });
    if (this.#buckets.size > MAX_BUCKETS) this.#buckets.delete(this.#buckets.keys().next().value!);
  }
}

/** The site a URL's record counts against: its registrable domain (public suffix list), else its host. */
export function siteOf(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
  return getDomain(host, { allowPrivateDomains: true }) ?? host;
}

export class RecordLimits {
  readonly #tabs: Buckets;
  readonly #sites: Buckets;
  /** Per tab, the pages it was last allowed (allowPage: coming back to one takes nothing). */
  readonly #recent = new Map<string, string[]>();

  constructor(tab: Limit = TAB_LIMIT, site: Limit = SITE_LIMIT) {
    this.#tabs = new Buckets(tab);
    this.#sites = new Buckets(site);
  }

  /** May this tab add a new record for `url` now? If so, the tokens are taken. */
  allowNew(tabId: number | undefined, url: string, now: number): boolean {
    const tab = tabId === undefined ? 'no-tab' : String(tabId);
    const site = siteOf(url);
    if (this.#tabs.available(tab, now) < 1 || this.#sites.available(site, now) < 1) return false;
    this.#tabs.take(tab, now);
    this.#sites.take(site, now);
    return true;
  }

  /**
   * For records without a store to ask whether they are new (suggestions' pages): a page this tab
   * was allowed recently is allowed again for nothing; another takes tokens like allowNew.
   */
  allowPage(tabId: number | undefined, url: string, now: number): boolean {
    const tab = tabId === undefined ? 'no-tab' : String(tabId);
    const recent = this.#recent.get(tab) ?? [];
    if (recent.includes(url)) return true;
    if (!this.allowNew(tabId, url, now)) return false;
    this.#recent.delete(tab);
    this.#recent.set(tab, [...recent, url].slice(-20));
    if (this.#recent.size > MAX_BUCKETS) this.#recent.delete(this.#recent.keys().next().value!);
    return true;
  }
}
