/**
 * A compiled segment (lib/text/compiled.ts) decoded into the typed arrays the matcher walks, with
 * every count, index and length checked as it is read: a malformed or hostile segment ends in a
 * thrown Error ("compiled glossary: …"), never in a crash, a loop or an absurd allocation.
 * Decoded segments are kept by id: a new revision that only changed the delta decodes the delta.
 * The compiled glossary is made and decoded in the background, and the background also decodes
 * the image of it that it stored itself (lib/background/glossary-image.ts, checksummed).
 */
import { MAX_FLAGS, type CompiledSegment } from './compiled';
import { firstWordFilter } from './first-words';
import { PackReader } from './packed';

/** A decoded segment. Immutable; shared between matchers built from the same segment id. */
export interface Segment {
  id: string;
  fingerprint: string;
  nodeCount: number;
  /** Label of node i (a normalised UTF-16 unit). */
  labels: Uint16Array;
  /** Children of node i: [first[i], first[i + 1]), sorted by label. */
  first: Int32Array;
  /** Aliases of node i: [outStart[i], outStart[i + 1]), best first. */
  outStart: Int32Array;
  /** The node of alias a (the inverse of outStart). */
  aliasNode: Int32Array;
  /** Child of the root by unit (0: none). */
  root: Int32Array;
  /**
   * The walk's view of node n, two adjacent Int32 (one cache line): rec[2n] is the first
   * child's index, with bit 31 set when n ends an alias; rec[2n + 1] is, for a node with
   * DENSE_MIN_CHILDREN children or more, the offset of its dense table in `denseTable`
   * (denseTable[offset + unit - 32] = child - first + 1, 0 for none, printable ASCII units),
   * otherwise -(number of children) - 1.
   */
  rec: Int32Array;
  denseTable: Uint8Array;
  /** Bitmap of the hashes of the aliases' first words (see firstWordFilter). */
  firstWords: Uint32Array;
  entities: string[];
  text: string;
  /** Alias a is text.slice(aliasOffset[a], aliasOffset[a + 1]). */
  aliasOffset: Int32Array;
  aliasEntity: Int32Array;
  aliasFlags: Uint8Array;
  aliasTexts: (string | undefined)[];
}

export function fail(msg: string): never {
  throw new Error(`compiled glossary: ${msg}`);
}

function fingerprintOf(s: CompiledSegment): string {
  return [s.entityCount, s.aliasCount, s.nodeCount, s.text.length, s.meta.length, s.alphabet.length, s.trie.length].join(',');
}

/** Counts within bounds, strings long enough for them: checked before anything is allocated. */
function checkCounts(s: CompiledSegment): void {
  const { nodeCount, aliasCount, entityCount } = s;
  for (const [name, v] of [
    ['nodeCount', nodeCount],
    ['aliasCount', aliasCount],
    ['entityCount', entityCount],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 4_000_000) fail(`bad ${name} ${String(v)}`);
  }
  if (nodeCount < 1) fail('a trie needs a root');
  if (typeof s.text !== 'string' || typeof s.meta !== 'string' || typeof s.alphabet !== 'string' || typeof s.trie !== 'string') {
    fail('segment fields must be strings');
  }
  // A trie node takes at least 2 characters, an alias 3 meta characters: reject impossible
  // counts before allocating anything.
  if (s.trie.length < nodeCount * 2 - 1) fail(`trie too short for ${nodeCount} nodes`);
  if (s.meta.length < aliasCount * 3 + entityCount) fail(`meta too short for ${aliasCount} aliases`);
}

/** The distinct trie labels, most frequent first. */
function decodeAlphabet(s: CompiledSegment): number[] {
  const alphaReader = new PackReader(s.alphabet, 'alphabet');
  const alphabet: number[] = [];
  while (!alphaReader.done) {
    if (alphabet.length >= 0x10000) fail('alphabet too long');
    alphabet.push(alphaReader.next(0xffff));
  }
  return alphabet;
}

/** The trie in breadth-first order: each node's label, its children's range, its aliases' range. */
function decodeTrie(s: CompiledSegment, alphabet: readonly number[]): { labels: Uint16Array; first: Int32Array; outStart: Int32Array } {
  const { nodeCount, aliasCount } = s;
  const labels = new Uint16Array(nodeCount);
  const first = new Int32Array(nodeCount + 1);
  const outStart = new Int32Array(nodeCount + 1);
  const r = new PackReader(s.trie, 'trie');
  let nextChild = 1;
  let nextAlias = 0;
  const maxAlpha = alphabet.length - 1;
  for (let i = 0; i < nodeCount; i++) {
    if (i > 0) {
      if (maxAlpha < 0) fail('empty alphabet');
      labels[i] = alphabet[r.next(maxAlpha)]!;
    }
    const v = r.next();
    const children = v >>> 2;
    let outs = v & 3;
    if (outs === 3) outs += r.next(aliasCount);
    first[i] = nextChild;
    outStart[i] = nextAlias;
    if (children > 0 && nextChild <= i) fail(`node ${i} is not a tree node`);
    nextChild += children;
    nextAlias += outs;
    if (nextChild > nodeCount) fail(`node ${i} has children beyond the ${nodeCount} nodes`);
    if (nextAlias > aliasCount) fail(`node ${i} has aliases beyond the ${aliasCount} aliases`);
  }
  r.end();
  first[nodeCount] = nextChild;
  outStart[nodeCount] = nextAlias;
  if (nextChild !== nodeCount) fail(`trie links ${nextChild} of ${nodeCount} nodes`);
  if (nextAlias !== aliasCount) fail(`trie holds ${nextAlias} of ${aliasCount} aliases`);
  for (let p = 0; p < nodeCount; p++) {
    for (let k = first[p]! + 1; k < first[p + 1]!; k++) {
      if (labels[k]! <= labels[k - 1]!) fail(`children of node ${p} are not sorted`);
    }
  }
  return { labels, first, outStart };
}

/** The walk's tables: the root's children by unit, each node's record, the dense child tables. */
function walkTables(nodeCount: number, labels: Uint16Array, first: Int32Array, outStart: Int32Array): { root: Int32Array; rec: Int32Array; denseTable: Uint8Array } {
  const root = new Int32Array(0x10000);
  for (let k = first[0]!; k < first[1]!; k++) root[labels[k]!] = k;
  const rec = new Int32Array(nodeCount * 2);
  let denseCount = 0;
  for (let p = 0; p < nodeCount; p++) {
    const count = first[p + 1]! - first[p]!;
    rec[2 * p] = first[p]! | (outStart[p + 1]! > outStart[p]! ? TERMINAL_BIT : 0);
    rec[2 * p + 1] = count >= DENSE_MIN_CHILDREN && count <= 255 && denseCount < DENSE_MAX_NODES ? denseCount++ * DENSE_WIDTH : -count - 1;
  }
  const denseTable = new Uint8Array(denseCount * DENSE_WIDTH);
  for (let p = 0; p < nodeCount; p++) {
    const d = rec[2 * p + 1]!;
    if (d < 0) continue;
    for (let k = first[p]!; k < first[p + 1]!; k++) {
      const l = labels[k]! - 32;
      if (l >= 0 && l < DENSE_WIDTH) denseTable[d + l] = k - first[p]! + 1;
    }
  }
  return { root, rec, denseTable };
}

/** The entity ids, and every alias's text range, entity and flags. */
function decodeAliases(s: CompiledSegment): { entities: string[]; aliasOffset: Int32Array; aliasEntity: Int32Array; aliasFlags: Uint8Array } {
  const { aliasCount, entityCount } = s;
  const m = new PackReader(s.meta, 'meta');
  const entities: string[] = [];
  let off = 0;
  const textLen = s.text.length;
  for (let e = 0; e < entityCount; e++) {
    const len = m.next(textLen - off);
    entities.push(s.text.slice(off, off + len));
    off += len;
  }
  const aliasOffset = new Int32Array(aliasCount + 1);
  const aliasEntity = new Int32Array(aliasCount);
  const aliasFlags = new Uint8Array(aliasCount);
  const maxEntity = entityCount - 1;
  for (let a = 0; a < aliasCount; a++) {
    aliasOffset[a] = off;
    off += m.next(textLen - off);
    if (maxEntity < 0) fail('aliases without entities');
    aliasEntity[a] = m.next(maxEntity);
    aliasFlags[a] = m.next(MAX_FLAGS);
  }
  aliasOffset[aliasCount] = off;
  m.end();
  if (off !== textLen) fail(`text has ${textLen - off} characters no entity or alias uses`);
  return { entities, aliasOffset, aliasEntity, aliasFlags };
}

function decodeSegment(s: CompiledSegment): Segment {
  checkCounts(s);
  const { nodeCount, aliasCount } = s;
  const { labels, first, outStart } = decodeTrie(s, decodeAlphabet(s));
  const { root, rec, denseTable } = walkTables(nodeCount, labels, first, outStart);
  const { entities, aliasOffset, aliasEntity, aliasFlags } = decodeAliases(s);
  const aliasNode = new Int32Array(aliasCount);
  for (let p = 0; p < nodeCount; p++) for (let a = outStart[p]!; a < outStart[p + 1]!; a++) aliasNode[a] = p;

  return {
    aliasNode,
    firstWords: firstWordFilter(labels, first, outStart),
    id: s.id,
    fingerprint: fingerprintOf(s),
    nodeCount,
    labels,
    first,
    outStart,
    root,
    rec,
    denseTable,
    entities,
    text: s.text,
    aliasOffset,
    aliasEntity,
    aliasFlags,
    aliasTexts: new Array<string | undefined>(aliasCount),
  };
}

/** Decoded segments by id: a matcher for a new revision reuses the unchanged base. */
const segmentCache = new Map<string, Segment>();
const SEGMENT_CACHE_SIZE = 4;

/** Forget decoded segments (memory measurements, tests). */
export function clearSegmentCache(): void {
  segmentCache.clear();
}

export function loadSegment(s: CompiledSegment): Segment {
  const cached = segmentCache.get(s.id);
  if (cached && cached.fingerprint === fingerprintOf(s)) {
    segmentCache.delete(s.id);
    segmentCache.set(s.id, cached);
    return cached;
  }
  const seg = decodeSegment(s);
  segmentCache.set(s.id, seg);
  while (segmentCache.size > SEGMENT_CACHE_SIZE) segmentCache.delete(segmentCache.keys().next().value!);
  return seg;
}

/** Nodes with at least this many children get a dense table for printable ASCII (96 bytes each). */
const DENSE_MIN_CHILDREN = 3;
const DENSE_WIDTH = 96;
/** At most this many dense tables per segment (6 MB). */
const DENSE_MAX_NODES = 65_536;
const TERMINAL_BIT = -0x80000000;

/** Child of `node` labelled `u`, or -1: dense table, else sorted children (linear scan when few, else binary). */
export function childOf(seg: Segment, node: number, u: number): number {
  const first = seg.rec[2 * node]! & 0x7fffffff;
  const d = seg.rec[2 * node + 1]!;
  if (d >= 0) {
    const l = u - 32;
    if (l >= 0 && l < DENSE_WIDTH) {
      const c = seg.denseTable[d + l]!;
      return c === 0 ? -1 : first + c - 1;
    }
  }
  return searchChildren(seg.labels, first, d >= 0 ? seg.first[node + 1]! : first - d - 1, u);
}

/** The node a normalised key ends at, or -1. */
export function nodeOfKey(seg: Segment, key: string): number {
  let node = 0;
  for (let i = 0; i < key.length && node >= 0; i++) node = childOf(seg, node, key.charCodeAt(i));
  return node;
}

/** Index of the label u in the sorted labels[lo, hi), or -1. */
function searchChildren(labels: Uint16Array, lo: number, hi: number, u: number): number {
  if (hi - lo <= 8) {
    for (; lo < hi; lo++) {
      const l = labels[lo]!;
      if (l === u) return lo;
      if (l > u) return -1;
    }
    return -1;
  }
  hi--;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const l = labels[mid]!;
    if (l === u) return mid;
    if (l < u) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
