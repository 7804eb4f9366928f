/**
 * The content script's brain for one page: ask the background whether to work here, read the
 * visible text in slices of a few milliseconds and send it to the background, which finds the
 * glossary's mentions (page.match); paint them, keep them current as the page changes, report
 * them to the reading index, and preview an entity when the reader rests the pointer on one of
 * its mentions (or steps to it by keyboard).
 *
 * This is the part every page loads, so it stays small: no schema library, no UI framework.
 * The tooltip, the note composer and saved quotes live in the in-page UI, loaded on first
 * need (lib/inpage/core/ui-loader.ts).
 *
 * It talks to the extension only through the message protocol (`ask`); it never touches the
 * page's storage, and never changes the page's DOM except for the tooltip host, which is
 * created on the first preview.
 */
import type { MarkDensity, PageSettings } from '../../model/settings';
import type { PageMention } from '../../model/article';
import type { QuoteSelector } from '../../model/quote';
import { TextReader, readTextOf, snippetInPart, type ReadText, type TextPart } from '../../dom/text-reader';
import { acrossCut, comparePositions, type PartPosition } from '../../text/parts';
import { isVisibleElement, type LayoutRecorder } from '../../dom/collect-text';
import { ArticleZones } from './article-zones';
import { MarkStore, compareMarks, type Mark } from '../../dom/mark-store';
import { MarkPainter } from '../../dom/highlights';
import { MarkIndex } from '../../dom/hit-test';
import { ChangeWatcher } from '../../dom/change-watcher';
import { CostMeter, SLICE_BUDGET_MS, yieldToBrowser } from '../../dom/time-slicer';
import { pageTypes, readPageMetadata, type PageMetadata } from '../../dom/page-metadata';
import { HoverIntent } from './hover-intent';
import { SuggestionMarks } from './suggestion-marks';
import { loadInpageUi } from './ui-loader';
import { debug } from './extension-api';
import type { PageAsk } from '../../messaging/page-client';
import type { PageStats, ReplyOf, RequestOf, ToBackground, ToContent } from '../../messaging/protocol';
import type { Suggestion } from '../../messaging/discovery';
import type { CardState } from './card-state';
import type { TooltipHost } from '../ui/tooltip-host';
import type { QuoteMarks } from '../ui/quote-marks';
import type { NoteComposerHost } from '../ui/note-composer';
import type { InpageUi } from '../ui/ui';

/**
 * At most this many mentions are drawn on one page, and in one text node; past that they are
 * only counted. Each drawn mark is a live range the browser updates on every change of the page,
 * and Chromium's cost of drawing highlights grows with their number (and, within one text node,
 * faster than linearly: 5,000 marks in one 2 MB node took a 147 ms task to register). An article
 * has tens or hundreds (the longest corpus page, 1,220 with 10,000 aliases); only a page that is
 * not an article (a log, a 100,000-line list, a book in one node) reaches these.
 */
export const MAX_MARKS = 2_000;
export const MAX_MARKS_PER_NODE = 200;
/** After the page changes, wait this long for it to settle before updating the reading index. */
const REPORT_DEBOUNCE_MS = 2_000;
/** After an in-app navigation, the page counts as settled after this long without changes… */
const SETTLE_QUIET_MS = 300;
/** …or after this long in any case (a page that never stops changing: a ticker, a clock). */
const SETTLE_MAX_MS = 3_000;

type MatchReply = ReplyOf<ToBackground, 'page.match'>;
type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export class PageReader {
  private revision: number | null = null;
  private enabled = false;
  private hasGlossary = false;
  private settings: PageSettings = { markStyle: 'underline', markDensity: 'all', markFurniture: false, suggestions: 'off' };
  /** Where the article is (the background's answer to the full scan's last part). */
  private zones = new ArticleZones();
  /** Resolves once the full scan's zones are known (marks wait for it: none flashes in a menu and vanishes). */
  private zonesKnown: Promise<void> = Promise.resolve();

  private readonly store = new MarkStore();
  /** Mentions found past MAX_MARKS (or MAX_MARKS_PER_NODE): counted, not drawn. */
  private overflow = new Map<string, number>();
  /** Marks drawn in each text node (since the last full scan). */
  private perNode = new WeakMap<Text, number>();
  private painted = new Set<Mark>();
  private readonly painter = new MarkPainter();
  private readonly index = new MarkIndex<Mark>();
  private readonly hover: HoverIntent<Mark>;
  private readonly watcher: ChangeWatcher | null;
  private readonly meter = new CostMeter();
  private readonly suggestionMarks: SuggestionMarks;

  /** The lazily loaded half (lib/inpage/ui/ui.ts): null until first needed. */
  private tooltip: TooltipHost | null = null;
  private tooltipLoading: Promise<TooltipHost> | null = null;
  private quotes: QuoteMarks | null = null;
  private quotesLoading: Promise<QuoteMarks> | null = null;
  private composer: NoteComposerHost | null = null;

  private cards = new Map<string, Promise<CardState>>();
  private lastPointer: { x: number; y: number } | null = null;
  private pointerFrame = 0;
  /** Bumped to cancel a scan in progress (new glossary, navigation, teardown). */
  private generation = 0;
  /** Scans and rescans run one at a time, in order (each awaits the background's answers). */
  private work: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private reportTimer: ReturnType<typeof setTimeout> | null = null;
  private focusBeforeCard: Element | null = null;
  private stepIndex = -1;
  private disposed = false;
  /** Which elements CSS shows, for this scan (rescans start afresh: a class may have changed). */
  private visibility = new WeakMap<Element, boolean>();
  /** The text the last full scan read, until discovery has used it (no second walk). */
  private lastRead: ReadText | null = null;

  private stats = { firstPaintMs: null as number | null, scans: 0, textNodes: 0, characters: 0 };

  constructor(
    private readonly doc: Document,
    private readonly win: Window,
    private readonly ask: PageAsk,
    /** performance.now() when the content script started. */
    private readonly startedAt = performance.now(),
  ) {
    this.hover = new HoverIntent<Mark>({
      prepare: (mark) => {
        void this.card(mark.entityId);
        // The card's code arrives while the reader is still deciding (the show delay).
        this.ensureTooltip().catch(() => {});
      },
      show: (mark) => this.showCard(mark),
      hide: () => this.tooltip?.hide(),
    });
    this.suggestionMarks = new SuggestionMarks(ask, () => this.pageMetadata());
    this.watcher = doc.body ? new ChangeWatcher(doc.body, () => this.ownElement(), () => this.requestFlush()) : null;
  }

  /** Our element in the page (the tooltip host), which is never read or watched. */
  private ownElement(): Element | null {
    return this.tooltip?.element ?? null;
  }

  /** Ask the background what to do here; (re)scan when the glossary or settings changed. */
  async refresh(): Promise<void> {
    // A rescan closes the card: not while the reader is writing a note in it.
    await this.tooltip?.whenUnpinned();
    const reply = await this.ask('page.start', { pageUrl: this.win.location.href });
    if (this.disposed) return;
    if (!reply.enabled) {
      // Switched off for this site: drop everything, watch nothing.
      this.enabled = false;
      this.revision = null;
      this.generation++;
      this.teardownMarks();
      this.suggestionMarks.clear();
      this.watcher?.stop();
      return;
    }
    const wasEnabled = this.enabled;
    this.enabled = true;
    const styleChanged = reply.settings.markStyle !== this.settings.markStyle;
    const densityChanged = reply.settings.markDensity !== this.settings.markDensity || reply.settings.markFurniture !== this.settings.markFurniture;
    this.settings = reply.settings;
    this.painter.setStyle(reply.settings.markStyle);
    if (!wasEnabled || reply.revision !== this.revision) {
      this.revision = reply.revision;
      this.hasGlossary = reply.hasGlossary;
      this.cards.clear();
      await this.fullScan();
    } else if (densityChanged || styleChanged) {
      this.repaint();
    } else {
      // Settings that change no glossary mark (suggestions shown or not, a dismissal).
      await this.exclusive(() => this.suggest(this.generation));
    }
  }

  /** Scan the whole page, painting part by part; then watch for changes. */
  fullScan(): Promise<void> {
    const generation = ++this.generation;
    return this.exclusive(() => this.scanPage(generation));
  }

  /** Run `task` after the scans before it (never two at once: their marks would mix). */
  private exclusive(task: () => Promise<void>): Promise<void> {
    const run = this.work.then(task);
    this.work = run.catch(debug);
    return run;
  }

  private async scanPage(generation: number): Promise<void> {
    if (generation !== this.generation || this.disposed) return;
    this.hover.hideNow();
    this.teardownMarks();
    this.lastRead = null;
    // The page may have changed what it says about itself (a live page, an app's new article).
    this.metadata = null;
    if (!this.doc.body) return;
    const wantText = this.settings.suggestions !== 'off';
    if (!this.hasGlossary) {
      // An empty glossary: nothing to mark, but suggestions still help (suggest reads the page).
      this.watcher?.stop();
      await this.suggest(generation);
      return;
    }
    this.watcher?.start();
    // Every full scan is named: the background keeps its text for suggestions (when they are
    // on) and what its parts named (word-like aliases need it: lib/background/page-evidence.ts),
    // and gets its layout, to find the article in.
    const scan = newScanId();
    const parts: TextPart[] | undefined = wantText ? [] : undefined;
    this.zones = new ArticleZones();
    const layout: LayoutRecorder = { els: [], rows: [], chars: 0 };
    if (!(await this.scanRoots([this.doc.body], generation, scan, parts, true, layout))) return;
    // Counted once painted (marks wait for the article's zones): page.stats says the scan is over.
    this.stats.scans++;
    if (parts) this.lastRead = readTextOf(parts, scan);
    this.scheduleReport(0);
    await this.suggest(generation);
  }

  /**
   * Read the text under `roots` in slices; send each part to the background as soon as it is
   * read (while the rest is read) and paint its matches when they come back, in order.
   * Resolves true when everything was read and painted, false when cancelled.
   */
  private async scanRoots(roots: Node[], generation: number, scan: string | null, keep?: TextPart[], paintMarks = true, layout?: LayoutRecorder): Promise<boolean> {
    const cancelled = () => generation !== this.generation || this.disposed;
    const reader = new TextReader(roots, this.ownElement(), layout);
    // With a layout, marks wait for the zones its last part is answered with.
    let zonesKnown = () => {};
    if (layout) this.zonesKnown = new Promise<void>((r) => (zonesKnown = r));
    let sentRows = 0;
    let sentLast = false;
    const pageUrl = this.win.location.href;
    let painting: Promise<void> = Promise.resolve();
    // Where the last match of a part cut inside a block ended, in the next part's numbering.
    const carry: { end: PartPosition | null } = { end: null };
    let index = 0;
    for (;;) {
      if (cancelled()) {
        // Nothing may wait for zones that will not come (a rescan awaits them too).
        zonesKnown();
        return false;
      }
      this.meter.beginSlice();
      const { parts, done } = reader.read(() => this.meter.sliceElapsed() < SLICE_BUDGET_MS);
      for (const part of parts) {
        keep?.push(part);
        // Sent at once (serialising it is part of this slice); painted in order when answered.
        // With a scan id the background keeps the text for discovery.
        const scanPart = scan ? { id: scan, part: index++, overlap: part.overlap, cut: part.cut ? ([part.cut.text, part.cut.offset] as [number, number]) : null } : undefined;
        const last = done && part === parts[parts.length - 1];
        const reply = settle(
          this.ask('page.match', {
            pageUrl,
            texts: part.texts,
            breaks: part.breaks,
            scan: scanPart,
            layout: layout && {
              rows: layout.rows.slice(sentRows),
              owners: part.pieces.map((p) => p.owner),
              page: last ? this.pageKind() : undefined,
            },
          }),
        );
        sentRows = layout ? layout.rows.length : 0;
        if (last && layout) {
          sentLast = true;
          void reply.then((r) => {
            if (!cancelled() && r.ok) this.zones.apply(r.value.zones, layout, this.doc.body);
            zonesKnown();
          });
        }
        if (paintMarks) painting = painting.then(() => this.paintPart(part, reply, cancelled, carry));
        else painting = painting.then(() => reply).then(() => {});
      }
      this.meter.endSlice();
      if (done) break;
      await yieldToBrowser();
    }
    // A page without text sends no last part: nothing waits.
    if (!sentLast) zonesKnown();
    await painting;
    // Counted once everything is painted: page.stats then says the scan is over.
    this.stats.textNodes += reader.textNodes;
    this.stats.characters += reader.characters;
    return !cancelled();
  }

  /** Turn the background's matches for one part into marks, a few milliseconds at a time. */
  private async paintPart(
    part: TextPart,
    pending: Promise<Settled<MatchReply>>,
    cancelled: () => boolean,
    carry: { end: PartPosition | null },
  ): Promise<void> {
    const settled = await pending;
    await this.zonesKnown;
    // A part cut inside a block leaves matches from the cut on to the next part (which holds
    // the text around the cut whole); that one skips what overlaps the last match kept here.
    const skipBefore = part.overlap > 0 ? carry.end : null;
    let lastEnd: PartPosition | null = null;
    carry.end = null;
    if (cancelled()) return;
    if (!settled.ok) {
      debug('could not match the page', settled.error);
      return;
    }
    const { enabled, entities, matches, snippets, reasons } = settled.value;
    // Why a word-like alias was matched, by match number (shown in the card).
    const why = new Map(reasons?.map(([n, ...r]) => [n, r]));
    // Switched off for this site meanwhile: the page.refresh that follows tears down.
    if (!enabled) return;
    // The background's snippet is of each entity's first mention; when that one is hidden, the
    // first one drawn gets its own.
    const seen = new Set<number>();
    const ownSnippet = new Set<number>();
    const withSnippet = new Set<number>();
    /** Text index -> still as read (each text is compared once, however many mentions it holds). */
    const checked = new Map<number, boolean>();

    let i = 0;
    while (i + 4 < matches.length) {
      if (cancelled()) return;
      this.meter.beginSlice();
      const marks: Mark[] = [];
      do {
        const e = matches[i]!;
        const sc = matches[i + 1]!;
        const so = matches[i + 2]!;
        const ec = matches[i + 3]!;
        const eo = matches[i + 4]!;
        i += 5;
        if (part.cut && comparePositions({ text: sc, offset: so }, part.cut) >= 0) continue;
        if (skipBefore && comparePositions({ text: sc, offset: so }, skipBefore) < 0) continue;
        lastEnd = { text: ec, offset: eo };
        const reason = why.get(i / 5 - 1);
        const entity = entities[e];
        const a = part.pieces[sc];
        const b = part.pieces[ec];
        if (!entity || !a || !b) continue;
        const inNode = this.perNode.get(a.node) ?? 0;
        const article = this.zones.holds(a.node);
        if (this.store.size + marks.length >= MAX_MARKS || inNode >= MAX_MARKS_PER_NODE) {
          if (article) this.overflow.set(entity.id, (this.overflow.get(entity.id) ?? 0) + 1);
          continue;
        }
        this.perNode.set(a.node, inNode + 1);
        if (!seen.has(e)) seen.add(e);
        else if (!withSnippet.has(e)) ownSnippet.add(e);
        // The text may have changed while the background was answering: leave what moved to
        // the rescan the change triggers. Text that CSS hides is read but never marked.
        if (!unchanged(part, sc, checked) || (ec !== sc && !unchanged(part, ec, checked))) continue;
        if (!this.shows(a.node) || (b.node !== a.node && !this.shows(b.node))) continue;
        const range = this.doc.createRange();
        try {
          range.setStart(a.node, a.base + so);
          range.setEnd(b.node, b.base + eo);
        } catch {
          continue;
        }
        const mark: Mark = { entityId: entity.id, type: entity.type, range, block: a.block, startNode: a.node, endNode: b.node, article };
        if (reason) mark.why = reason;
        // The reading index's snippet is of a mention in the article.
        if (article && !withSnippet.has(e)) {
          withSnippet.add(e);
          mark.snippet = ownSnippet.has(e) ? snippetInPart(part, sc, so, ec, eo) : (snippets[e] ?? '');
        }
        marks.push(mark);
      } while (i + 4 < matches.length && this.meter.sliceElapsed() < SLICE_BUDGET_MS);
      this.addMarks(marks);
      this.meter.endSlice();
      if (i + 4 < matches.length) await yieldToBrowser();
    }
    carry.end = lastEnd && acrossCut(part.cut, lastEnd);
    if (cancelled()) return;
    // The part's marks reach the page together: one repaint (lib/dom/highlights.ts).
    this.meter.measure(() => this.painter.commit());
    if (this.stats.firstPaintMs === null && this.painter.size > 0) {
      this.stats.firstPaintMs = performance.now() - this.startedAt;
    }
  }

  /** Whether CSS shows a text node (asked only of nodes holding a mention; cached per element). */
  private shows(node: Text): boolean {
    const el = node.parentElement;
    if (!el) return false;
    let v = this.visibility.get(el);
    if (v === undefined) this.visibility.set(el, (v = isVisibleElement(el)));
    return v;
  }

  private addMarks(marks: Mark[]): void {
    if (!marks.length) return;
    this.store.add(marks);
    if (this.settings.markDensity === 'all') this.paint(marks.filter(this.shown), []);
    else this.repaintDiff();
  }

  /** Suggestions for the page as it is now (after a full scan, so glossary marks win). */
  private async suggest(generation: number): Promise<void> {
    if (!this.enabled || this.settings.suggestions === 'off') {
      this.suggestionMarks.clear();
      return;
    }
    // No text from a glossary scan (an empty glossary, or suggestions switched on later): read it now.
    if (!this.lastRead && this.doc.body) {
      const scan = newScanId();
      const parts: TextPart[] = [];
      if (!(await this.scanRoots([this.doc.body], generation, scan, parts, false))) return;
      this.lastRead = readTextOf(parts, scan);
    }
    if (!this.lastRead) return;
    const byNode = new Map<Node, Mark[]>();
    for (const m of this.store.all()) {
      for (const n of [m.startNode, m.endNode]) {
        let list = byNode.get(n);
        if (!list) byNode.set(n, (list = []));
        list.push(m);
      }
    }
    // Not drawn: where a glossary mark already is, and in text that CSS hides.
    const skip = (r: Range) =>
      !this.shows(r.startContainer as Text) ||
      [...(byNode.get(r.startContainer) ?? []), ...(byNode.get(r.endContainer) ?? [])].some(
        (m) => r.compareBoundaryPoints(Range.START_TO_END, m.range) > 0 && r.compareBoundaryPoints(Range.END_TO_START, m.range) < 0,
      );
    const read = this.lastRead;
    try {
      await this.suggestionMarks.run(this.settings.suggestions, read, skip, this.meter, () => generation !== this.generation || this.disposed);
    } catch (err) {
      debug('suggestions unavailable', err);
    }
    // The text is not kept for the page's lifetime (the tab's memory): a later run (a
    // dismissal, suggestions switched on again) reads the page anew.
    if (this.lastRead === read) this.lastRead = null;
  }

  /** Entities named on the page but not in the glossary. */
  suggestions(): Suggestion[] {
    return this.suggestionMarks.suggestions;
  }

  private paint(added: Mark[], removed: Mark[]) {
    if (removed.length) {
      this.painter.remove(removed);
      this.index.remove(removed);
      for (const m of removed) this.painted.delete(m);
    }
    if (added.length) {
      this.painter.add(added);
      this.index.add(added);
      for (const m of added) this.painted.add(m);
    }
  }

  /** Bring the painted set in line with the store under the current density. */
  private repaintDiff() {
    const visible = new Set(this.store.visible(this.settings.markDensity as MarkDensity, this.shown));
    const removed = [...this.painted].filter((m) => !visible.has(m));
    const added = [...visible].filter((m) => !this.painted.has(m));
    this.paint(added, removed);
  }

  /** Drawn: mentions in the article, and in the page's furniture when the reader asked for them. */
  private shown = (m: Mark): boolean => m.article || this.settings.markFurniture;

  private repaint() {
    this.hover.hideNow();
    this.meter.measure(() => {
      this.repaintDiff();
      this.painter.commit();
    });
  }

  private teardownMarks() {
    this.visibility = new WeakMap();
    this.overflow = new Map();
    this.perNode = new WeakMap();
    this.painter.clear();
    this.index.clear();
    this.painted.clear();
    this.store.clear();
    this.stepIndex = -1;
  }

  // ---- pages that change -------------------------------------------------------------------

  private requestFlush() {
    this.lastMutationAt = performance.now();
    // What the page says about itself may have changed with it (an app's article arriving).
    this.metadata = null;
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // A macrotask later: the mutation callback itself stays cheap.
    setTimeout(() => void this.exclusive(() => this.flush()), 0);
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    if (!this.watcher || !this.enabled || !this.hasGlossary || this.disposed) return;
    const changes = this.watcher.take();
    if (changes.roots === null) {
      await this.scanPage(++this.generation);
      return;
    }
    const generation = this.generation;
    this.visibility = new WeakMap();
    this.meter.measure(() => {
      const removed = changes.removals ? this.store.removeDisconnected() : [];
      for (const root of changes.roots!) removed.push(...this.store.removeWithin(root));
      for (const m of removed) {
        const n = this.perNode.get(m.startNode);
        if (n) this.perNode.set(m.startNode, n - 1);
      }
      if (removed.length) {
        if (this.hover.visible && removed.includes(this.hover.visible)) this.hover.hideNow();
        if (this.settings.markDensity === 'all') this.paint([], removed);
        else this.repaintDiff();
      }
    });
    // Removals wait for the rescan's additions: the page repaints once for both.
    if (changes.roots.length) await this.scanRoots(changes.roots, generation, null);
    if (generation === this.generation) this.meter.measure(() => this.painter.commit());
    this.scheduleReport(REPORT_DEBOUNCE_MS);
  }

  /**
   * A single-page app moved to another article: start over, as a new reading-index entry. The
   * app usually swaps its content after changing the URL (often after a fetch), so we wait for
   * the page to settle first: nothing of the previous article may be filed under the new URL.
   */
  async navigated(): Promise<void> {
    const generation = ++this.generation;
    if (this.reportTimer) clearTimeout(this.reportTimer);
    this.reportTimer = null;
    this.navigating = true;
    this.cards.clear();
    this.hover.hideNow();
    await this.settled(generation);
    if (generation !== this.generation || this.disposed) return;
    this.navigating = false;
    if (this.enabled) {
      // The same revision would otherwise mean "nothing to do": force the rescan.
      this.revision = null;
      await this.refresh();
    }
  }

  private lastMutationAt = 0;
  /** Between an in-app navigation and the rescan of the new article: report nothing. */
  private navigating = false;

  /** Resolves once the page has not changed for SETTLE_QUIET_MS (at most SETTLE_MAX_MS). */
  private async settled(generation: number): Promise<void> {
    const started = performance.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, SETTLE_QUIET_MS));
      if (generation !== this.generation) return;
      const now = performance.now();
      if (now - this.lastMutationAt >= SETTLE_QUIET_MS || now - started >= SETTLE_MAX_MS) return;
    }
  }

  // ---- reading index -----------------------------------------------------------------------

  /** What the page says it is, for telling an article from a list of them. */
  private pageKind(): { title: string; types: string[] } {
    return { title: this.pageMetadata().title, types: pageTypes(this.doc) };
  }

  /** Mentions in the article with a snippet around the first one, for the reading index. */
  pageMentions(): PageMention[] {
    const snippets = this.store.snippets();
    return [...this.counts()].map(([entityId, count]) => ({ entityId, count, snippet: snippets.get(entityId) ?? '' }));
  }

  /** Entity id -> mentions on the page (drawn, and counted past MAX_MARKS). */
  counts(): Map<string, number> {
    const counts = this.store.counts();
    for (const [id, n] of this.overflow) counts.set(id, (counts.get(id) ?? 0) + n);
    return counts;
  }

  private scheduleReport(delay: number) {
    if (this.navigating) return;
    if (this.reportTimer) clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => {
      this.reportTimer = null;
      void this.report().catch(() => {});
    }, delay);
  }

  private async report(): Promise<void> {
    const mentions = this.pageMentions();
    // A page that is not an article (a home page, a section front) is marked, never recorded.
    if (mentions.length === 0 || this.disposed || !this.enabled || !this.zones.page) return;
    const meta = this.pageMetadata();
    await this.ask('page.report', { ...meta, mentions });
  }

  /** The page's stats, for the benchmark and diagnostics. */
  pageStats(): PageStats {
    return {
      firstPaintMs: this.stats.firstPaintMs,
      mainThreadMs: this.meter.mainThreadMs,
      longestTaskMs: this.meter.longestTaskMs,
      scans: this.stats.scans,
      textNodes: this.stats.textNodes,
      characters: this.stats.characters,
      marks: this.painter.size,
    };
  }

  get site(): string | null {
    return this.win.location.hostname || null;
  }

  // ---- the card ----------------------------------------------------------------------------

  private ensureTooltip(): Promise<TooltipHost> {
    if (!this.tooltipLoading) {
      this.tooltipLoading = loadInpageUi().then((ui) => {
        if (!this.tooltip) {
          this.tooltip = new ui.TooltipHost(this.doc, {
            pointerOnCard: (on) => this.hover.pointerOnCard(on),
            escape: () => this.closeCard(),
            addNote: (entityId, comment, tags, appendToEntity) => this.addEntityNote(entityId, comment, tags, appendToEntity),
            excludeAlias: (entityId, alias) => this.ask('alias.exclude', { entityId, alias }).then((r) => r.site),
          });
        }
        return this.tooltip;
      });
      this.tooltipLoading.catch((err) => {
        debug('the card could not load', err);
        this.tooltipLoading = null;
      });
    }
    return this.tooltipLoading;
  }

  private card(entityId: string, shownAs = ''): Promise<CardState> {
    let p = this.cards.get(entityId);
    if (!p) {
      // Asked by the in-page UI, which the card needs anyway (loading since the hover began).
      p = loadInpageUi()
        .then((ui) => ui.fetchCard(this.pageMetadata(), entityId, shownAs))
        .then(({ state, retry }) => {
          // A failed request is asked again next time; "no longer in your glossary" is kept.
          if (retry) this.cards.delete(entityId);
          return state;
        });
      this.cards.set(entityId, p);
    }
    return p;
  }

  private focusNextCard = false;

  private showCard(mark: Mark) {
    const focus = this.focusNextCard;
    this.focusNextCard = false;
    void this.ensureTooltip().then(
      (tooltip) => {
        // The pointer may have moved on while the card's code loaded.
        if (this.hover.visible !== mark || this.disposed) return;
        const name = mark.range.toString();
        tooltip.show(mark.range, { status: 'loading', name, type: mark.type }, focus);
        void this.card(mark.entityId, name).then((state) => {
          if (this.hover.visible !== mark) return;
          tooltip.update(state.status === 'error' && !state.name ? { ...state, name } : state.status === 'ready' && mark.why ? { ...state, why: mark.why } : state);
        });
      },
      () => {},
    );
  }

  private closeCard() {
    this.hover.hideNow();
    const back = this.focusBeforeCard;
    this.focusBeforeCard = null;
    if (back && back.isConnected && typeof (back as HTMLElement).focus === 'function') {
      (back as HTMLElement).focus({ preventScroll: true });
    }
  }

  /**
   * Keyboard: move to the next or previous drawn mention, scroll it into view, open its card.
   * `ui`: the in-page UI, loaded for the request anyway (the card needs it), where the rules live.
   */
  step(direction: 'next' | 'previous', ui: InpageUi): boolean {
    const marks = [...this.painted].sort(compareMarks);
    if (!marks.length) return false;
    this.stepIndex = ui.stepTarget(marks, this.hover.visible ? marks.indexOf(this.hover.visible) : this.stepIndex, direction);
    this.openByKeyboard(marks[this.stepIndex]!, ui);
    return true;
  }

  /** Scroll to the first drawn mention of an entity and open its card (from the popup). */
  reveal(entityId: string, ui: InpageUi): boolean {
    const mark = ui.firstMark([...this.painted], entityId);
    if (!mark) return false;
    this.openByKeyboard(mark, ui);
    return true;
  }

  private openByKeyboard(mark: Mark, ui: InpageUi) {
    const active = this.doc.activeElement;
    if (!this.tooltip?.isOpen() && active && active !== this.tooltip?.element) this.focusBeforeCard = active;
    ui.scrollRangeIntoView(this.win, mark.range);
    this.hover.hideNow();
    // The card takes focus, so Tab reaches its links and Escape returns focus here.
    this.focusNextCard = true;
    this.hover.showNow(mark);
  }

  // ---- saved quotes and notes --------------------------------------------------------------

  private ensureQuotes(): Promise<QuoteMarks> {
    if (!this.quotesLoading) {
      this.quotesLoading = loadInpageUi().then((ui) => (this.quotes ??= new ui.QuoteMarks(this.doc, () => this.ownElement())));
      this.quotesLoading.catch(() => {
        this.quotesLoading = null;
      });
    }
    return this.quotesLoading;
  }

  /** The selection as a quote, with the entities whose drawn or found mentions it touches. */
  async captureSelection(): Promise<{ selector: QuoteSelector; entityIds: string[] } | null> {
    // In the in-page UI (lib/inpage/ui/ui.ts): saving a note loads it anyway.
    const [ui, quotes] = await Promise.all([loadInpageUi(), this.ensureQuotes()]);
    return ui.captureMentions(quotes, this.win.getSelection(), this.store.all());
  }

  /** What the page says about itself; read once per page (a page of 100,000 elements pays for each read). */
  pageMetadata(): PageMetadata {
    const url = this.win.location.href;
    if (this.metadata?.url !== url) this.metadata = { url, value: readPageMetadata(this.doc, this.win.location) };
    return this.metadata.value;
  }

  private metadata: { url: string; value: PageMetadata } | null = null;

  async showQuotes(quotes: { id: string; selector: QuoteSelector }[]): Promise<{ found: string[]; missing: string[] }> {
    if (quotes.length === 0) return { found: [], missing: [] };
    const marks = await this.ensureQuotes();
    return this.meter.measure(() => marks.show(quotes));
  }

  revealQuote(id: string): boolean {
    return this.quotes?.reveal(id) ?? false;
  }

  /** Remove the marks of saved quotes (the site was switched off, or the app moved on). */
  clearQuotes(): void {
    this.quotes?.clear();
  }

  /** Show the note composer (after "Save note"). */
  async showComposer(request: RequestOf<ToContent, 'composer.show'>): Promise<boolean> {
    const ui = await loadInpageUi();
    this.composer ??= new ui.NoteComposerHost(this.doc, ui.ask);
    return this.composer.show(request);
  }

  closeComposer(): void {
    this.composer?.close();
  }

  /** False until page.start said yes, and while the site is switched off. */
  get active(): boolean {
    return this.enabled && !this.disposed;
  }

  /** The card's "Add note": a note about the entity on this page (lib/messaging/notes.ts). */
  private async addEntityNote(entityId: string, comment: string, tags: string[], appendToEntity: boolean) {
    const reply = await (await loadInpageUi()).attachNote(this.pageMetadata(), entityId, comment, tags, appendToEntity);
    // The entity's notes changed: the next card shows them.
    if (reply.appended) this.cards.delete(entityId);
    return reply;
  }

  // ---- events ------------------------------------------------------------------------------

  /** One document-level listener resolves hovers by hit-testing, once per animation frame. */
  onPointerMove = (e: MouseEvent): void => {
    // Events the page synthesises (isTrusted false) never open anything.
    if (!e.isTrusted) return;
    // The reader is writing a note in the open card: it stays, whatever the pointer crosses.
    if (this.tooltip?.pinned) return;
    if (this.painted.size === 0 && !this.hover.visible) return;
    this.lastPointer = { x: e.clientX, y: e.clientY };
    if (this.pointerFrame) return;
    this.pointerFrame = this.win.requestAnimationFrame(() => {
      this.pointerFrame = 0;
      const p = this.lastPointer;
      if (!p) return;
      // Over the card itself: its own enter/leave events decide.
      const own = this.ownElement();
      if (own && this.doc.elementFromPoint(p.x, p.y) === own) return;
      this.hover.pointerOver(this.index.at(this.doc, p.x, p.y));
    });
  };

  onKeyDown = (e: KeyboardEvent): void => {
    if (!e.isTrusted) return;
    if (e.key === 'Escape' && this.hover.visible) this.closeCard();
  };

  dispose(): void {
    this.disposed = true;
    this.generation++;
    this.watcher?.stop();
    if (this.reportTimer) clearTimeout(this.reportTimer);
    this.hover.dispose();
    this.teardownMarks();
    this.quotes?.clear();
    this.suggestionMarks.clear();
    this.tooltip?.destroy();
    this.composer?.close();
  }
}

let scans = 0;
/** A scan's id: only this tab's own scans share its key in the background (lib/background/scan-texts.ts). */
function newScanId(): string {
  return `${(scans++).toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
}

/** A promise's outcome as a value: answers that arrive before their turn never go unhandled. */
function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** Whether the text the part read at `i` is still in the page as it was. */
function unchanged(part: TextPart, i: number, checked: Map<number, boolean>): boolean {
  let same = checked.get(i);
  if (same === undefined) {
    const piece = part.pieces[i]!;
    const text = part.texts[i]!;
    const data = piece.node.isConnected ? piece.node.data : null;
    same = data !== null && (piece.base === 0 && data.length === text.length ? data === text : data.startsWith(text, piece.base));
    checked.set(i, same);
  }
  return same;
}
