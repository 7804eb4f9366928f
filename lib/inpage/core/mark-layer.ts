/**
 * The page's glossary marks: every mention found (the store), those drawn (the painter and the
 * hit-test index), the limits past which mentions are only counted, which text CSS shows, and
 * the order keyboard steps follow. The scan feeds it; the card controller asks it what is under
 * the pointer; the reading index asks it what the article mentions.
 */
import type { MarkDensity, MarkStyle } from '../../model/settings';
import type { PageMention } from '../../model/article';
import { MarkStore, compareMarks, type Mark } from '../../dom/mark-store';
import { MarkPainter } from '../../dom/mark-painter';
import { Overlay } from '../../dom/overlay';
import { MarkIndex } from '../../dom/hit-test';
import { isVisibleElement } from '../../dom/collect-text';
import type { PendingChanges } from '../../dom/change-watcher';

/**
 * At most this many mentions are drawn on one page, and in one text node; past that they are
 * only counted. Each drawn mark is a live range the browser updates on every change of the page
 * (and, within one text node, at a cost growing faster than linearly). An article
 * has tens or hundreds (the longest corpus page, 1,220 with 10,000 aliases); only a page that is
 * not an article (a log, a 100,000-line list, a book in one node) reaches these.
 */
export const MAX_MARKS = 2_000;
export const MAX_MARKS_PER_NODE = 200;

export type StepTarget = (marks: readonly Mark[], current: number, direction: 'next' | 'previous') => number;

export class MarkLayer {
  readonly #store = new MarkStore();
  readonly #painter: MarkPainter;
  readonly #index = new MarkIndex<Mark>();
  readonly #painted = new Set<Mark>();
  /** Mentions found past the limits: counted, not drawn. */
  #overflow = new Map<string, number>();
  /** Marks drawn in each text node (since the last clear). */
  #perNode = new WeakMap<Text, number>();
  /** Which elements CSS shows, for this scan (rescans start afresh: a class may have changed). */
  #visibility = new WeakMap<Element, boolean>();
  #stepIndex = -1;
  #density: MarkDensity = 'all';
  #furniture = false;
  readonly #limits;

  constructor(limits = { marks: MAX_MARKS, perNode: MAX_MARKS_PER_NODE }, overlay = new Overlay(document)) {
    this.#painter = new MarkPainter(overlay);
    this.#limits = limits;
  }

  setStyle(style: MarkStyle): void {
    this.#painter.setStyle(style);
  }

  /** Which marks are drawn: the density, and whether the page's furniture is marked too. */
  setRules(density: MarkDensity, furniture: boolean): void {
    this.#density = density;
    this.#furniture = furniture;
  }

  /**
   * Whether a mention starting in `node` may become a mark, `pending` marks not yet added
   * counted; past the limits it is only counted (in the article) and false is returned.
   */
  admit(node: Text, entityId: string, article: boolean, pending: number): boolean {
    const inNode = this.#perNode.get(node) ?? 0;
    if (this.#store.size + pending >= this.#limits.marks || inNode >= this.#limits.perNode) {
      if (article) this.#overflow.set(entityId, (this.#overflow.get(entityId) ?? 0) + 1);
      return false;
    }
    this.#perNode.set(node, inNode + 1);
    return true;
  }

  /** Whether CSS shows a text node (asked only of nodes holding a mention; cached per element). */
  shows(node: Text): boolean {
    const el = node.parentElement;
    if (!el) return false;
    let v = this.#visibility.get(el);
    if (v === undefined) this.#visibility.set(el, (v = isVisibleElement(el)));
    return v;
  }

  /** Forget which elements CSS shows (before a rescan). */
  resetVisibility(): void {
    this.#visibility = new WeakMap();
  }

  add(marks: Mark[]): void {
    if (!marks.length) return;
    this.#store.add(marks);
    if (this.#density === 'all') this.#paint(marks.filter(this.#drawn), []);
    else this.redraw();
  }

  /** Drop the marks the page's changes touched (their blocks are rescanned); returns them. */
  removeChanged(changes: PendingChanges): Mark[] {
    const removed = changes.removals ? this.#store.removeDisconnected() : [];
    for (const root of changes.roots ?? []) removed.push(...this.#store.removeWithin(root));
    for (const m of removed) {
      const n = this.#perNode.get(m.startNode);
      if (n) this.#perNode.set(m.startNode, n - 1);
    }
    if (removed.length) {
      if (this.#density === 'all') this.#paint([], removed);
      else this.redraw();
    }
    return removed;
  }

  /** Bring the drawn set in line with the store under the current rules (queued: see commit). */
  redraw(): void {
    const visible = new Set(this.#store.visible(this.#density, this.#drawn));
    const removed = [...this.#painted].filter((m) => !visible.has(m));
    const added = [...visible].filter((m) => !this.#painted.has(m));
    this.#paint(added, removed);
  }

  /** The queued changes reach the overlay together: drawn on the next frame (lib/dom/overlay.ts). */
  commit(): void {
    this.#painter.commit();
  }

  clear(): void {
    this.#visibility = new WeakMap();
    this.#overflow = new Map();
    this.#perNode = new WeakMap();
    this.#painter.clear();
    this.#index.clear();
    this.#painted.clear();
    this.#store.clear();
    this.#stepIndex = -1;
  }

  /** Every mark found (drawn or not). */
  all(): IterableIterator<Mark> {
    return this.#store.all();
  }

  /** The marks drawn now, in no particular order. */
  drawnMarks(): Mark[] {
    return [...this.#painted];
  }

  get hasDrawn(): boolean {
    return this.#painted.size > 0;
  }

  /** Ranges painted (committed). */
  get paintedCount(): number {
    return this.#painter.size;
  }

  /** The drawn mark under (x, y). */
  at(doc: Document, x: number, y: number): Mark | null {
    return this.#index.at(doc, x, y);
  }

  /**
   * Keyboard: the drawn mark a step lands on, from the one shown (or the last step). `target`
   * is the rule (lib/inpage/ui/ui.ts stepTarget, loaded with the card).
   */
  step(shown: Mark | null, direction: 'next' | 'previous', target: StepTarget): Mark | null {
    const marks = [...this.#painted].sort(compareMarks);
    if (!marks.length) return null;
    this.#stepIndex = target(marks, shown ? marks.indexOf(shown) : this.#stepIndex, direction);
    return marks[this.#stepIndex]!;
  }

  /** Entity id -> mentions in the article (drawn, and counted past the limits). */
  counts(): Map<string, number> {
    const counts = this.#store.counts();
    for (const [id, n] of this.#overflow) counts.set(id, (counts.get(id) ?? 0) + n);
    return counts;
  }

  /** Mentions in the article with a snippet around the first one, for the reading index. */
  pageMentions(): PageMention[] {
    const snippets = this.#store.snippets();
    return [...this.counts()].map(([entityId, count]) => ({ entityId, count, snippet: snippets.get(entityId) ?? '' }));
  }

  /**
   * For suggestions: whether a range is left undrawn, because a glossary mark is there or CSS
   * hides its text. Built once per run (the marks by node).
   */
  suggestionSkip(): (r: Range) => boolean {
    const byNode = new Map<Node, Mark[]>();
    for (const m of this.#store.all()) {
      for (const n of [m.startNode, m.endNode]) {
        let list = byNode.get(n);
        if (!list) byNode.set(n, (list = []));
        list.push(m);
      }
    }
    return (r) =>
      !this.shows(r.startContainer as Text) ||
      [...(byNode.get(r.startContainer) ?? []), ...(byNode.get(r.endContainer) ?? [])].some(
        (m) => r.compareBoundaryPoints(Range.START_TO_END, m.range) > 0 && r.compareBoundaryPoints(Range.END_TO_START, m.range) < 0,
      );
  }

  /** Drawn: mentions in the article, and in the page's furniture when the reader asked for them. */
  #drawn = (m: Mark): boolean => m.article || this.#furniture;

  #paint(added: Mark[], removed: Mark[]) {
    if (removed.length) {
      this.#painter.remove(removed);
      this.#index.remove(removed);
      for (const m of removed) this.#painted.delete(m);
    }
    if (added.length) {
      this.#painter.add(added);
      this.#index.add(added);
      for (const m of added) this.#painted.add(m);
    }
  }
}
