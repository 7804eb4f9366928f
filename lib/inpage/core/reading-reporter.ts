/**
 * Files the page in the reading index (page.report) once its marks have settled: right after a
 * full scan, and a while after the page last changed (a live blog keeps changing). Between an
 * in-app navigation and the new article's scan it reports nothing: nothing of the previous
 * article may be filed under the new URL.
 */
import type { PageMention } from '../../model/article';
import type { PageMetadata } from '../../dom/page-metadata';
import type { PageAsk } from '../../messaging/page-client';
import type { Lifetime } from './lifetime';

/** After the page changes, wait this long for it to settle before updating the reading index. */
export const REPORT_DEBOUNCE_MS = 2_000;

export interface ReportedPage {
  /** The article's mentions, with a snippet each. */
  mentions(): PageMention[];
  /** Whether the page may be recorded now (switched on, an article, not disposed). */
  recordable(): boolean;
  metadata(): PageMetadata;
}

export class ReadingReporter {
  #timer: ReturnType<typeof setTimeout> | null = null;
  #navigating = false;
  readonly #ask: PageAsk;
  readonly #page: ReportedPage;
  readonly #lifetime: Lifetime;

  constructor(
    ask: PageAsk,
    page: ReportedPage,
    lifetime: Lifetime,
  ) {
    this.#ask = ask;
    this.#page = page;
    this.#lifetime = lifetime;
  }

  /** Report after `delay` (a report already scheduled is pushed back). */
  schedule(delay: number): void {
    if (this.#navigating) return;
    clearTimeout(this.#timer ?? undefined);
    this.#timer = this.#lifetime.setTimeout(() => {
      this.#timer = null;
      void this.#report().catch(() => {});
    }, delay);
  }

  /** An in-app navigation began: nothing is reported until resume(). */
  suspend(): void {
    this.#navigating = true;
    clearTimeout(this.#timer ?? undefined);
    this.#timer = null;
  }

  resume(): void {
    this.#navigating = false;
  }

  async #report(): Promise<void> {
    const mentions = this.#page.mentions();
    // A page that is not an article (a home page, a section front) is marked, never recorded.
    if (mentions.length === 0 || !this.#page.recordable()) return;
    await this.#ask('page.report', { ...this.#page.metadata(), mentions });
  }
}
