/**
 * Every mention found on the page, grouped by the block element around it (the unit that is
 * rescanned when the page changes), and the rules deciding which of them are drawn.
 */
import type { EntityType } from '../model/entity';
import type { MarkDensity } from '../model/settings';

/** One mention drawn on the page. */
export interface Mark {
  entityId: string;
  type: EntityType;
  range: Range;
  /** Block element around the mark's first text node: the unit of density and rescans. */
  block: Element | null;
  startNode: Text;
  endNode: Text;
  /** The sentence around it; set on the first mark of each entity in a part of the text. */
  snippet?: string;
  /** A word-like alias ("May"): why it was matched [alias, the full name seen, 'above' | 'below' | '']. */
  why?: [string, string, string];
  /** In the page's article (not in its menus, sidebars or comments: lib/inpage/core/article-zones.ts). */
  article: boolean;
}

/** Sort by position in the document. */
export function compareMarks(a: Mark, b: Mark): number {
  if (a === b) return 0;
  return a.range.compareBoundaryPoints(Range.START_TO_START, b.range);
}

export class MarkStore {
  readonly #byBlock = new Map<Element | null, Mark[]>();
  #count = 0;

  add(marks: readonly Mark[]): void {
    for (const m of marks) {
      let list = this.#byBlock.get(m.block);
      if (!list) this.#byBlock.set(m.block, (list = []));
      list.push(m);
      this.#count++;
    }
  }

  /** Remove the marks whose block is `root` or inside it; returns them. */
  removeWithin(root: Node): Mark[] {
    const removed: Mark[] = [];
    for (const [block, list] of this.#byBlock) {
      if (block === null ? root.contains(list[0]?.startNode ?? null) : root === block || root.contains(block)) {
        removed.push(...list);
        this.#byBlock.delete(block);
      }
    }
    this.#count -= removed.length;
    return removed;
  }

  /** Remove marks whose text left the document (removed nodes, re-rendered subtrees). */
  removeDisconnected(): Mark[] {
    const removed: Mark[] = [];
    for (const [block, list] of this.#byBlock) {
      const keep = list.filter((m) => m.startNode.isConnected && m.endNode.isConnected && !m.range.collapsed);
      if (keep.length === list.length) continue;
      for (const m of list) if (!keep.includes(m)) removed.push(m);
      if (keep.length) this.#byBlock.set(block, keep);
      else this.#byBlock.delete(block);
    }
    this.#count -= removed.length;
    return removed;
  }

  clear(): void {
    this.#byBlock.clear();
    this.#count = 0;
  }

  get size(): number {
    return this.#count;
  }

  *all(): IterableIterator<Mark> {
    for (const list of this.#byBlock.values()) yield* list;
  }

  /** Entity id -> mentions in the article. */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.all()) if (m.article) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
    return counts;
  }

  /** Entity id -> the snippet of its first mention in the article, in document order. */
  snippets(): Map<string, string> {
    const first = new Map<string, Mark>();
    for (const m of this.all()) {
      if (m.snippet === undefined || !m.article) continue;
      const f = first.get(m.entityId);
      if (!f || compareMarks(m, f) < 0) first.set(m.entityId, m);
    }
    return new Map([...first].map(([id, m]) => [id, m.snippet!]));
  }

  /** The marks to draw under a density setting, of those `shown` allows. */
  visible(density: MarkDensity, shown: (m: Mark) => boolean): Mark[] {
    if (density === 'all') return [...this.all()].filter(shown);
    if (density === 'first-per-paragraph') {
      const out: Mark[] = [];
      for (const list of this.#byBlock.values()) {
        const seen = new Set<string>();
        for (const m of [...list].sort(compareMarks)) {
          if (seen.has(m.entityId) || !shown(m)) continue;
          seen.add(m.entityId);
          out.push(m);
        }
      }
      return out;
    }
    const first = new Map<string, Mark>();
    for (const m of this.all()) {
      if (!shown(m)) continue;
      const f = first.get(m.entityId);
      if (!f || compareMarks(m, f) < 0) first.set(m.entityId, m);
    }
    return [...first.values()];
  }
}
