/**
 * Paints marks with the CSS Custom Highlight API: ranges are registered, no element is added
 * around the page's text, so the page's DOM, layout, selection and frameworks are untouched.
 *
 * Registry names are generic (the page's scripts can list CSS.highlights): they say which
 * style and kind of mark it is, never which entity. Their rules live in the content script's
 * manifest-injected stylesheet (assets/marks.css), so no <style> element is added either.
 */
import type { EntityType } from '../model/entity';
import type { MarkStyle } from '../model/settings';

export function highlightName(style: MarkStyle, type: EntityType): string {
  return `ncr-${style}-${type}`;
}

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

export interface Paintable {
  range: AbstractRange;
  type: EntityType;
}

/**
 * Keeps one Highlight per entity type. Changes are queued and applied together by commit():
 * Chromium repaints after any change to a registered highlight at a cost that grows with the
 * page and the number of ranges (measured on a 100,000-element page holding 5,000 marks: one
 * added range cost a 92 ms frame), so a scan changes the registry once per part it paints, not
 * once per slice.
 */
export class MarkPainter {
  readonly #highlights = new Map<EntityType, Highlight>();
  #style: MarkStyle = 'underline';
  /** Queued changes, in order: true adds, false removes. */
  #queue: [boolean, Paintable][] = [];

  setStyle(style: MarkStyle): void {
    if (style === this.#style) return;
    if (highlightsSupported()) {
      for (const [type, h] of this.#highlights) {
        CSS.highlights.delete(highlightName(this.#style, type));
        CSS.highlights.set(highlightName(style, type), h);
      }
    }
    this.#style = style;
  }

  add(marks: Iterable<Paintable>): void {
    if (!highlightsSupported()) return;
    for (const m of marks) this.#queue.push([true, m]);
  }

  remove(marks: Iterable<Paintable>): void {
    if (!highlightsSupported()) return;
    for (const m of marks) this.#queue.push([false, m]);
  }

  /** Apply the queued changes, all in this task. */
  commit(): void {
    const queue = this.#queue;
    if (!queue.length) return;
    this.#queue = [];
    for (const [add, m] of queue) {
      if (add) this.#highlightFor(m.type).add(m.range);
      else this.#highlights.get(m.type)?.delete(m.range);
    }
  }

  /** Number of ranges painted (committed). */
  get size(): number {
    let n = 0;
    for (const h of this.#highlights.values()) n += h.size;
    return n;
  }

  clear(): void {
    this.#queue = [];
    if (!highlightsSupported()) return;
    for (const type of this.#highlights.keys()) CSS.highlights.delete(highlightName(this.#style, type));
    this.#highlights.clear();
  }

  #highlightFor(type: EntityType): Highlight {
    let h = this.#highlights.get(type);
    if (!h) {
      h = new Highlight();
      this.#highlights.set(type, h);
      CSS.highlights.set(highlightName(this.#style, type), h);
    }
    return h;
  }
}
