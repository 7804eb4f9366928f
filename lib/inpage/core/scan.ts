/**
 * One scan of (part of) the page: read the visible text under some roots in slices of a few
 * milliseconds, send each part to the background as soon as it is read (page.match: the
 * background finds the glossary's mentions, and for a full scan where the article is), and
 * paint its matches when they come back, in order. One object per scan, cancelled by its
 * AbortSignal: once aborted it sends and paints nothing more, and whatever waits on it (the
 * article's zones) is released.
 */
import type { Mark } from '../../dom/mark-store';
import { TextReader, type TextPart } from '../../dom/text-reader';
import type { LayoutRecorder } from '../../dom/collect-text';
import { CostMeter, SLICE_BUDGET_MS, yieldToBrowser } from '../../dom/time-slicer';
import { acrossCut, type PartPosition } from '../../text/parts';
import type { PageAsk } from '../../messaging/page-client';
import type { ArticleZones } from './article-zones';
import type { MarkLayer } from './mark-layer';
import { PartMarks, type MatchReply } from './part-marks';
import { debug } from './extension-api';

/** The page's cost figures, for page.stats (the benchmark reads them). */
export interface ScanStats {
  firstPaintMs: number | null;
  scans: number;
  textNodes: number;
  characters: number;
}

/** What a scan works with, shared by the page's scans. */
export interface ScanContext {
  readonly doc: Document;
  readonly ask: PageAsk;
  readonly meter: CostMeter;
  readonly marks: MarkLayer;
  readonly stats: ScanStats;
  /** performance.now() when the content script started (for firstPaintMs). */
  readonly startedAt: number;
  pageUrl(): string;
  /** Our element in the page (the tooltip host), which is never read. */
  ownElement(): Element | null;
  /** What the page says it is, sent with a full scan's last part (article or list of them). */
  pageKind(): { title: string; types: string[] };
}

export interface ScanOptions {
  /** Classifies marks as article or furniture; a scan with a layout fills it in. */
  zones: ArticleZones;
  /** Named scans: the background keeps their text (suggestions, word-like aliases). */
  id?: string;
  /** Where the parts read are kept (for suggestions). */
  keep?: TextPart[];
  /** False: read and send only (suggestions need the text, not the marks). */
  paint?: boolean;
  /** The full scan's layout: the background finds the article in it. */
  layout?: LayoutRecorder;
}

/** Marks added to the page in one go at most (see #paintPart). */
const MAX_BATCH = 128;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export class Scan {
  readonly #zones: ArticleZones;
  readonly #signal: AbortSignal;
  #painting: Promise<void> = Promise.resolve();
  /** Parts sent whose painting has not begun. */
  #toPaint = 0;
  /** Where the last match of a part cut inside a block ended, in the next part's numbering. */
  #carry: PartPosition | null = null;
  #sentRows = 0;
  #sentLast = false;
  #index = 0;
  #pageUrl = '';
  readonly #page: ScanContext;
  readonly #options: ScanOptions;

  constructor(
    page: ScanContext,
    signal: AbortSignal,
    options: ScanOptions,
  ) {
    this.#page = page;
    this.#options = options;
    this.#signal = signal;
    this.#zones = options.zones;
    // Nothing may wait for zones that will not come (a rescan awaits them too). The listener
    // holds the zones only: the signal outlives the scan, which must not keep its text alive.
    const { zones } = options;
    if (options.layout && signal.aborted) zones.settle();
    else if (options.layout) signal.addEventListener('abort', () => zones.settle(), { once: true });
  }

  /** Resolves true when everything under `roots` was read and painted, false when aborted. */
  async run(roots: Node[]): Promise<boolean> {
    const { meter } = this.#page;
    const reader = new TextReader(roots, this.#page.ownElement(), this.#options.layout);
    this.#pageUrl = this.#page.pageUrl();
    for (;;) {
      if (this.#signal.aborted) return false;
      meter.beginSlice();
      const { parts, done } = reader.read(() => meter.sliceElapsed() < SLICE_BUDGET_MS);
      for (const part of parts) this.#send(part, done && part === parts[parts.length - 1]);
      meter.endSlice();
      if (done) break;
      await yieldToBrowser();
    }
    // A page without text sends no last part: nothing waits.
    if (!this.#sentLast) this.#zones.settle();
    await this.#painting;
    // Counted once everything is painted: page.stats then says the scan is over.
    this.#page.stats.textNodes += reader.textNodes;
    this.#page.stats.characters += reader.characters;
    return !this.#signal.aborted;
  }

  /** Send one part at once (serialising it is part of this slice); paint it in order when answered. */
  #send(part: TextPart, last: boolean): void {
    const { layout, id } = this.#options;
    this.#options.keep?.push(part);
    const scan = id ? { id, part: this.#index++, overlap: part.overlap, cut: part.cut ? ([part.cut.text, part.cut.offset] as [number, number]) : null } : undefined;
    const reply = settle(
      this.#page.ask('page.match', {
        pageUrl: this.#pageUrl,
        texts: part.texts,
        breaks: part.breaks,
        scan,
        layout: layout && {
          rows: layout.rows.slice(this.#sentRows),
          owners: part.pieces.map((p) => p.owner),
          page: last ? this.#page.pageKind() : undefined,
        },
      }),
    );
    this.#sentRows = layout ? layout.rows.length : 0;
    if (last && layout) {
      this.#sentLast = true;
      void reply.then((r) => {
        if (!this.#signal.aborted && r.ok) this.#zones.apply(r.value.zones, layout, this.#page.doc.body);
        this.#zones.settle();
      });
    }
    if (this.#options.paint === false) this.#painting = this.#painting.then(() => reply).then(() => {});
    else {
      this.#toPaint++;
      this.#painting = this.#painting.then(() => {
        this.#toPaint--;
        return this.#paintPart(part, reply);
      });
    }
  }

  /** Turn the background's matches for one part into marks, a few milliseconds at a time. */
  async #paintPart(part: TextPart, pending: Promise<Settled<MatchReply>>): Promise<void> {
    const { meter, marks, stats } = this.#page;
    const settled = await pending;
    // Marks wait for the article's zones: none flashes in a menu and vanishes.
    await this.#zones.known;
    // A part cut inside a block leaves matches from the cut on to the next part (which holds
    // the text around the cut whole); that one skips what overlaps the last match kept here.
    const skipBefore = part.overlap > 0 ? this.#carry : null;
    this.#carry = null;
    if (this.#signal.aborted) return;
    if (!settled.ok) {
      debug('could not match the page', settled.error);
      return;
    }
    // Switched off for this site meanwhile: the page.refresh that follows tears down.
    if (!settled.value.enabled) return;
    const found = new PartMarks(this.#page.doc, part, settled.value, this.#zones, marks, skipBefore, this.#options.layout);
    while (!found.done) {
      if (this.#signal.aborted) return;
      meter.beginSlice();
      const batch: Mark[] = [];
      // Adding a batch costs with its size (the store, the hit-test index, the painter's
      // queue): capped by count as well as by time, so the add stays inside the slice.
      do {
        const mark = found.next(batch.length);
        if (mark) batch.push(mark);
      } while (!found.done && batch.length < MAX_BATCH && meter.sliceElapsed() < SLICE_BUDGET_MS);
      marks.add(batch);
      meter.endSlice();
      if (!found.done) await yieldToBrowser();
    }
    this.#carry = found.lastEnd && acrossCut(part.cut, found.lastEnd);
    if (this.#signal.aborted) return;
    // The part's marks reach the page together: drawn together on the next frame (lib/dom/overlay.ts).
    meter.measure(() => marks.commit());
    if (stats.firstPaintMs === null && marks.paintedCount > 0) stats.firstPaintMs = performance.now() - this.#page.startedAt;
    // The next part's answer is often in already (every part waits for the zones): it is
    // painted in a task of its own, not appended to this one (wikipedia-2's ~15 parts ran as
    // one 27 ms task).
    if (this.#toPaint > 0) await yieldToBrowser();
  }
}

let scans = 0;
/** A scan's id: only this tab's own scans share its key in the background (lib/background/scan-texts.ts). */
export function newScanId(): string {
  return `${(scans++).toString(36)}.${Math.random().toString(36).slice(2, 10)}`;
}

/** A promise's outcome as a value: answers that arrive before their turn never go unhandled. */
function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}
