/**
 * Glossary compilation: aliases -> normalised keys -> a trie in breadth-first order, packed
 * into a few strings (lib/text/compiled.ts). Runs in the background; the tabs only decode.
 *
 * Incremental strategy (GlossaryCompiler): a big immutable BASE segment plus a small DELTA
 * segment. Changing an entity (add, edit, remove an alias, delete it) suppresses the entity in
 * the base (the matcher ignores its base aliases) and rebuilds only the delta, which holds the
 * current aliases of every entity changed since the base was built. The normalised key of
 * every alias is cached, so even a full rebuild does not normalise again. The base is rebuilt
 * (and the delta emptied) when the delta grows past max(minDelta, base/rebuildRatio) aliases
 * or a quarter of the base is suppressed. Tabs keep decoded segments by id, so a new revision
 * that only changed the delta costs them the decode of the delta.
 */
import type { GlossaryTerm } from './types';
import {
  COMPILED_FORMAT,
  COMPILED_VERSION,
  FLAG_DIACRITIC_SENSITIVE,
  FLAG_TITLE_OK,
  MODE_ACRONYM,
  MODE_EXACT,
  MODE_FOLD,
  type CompiledGlossary,
  type CompiledSegment,
} from './compiled';
import { isLowerCaseLetter, isUpperCaseLetter, normalizeText } from './normalize';
import { PackWriter } from './packed';

/** Longest alias we compile (characters). Longer ones are ignored: a name, not a document. */
export const MAX_ALIAS_LENGTH = 1000;

/** An alias ready for the trie. */
export interface PreparedTerm {
  entityId: string;
  text: string;
  /** Normalised key (UTF-16 units as a string). */
  key: string;
  flags: number;
  /** Tie-break between aliases with the same key: stricter first, then lower order. */
  rank: number;
  order: number;
}

/** Replace lone surrogates so the text survives a UTF-8 round trip (Chrome messaging). */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Flags of an alias: its case mode and diacritic sensitivity. */
export function aliasFlags(term: Pick<GlossaryTerm, 'text' | 'exactCase' | 'diacriticSensitive'>): number {
  let upper = 0;
  let lower = 0;
  for (const ch of term.text) {
    if (isUpperCaseLetter(ch)) upper++;
    else if (isLowerCaseLetter(ch)) lower++;
  }
  let flags = MODE_FOLD;
  if (term.exactCase) flags = MODE_EXACT;
  else if (upper > 0 && lower === 0) flags = MODE_ACRONYM | (upper >= 3 ? FLAG_TITLE_OK : 0);
  if (term.diacriticSensitive) flags |= FLAG_DIACRITIC_SENSITIVE;
  return flags;
}

function rankOf(flags: number): number {
  const mode = flags & 3;
  const strictness = mode === MODE_EXACT ? 0 : mode === MODE_ACRONYM ? 1 : 2;
  return strictness * 2 + (flags & FLAG_DIACRITIC_SENSITIVE ? 0 : 1);
}

/** Normalise one term. Null when nothing is left to match (empty, only punctuation-free ignorables, too long). */
export function prepareTerm(term: GlossaryTerm, order: number): PreparedTerm | null {
  if (typeof term.text !== 'string' || typeof term.entityId !== 'string') return null;
  const text = wellFormed(term.text.trim());
  if (text.length === 0 || text.length > MAX_ALIAS_LENGTH) return null;
  const key = normalizeText(text);
  if (key.length === 0) return null;
  const flags = aliasFlags({ text, exactCase: term.exactCase, diacriticSensitive: term.diacriticSensitive });
  return { entityId: wellFormed(term.entityId), text, key, flags, rank: rankOf(flags), order };
}

function compareTerms(a: PreparedTerm, b: PreparedTerm): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.rank - b.rank || a.order - b.order;
}

class IntVec {
  a: Int32Array;
  n = 0;
  constructor(cap = 1024) {
    this.a = new Int32Array(cap);
  }
  push(v: number): number {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n] = v;
    return this.n++;
  }
}

let segmentCounter = 0;
const instancePrefix = `${Date.now().toString(36)}${Math.floor(Math.random() * 2 ** 32).toString(36)}`;
function newSegmentId(): string {
  segmentCounter++;
  return `${instancePrefix}-${segmentCounter.toString(36)}`;
}

/** Build one segment from prepared terms (any order; duplicates are dropped). */
export function buildSegment(input: readonly PreparedTerm[]): CompiledSegment {
  const terms = input.slice().sort(compareTerms);
  // Drop duplicates: same entity, same key, same flags.
  const kept: PreparedTerm[] = [];
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    let dup = false;
    for (let j = kept.length - 1; j >= 0 && kept[j]!.key === t.key; j--) {
      if (kept[j]!.entityId === t.entityId && kept[j]!.flags === t.flags) {
        dup = true;
        break;
      }
    }
    if (!dup) kept.push(t);
  }

  // Trie in insertion (depth-first) order, children linked in increasing label order.
  const label = new IntVec(kept.length * 8 + 16);
  const firstChild = new IntVec(kept.length * 8 + 16);
  const lastChild = new IntVec(kept.length * 8 + 16);
  const nextSibling = new IntVec(kept.length * 8 + 16);
  const termFirst = new IntVec(kept.length * 8 + 16);
  const termCount = new IntVec(kept.length * 8 + 16);
  const newNode = (lab: number): number => {
    label.push(lab);
    firstChild.push(-1);
    lastChild.push(-1);
    nextSibling.push(-1);
    termFirst.push(-1);
    return termCount.push(0);
  };
  newNode(0);
  let path: number[] = [0];
  let prevKey = '';
  for (let i = 0; i < kept.length; i++) {
    const key = kept[i]!.key;
    let lcp = 0;
    const max = Math.min(key.length, prevKey.length);
    while (lcp < max && key.charCodeAt(lcp) === prevKey.charCodeAt(lcp)) lcp++;
    path.length = lcp + 1;
    for (let d = lcp; d < key.length; d++) {
      const parent = path[d]!;
      const node = newNode(key.charCodeAt(d));
      if (firstChild.a[parent]! < 0) firstChild.a[parent] = node;
      else nextSibling.a[lastChild.a[parent]!] = node;
      lastChild.a[parent] = node;
      path.push(node);
    }
    const end = path[key.length]!;
    if (termFirst.a[end]! < 0) termFirst.a[end] = i;
    termCount.a[end]!++;
    prevKey = key;
  }
  path = [];
  const nodeCount = label.n;

  // Breadth-first order: children of a node are contiguous and sorted by label.
  const order = new Int32Array(nodeCount);
  let head = 0;
  let tail = 1;
  order[0] = 0;
  const childCount = new Int32Array(nodeCount);
  while (head < tail) {
    const node = order[head++]!;
    let c = 0;
    for (let ch = firstChild.a[node]!; ch >= 0; ch = nextSibling.a[ch]!) {
      order[tail++] = ch;
      c++;
    }
    childCount[node] = c;
  }

  // Alphabet: labels by frequency.
  const freq = new Map<number, number>();
  for (let i = 1; i < nodeCount; i++) {
    const l = label.a[i]!;
    freq.set(l, (freq.get(l) ?? 0) + 1);
  }
  const alphabet = [...freq.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map((e) => e[0]);
  const alphaIndex = new Map<number, number>();
  alphabet.forEach((l, i) => alphaIndex.set(l, i));

  const trie = new PackWriter();
  const aliasesInOrder: PreparedTerm[] = [];
  for (let b = 0; b < nodeCount; b++) {
    const node = order[b]!;
    if (b > 0) trie.push(alphaIndex.get(label.a[node]!)!);
    const tc = termCount.a[node]!;
    trie.push(childCount[node]! * 4 + Math.min(tc, 3));
    if (tc >= 3) trie.push(tc - 3);
    for (let t = 0; t < tc; t++) aliasesInOrder.push(kept[termFirst.a[node]! + t]!);
  }

  // Entities in order of first appearance; texts and meta.
  const entityIndex = new Map<string, number>();
  const entityIds: string[] = [];
  for (const t of aliasesInOrder) {
    if (!entityIndex.has(t.entityId)) {
      entityIndex.set(t.entityId, entityIds.length);
      entityIds.push(t.entityId);
    }
  }
  const meta = new PackWriter();
  for (const e of entityIds) meta.push(e.length);
  for (const t of aliasesInOrder) {
    meta.push(t.text.length);
    meta.push(entityIndex.get(t.entityId)!);
    meta.push(t.flags);
  }
  const alpha = new PackWriter();
  for (const l of alphabet) alpha.push(l);

  return {
    id: newSegmentId(),
    entityCount: entityIds.length,
    aliasCount: aliasesInOrder.length,
    nodeCount,
    text: entityIds.join('') + aliasesInOrder.map((t) => t.text).join(''),
    meta: meta.toString(),
    alphabet: alpha.toString(),
    trie: trie.toString(),
  };
}

function glossaryOf(segments: CompiledSegment[], suppressed: string[]): CompiledGlossary {
  return { format: COMPILED_FORMAT, version: COMPILED_VERSION, segments, suppressed };
}

/** Compile a whole glossary into one segment. Terms earlier in the list win exact ties. */
export function compileGlossary(terms: readonly GlossaryTerm[]): CompiledGlossary {
  const prepared: PreparedTerm[] = [];
  for (let i = 0; i < terms.length; i++) {
    const p = prepareTerm(terms[i]!, i);
    if (p) prepared.push(p);
  }
  return glossaryOf([buildSegment(prepared)], []);
}

export interface GlossaryCompilerOptions {
  /** The delta may hold at least this many aliases before the base is rebuilt. Default 2,000. */
  minDelta?: number;
  /** ... or base aliases / rebuildRatio, whichever is larger. Default 10. */
  rebuildRatio?: number;
}

type TermOptions = Omit<GlossaryTerm, 'entityId'>;

/**
 * Incremental compiler: keeps every entity's prepared aliases, a base segment and a delta.
 * `compile()` returns the current glossary, rebuilding as little as it can (see the file header).
 */
export class GlossaryCompiler {
  private readonly entities = new Map<string, PreparedTerm[]>();
  private seq = 0;
  private base: { segment: CompiledSegment; entities: Set<string>; aliasCount: number } | null = null;
  /** Entities changed since the base was built. */
  private readonly changed = new Set<string>();
  private delta: CompiledSegment | null = null;
  private deltaStale = true;
  private readonly minDelta: number;
  private readonly rebuildRatio: number;
  /** What the last compile() did, for tests and logs. */
  lastCompile: 'full' | 'delta' | 'cached' = 'full';

  constructor(terms: readonly GlossaryTerm[] = [], options: GlossaryCompilerOptions = {}) {
    this.minDelta = options.minDelta ?? 2000;
    this.rebuildRatio = options.rebuildRatio ?? 10;
    this.addTerms(terms);
  }

  private touch(entityId: string): void {
    this.changed.add(entityId);
    this.deltaStale = true;
  }

  /** Replace all the aliases of one entity (an empty list removes it). */
  setEntity(entityId: string, terms: readonly TermOptions[]): void {
    const prepared: PreparedTerm[] = [];
    for (const t of terms) {
      const p = prepareTerm({ ...t, entityId }, this.seq++);
      if (p) prepared.push(p);
    }
    if (prepared.length) this.entities.set(entityId, prepared);
    else this.entities.delete(entityId);
    this.touch(entityId);
  }

  removeEntity(entityId: string): void {
    if (!this.entities.has(entityId) && !this.base?.entities.has(entityId)) return;
    this.entities.delete(entityId);
    this.touch(entityId);
  }

  /** Add aliases (each to its entity's list). */
  addTerms(terms: readonly GlossaryTerm[]): void {
    for (const t of terms) {
      const p = prepareTerm(t, this.seq++);
      if (!p) continue;
      let list = this.entities.get(p.entityId);
      if (!list) this.entities.set(p.entityId, (list = []));
      list.push(p);
      this.touch(p.entityId);
    }
  }

  /** Remove aliases (same entity and same text). */
  removeTerms(terms: readonly Pick<GlossaryTerm, 'entityId' | 'text'>[]): void {
    for (const t of terms) {
      const list = this.entities.get(t.entityId);
      if (!list) continue;
      const text = t.text.trim();
      const left = list.filter((p) => p.text !== text);
      if (left.length === list.length) continue;
      if (left.length) this.entities.set(t.entityId, left);
      else this.entities.delete(t.entityId);
      this.touch(t.entityId);
    }
  }

  get entityCount(): number {
    return this.entities.size;
  }

  private deltaTerms(): PreparedTerm[] {
    const out: PreparedTerm[] = [];
    for (const id of this.changed) {
      const list = this.entities.get(id);
      if (list) out.push(...list);
    }
    return out;
  }

  /** Rebuild the base from every alias (the delta becomes empty). */
  rebuild(): CompiledGlossary {
    const all: PreparedTerm[] = [];
    for (const list of this.entities.values()) all.push(...list);
    const segment = buildSegment(all);
    this.base = { segment, entities: new Set(this.entities.keys()), aliasCount: segment.aliasCount };
    this.changed.clear();
    this.delta = null;
    this.deltaStale = false;
    this.lastCompile = 'full';
    return glossaryOf([segment], []);
  }

  compile(): CompiledGlossary {
    const base = this.base;
    if (!base) return this.rebuild();
    if (this.changed.size === 0) {
      this.lastCompile = 'cached';
      return glossaryOf([base.segment], []);
    }
    const suppressed = [...this.changed].filter((id) => base.entities.has(id));
    let suppressedAliases = 0;
    // Counting base aliases of suppressed entities needs their old lists: approximate with
    // the entity count share (cheap, and only decides when to rebuild).
    suppressedAliases = Math.round((suppressed.length / Math.max(1, base.entities.size)) * base.aliasCount);
    const terms = this.deltaStale ? this.deltaTerms() : null;
    const deltaSize = terms ? terms.length : (this.delta?.aliasCount ?? 0);
    if (
      deltaSize > Math.max(this.minDelta, base.aliasCount / this.rebuildRatio) ||
      suppressedAliases > Math.max(this.minDelta, base.aliasCount / 4)
    ) {
      return this.rebuild();
    }
    if (terms) {
      this.delta = buildSegment(terms);
      this.deltaStale = false;
      this.lastCompile = 'delta';
    } else {
      this.lastCompile = 'cached';
    }
    return glossaryOf([base.segment, this.delta!], suppressed);
  }
}
