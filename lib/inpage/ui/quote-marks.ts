/**
 * Saved quotes on the page they came from: the reader's selection captured as a quote selector,
 * and quotes saved earlier found again (even in a page that changed a little) and marked with
 * their own look in the overlay (lib/dom/overlay.ts), distinct from entity marks.
 */
import { describeQuote, findQuote } from '../../text/quote-anchor';
import type { QuoteSelector } from '../../model/quote';
import { flattenText, offsetsFromRange, rangeFromOffsets, type FlatText } from '../../dom/flat-text';
import type { Overlay } from '../../dom/overlay';

/** The overlay's look for a saved quote (lib/dom/overlay.ts): out of the page's reach. */
export const QUOTE_LOOK = 'quote';
/** A quote the reader just opened from the popup: flashed so the eye finds it. */
export const QUOTE_FOCUS_LOOK = 'focus';

export interface CapturedSelection {
  selector: QuoteSelector;
  range: Range;
}

export class QuoteMarks {
  private readonly ranges = new Map<string, Range>();
  private focused: Range | null = null;

  constructor(
    private readonly doc: Document,
    private readonly overlay: Overlay,
    private readonly exclude: () => Element | null,
  ) {}

  private flat(): FlatText {
    return flattenText(this.doc.body, this.exclude());
  }

  /** The current selection as a quote, or null when nothing (visible) is selected. */
  captureSelection(selection: Selection | null): CapturedSelection | null {
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed || !this.doc.body) return null;
    const range = selection.getRangeAt(0);
    const flat = this.flat();
    const offsets = offsetsFromRange(flat, range);
    if (!offsets) return null;
    // Trim white space at the edges: a triple-click selects the trailing newline too.
    let { start, end } = offsets;
    while (start < end && /\s/.test(flat.text[start]!)) start++;
    while (end > start && /\s/.test(flat.text[end - 1]!)) end--;
    if (end <= start) return null;
    const selector = describeQuote(flat.text, start, Math.min(end, start + 10_000));
    return { selector, range: rangeFromOffsets(this.doc, flat, start, end) ?? range };
  }

  /** Find and mark saved quotes; returns which were found. */
  show(quotes: { id: string; selector: QuoteSelector }[]): { found: string[]; missing: string[] } {
    const found: string[] = [];
    const missing: string[] = [];
    if (!this.doc.body) return { found, missing: quotes.map((q) => q.id) };
    const flat = this.flat();
    for (const q of quotes) {
      const m = findQuote(flat.text, q.selector);
      const range = m && rangeFromOffsets(this.doc, flat, m.start, m.end);
      if (!range) {
        missing.push(q.id);
        continue;
      }
      const old = this.ranges.get(q.id);
      if (old) this.overlay.delete(old);
      this.ranges.set(q.id, range);
      this.overlay.add(range, QUOTE_LOOK);
      found.push(q.id);
    }
    return { found, missing };
  }

  /** Scroll to a marked quote and flash it. */
  reveal(id: string): boolean {
    const range = this.ranges.get(id);
    if (!range || range.collapsed) return false;
    range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    this.unfocus();
    // Its own range: the quote's stays drawn under it.
    const focused = (this.focused = range.cloneRange());
    this.overlay.add(focused, QUOTE_FOCUS_LOOK);
    setTimeout(() => this.focused === focused && this.unfocus(), 4_000);
    return true;
  }

  clear(): void {
    for (const range of this.ranges.values()) this.overlay.delete(range);
    this.ranges.clear();
    this.unfocus();
  }

  private unfocus(): void {
    if (this.focused) this.overlay.delete(this.focused);
    this.focused = null;
  }
}
