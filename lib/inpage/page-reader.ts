/**
 * The content script's brain for one page: ask the background whether to work here and for
 * the compiled glossary, find the mentions in slices of a few milliseconds, paint them, keep
 * them current as the page changes, report them to the reading index, and preview an entity
 * when the reader rests the pointer on one of its mentions (or steps to it by keyboard).
 *
 * It talks to the extension only through the message protocol (`ask`); it never touches the
 * page's storage, and never changes the page's DOM except for the tooltip host, which is
 * created on the first preview.
 */
import { parseGlossaryKey, type EntityType } from '../model/entity';
import type { PageMention } from '../model/article';
import type { MarkDensity, PageSettings } from '../model/settings';
import type { CompiledGlossary } from '../text/compiled';
import { createMatcher, type Matcher } from '../text/matcher';
import { Scanner, type ReadText, type ScanBatch } from '../dom/scanner';
import { MarkStore, compareMarks, type Mark } from '../dom/mark-store';
import { MarkPainter } from '../dom/highlights';
import { MarkIndex } from '../dom/hit-test';
import { ChangeWatcher } from '../dom/change-watcher';
import { CostMeter } from '../dom/time-slicer';
import { readPageMetadata } from '../dom/page-metadata';
import { HoverIntent } from './hover-intent';
import { TooltipHost } from './tooltip-host';
import type { CardState } from '../../components/tooltip/EntityCard';
import type { PageStats } from '../messaging/protocol';
import type { QuoteSelector } from '../model/quote';
import { QuoteMarks } from './quote-marks';
import { SuggestionMarks } from './suggestion-marks';
import type { Suggestion } from '../messaging/discovery';

type Ask = typeof import('../messaging/client').ask;

/** After the page changes, wait this long for it to settle before updating the reading index. */
const REPORT_DEBOUNCE_MS = 2_000;
/** After an in-app navigation, the page counts as settled after this long without changes… */
const SETTLE_QUIET_MS = 300;
/** …or after this long in any case (a page that never stops changing: a ticker, a clock). */
const SETTLE_MAX_MS = 3_000;

export class PageReader {
  private revision: number | null = null;
  private enabled = false;
  private settings: PageSettings = { markStyle: 'underline', markDensity: 'all', suggestions: 'off' };
  private matcher: Matcher | null = null;
  /** How each entity is written on this page (for the card while its data loads). */
  private readonly shownAs = new Map<string, string>();

  private readonly store = new MarkStore();
  private painted = new Set<Mark>();
  private readonly painter = new MarkPainter();
  private readonly index = new MarkIndex<Mark>();
  private readonly tooltip: TooltipHost;
  private readonly hover: HoverIntent<Mark>;
  private readonly watcher: ChangeWatcher | null;
  private readonly meter = new CostMeter();
  private readonly quotes: QuoteMarks;
  private readonly suggestionMarks: SuggestionMarks;

  private cards = new Map<string, Promise<CardState>>();
  private lastPointer: { x: number; y: number } | null = null;
  private pointerFrame = 0;
  /** Bumped to cancel a scan in progress (new glossary, navigation, teardown). */
  private generation = 0;
  private flushing = false;
  private flushRequested = false;
  private reportTimer: ReturnType<typeof setTimeout> | null = null;
  private reportedUrl: string | null = null;
  private focusBeforeCard: Element | null = null;
  private stepIndex = -1;
  private disposed = false;

  private stats = { firstPaintMs: null as number | null, scans: 0, textNodes: 0, characters: 0 };

  constructor(
    private readonly doc: Document,
    private readonly win: Window,
    private readonly ask: Ask,
    /** performance.now() when the content script started. */
    private readonly startedAt = performance.now(),
  ) {
    this.tooltip = new TooltipHost(doc, {
      pointerOnCard: (on) => this.hover.pointerOnCard(on),
      escape: () => this.closeCard(),
      addNote: (entityId, comment, tags, appendToEntity) => this.addEntityNote(entityId, comment, tags, appendToEntity),
    });
    this.hover = new HoverIntent<Mark>({
      prepare: (mark) => void this.card(mark.entityId),
      show: (mark) => this.showCard(mark),
      hide: () => this.tooltip.hide(),
    });
    this.quotes = new QuoteMarks(doc, () => this.tooltip.element);
    this.suggestionMarks = new SuggestionMarks(doc, ask);
    this.watcher = doc.body
      ? new ChangeWatcher(doc.body, () => this.tooltip.element, () => this.requestFlush())
      : null;
  }

  /** Ask the background what to do here; (re)scan when the glossary or settings changed. */
  async refresh(): Promise<void> {
    // A rescan closes the card: not while the reader is writing a note in it.
    await this.tooltip.whenUnpinned();
    const reply = await this.ask('page.start', { pageUrl: this.win.location.href, knownRevision: this.revision }, { trustReply: true });
    if (this.disposed) return;
    if (!reply.enabled) {
      // Switched off for this site: drop everything, watch nothing.
      this.enabled = false;
      this.revision = null;
      this.teardownMarks();
      this.watcher?.stop();
      return;
    }
    const wasEnabled = this.enabled;
    this.enabled = true;
    const styleChanged = reply.settings.markStyle !== this.settings.markStyle;
    const densityChanged = reply.settings.markDensity !== this.settings.markDensity;
    this.settings = reply.settings;
    this.painter.setStyle(reply.settings.markStyle);
    if (reply.compiled) {
      this.load(reply.revision, reply.compiled);
      this.cards.clear();
      await this.fullScan();
    } else if (!wasEnabled) {
      await this.fullScan();
    } else if (densityChanged || styleChanged) {
      this.repaint();
    } else {
      // Settings that change no glossary mark (suggestions shown or not, a dismissal).
      await this.suggest(this.generation);
    }
  }

  private load(revision: number, compiled: CompiledGlossary) {
    this.revision = revision;
    try {
      const matcher = createMatcher(compiled);
      this.matcher = matcher.aliasCount > 0 ? matcher : null;
    } catch (err) {
      // A malformed compiled form (it crossed a process boundary): mark nothing rather than break.
      console.debug('[news-context-reader] glossary could not be loaded', err);
      this.matcher = null;
    }
  }

  /** Scan the whole page, painting batch by batch; then watch for changes. */
  async fullScan(): Promise<void> {
    const generation = ++this.generation;
    this.hover.hideNow();
    this.teardownMarks();
    if (!this.doc.body) return;
    if (!this.matcher) {
      // An empty glossary: nothing to mark, but suggestions still help.
      this.watcher?.stop();
      this.lastRead = this.settings.suggestions === 'off' ? null : this.meter.measure(() => SuggestionMarks.readPage(this.doc, this.tooltip.element));
      await this.suggest(generation);
      return;
    }
    this.watcher?.start();
    this.stats.scans++;
    const read: ReadText = { chunks: [], pieces: [] };
    await this.scanRoot(this.doc.body, generation, read);
    if (generation !== this.generation) return;
    this.lastRead = read;
    this.scheduleReport(0);
    await this.suggest(generation);
  }

  /** The text the last full scan read: discovery reuses it instead of walking the page again. */
  private lastRead: ReadText | null = null;

  /** Suggestions for the page as it is now (after a full scan, so glossary marks win). */
  private async suggest(generation: number): Promise<void> {
    if (!this.enabled || this.settings.suggestions === 'off') {
      this.suggestionMarks.clear();
      return;
    }
    // Suggestions switched on while the page was read without them: read it now.
    this.lastRead ??= this.meter.measure(() => SuggestionMarks.readPage(this.doc, this.tooltip.element));
    const byNode = new Map<Node, Mark[]>();
    for (const m of this.store.all()) {
      for (const n of [m.startNode, m.endNode]) {
        let list = byNode.get(n);
        if (!list) byNode.set(n, (list = []));
        list.push(m);
      }
    }
    const isMarked = (r: Range) =>
      [...(byNode.get(r.startContainer) ?? []), ...(byNode.get(r.endContainer) ?? [])].some(
        (m) => r.compareBoundaryPoints(Range.START_TO_END, m.range) > 0 && r.compareBoundaryPoints(Range.END_TO_START, m.range) < 0,
      );
    try {
      await this.suggestionMarks.run(this.settings.suggestions, this.lastRead, isMarked, this.meter, () => generation !== this.generation || this.disposed);
    } catch (err) {
      console.debug('[news-context-reader] suggestions unavailable', err);
    }
  }

  /** Entities named on the page but not in the glossary. */
  suggestions(): Suggestion[] {
    return this.suggestionMarks.suggestions;
  }

  private async scanRoot(root: Node, generation: number, keep?: ReadText): Promise<void> {
    const scanner = new Scanner(this.doc, this.matcher!, () => this.tooltip.element);
    await scanner.scan(
      root,
      this.meter,
      () => generation !== this.generation || this.disposed,
      (batch) => this.addBatch(batch),
      undefined,
      keep,
    );
  }

  private addBatch(batch: ScanBatch): void {
    this.stats.textNodes += batch.textNodes;
    this.stats.characters += batch.characters;
    const marks: Mark[] = [];
    for (const f of batch.marks) {
      // The matcher's entity key carries the type (lib/model/entity.ts glossaryKey).
      const key = parseGlossaryKey(f.entityId);
      if (!key) continue;
      marks.push({ ...f, entityId: key.id, type: key.type });
      if (!this.shownAs.has(key.id)) this.shownAs.set(key.id, f.range.toString());
    }
    if (!marks.length) return;
    this.meter.measure(() => {
      this.store.add(marks);
      if (this.settings.markDensity === 'all') this.paint(marks, []);
      else this.repaintDiff();
    });
    if (this.stats.firstPaintMs === null && this.painter.size > 0) {
      this.stats.firstPaintMs = performance.now() - this.startedAt;
    }
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
    const visible = new Set(this.store.visible(this.settings.markDensity as MarkDensity));
    const removed = [...this.painted].filter((m) => !visible.has(m));
    const added = [...visible].filter((m) => !this.painted.has(m));
    this.paint(added, removed);
  }

  private repaint() {
    this.hover.hideNow();
    this.meter.measure(() => this.repaintDiff());
  }

  private teardownMarks() {
    this.painter.clear();
    this.index.clear();
    this.painted.clear();
    this.store.clear();
    this.stepIndex = -1;
  }

  // ---- pages that change -------------------------------------------------------------------

  private requestFlush() {
    this.lastMutationAt = performance.now();
    this.flushRequested = true;
    if (this.flushing) return;
    // A macrotask later: the mutation callback itself stays cheap.
    setTimeout(() => void this.flush(), 0);
  }

  private async flush(): Promise<void> {
    if (!this.watcher || !this.matcher || this.flushing) return;
    this.flushing = true;
    try {
      while (this.flushRequested && !this.disposed) {
        this.flushRequested = false;
        const changes = this.watcher.take();
        const generation = this.generation;
        if (changes.roots === null) {
          await this.fullScan();
          continue;
        }
        this.meter.measure(() => {
          const removed = changes.removals ? this.store.removeDisconnected() : [];
          for (const root of changes.roots!) removed.push(...this.store.removeWithin(root));
          if (removed.length) {
            if (this.hover.visible && removed.includes(this.hover.visible)) this.hover.hideNow();
            if (this.settings.markDensity === 'all') this.paint([], removed);
            else this.repaintDiff();
          }
        });
        for (const root of changes.roots) {
          if (generation !== this.generation) break;
          await this.scanRoot(root, generation);
        }
        this.scheduleReport(REPORT_DEBOUNCE_MS);
      }
    } finally {
      this.flushing = false;
    }
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
    this.reportedUrl = null;
    this.cards.clear();
    this.hover.hideNow();
    await this.settled(generation);
    if (generation !== this.generation || this.disposed) return;
    this.navigating = false;
    if (this.enabled) await this.refresh();
    if (this.enabled && this.matcher) await this.fullScan();
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

  /** Mentions with a snippet around the first one, for the reading index. */
  pageMentions(): PageMention[] {
    const snippets = this.store.snippets();
    return [...this.store.counts()].map(([entityId, count]) => ({ entityId, count, snippet: snippets.get(entityId) ?? '' }));
  }

  counts(): Map<string, number> {
    return this.store.counts();
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
    if (mentions.length === 0 || this.disposed || !this.enabled) return;
    const meta = readPageMetadata(this.doc, this.win.location);
    const reply = await this.ask('page.report', { ...meta, mentions });
    this.reportedUrl = reply.url;
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

  private card(entityId: string): Promise<CardState> {
    let p = this.cards.get(entityId);
    if (!p) {
      const meta = readPageMetadata(this.doc, this.win.location);
      p = this.ask('entity.card', { entityId, pageUrl: meta.pageUrl, canonicalHref: meta.canonicalHref })
        .then((reply): CardState =>
          reply
            ? { status: 'ready', entity: reply.entity, alsoIn: reply.alsoIn }
            : { status: 'error', name: this.shownAs.get(entityId) ?? '', message: 'This entity is no longer in your glossary.' },
        )
        .catch((err: unknown): CardState => {
          this.cards.delete(entityId);
          return {
            status: 'error',
            name: this.shownAs.get(entityId) ?? '',
            message: `Could not load: ${err instanceof Error ? err.message : String(err)}`,
          };
        });
      this.cards.set(entityId, p);
    }
    return p;
  }

  private focusNextCard = false;

  private showCard(mark: Mark) {
    const focus = this.focusNextCard;
    this.focusNextCard = false;
    this.tooltip.show(mark.range, { status: 'loading', name: this.shownAs.get(mark.entityId) ?? mark.range.toString(), type: mark.type }, focus);
    void this.card(mark.entityId).then((state) => {
      if (this.hover.visible === mark) this.tooltip.update(state);
    });
  }

  private closeCard() {
    this.hover.hideNow();
    const back = this.focusBeforeCard;
    this.focusBeforeCard = null;
    if (back && back.isConnected && typeof (back as HTMLElement).focus === 'function') {
      (back as HTMLElement).focus({ preventScroll: true });
    }
  }

  /** Keyboard: move to the next or previous drawn mention, scroll it into view, open its card. */
  step(direction: 'next' | 'previous'): boolean {
    const marks = [...this.painted].sort(compareMarks);
    if (!marks.length) return false;
    const current = this.hover.visible ? marks.indexOf(this.hover.visible) : this.stepIndex;
    let i = current === -1 ? (direction === 'next' ? 0 : marks.length - 1) : current + (direction === 'next' ? 1 : -1);
    i = (i + marks.length) % marks.length;
    this.stepIndex = i;
    this.openByKeyboard(marks[i]!);
    return true;
  }

  /** Scroll to the first drawn mention of an entity and open its card (from the popup). */
  reveal(entityId: string): boolean {
    const mark = [...this.painted].filter((m) => m.entityId === entityId).sort(compareMarks)[0];
    if (!mark) return false;
    this.openByKeyboard(mark);
    return true;
  }

  private openByKeyboard(mark: Mark) {
    const active = this.doc.activeElement;
    if (!this.tooltip.isOpen() && active && active !== this.tooltip.element) this.focusBeforeCard = active;
    scrollRangeIntoView(this.win, mark.range);
    this.hover.hideNow();
    // The card takes focus, so Tab reaches its links and Escape returns focus here.
    this.focusNextCard = true;
    this.hover.showNow(mark);
  }

  // ---- saved quotes ------------------------------------------------------------------------

  /** The selection as a quote, with the entities whose drawn or found mentions it touches. */
  captureSelection(): { selector: QuoteSelector; entityIds: string[] } | null {
    const captured = this.quotes.captureSelection(this.win.getSelection());
    if (!captured) return null;
    const entityIds = new Set<string>();
    for (const m of this.store.all()) {
      if (captured.range.compareBoundaryPoints(Range.START_TO_END, m.range) > 0 && captured.range.compareBoundaryPoints(Range.END_TO_START, m.range) < 0) {
        entityIds.add(m.entityId);
      }
    }
    return { selector: captured.selector, entityIds: [...entityIds] };
  }

  pageMetadata() {
    return readPageMetadata(this.doc, this.win.location);
  }

  showQuotes(quotes: { id: string; selector: QuoteSelector }[]) {
    return this.meter.measure(() => this.quotes.show(quotes));
  }

  revealQuote(id: string): boolean {
    return this.quotes.reveal(id);
  }

  /** Remove the marks of saved quotes (the site was switched off, or the app moved on). */
  clearQuotes(): void {
    this.quotes.clear();
  }

  /** False until page.start said yes, and while the site is switched off. */
  get active(): boolean {
    return this.enabled && !this.disposed;
  }

  /** The card's "Add note": a note about the entity on this page (lib/messaging/notes.ts). */
  private async addEntityNote(entityId: string, comment: string, tags: string[], appendToEntity: boolean) {
    const meta = readPageMetadata(this.doc, this.win.location);
    const reply = await this.ask('note.attach', {
      entityId,
      comment,
      tags,
      appendToEntity,
      page: { title: meta.title, site: meta.site, canonicalHref: meta.canonicalHref, ogUrl: meta.ogUrl },
    });
    // The entity's notes changed: the next card shows them.
    if (reply.appended) this.cards.delete(entityId);
    return { appended: reply.appended };
  }

  // ---- events ------------------------------------------------------------------------------

  /** One document-level listener resolves hovers by hit-testing, once per animation frame. */
  onPointerMove = (e: MouseEvent): void => {
    // Events the page synthesises (isTrusted false) never open anything.
    if (!e.isTrusted) return;
    // The reader is writing a note in the open card: it stays, whatever the pointer crosses.
    if (this.tooltip.pinned) return;
    if (this.painted.size === 0 && !this.hover.visible) return;
    this.lastPointer = { x: e.clientX, y: e.clientY };
    if (this.pointerFrame) return;
    this.pointerFrame = this.win.requestAnimationFrame(() => {
      this.pointerFrame = 0;
      const p = this.lastPointer;
      if (!p) return;
      // Over the card itself: its own enter/leave events decide.
      const target = this.doc.elementFromPoint(p.x, p.y);
      if (target && target === this.tooltip.element) return;
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
    this.quotes.clear();
    this.suggestionMarks.clear();
    this.tooltip.destroy();
  }
}

/** Scroll (every scrolling ancestor) so the mention sits mid-screen, unless it is well in view. */
function scrollRangeIntoView(win: Window, range: Range) {
  const rect = range.getBoundingClientRect();
  const margin = win.innerHeight / 5;
  if (rect.top >= margin && rect.bottom <= win.innerHeight - margin && rect.left >= 0 && rect.right <= win.innerWidth) return;
  range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' as ScrollBehavior });
}
