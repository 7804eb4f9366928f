/**
 * Which of the page's text is its article, as the background found it (lib/article/detect.ts):
 * zones — elements of the page, each "article" or "furniture" — and whether the page is an
 * article at all. Text belongs to the nearest zone around it, so text the page adds later (a
 * live blog's new entry, comments loading) is placed by containment, without asking again.
 * Until an answer arrives, or when none can be had, every text counts as article (what the
 * extension did before it could tell).
 */
import type { LayoutRecorder } from '../../dom/collect-text';

export class ArticleZones {
  #zones: WeakMap<Element, boolean> | null = null;
  /**
   * The layout the answer was given in (weakly: it holds every element of the page and its
   * rows, which must not live as long as the page), and the zone of each element of it (1: article).
   */
  #layout: WeakRef<LayoutRecorder> | null = null;
  #byOwner: Uint8Array | null = null;
  /** The zone of text read directly under the scan's root (the body). */
  #rootArticle = false;
  /** The page is an article: its article's mentions go to the reading index. */
  page = true;
  /** Resolves once the answer is applied, or none will come (marks wait for it). */
  readonly known: Promise<void>;
  #release: () => void = () => {};

  /** `pending`: an answer is awaited (a full scan's); otherwise known at once. */
  constructor(pending = false) {
    this.known = pending ? new Promise<void>((r) => (this.#release = r)) : Promise.resolve();
  }

  /** No answer is awaited any more (applied, failed, or the scan was cancelled). */
  settle(): void {
    this.#release();
  }

  /** Take the background's answer; `layout` maps its element numbers to the page's elements. */
  apply(answer: { article: boolean; zones: number[] } | null | undefined, layout: LayoutRecorder, body: Element): void {
    if (!answer) return;
    this.page = answer.article;
    const zones = new WeakMap<Element, boolean>();
    for (const z of answer.zones) {
      // lib/article/layout.ts encodeZone: 2 × (element + 1) + (article ? 1 : 0); element -1 is the body.
      const el = z < 2 ? body : layout.els[(z >> 1) - 1];
      if (el) zones.set(el, (z & 1) === 1);
    }
    this.#zones = zones;
    this.#rootArticle = zones.get(body) ?? false;
    this.#byOwner = ownerTable(answer.zones, layout, this.#rootArticle);
    this.#layout = new WeakRef(layout);
  }

  /** An answer was applied (otherwise every text counts as article). */
  get answered(): boolean {
    return this.#zones !== null;
  }

  /**
   * Whether text in `node` is the article's (on a page that is not an article: not furniture).
   * Asked for every text piece of a part and every mark, so the answer for each element on the
   * way up is kept until the current task ends: siblings and cousins stop at the first element
   * already answered instead of walking to their zone again (measured: most of this check's cost
   * on long pages). Kept no longer than the task, so a later change to the page is seen.
   */
  holds(node: Node): boolean {
    const zones = this.#zones;
    if (!zones) return true;
    const memo = this.#taskMemo();
    let answer = false;
    let el = node.parentElement;
    for (; el; el = el.parentElement) {
      const known = memo.get(el) ?? zones.get(el);
      if (known !== undefined) {
        answer = known;
        break;
      }
    }
    for (let up = node.parentElement; up && up !== el; up = up.parentElement) memo.set(up, answer);
    return answer;
  }

  /**
   * holds() for a text the scan read with `layout` (`owner`: its element's number there): when
   * that is the layout the answer came in, one lookup in a table built once per answer, no walk
   * up the DOM. Same answer as holds(): the layout records each element's parent as the walk
   * met it, and the walk started at the body. Other texts (a rescan's, read without a layout)
   * are placed by holds().
   */
  holdsPiece(piece: { node: Node; owner: number }, layout: LayoutRecorder | undefined): boolean {
    if (!this.#zones) return true;
    const table = this.#byOwner;
    if (!table || !layout || layout !== this.#layout?.deref()) return this.holds(piece.node);
    return piece.owner < 0 ? this.#rootArticle : table[piece.owner] === 1;
  }

  #memo: Map<Element, boolean> | null = null;

  #taskMemo(): Map<Element, boolean> {
    if (!this.#memo) {
      this.#memo = new Map();
      setTimeout(() => (this.#memo = null), 0);
    }
    return this.#memo;
  }
}

/**
 * Every element of `layout` -> 1 when text in it is the article's: its own zone, else its
 * parent's (rows are in document order, a parent before its children: one pass).
 */
function ownerTable(zones: readonly number[], layout: LayoutRecorder, rootArticle: boolean): Uint8Array {
  const n = layout.els.length;
  // 0 furniture, 1 article, 2 no zone of its own.
  const own = new Uint8Array(n).fill(2);
  for (const z of zones) {
    const i = (z >> 1) - 1;
    if (i >= 0 && i < n) own[i] = z & 1;
  }
  const table = new Uint8Array(n);
  const rows = layout.rows;
  for (let i = 0; i < n; i++) {
    if (own[i] !== 2) table[i] = own[i]!;
    else {
      const parent = rows[4 * i + 1] as number;
      table[i] = parent < 0 ? (rootArticle ? 1 : 0) : table[parent]!;
    }
  }
  return table;
}
