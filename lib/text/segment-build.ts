/**
 * One compiled segment from prepared aliases: their normalised keys make a trie, numbered in
 * breadth-first order and packed with the aliases' texts, entities and flags into a few strings
 * (the format is described in lib/text/compiled.ts; segment.ts decodes it).
 */
import type { CompiledSegment } from './compiled';
import { PackWriter } from './packed';

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

function compareTerms(a: PreparedTerm, b: PreparedTerm): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.rank - b.rank || a.order - b.order;
}

/** Sort by key (UTF-16 unit order, as the trie wants), then rank, then order. */
function sortTerms(input: readonly PreparedTerm[]): PreparedTerm[] {
  return input.slice().sort(compareTerms);
}

let segmentCounter = 0;
const instancePrefix = `${Date.now().toString(36)}${Math.floor(Math.random() * 2 ** 32).toString(36)}`;
function newSegmentId(): string {
  segmentCounter++;
  return `${instancePrefix}-${segmentCounter.toString(36)}`;
}

/** Sorted, with duplicates dropped: same entity, same key, same flags. */
function uniqueTerms(input: readonly PreparedTerm[]): PreparedTerm[] {
  const terms = sortTerms(input);
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
  return kept;
}

/** Length of the common prefix of two keys. */
function commonPrefix(a: string, b: string): number {
  let lcp = 0;
  const max = Math.min(a.length, b.length);
  while (lcp < max && a.charCodeAt(lcp) === b.charCodeAt(lcp)) lcp++;
  return lcp;
}

/**
 * The trie of the sorted keys, its nodes in creation order (depth-first preorder, as keys are
 * sorted): each node's label, parent and depth, and the range of terms [termFirst, +termCount)
 * that end at it.
 */
function buildTrie(kept: readonly PreparedTerm[]) {
  // Exact node count first: 1 + the sum of the key lengths beyond the common prefix with the
  // previous key.
  let nodeCount = 1;
  let maxLen = 0;
  for (let i = 0; i < kept.length; i++) {
    const key = kept[i]!.key;
    nodeCount += key.length - commonPrefix(key, i > 0 ? kept[i - 1]!.key : '');
    if (key.length > maxLen) maxLen = key.length;
  }
  const label = new Uint16Array(nodeCount);
  const parent = new Int32Array(nodeCount);
  const depth = new Int32Array(nodeCount);
  const termFirst = new Int32Array(nodeCount).fill(-1);
  const termCount = new Int32Array(nodeCount);
  const path = new Int32Array(maxLen + 1);
  let created = 1;
  parent[0] = -1;
  let prevKey = '';
  for (let i = 0; i < kept.length; i++) {
    const key = kept[i]!.key;
    const lcp = commonPrefix(key, prevKey);
    for (let d = lcp; d < key.length; d++) {
      const node = created++;
      label[node] = key.charCodeAt(d);
      parent[node] = path[d]!;
      depth[node] = d + 1;
      path[d + 1] = node;
    }
    const end = path[key.length]!;
    if (termFirst[end]! < 0) termFirst[end] = i;
    termCount[end]!++;
    prevKey = key;
  }
  return { nodeCount, maxLen, label, parent, depth, termFirst, termCount };
}

/**
 * Breadth-first order = creation order stably bucketed by depth: within a depth, nodes are in
 * lexicographic order of their prefixes, so each node's children are contiguous, sorted by
 * label, and in the order of their parents.
 */
function breadthFirst(nodeCount: number, maxLen: number, depth: Int32Array, parent: Int32Array): { order: Int32Array; childCount: Int32Array } {
  const perDepth = new Int32Array(maxLen + 2);
  for (let n = 0; n < nodeCount; n++) perDepth[depth[n]! + 1]!++;
  for (let d = 1; d < perDepth.length; d++) perDepth[d]! += perDepth[d - 1]!;
  const order = new Int32Array(nodeCount);
  for (let n = 0; n < nodeCount; n++) order[perDepth[depth[n]!]!++] = n;
  const childCount = new Int32Array(nodeCount);
  for (let n = 1; n < nodeCount; n++) childCount[parent[n]!]!++;
  return { order, childCount };
}

/** The trie's labels by frequency (most frequent first: smaller indices, shorter packing). */
function alphabetOf(nodeCount: number, label: Uint16Array): { alphabet: number[]; alphaIndex: Int32Array } {
  const freq = new Int32Array(0x10000);
  for (let i = 1; i < nodeCount; i++) freq[label[i]!]!++;
  const alphabet: number[] = [];
  for (let l = 0; l < 0x10000; l++) if (freq[l]! > 0) alphabet.push(l);
  alphabet.sort((a, b) => freq[b]! - freq[a]! || a - b);
  const alphaIndex = new Int32Array(0x10000);
  alphabet.forEach((l, i) => (alphaIndex[l] = i));
  return { alphabet, alphaIndex };
}

/** Build one segment from prepared terms (any order; duplicates are dropped). */
export function buildSegment(input: readonly PreparedTerm[]): CompiledSegment {
  const kept = uniqueTerms(input);
  const { nodeCount, maxLen, label, parent, depth, termFirst, termCount } = buildTrie(kept);
  const { order, childCount } = breadthFirst(nodeCount, maxLen, depth, parent);
  const { alphabet, alphaIndex } = alphabetOf(nodeCount, label);

  const trie = new PackWriter();
  const aliasesInOrder: PreparedTerm[] = [];
  for (let b = 0; b < nodeCount; b++) {
    const node = order[b]!;
    if (b > 0) trie.push(alphaIndex[label[node]!]!);
    const tc = termCount[node]!;
    trie.push(childCount[node]! * 4 + Math.min(tc, 3));
    if (tc >= 3) trie.push(tc - 3);
    for (let t = 0; t < tc; t++) aliasesInOrder.push(kept[termFirst[node]! + t]!);
  }

  // Entities in order of first appearance; texts and meta.
  const entityIndex = new Map<string, number>();
  const entityIds: string[] = [];
  const aliasEntity = new Int32Array(aliasesInOrder.length);
  for (let a = 0; a < aliasesInOrder.length; a++) {
    const id = aliasesInOrder[a]!.entityId;
    let e = entityIndex.get(id);
    if (e === undefined) {
      e = entityIds.length;
      entityIndex.set(id, e);
      entityIds.push(id);
    }
    aliasEntity[a] = e;
  }
  const meta = new PackWriter();
  for (const e of entityIds) meta.push(e.length);
  const texts: string[] = entityIds.slice();
  for (let a = 0; a < aliasesInOrder.length; a++) {
    const t = aliasesInOrder[a]!;
    meta.push(t.text.length);
    meta.push(aliasEntity[a]!);
    meta.push(t.flags);
    texts.push(t.text);
  }
  const alpha = new PackWriter();
  for (const l of alphabet) alpha.push(l);

  return {
    id: newSegmentId(),
    entityCount: entityIds.length,
    aliasCount: aliasesInOrder.length,
    nodeCount,
    text: texts.join(''),
    meta: meta.toString(),
    alphabet: alpha.toString(),
    trie: trie.toString(),
  };
}
