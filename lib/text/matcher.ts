/**
 * The matcher: decodes a compiled glossary (lib/text/compiled.ts) and finds mentions in page
 * text given as chunks. Pure: no DOM, no browser API. Design notes: docs/matching.md.
 *
 * findMatches joins the chunks' texts into one string (one native copy: every character is then
 * read from a flat string, whatever the chunks were: slices of a larger string, external
 * strings...) and matches each block (chunks up to the next `blockStart`) as a range of it:
 *  - Fast path (blocks of "simple" characters: one UTF-16 unit in, one normalised unit out, or
 *    white space; about 98% of real text): one pass, folding through a table, hashing each word
 *    of a spaced script as it is read. When a word ends, bitmaps of the aliases' first words
 *    (and of what may follow them) say whether any alias can start there; a decision that
 *    depends on the next word waits until that word has been read. Only then is the trie
 *    walked. Punctuation and letters of scripts without spaces are walked at once when the
 *    trie's root has them. No allocation but the matches.
 *  - General path (any other block): the block is normalised into reusable typed arrays with
 *    offsets back to the original (lib/text/normalize.ts), then walked at every word start.
 * Both paths give the same matches (property-tested): leftmost-longest, non-overlapping, whole
 * words, each candidate checked against its alias's case and diacritic rules.
 */
import type { TermMatch, TextChunk } from './types';
import {
  CompiledGlossarySchema,
  FLAG_COMMON,
  FLAG_DIACRITIC_SENSITIVE,
  FLAG_MODE_MASK,
  FLAG_MONTH,
  FLAG_TITLE_OK,
  MAX_FLAGS,
  MODE_ACRONYM,
  MODE_CAPS,
  MODE_EXACT,
  type CompiledGlossary,
  type CompiledSegment,
} from './compiled';
import {
  isLowerCaseLetter,
  isUpperCaseLetter,
  isWordChar,
  matchTable,
  normalizeBlock,
  normalizeText,
  NormBuffer,
  unitClass,
  type NormalizeMode,
} from './normalize';
import { PackReader } from './packed';
import { capitalsMatch, inWebAddress, isAllCapitals, isMonthUse, isSentenceStart } from './context';

export interface Matcher {
  /** Matches in chunk offsets, sorted by position, non-overlapping, leftmost-longest. */
  findMatches(chunks: readonly TextChunk[]): TermMatch[];
  /** Number of aliases that can match (all segments, suppressed ones excluded). */
  readonly aliasCount: number;
}

/** A decoded segment. Immutable; shared between matchers built from the same segment id. */
interface Segment {
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

function fail(msg: string): never {
  throw new Error(`compiled glossary: ${msg}`);
}

function fingerprintOf(s: CompiledSegment): string {
  return [s.entityCount, s.aliasCount, s.nodeCount, s.text.length, s.meta.length, s.alphabet.length, s.trie.length].join(',');
}

function decodeSegment(s: CompiledSegment): Segment {
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

  // Alphabet.
  const alphaReader = new PackReader(s.alphabet, 'alphabet');
  const alphabet: number[] = [];
  while (!alphaReader.done) {
    if (alphabet.length >= 0x10000) fail('alphabet too long');
    alphabet.push(alphaReader.next(0xffff));
  }

  // Trie.
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

  // Meta and text.
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

/** Decoded segments by id: a tab that receives a new revision reuses the unchanged base. */
const segmentCache = new Map<string, Segment>();
const SEGMENT_CACHE_SIZE = 4;

/** Forget decoded segments (memory measurements, tests). */
export function clearSegmentCache(): void {
  segmentCache.clear();
}

function loadSegment(s: CompiledSegment): Segment {
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

// First-word filter: FNV-1a over normalised units, 2^20-bit bitmap (128 KB).
const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const FILTER_SHIFT = 12;
const FILTER_WORDS = 1 << (32 - FILTER_SHIFT - 5);

/**
 * The hashes of every alias's first word: its leading run of word units (letters and digits of
 * spaced scripts). An alias starting with a word unit can match at a text position only if the
 * text's word there (its run of word units) is exactly that first word: the alias either goes
 * on with a non-word unit, which the text must have too, or ends, and then the text's word
 * must end there (whole words). So the fast path skips every word whose hash is not in the
 * bitmap without walking the trie. Collisions only cost a walk.
 */
function firstWordFilter(labels: Uint16Array, first: Int32Array, outStart: Int32Array): Uint32Array {
  // Four bitmaps: [0] first words; [1] first words that are a whole alias; [2] "first second"
  // word pairs (one space between; keyed by pairHash of the two words' hashes); [3] a first
  // word and the unit that follows it in an alias when that is not a space and a word ("F." of
  // "F. Smith", "-" of "Mujahedin-e", "的"), or a first word, a space and such a unit ("&").
  const bits = new Uint32Array(FILTER_WORDS * 4);
  const set = (which: number, h: number) => {
    const bit = h >>> FILTER_SHIFT;
    bits[which * FILTER_WORDS + (bit >>> 5)]! |= 1 << (bit & 31);
  };
  const isTerminal = (n: number) => outStart[n + 1]! > outStart[n]!;
  /** Follow a run of word units from the children of `n`; call `end(node, hash)` where the run ends. */
  const runs = (n: number, h: number, end: (node: number, hash: number) => void) => {
    const nodes: number[] = [];
    const hashes: number[] = [];
    for (let k = first[n]!; k < first[n + 1]!; k++) {
      if (unitClass(labels[k]!) === 1) {
        nodes.push(k);
        hashes.push(Math.imul(h ^ labels[k]!, FNV_PRIME));
      }
    }
    while (nodes.length > 0) {
      const m = nodes.pop()!;
      const hm = hashes.pop()!;
      let ends = isTerminal(m);
      for (let k = first[m]!; k < first[m + 1]!; k++) {
        if (unitClass(labels[k]!) === 1) {
          nodes.push(k);
          hashes.push(Math.imul(hm ^ labels[k]!, FNV_PRIME));
        } else {
          ends = true;
        }
      }
      if (ends) end(m, hm);
    }
  };
  runs(0, FNV_OFFSET, (n1, h1) => {
    set(0, h1);
    if (isTerminal(n1)) set(1, h1);
    for (let k = first[n1]!; k < first[n1 + 1]!; k++) {
      const l = labels[k]!;
      if (unitClass(l) === 1) continue;
      if (l !== 0x20) {
        set(3, Math.imul(h1 ^ l, FNV_PRIME));
        continue;
      }
      const hs = Math.imul(h1 ^ 0x20, FNV_PRIME);
      for (let k2 = first[k]!; k2 < first[k + 1]!; k2++) if (unitClass(labels[k2]!) !== 1) set(3, hs);
      runs(k, FNV_OFFSET, (_n2, h2) => set(2, pairHash(h1, h2)));
    }
  });
  return bits;
}

/** The key of a "first second" word pair in bitmap 2, from the hashes of the two words. */
function pairHash(h1: number, h2: number): number {
  return Math.imul(h1 ^ (h2 >>> 15), 0x9e3779b1) ^ h2;
}

/** Whether bitmap `which` of a first-word filter has the bit of `hash`. */
function hasBit(filter: Uint32Array, which: number, hash: number): boolean {
  const bit = hash >>> FILTER_SHIFT;
  return (filter[which * FILTER_WORDS + (bit >>> 5)]! & (1 << (bit & 31))) !== 0;
}

/** Nodes with at least this many children get a dense table for printable ASCII (96 bytes each). */
const DENSE_MIN_CHILDREN = 3;
const DENSE_WIDTH = 96;
/** At most this many dense tables per segment (6 MB). */
const DENSE_MAX_NODES = 65_536;
const TERMINAL_BIT = -0x80000000;

/** Child of `node` labelled `u`, or -1: dense table, else sorted children (linear scan when few, else binary). */
function childOf(seg: Segment, node: number, u: number): number {
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
function nodeOfKey(seg: Segment, key: string): number {
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

const HEADLINE_MAX_LENGTH = 500;
/** What counts as a letter of a word for the headline test: letters, marks, numbers. */
const RE_HEADLINE_WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

/**
 * A block styled as a headline: short, with at least 3 words of 4+ letters, three quarters of
 * them capitalised ("Why Khamenei Finally Broke His Deadly Silence Against the Mek/ Pmoi").
 * A word is a run of letters, marks and numbers (\p{L}\p{M}\p{N}), its length counted in code
 * points. One pass over the text, ASCII without regular expressions (it runs while matching,
 * for blocks where an all-capitals alias meets a Title-Cased word).
 */
export function isHeadlineText(text: string): boolean {
  const n = text.length;
  if (n > HEADLINE_MAX_LENGTH) return false;
  let words = 0;
  let capitalised = 0;
  let length = 0; // code points of the current word
  let firstUpper = false;
  for (let i = 0; i <= n; ) {
    let inWord = false;
    let upper = false;
    let width = 1;
    if (i < n) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        const l = c | 32;
        inWord = (c >= 48 && c <= 57) || (l >= 97 && l <= 122);
        upper = c >= 65 && c <= 90;
      } else {
        const cp = text.codePointAt(i)!;
        const ch = String.fromCodePoint(cp);
        width = ch.length;
        inWord = RE_HEADLINE_WORD_CHAR.test(ch);
        upper = inWord && isUpperCaseLetter(ch);
      }
    }
    if (inWord) {
      if (length === 0) firstUpper = upper;
      length++;
    } else if (length > 0) {
      if (length >= 4) {
        words++;
        if (firstUpper) capitalised++;
      }
      length = 0;
    }
    i += width;
  }
  return words >= 3 && capitalised * 4 >= words * 3;
}

/**
 * Capitalisation check for an all-capitals alias: every cased letter in capitals, or (when
 * allowed) every word Title-Cased in a headline.
 */
function acronymCaseOk(slice: string, titleOk: boolean, block: BlockContext): boolean {
  let allUpper = true;
  let title = true;
  let wordStart = true;
  for (const ch of slice) {
    const c = ch.charCodeAt(0);
    if (c < 128) {
      // ASCII: no regular expressions, no case mapping.
      const up = c >= 65 && c <= 90;
      const low = c >= 97 && c <= 122;
      if (up || low || (c >= 48 && c <= 57) || c === 95) {
        if (low) {
          allUpper = false;
          if (wordStart) title = false;
        } else if (up && !wordStart) {
          title = false;
        }
        if (up || low) wordStart = false;
      } else {
        wordStart = true;
      }
      continue;
    }
    if (isWordChar(ch)) {
      const up = isUpperCaseLetter(ch);
      const low = !up && isLowerCaseLetter(ch);
      if (low) {
        allUpper = false;
        if (wordStart) title = false;
      } else if (up && !wordStart) {
        title = false;
      }
      if (up || low) wordStart = false;
    } else {
      wordStart = true;
    }
  }
  if (allUpper) return true;
  return titleOk && title && block.isHeadline();
}

/**
 * The block being matched, as a range of the page's text: the chunks joined into one string
 * (`text`), chunk k starting at `starts[k]`; the block is chunks [from, to). Offsets below are
 * offsets in `text`.
 */
class BlockContext {
  text = '';
  starts: Int32Array = new Int32Array(1);
  from = 0;
  to = 0;
  private headline: boolean | null = null;

  reset(text: string, starts: Int32Array, from: number, to: number): void {
    this.text = text;
    this.starts = starts;
    this.from = from;
    this.to = to;
    this.headline = null;
  }

  /** The block's first offset in `text`. */
  get start(): number {
    return this.starts[this.from]!;
  }

  /** The block's end offset in `text` (exclusive). */
  get end(): number {
    return this.starts[this.to]!;
  }

  slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }

  isHeadline(): boolean {
    if (this.headline === null) {
      const start = this.starts[this.from]!;
      const end = this.starts[this.to]!;
      this.headline = end - start <= HEADLINE_MAX_LENGTH && isHeadlineText(this.text.slice(start, end));
    }
    return this.headline;
  }

  /** Offset -> chunk position. A start goes to the chunk holding its character, an end to the chunk holding the character before it. */
  position(off: number, isEnd: boolean): { chunk: number; offset: number } {
    const starts = this.starts;
    let lo = this.from;
    let hi = this.to - 1;
    // Last chunk whose start is < off (end) or <= off (start).
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      const b = starts[mid]!;
      if (isEnd ? b < off : b <= off) lo = mid;
      else hi = mid - 1;
    }
    // Skip empty chunks so a start lands on the chunk that holds the character.
    let k = lo;
    if (!isEnd) while (k < this.to - 1 && starts[k + 1]! <= off) k++;
    return { chunk: k, offset: off - starts[k]! };
  }
}

// Packed fold-table entries (see normalize.ts `matchTable`), as local constants for the hot loop.
const P_UNIT = 1;
const P_SPACE = 2;
/** A packed entry that is one unit of class 1 (letter or digit of a spaced script): (entry & WORD_UNIT_MASK) === WORD_UNIT (the sign bit excludes entries that point to an expansion). */
const WORD_UNIT_MASK = 0x80000037 | 0;
const WORD_UNIT = P_UNIT | (1 << 4);
const CLS_MARK_ = 3;

export interface MatcherOptions {
  /**
   * Use the single-pass fast path for blocks made only of "simple" characters (one code unit
   * in, one unit out, or white space). Default true; false forces the general path (tests).
   */
  fastPath?: boolean;
}

class MatcherImpl implements Matcher {
  private readonly buf = new NormBuffer(4096);
  private readonly block = new BlockContext();
  /** Chunk start offsets in the page text (reused). */
  private starts = new Int32Array(64);
  /** The chunk texts being joined (reused, emptied after each join). */
  private readonly parts: string[] = [];
  private readonly forms = new Map<string, string>();
  private readonly table = matchTable();
  /** The table's BMP entries, ASCII included (0: not computed yet). */
  private readonly fold = this.table.bmp;
  /** Union of the segments' first-word bitmaps. */
  private readonly firstWords: Uint32Array;
  /** Non-zero where some segment's root has a child for that unit. */
  private readonly rootAny: Int32Array;
  readonly aliasCount: number;

  constructor(
    private readonly segs: Segment[],
    /** Per segment: aliases ignored (suppressed entity), or null. */
    private readonly disabled: (Uint8Array | null)[],
    private readonly fastPath: boolean,
  ) {
    if (segs.length === 1) this.rootAny = segs[0]!.root;
    else {
      this.rootAny = new Int32Array(0x10000);
      for (const seg of segs) for (let u = 0; u < 0x10000; u++) this.rootAny[u]! |= seg.root[u]!;
    }
    if (segs.length === 1) this.firstWords = segs[0]!.firstWords;
    else {
      this.firstWords = new Uint32Array(FILTER_WORDS * 4);
      for (const seg of segs) for (let w = 0; w < FILTER_WORDS * 4; w++) this.firstWords[w]! |= seg.firstWords[w]!;
    }
    let count = 0;
    segs.forEach((s, i) => {
      const d = disabled[i];
      for (let a = 0; a < s.aliasEntity.length; a++) if (!d || !d[a]) count++;
    });
    this.aliasCount = count;
  }

  private aliasText(seg: Segment, a: number): string {
    let t = seg.aliasTexts[a];
    if (t === undefined) t = seg.aliasTexts[a] = seg.text.slice(seg.aliasOffset[a]!, seg.aliasOffset[a + 1]!);
    return t;
  }

  private aliasForm(si: number, a: number, mode: NormalizeMode): string {
    const key = `${si}:${a}:${mode.fold ? 1 : 0}${mode.strip ? 1 : 0}`;
    let f = this.forms.get(key);
    if (f === undefined) {
      f = normalizeText(this.aliasText(this.segs[si]!, a), mode);
      this.forms.set(key, f);
    }
    return f;
  }

  /** The first alias of `node` that accepts the text [start, end) of the block, or -1. */
  private pick(si: number, node: number, start: number, end: number): number {
    const seg = this.segs[si]!;
    const dis = this.disabled[si];
    for (let a = seg.outStart[node]!; a < seg.outStart[node + 1]!; a++) {
      if (dis && dis[a]) continue;
      if (this.accepts(si, a, start, end)) return a;
    }
    return -1;
  }

  /** Whether alias `a` of segment `si` accepts the text [start, end) of the block. */
  private accepts(si: number, a: number, start: number, end: number): boolean {
    const seg = this.segs[si]!;
    const flags = seg.aliasFlags[a]!;
    if (flags === 0) return !this.inAddress(si, a, start, end);
    const slice = this.block.slice(start, end);
    const mode = flags & FLAG_MODE_MASK;
    const sensitive = (flags & FLAG_DIACRITIC_SENSITIVE) !== 0;
    if (mode === MODE_EXACT) {
      const m = { fold: false, strip: !sensitive };
      if (normalizeText(slice, m) !== this.aliasForm(si, a, m)) return false;
    } else {
      if (sensitive) {
        const m = { fold: true, strip: false };
        if (normalizeText(slice, m) !== this.aliasForm(si, a, m)) return false;
      }
      if (mode === MODE_ACRONYM) {
        if (!acronymCaseOk(slice, (flags & FLAG_TITLE_OK) !== 0, this.block)) return false;
      } else if (mode === MODE_CAPS) {
        if (!capitalsMatch(this.aliasText(seg, a), slice)) return false;
      }
    }
    if ((flags & FLAG_MONTH) !== 0 && isMonthUse(this.block.text, this.block.start, this.block.end, start, end)) return false;
    return !this.inAddress(si, a, start, end);
  }

  /**
   * Other entities whose alias with the same normalised text also accepts [start, end) (two
   * entities sharing "May"): the background chooses between them with what the page says.
   * Runs once per emitted match, and finds nothing but for shared aliases.
   */
  private othersFor(si: number, a: number, start: number, end: number): string[] | null {
    let out: string[] | null = null;
    const entity = this.segs[si]!.entities[this.segs[si]!.aliasEntity[a]!]!;
    let key: string | null = null;
    for (let sj = 0; sj < this.segs.length; sj++) {
      const seg = this.segs[sj]!;
      let node: number;
      if (sj === si) node = seg.aliasNode[a]!;
      else {
        key ??= normalizeText(this.aliasText(this.segs[si]!, a));
        node = nodeOfKey(seg, key);
        if (node < 0) continue;
      }
      const dis = this.disabled[sj];
      for (let b = seg.outStart[node]!; b < seg.outStart[node + 1]!; b++) {
        if ((sj === si && b === a) || (dis && dis[b])) continue;
        const other = seg.entities[seg.aliasEntity[b]!]!;
        if (other === entity || out?.includes(other)) continue;
        if (this.accepts(sj, b, start, end)) (out ??= []).push(other);
      }
    }
    return out;
  }

  /** A candidate inside a web address written in the text (an alias with a dot of its own is exempt). */
  private inAddress(si: number, a: number, start: number, end: number): boolean {
    const b = this.block;
    if (!inWebAddress(b.text, b.start, b.end, start, end)) return false;
    return !this.aliasText(this.segs[si]!, a).includes('.');
  }

  /**
   * A common-word alias ("May") where its capital proves nothing: at a sentence start, in a
   * headline, or written in capitals ("MAY"). The background then asks for evidence.
   */
  private weakPosition(alias: string, start: number, end: number): boolean {
    const b = this.block;
    if (isSentenceStart(b.text, b.start, start)) return true;
    if (b.isHeadline()) return true;
    return !isAllCapitals(alias) && isAllCapitals(b.slice(start, end));
  }

  findMatches(chunks: readonly TextChunk[]): TermMatch[] {
    const out: TermMatch[] = [];
    const N = chunks.length;
    if (N === 0) return out;
    // The page's text as one string: one native copy, after which every character is read
    // from a flat string (the chunks may be slices of a larger string, external strings...,
    // each of which makes charCodeAt dearer), and blocks are ranges of it.
    if (this.starts.length < N + 1) this.starts = new Int32Array(Math.max(N + 1, this.starts.length * 2));
    const starts = this.starts;
    const parts = this.parts;
    let off = 0;
    for (let k = 0; k < N; k++) {
      const t = chunks[k]!.text;
      starts[k] = off;
      off += t.length;
      parts.push(t);
    }
    starts[N] = off;
    const text = N === 1 ? parts[0]! : parts.join('');
    parts.length = 0;
    const block = this.block;
    for (let from = 0, to = 0; from < N; from = to) {
      to = from + 1;
      while (to < N && !chunks[to]!.blockStart) to++;
      block.reset(text, starts, from, to);
      if (this.fastPath) {
        const mark = out.length;
        if (this.scanSimple(text, starts[from]!, starts[to]!, out)) continue;
        out.length = mark;
      }
      this.scanGeneral(chunks, from, to, starts[from]!, out);
    }
    block.reset('', starts, 0, 0);
    return out;
  }

  private emit(out: TermMatch[], si: number, a: number, start: number, end: number): void {
    const seg = this.segs[si]!;
    const alias = this.aliasText(seg, a);
    const m: TermMatch = {
      entityId: seg.entities[seg.aliasEntity[a]!]!,
      alias,
      start: this.block.position(start, false),
      end: this.block.position(end, true),
    };
    if ((seg.aliasFlags[a]! & FLAG_COMMON) !== 0) {
      m.common = true;
      if (this.weakPosition(alias, start, end)) m.weak = true;
    }
    if (this.segs.length > 1 || seg.outStart[seg.aliasNode[a]! + 1]! - seg.outStart[seg.aliasNode[a]!]! > 1) {
      const others = this.othersFor(si, a, start, end);
      if (others) m.others = others;
    }
    out.push(m);
  }

  /**
   * Single pass over the block text[start, end), folding characters on the fly through the
   * table; no copy, no allocation but the matches. A word of a spaced script is hashed while
   * it is read. When it ends, the first-word bitmaps decide whether an alias may start there;
   * the decision that depends on the next word ("first second" pairs) waits until that word
   * has been read too, so no character is read twice and the loop is left only to walk the
   * trie. Other starting points (punctuation, scripts without spaces) are walked at once when
   * the trie's root has their unit.
   * Returns false, having perhaps emitted some matches the caller drops, as soon as it meets a
   * character that is not simple (an expansion, a combining mark, an ignorable, a surrogate):
   * the general path then redoes the block.
   */
  private scanSimple(text: string, start: number, end: number, out: TermMatch[]): boolean {
    const table = this.table;
    const fold = this.fold;
    const filter = this.firstWords;
    const root = this.rootAny;
    // The word being read: its hash and where it starts.
    let inWord = false;
    let h = 0;
    let wordStart = 0;
    // A previous word that may start an alias, followed by white space: decided when the next
    // word (or whatever follows the space) has been read.
    let pending = false;
    let pendingHash = 0;
    let pendingStart = 0;
    let p = start;
    for (;;) {
      let info = 0; // 0: the end of the block
      if (p < end) {
        const c = text.charCodeAt(p);
        info = fold[c]!;
        if (info === 0) info = table.get(c);
        if ((info & WORD_UNIT_MASK) === WORD_UNIT) {
          // A letter or digit of a spaced script (class 1).
          if (inWord) {
            h = Math.imul(h ^ (info >>> 8), FNV_PRIME);
          } else {
            inWord = true;
            wordStart = p;
            h = Math.imul(FNV_OFFSET ^ (info >>> 8), FNV_PRIME);
          }
          p++;
          continue;
        }
        if (info < 0 || ((info & 7) !== P_UNIT && info !== P_SPACE)) return false;
      }
      // text[p] is white space or another simple unit, or the block ends (info 0).
      let walk = -1;
      if (inWord) {
        inWord = false;
        if (pending) {
          // First word, white space, this word: a "first second" pair?
          pending = false;
          if (hasBit(filter, 2, pairHash(pendingHash, h))) {
            const r = this.startAt(text, end, pendingStart, out);
            if (r < 0) return false;
            if (r > 0) {
              p = this.bestEnd;
              continue;
            }
          }
        }
        if (hasBit(filter, 0, h)) {
          if (hasBit(filter, 1, h)) {
            walk = wordStart; // an alias is that word alone
          } else if (info === P_SPACE) {
            pending = true;
            pendingHash = h;
            pendingStart = wordStart;
          } else if (info !== 0 && hasBit(filter, 3, Math.imul(h ^ (info >>> 8), FNV_PRIME))) {
            walk = wordStart; // "F." of "F. Smith", the hyphen of "Mujahedin-e"
          }
        }
      } else if (pending && info !== P_SPACE) {
        // First word, white space, then not a word: the block ends or a unit that is not a
        // letter of a spaced script follows ("Smith & Jones").
        pending = false;
        if (info !== 0 && hasBit(filter, 3, Math.imul(pendingHash ^ 0x20, FNV_PRIME))) walk = pendingStart;
      }
      if (walk >= 0) {
        const r = this.startAt(text, end, walk, out);
        if (r < 0) return false;
        if (r > 0) {
          pending = false;
          p = this.bestEnd;
          continue;
        }
      }
      if (info === 0) return true;
      if (info !== P_SPACE && root[info >>> 8] !== 0) {
        // Punctuation or a letter of a script without spaces that the trie's root has.
        const r = this.startAt(text, end, p, out);
        if (r < 0) return false;
        if (r > 0) {
          p = this.bestEnd;
          continue;
        }
      }
      p++;
    }
  }

  /**
   * Walk every segment from text[p] (a block ending at `end`); emit the best match. Returns 1
   * when a match was emitted (it ends at this.bestEnd), 0 when none, -1 to bail out to the
   * general path.
   */
  private startAt(text: string, end: number, p: number, out: TermMatch[]): number {
    const c = text.charCodeAt(p);
    let info = this.fold[c]!;
    if (info === 0) info = this.table.get(c);
    const u = info >>> 8;
    const cls = (info >>> 4) & 3;
    this.bestEnd = -1;
    for (let si = 0; si < this.segs.length; si++) {
      const node = this.segs[si]!.root[u]!;
      if (node !== 0 && !this.walkSimple(si, node, text, p + 1, end, p, cls)) return -1;
    }
    if (this.bestEnd < 0) return 0;
    this.emit(out, this.bestSeg, this.bestAlias, p, this.bestEnd);
    return 1;
  }

  // Best match of the current start position (fast path), shared by the segment walks.
  private bestEnd = -1;
  private bestSeg = 0;
  private bestAlias = 0;

  /**
   * Walk segment `si` from `node` (the unit at `start`, of class `cls`, already read) with the
   * text cursor at q. Records in this.best* a longer accepted alias. False: bail out (a
   * character that is not simple).
   */
  private walkSimple(si: number, node: number, text: string, q: number, end: number, start: number, cls: number): boolean {
    const seg = this.segs[si]!;
    const rec = seg.rec;
    const fold = this.fold;
    const table = this.table;
    let lastCls = cls;
    for (;;) {
      let next = 0; // packed entry of text[q]; 0 at the end of the block
      if (q < end) {
        const c = text.charCodeAt(q);
        next = fold[c]!;
        if (next === 0) next = table.get(c);
        if (next < 0 || ((next & 7) !== P_UNIT && next !== P_SPACE)) return false;
      }
      if (rec[2 * node]! < 0) {
        const b = next === 0 || next === P_SPACE ? 0 : (next >>> 4) & 3;
        if (q > this.bestEnd && (lastCls & b) !== 1) {
          const a = this.pick(si, node, start, q);
          if (a >= 0) {
            this.bestEnd = q;
            this.bestSeg = si;
            this.bestAlias = a;
          }
        }
      }
      if (q >= end) return true;
      const child = childOf(seg, node, next === P_SPACE ? 0x20 : next >>> 8);
      if (child < 0) return true;
      node = child;
      q++;
      if (next === P_SPACE) {
        // A run of white space is one space.
        while (q < end) {
          const c = text.charCodeAt(q);
          let w = fold[c]!;
          if (w === 0) w = table.get(c);
          if (w !== P_SPACE) break;
          q++;
        }
        lastCls = 0;
      } else {
        lastCls = (next >>> 4) & 3;
      }
    }
  }

  /** The block's chunks [from, to) normalised into typed arrays, then walked at every word start; `base`: the block's offset in the page text. */
  private scanGeneral(chunks: readonly TextChunk[], from: number, to: number, base: number, out: TermMatch[]): void {
    const buf = this.buf;
    normalizeBlock(buf, chunks, from, to);
    const n = buf.length;
    if (n === 0) return;
    const units = buf.units;
    const cls = buf.cls;
    const us = buf.start;
    const ue = buf.end;
    const segs = this.segs;
    const nseg = segs.length;
    let prevCls = 0;
    for (let i = 0; i < n; i++) {
      const c = cls[i]!;
      const pc = prevCls;
      prevCls = c;
      if (us[i]! < 0 || c === CLS_MARK_ || (pc & c) === 1) continue;
      const u = units[i]!;
      let bestEnd = -1;
      let bestSeg = -1;
      let bestAlias = -1;
      for (let si = 0; si < nseg; si++) {
        const seg = segs[si]!;
        let node = seg.root[u]!;
        if (node === 0) continue;
        const outStart = seg.outStart;
        let j = i + 1;
        for (;;) {
          if (outStart[node] !== outStart[node + 1] && j > bestEnd && ue[j - 1]! >= 0) {
            const b = j === n ? 0 : cls[j]!;
            if (b !== CLS_MARK_ && (cls[j - 1]! & b) !== 1) {
              const a = this.pick(si, node, base + us[i]!, base + ue[j - 1]!);
              if (a >= 0) {
                bestEnd = j;
                bestSeg = si;
                bestAlias = a;
              }
            }
          }
          if (j >= n) break;
          node = childOf(seg, node, units[j]!);
          if (node < 0) break;
          j++;
        }
      }
      if (bestEnd > 0) {
        this.emit(out, bestSeg, bestAlias, base + us[i]!, base + ue[bestEnd - 1]!);
        i = bestEnd - 1;
        prevCls = cls[i]!;
      }
    }
  }
}

/**
 * Build a matcher from a compiled glossary (as received: it may have been through JSON).
 * Throws an Error with a clear message on a malformed compiled form; never loops or crashes.
 */
export function createMatcher(compiled: CompiledGlossary, options: MatcherOptions = {}): Matcher {
  const parsed = CompiledGlossarySchema.safeParse(compiled);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    fail(`invalid shape${first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : ''}`);
  }
  const g = parsed.data;
  const segs = g.segments.map(loadSegment);
  const suppressed = new Set(g.suppressed);
  const disabled = segs.map((seg, i) => {
    if (i === segs.length - 1 || suppressed.size === 0) return null;
    const offEntity = seg.entities.map((e) => suppressed.has(e));
    if (!offEntity.some(Boolean)) return null;
    const d = new Uint8Array(seg.aliasEntity.length);
    for (let a = 0; a < d.length; a++) d[a] = offEntity[seg.aliasEntity[a]!] ? 1 : 0;
    return d;
  });
  return new MatcherImpl(segs, disabled, options.fastPath ?? true);
}

/** Convenience: matches in one plain string (a single chunk). */
export function findInText(matcher: Matcher, text: string): TermMatch[] {
  return matcher.findMatches([{ text, blockStart: true }]);
}
