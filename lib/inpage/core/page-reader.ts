/**
 * The content script's coordinator for one page: ask the background whether to work here,
 * scan the page (lib/inpage/core/scan.ts: read the visible text in slices, the background finds
 * the glossary's mentions), keep the marks (mark-layer.ts) current as the page changes, report
 * them to the reading index (reading-reporter.ts), preview an entity when the reader rests the
 * pointer on one of its mentions or steps to it by keyboard (card-controller.ts), and mark
 * saved quotes (page-notes.ts).
 *
 * This is the part every page loads, so it stays small: no schema library, no UI framework.
 * The tooltip, the note composer and saved quotes live in the in-page UI (lib/inpage/ui/),
 * loaded on first need (ui-loader.ts).
 *
 * It talks to the extension only through the message protocol (`ask`); it never touches the
 * page's storage, and never changes the page's DOM except for the tooltip host, which is
 * created on the first preview.
 */
import type { PageSettings } from '../../model/settings';
import { readTextOf, type ReadText, type TextPart } from '../../dom/text-reader';
import type { LayoutRecorder } from '../../dom/collect-text';
import { ChangeWatcher } from '../../dom/change-watcher';
import { CostMeter } from '../../dom/time-slicer';
import { readPageHead, type PageMetadata } from '../../dom/page-metadata';
import type { PageAsk } from '../../messaging/page-client';
import type { PageStats } from '../../messaging/protocol';
import type { Suggestion } from '../../messaging/discovery';
import { ArticleZones } from './article-zones';
import { MarkLayer } from './mark-layer';
import { Overlay } from '../../dom/overlay';
import { loadOverlayDrawer } from './ui-loader';
import { Scan, newScanId, type ScanContext, type ScanStats } from './scan';
import { CardController } from './card-controller';
import { ReadingReporter, REPORT_DEBOUNCE_MS } from './reading-reporter';
import { PageNotes } from './page-notes';
import { SuggestionMarks, articleTextOf } from './suggestion-marks';
import { Lifetime } from './lifetime';
import { debug } from './extension-api';

export { MAX_MARKS, MAX_MARKS_PER_NODE } from './mark-layer';
/** After an in-app navigation, the page counts as settled after this long without changes… */
const SETTLE_QUIET_MS = 300;
/** …or after this long in any case (a page that never stops changing: a ticker, a clock). */
const SETTLE_MAX_MS = 3_000;

export class PageReader {
  #revision: number | null = null;
  #enabled = false;
  #hasGlossary = false;
  #disposed = false;
  #settings: PageSettings = { markStyle: 'underline', markDensity: 'all', markFurniture: false, suggestions: 'off' };
  /** Where the article is (the background's answer to the full scan's last part). */
  #zones = new ArticleZones();
  /** The marks (what the page mentions), the card, saved quotes and the composer: the tab talks to them directly. */
  readonly marks: MarkLayer;
  /** Where marks, saved quotes and suggestions are drawn: out of the page's reach (lib/dom/overlay.ts). */
  readonly #overlay: Overlay;
  readonly card: CardController;
  readonly #reporter: ReadingReporter;
  readonly notes: PageNotes;
  readonly #watcher: ChangeWatcher | null;
  readonly #meter = new CostMeter();
  readonly #suggestionMarks: SuggestionMarks;
  readonly #scanContext: ScanContext;
  readonly #stats: ScanStats = { firstPaintMs: null, scans: 0, textNodes: 0, characters: 0 };
  /** The scans in progress stop when this aborts (new glossary, navigation, teardown). */
  #epoch = new AbortController();
  /** Scans and rescans run one at a time, in order (each awaits the background's answers). */
  #work: Promise<void> = Promise.resolve();
  #flushScheduled = false;
  #lastMutationAt = 0;
  /** The text the last full scan read, until discovery has used it (no second walk). */
  #lastRead: ReadText | null = null;
  #metadata: { url: string; value: PageMetadata; types: string[] } | null = null;
  readonly #doc: Document;
  readonly #win: Window;
  readonly #ask: PageAsk;
  readonly #lifetime;

  constructor(
    doc: Document,
    win: Window,
    ask: PageAsk,
    /** performance.now() when the content script started. */
    startedAt = performance.now(),
    /** The content script's lifetime (WXT's ctx.signal): timers die with it. */
    lifetime = new Lifetime(),
  ) {
    this.#doc = doc;
    this.#win = win;
    this.#ask = ask;
    this.#lifetime = lifetime;
    this.#overlay = new Overlay(doc, loadOverlayDrawer);
    this.marks = new MarkLayer(undefined, this.#overlay);
    // What is drawn, for DevTools and the tests: a global of the content script's own world only,
    // which the page's scripts (another world) cannot reach.
    (globalThis as Record<symbol, unknown>)[Symbol.for('news-context-reader/overlay-marks')] = () => this.#overlay.entries();
    const metadata = () => this.pageMetadata();
    this.card = new CardController({ doc, win, ask, marks: this.marks, metadata });
    this.#reporter = new ReadingReporter(ask, { mentions: () => this.marks.pageMentions(), recordable: () => this.active && this.#zones.page, metadata }, lifetime);
    this.notes = new PageNotes(doc, win, this.marks, this.#overlay, this.#meter, () => this.card.element);
    this.#suggestionMarks = new SuggestionMarks(ask, metadata, this.#overlay);
    this.#watcher = doc.body ? new ChangeWatcher(doc.body, () => this.card.element, () => this.#requestFlush()) : null;
    this.#scanContext = {
      doc,
      ask,
      meter: this.#meter,
      marks: this.marks,
      stats: this.#stats,
      startedAt,
      pageUrl: () => win.location.href,
      ownElement: () => this.card.element,
      pageKind: () => ({ title: this.pageMetadata().title, types: this.#pageHead().types }),
    };
  }

  /** Ask the background what to do here; (re)scan when the glossary or settings changed. */
  async refresh(): Promise<void> {
    // A rescan closes the card: not while the reader is writing a note in it.
    await this.card.whenUnpinned();
    const reply = await this.#ask('page.start', { pageUrl: this.#win.location.href });
    if (this.#disposed) return;
    if (!reply.enabled) {
      // Switched off for this site: drop everything, watch nothing.
      this.#enabled = false;
      this.#revision = null;
      this.#restart();
      this.marks.clear();
      this.#suggestionMarks.clear();
      this.#watcher?.stop();
      return;
    }
    const wasEnabled = this.#enabled;
    this.#enabled = true;
    const styleChanged = reply.settings.markStyle !== this.#settings.markStyle;
    const densityChanged = reply.settings.markDensity !== this.#settings.markDensity || reply.settings.markFurniture !== this.#settings.markFurniture;
    this.#settings = reply.settings;
    this.marks.setStyle(reply.settings.markStyle);
    this.marks.setRules(reply.settings.markDensity, reply.settings.markFurniture);
    if (!wasEnabled || reply.revision !== this.#revision) {
      this.#revision = reply.revision;
      this.#hasGlossary = reply.hasGlossary;
      this.card.forget();
      await this.fullScan();
    } else if (densityChanged || styleChanged) {
      this.#repaint();
    } else {
      // Settings that change no glossary mark (suggestions shown or not, a dismissal).
      await this.#exclusive(() => this.#suggest(this.#epoch.signal));
    }
  }

  /** Scan the whole page, painting part by part; then watch for changes. */
  fullScan(): Promise<void> {
    const signal = this.#restart();
    return this.#exclusive(() => this.#scanPage(signal));
  }

  /** Cancel the scans in progress; the signal the next ones run under. */
  #restart(): AbortSignal {
    this.#epoch.abort();
    this.#epoch = new AbortController();
    return this.#epoch.signal;
  }

  /** Run `task` after the scans before it (never two at once: their marks would mix). */
  #exclusive(task: () => Promise<void>): Promise<void> {
    const run = this.#work.then(task);
    this.#work = run.catch(debug);
    return run;
  }

  async #scanPage(signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    this.card.hideNow();
    this.marks.clear();
    this.#lastRead = null;
    // The page may have changed what it says about itself (a live page, an app's new article).
    this.#metadata = null;
    if (!this.#doc.body) return;
    if (!this.#hasGlossary) {
      // An empty glossary: nothing to mark, but suggestions still help (suggest reads the page).
      this.#watcher?.stop();
      await this.#suggest(signal);
      return;
    }
    this.#watcher?.start();
    // Every full scan is named: the background keeps its text for suggestions (when they are
    // on) and what its parts named (word-like aliases need it: lib/background/page-evidence.ts),
    // and gets its layout, to find the article in.
    const id = newScanId();
    const keep: TextPart[] | undefined = this.#settings.suggestions !== 'off' ? [] : undefined;
    this.#zones = new ArticleZones(true);
    const layout: LayoutRecorder = { els: [], rows: [], chars: 0 };
    if (!(await new Scan(this.#scanContext, signal, { zones: this.#zones, id, keep, layout }).run([this.#doc.body]))) return;
    // Counted once painted (marks wait for the article's zones): page.stats says the scan is over.
    this.#stats.scans++;
    if (keep) this.#lastRead = readTextOf(keep, id, layout);
    this.#reporter.schedule(0);
    await this.#suggest(signal);
  }

  /** Suggestions for the page as it is now (after a full scan, so glossary marks win). */
  async #suggest(signal: AbortSignal): Promise<void> {
    if (!this.#enabled || this.#settings.suggestions === 'off') {
      this.#suggestionMarks.clear();
      return;
    }
    // No text from a glossary scan (an empty glossary, or suggestions switched on later): read it now.
    if (!this.#lastRead && this.#doc.body) {
      const id = newScanId();
      const keep: TextPart[] = [];
      // No marking scan found the article (an empty glossary): this read finds it, so
      // suggestions still come from the article alone.
      const layout: LayoutRecorder | undefined = this.#zones.answered ? undefined : { els: [], rows: [], chars: 0 };
      if (layout) this.#zones = new ArticleZones(true);
      if (!(await new Scan(this.#scanContext, signal, { zones: this.#zones, id, keep, paint: false, layout }).run([this.#doc.body]))) return;
      this.#lastRead = readTextOf(keep, id, layout);
    }
    if (!this.#lastRead) return;
    // Not drawn: where a glossary mark already is, and in text that CSS hides.
    const skip = this.marks.suggestionSkip();
    const read = this.#lastRead;
    // On an article page, suggestions come from the article alone (see articleTextOf).
    const zones = this.#zones;
    const text = zones.page ? articleTextOf(read, (piece) => zones.holdsPiece(piece, read.layout)) : read;
    try {
      await this.#suggestionMarks.run(this.#settings.suggestions, text, skip, this.#meter, signal);
    } catch (err) {
      debug('suggestions unavailable', err);
    }
    // The text is not kept for the page's lifetime (the tab's memory): a later run (a
    // dismissal, suggestions switched on again) reads the page anew.
    if (this.#lastRead === read) this.#lastRead = null;
  }

  /** Entities named on the page but not in the glossary. */
  suggestions(): Suggestion[] {
    return this.#suggestionMarks.suggestions;
  }

  #repaint() {
    this.card.hideNow();
    this.#meter.measure(() => {
      this.marks.redraw();
      this.marks.commit();
    });
  }

  // ---- pages that change -------------------------------------------------------------------

  #requestFlush() {
    this.#lastMutationAt = performance.now();
    // The page's text may have moved: the marks follow on the next frame.
    this.#overlay.update();
    // What the page says about itself may have changed with it (an app's article arriving).
    this.#metadata = null;
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    // A macrotask later: the mutation callback itself stays cheap.
    this.#lifetime.setTimeout(() => void this.#exclusive(() => this.#flush()), 0);
  }

  async #flush(): Promise<void> {
    this.#flushScheduled = false;
    if (!this.#watcher || !this.#enabled || !this.#hasGlossary || this.#disposed) return;
    const changes = this.#watcher.take();
    if (changes.roots === null) {
      await this.#scanPage(this.#restart());
      return;
    }
    const signal = this.#epoch.signal;
    this.marks.resetVisibility();
    this.#meter.measure(() => this.card.removed(this.marks.removeChanged(changes)));
    // Removals wait for the rescan's additions: the page repaints once for both.
    if (changes.roots.length) await new Scan(this.#scanContext, signal, { zones: this.#zones }).run(changes.roots);
    if (!signal.aborted) this.#meter.measure(() => this.marks.commit());
    this.#reporter.schedule(REPORT_DEBOUNCE_MS);
  }

  /**
   * A single-page app moved to another article: start over, as a new reading-index entry. The
   * app usually swaps its content after changing the URL (often after a fetch), so we wait for
   * the page to settle first: nothing of the previous article may be filed under the new URL.
   */
  async navigated(): Promise<void> {
    const signal = this.#restart();
    this.#reporter.suspend();
    this.card.forget();
    this.card.hideNow();
    await this.#settled(signal);
    if (signal.aborted || this.#disposed) return;
    this.#reporter.resume();
    if (this.#enabled) {
      // The same revision would otherwise mean "nothing to do": force the rescan.
      this.#revision = null;
      await this.refresh();
    }
  }

  /** Resolves once the page has not changed for SETTLE_QUIET_MS (at most SETTLE_MAX_MS), or `signal` aborts. */
  async #settled(signal: AbortSignal): Promise<void> {
    const started = performance.now();
    for (;;) {
      await this.#lifetime.sleep(SETTLE_QUIET_MS, signal);
      if (signal.aborted) return;
      const now = performance.now();
      if (now - this.#lastMutationAt >= SETTLE_QUIET_MS || now - started >= SETTLE_MAX_MS) return;
    }
  }

  // ---- what the page holds -----------------------------------------------------------------

  /** The page's stats, for the benchmark and diagnostics. */
  pageStats(): PageStats {
    const { mainThreadMs, longestTaskMs } = this.#meter;
    return { ...this.#stats, mainThreadMs, longestTaskMs, marks: this.marks.paintedCount };
  }

  get site(): string | null {
    return this.#win.location.hostname || null;
  }

  /** What the page says about itself; read once per page (a page of 100,000 elements pays for each read). */
  pageMetadata(): PageMetadata {
    return this.#pageHead().value;
  }

  /** The metadata and the page's types (article or list of them), read in one pass. */
  #pageHead(): { value: PageMetadata; types: string[] } {
    const url = this.#win.location.href;
    if (this.#metadata?.url !== url) {
      const { metadata, types } = readPageHead(this.#doc, this.#win.location);
      this.#metadata = { url, value: metadata, types };
    }
    return this.#metadata;
  }

  /** False until page.start said yes, and while the site is switched off. */
  get active(): boolean {
    return this.#enabled && !this.#disposed;
  }

  dispose(): void {
    this.#disposed = true;
    this.#epoch.abort();
    this.#watcher?.stop();
    this.#lifetime.end();
    this.card.dispose();
    this.marks.clear();
    this.notes.clearQuotes();
    this.#suggestionMarks.clear();
    this.notes.closeComposer();
    this.#overlay.dispose();
  }
}
