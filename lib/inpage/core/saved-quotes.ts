/**
 * Quotes saved on this page, marked when the reader comes back to it: the content script asks
 * the background for this page's quote selectors only (`notes.forPage`: no comment, no tag),
 * finds them with the existing anchoring (lib/inpage/ui/quote-marks.ts, via the page reader), and
 * tells the background which it could not find, so the note says so. Nothing is ever deleted.
 */
import type { QuoteSelector } from '../../model/quote';
import type { PageMetadata } from '../../dom/page-metadata';

type Ask = import('../../messaging/page-client').PageAsk;

/** The page reader: whether it works here, and what the page is. */
export interface QuotePage {
  readonly active: boolean;
  pageMetadata(): PageMetadata;
}

/** What marks the quotes (lib/inpage/core/page-notes.ts). */
export interface QuoteMarker {
  showQuotes(quotes: { id: string; selector: QuoteSelector }[]): Promise<{ found: string[]; missing: string[] }>;
  clearQuotes(): void;
}

/** Quotes not found at first are looked for once more after this long (late-rendered pages). */
const RETRY_MS = 2_500;

export class SavedQuotes {
  #found = new Set<string>();
  #missing = new Set<string>();
  /** Aborted when the page's quotes are cleared or looked for again. */
  #loading = new AbortController();
  readonly #ask: Ask;
  readonly #page: QuotePage;
  readonly #marker: QuoteMarker;
  readonly #sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(
    ask: Ask,
    page: QuotePage,
    marker: QuoteMarker,
    /** Waits `ms`, released early when `signal` aborts (lib/inpage/core/lifetime.ts). */
    sleep: (ms: number, signal: AbortSignal) => Promise<void>,
  ) {
    this.#ask = ask;
    this.#page = page;
    this.#marker = marker;
    this.#sleep = sleep;
  }

  /** Which of this page's saved quotes were found, as last looked for. */
  status(): { found: string[]; missing: string[] } {
    return { found: [...this.#found], missing: [...this.#missing] };
  }

  /** Forget the marks (site switched off, or the app moved to another article). */
  clear(): void {
    this.#restart();
    this.#found.clear();
    this.#missing.clear();
    this.#marker.clearQuotes();
  }

  /** Ask for this page's quotes and mark them. */
  async load(): Promise<void> {
    const signal = this.#restart();
    if (!this.#page.active) return;
    const meta = this.#page.pageMetadata();
    const { quotes } = await this.#ask('notes.forPage', { pageUrl: meta.pageUrl, canonicalHref: meta.canonicalHref, ogUrl: meta.ogUrl });
    if (signal.aborted || !this.#page.active || quotes.length === 0) return;
    let result = await this.#marker.showQuotes(quotes);
    this.#record(result);
    if (result.missing.length) {
      await this.#sleep(RETRY_MS, signal);
      if (signal.aborted || !this.#page.active) return;
      const again = quotes.filter((q) => this.#missing.has(q.id));
      const second = await this.#marker.showQuotes(again);
      this.#record(second);
      result = this.status();
    }
    await this.#ask('notes.anchored', result).catch(() => {});
  }

  /** A quote just saved here: mark it at once. */
  async add(id: string, selector: QuoteSelector): Promise<void> {
    const { signal } = this.#loading;
    const result = await this.#marker.showQuotes([{ id, selector }]);
    if (!signal.aborted) this.#record(result);
  }

  /** Stop what the last load or add was doing (its answers are dropped); the signal of the next. */
  #restart(): AbortSignal {
    this.#loading.abort();
    this.#loading = new AbortController();
    return this.#loading.signal;
  }

  #record(r: { found: string[]; missing: string[] }) {
    for (const id of r.found) {
      this.#found.add(id);
      this.#missing.delete(id);
    }
    for (const id of r.missing) {
      if (!this.#found.has(id)) this.#missing.add(id);
    }
  }
}
