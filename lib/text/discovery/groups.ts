/**
 * The groups of resolution: the sets of forms the join passes made, one per would-be entity, in
 * the order the page first names them. A group's type is decided later (type-groups.ts) and may
 * change once more for surnames (surnames.ts).
 */
import type { Form, FormTable } from './forms';

/** Not an entity (yet): no type decided. */
export const NOT_ENTITY = -1;
/** A surname whose forms went to the one person it names (surnames.ts). */
export const MERGED_INTO_PERSON = -2;
/** A surname several people on the page share: each mention is given to one by the mention scan. */
export const SHARED_SURNAME = -3;

export interface Group {
  /** The table index of the set's root (its smallest index). */
  root: number;
  forms: Form[];
  /** An entity type index (forms.ts: PERSON, ORGANIZATION, EVENT) or one of the states above. */
  type: number;
  confidence: number;
  /** Reading position of the first mention of any of its forms. */
  first: number;
}

/** The sets of the form table, first named first. */
export function groupsOf(forms: FormTable): Group[] {
  const byRoot = new Map<number, Group>();
  for (const f of forms.list) {
    const r = forms.rootOf(f);
    let g = byRoot.get(r);
    if (!g) byRoot.set(r, (g = { root: r, forms: [], type: NOT_ENTITY, confidence: 0, first: Number.MAX_SAFE_INTEGER }));
    g.forms.push(f);
    if (f.first < g.first) g.first = f.first;
  }
  return [...byRoot.values()].sort((a, b) => a.first - b.first || a.root - b.root);
}
