/**
 * Paints glossary marks through the overlay (lib/dom/overlay.ts): boxes in a closed shadow root,
 * where the page cannot list them. Changes are queued and reach the overlay together in
 * commit(), one part of a scan at a time; the overlay then draws them on the next frame.
 */
import type { EntityType } from '../model/entity';
import type { MarkStyle } from '../model/settings';
import type { Overlay } from './overlay';

export interface Paintable {
  range: Range;
  type: EntityType;
}

export class MarkPainter {
  readonly #overlay: Overlay;
  readonly #painted = new Map<Range, EntityType>();
  #style: MarkStyle = 'underline';
  /** Queued changes, in order: true adds, false removes. */
  #queue: [boolean, Paintable][] = [];

  constructor(overlay: Overlay) {
    this.#overlay = overlay;
  }

  /** The style of every mark; the overlay's host is added to the page here, before any mark. */
  setStyle(style: MarkStyle): void {
    this.#overlay.mount();
    if (style === this.#style) return;
    this.#style = style;
    for (const [range, type] of this.#painted) this.#overlay.add(range, `${style} ${type}`);
  }

  add(marks: Iterable<Paintable>): void {
    for (const m of marks) this.#queue.push([true, m]);
  }

  remove(marks: Iterable<Paintable>): void {
    for (const m of marks) this.#queue.push([false, m]);
  }

  /** Apply the queued changes, all in this task. */
  commit(): void {
    const queue = this.#queue;
    this.#queue = [];
    for (const [add, m] of queue) {
      if (add) {
        this.#painted.set(m.range, m.type);
        this.#overlay.add(m.range, `${this.#style} ${m.type}`);
      } else if (this.#painted.delete(m.range)) this.#overlay.delete(m.range);
    }
  }

  /** Number of ranges painted (committed). */
  get size(): number {
    return this.#painted.size;
  }

  clear(): void {
    this.#queue = [];
    for (const range of this.#painted.keys()) this.#overlay.delete(range);
    this.#painted.clear();
  }
}
