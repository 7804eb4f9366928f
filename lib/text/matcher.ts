/**
 * The matcher: decodes a compiled glossary (lib/text/compiled.ts) and finds mentions in page
 * text given as chunks. Pure: no DOM, no browser API.
 *
 * Per block (chunks up to the next `blockStart`), the text is normalised into reusable typed
 * arrays (lib/text/normalize.ts), then a trie walk starts at every unit where a word may start
 * (a word boundary, or anywhere in scripts written without spaces) and keeps the longest alias
 * that ends on a word boundary and passes its case/diacritic checks. The walk's cost depends on
 * the text, not on the number of aliases. Matches are leftmost-longest and never overlap.
 */
import type { TermMatch, TextChunk } from './types';
import {
  CompiledGlossarySchema,
  FLAG_DIACRITIC_SENSITIVE,
  FLAG_MODE_MASK,
  FLAG_TITLE_OK,
  MAX_FLAGS,
  MODE_ACRONYM,
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
  type NormalizeMode,
} from './normalize';
import { PackReader } from './packed';

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
  /** Child of the root by unit (0: none). */
  root: Int32Array;
  /**
   * Dense ASCII transitions of nodes with many children: for such a node, dense[node] is an
   * offset into denseTable where denseTable[offset + unit] is the child (0: none) for
   * unit < 128. -1 for the other nodes (sorted-children search).
   */
  dense: Int32Array;
  denseTable: Int32Array;
  /** 1 when node i ends an alias. */
  terminal: Uint8Array;
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
  const dense = new Int32Array(nodeCount).fill(-1);
  let denseCount = 0;
  for (let p = 1; p < nodeCount; p++) if (first[p + 1]! - first[p]! > DENSE_MIN_CHILDREN && denseCount < DENSE_MAX_NODES) dense[p] = denseCount++ * 128;
  const denseTable = new Int32Array(denseCount * 128);
  for (let p = 1; p < nodeCount; p++) {
    const d = dense[p]!;
    if (d < 0) continue;
    for (let k = first[p]!; k < first[p + 1]!; k++) if (labels[k]! < 128) denseTable[d + labels[k]!] = k;
  }
  const terminal = new Uint8Array(nodeCount);
  for (let p = 0; p < nodeCount; p++) if (outStart[p + 1]! > outStart[p]!) terminal[p] = 1;

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
    const f = m.next(MAX_FLAGS);
    if ((f & FLAG_MODE_MASK) === 3) fail(`alias ${a} has unknown flags ${f}`);
    aliasFlags[a] = f;
  }
  aliasOffset[aliasCount] = off;
  m.end();
  if (off !== textLen) fail(`text has ${textLen - off} characters no entity or alias uses`);

  return {
    id: s.id,
    fingerprint: fingerprintOf(s),
    nodeCount,
    labels,
    first,
    outStart,
    root,
    dense,
    denseTable,
    terminal,
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

/** Nodes with more children than this get a dense ASCII transition table (512 bytes each). */
const DENSE_MIN_CHILDREN = 4;
/** At most this many dense tables per segment (16 MB). */
const DENSE_MAX_NODES = 32_768;

/** Child of `node` labelled `u`, or -1. Dense table, else sorted children: linear scan when few, else binary. */
function childOf(seg: Segment, node: number, u: number): number {
  const d = seg.dense[node]!;
  if (d >= 0 && u < 128) {
    const c = seg.denseTable[d + u]!;
    return c === 0 ? -1 : c;
  }
  const labels = seg.labels;
  let lo = seg.first[node]!;
  let hi = seg.first[node + 1]!;
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
const RE_WORDS = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * A block styled as a headline: short, with at least 3 words of 4+ letters, three quarters of
 * them capitalised ("Why Khamenei Finally Broke His Deadly Silence Against the Mek/ Pmoi").
 */
export function isHeadlineText(text: string): boolean {
  if (text.length > HEADLINE_MAX_LENGTH) return false;
  let words = 0;
  let capitalised = 0;
  for (const m of text.matchAll(RE_WORDS)) {
    const w = m[0];
    if ([...w].length < 4) continue;
    words++;
    if (isUpperCaseLetter(String.fromCodePoint(w.codePointAt(0)!))) capitalised++;
  }
  return words >= 3 && capitalised * 4 >= words * 3;
}

/**
 * Capitalisation check for an all-capitals alias: every cased letter in capitals, or (when
 * allowed) every word Title-Cased in a headline.
 */
function acronymCaseOk(slice: string, titleOk: boolean, headline: () => boolean): boolean {
  let allUpper = true;
  let title = true;
  let wordStart = true;
  for (const ch of slice) {
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
  return titleOk && title && headline();
}

class BlockContext {
  chunks: readonly TextChunk[] = [];
  from = 0;
  to = 0;
  /** Block offset of each chunk start (index k - from), plus the block length. */
  bases = new Int32Array(64);
  private headline: boolean | null = null;

  reset(chunks: readonly TextChunk[], from: number, to: number): void {
    this.chunks = chunks;
    this.from = from;
    this.to = to;
    this.headline = null;
    if (to - from + 1 > this.bases.length) this.bases = new Int32Array((to - from + 1) * 2);
    let off = 0;
    for (let k = from; k < to; k++) {
      this.bases[k - from] = off;
      off += chunks[k]!.text.length;
    }
    this.bases[to - from] = off;
  }

  slice(start: number, end: number): string {
    let out = '';
    for (let k = this.from; k < this.to; k++) {
      const b = this.bases[k - this.from]!;
      const e = this.bases[k - this.from + 1]!;
      if (e <= start) continue;
      if (b >= end) break;
      out += this.chunks[k]!.text.slice(Math.max(0, start - b), Math.min(e, end) - b);
    }
    return out;
  }

  isHeadline(): boolean {
    if (this.headline === null) {
      const len = this.bases[this.to - this.from]!;
      this.headline = len <= HEADLINE_MAX_LENGTH && isHeadlineText(this.slice(0, len));
    }
    return this.headline;
  }

  /** Block offset -> chunk position. A start goes to the chunk holding its character, an end to the chunk holding the character before it. */
  position(off: number, isEnd: boolean): { chunk: number; offset: number } {
    let lo = 0;
    let hi = this.to - this.from - 1;
    // Last chunk whose base is < off (end) or <= off (start) and that is not empty.
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      const b = this.bases[mid]!;
      if (isEnd ? b < off : b <= off) lo = mid;
      else hi = mid - 1;
    }
    // Skip empty chunks so a start lands on the chunk that holds the character.
    let k = lo;
    if (!isEnd) while (k < this.to - this.from - 1 && this.bases[k + 1]! <= off) k++;
    return { chunk: this.from + k, offset: off - this.bases[k]! };
  }
}

const headlineFalse = (): boolean => false;

// Packed fold-table entries (see normalize.ts `matchTable`), as local constants for the hot loop.
const P_UNIT = 1;
const P_SPACE = 2;
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
  private readonly forms = new Map<string, string>();
  private readonly table = matchTable();
  readonly aliasCount: number;

  constructor(
    private readonly segs: Segment[],
    /** Per segment: aliases ignored (suppressed entity), or null. */
    private readonly disabled: (Uint8Array | null)[],
    private readonly fastPath: boolean,
  ) {
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
    let slice: string | null = null;
    for (let a = seg.outStart[node]!; a < seg.outStart[node + 1]!; a++) {
      if (dis && dis[a]) continue;
      const flags = seg.aliasFlags[a]!;
      if (flags === 0) return a;
      slice ??= this.block.slice(start, end);
      const mode = flags & FLAG_MODE_MASK;
      const sensitive = (flags & FLAG_DIACRITIC_SENSITIVE) !== 0;
      if (mode === MODE_EXACT) {
        const m = { fold: false, strip: !sensitive };
        if (normalizeText(slice, m) === this.aliasForm(si, a, m)) return a;
        continue;
      }
      if (sensitive) {
        const m = { fold: true, strip: false };
        if (normalizeText(slice, m) !== this.aliasForm(si, a, m)) continue;
      }
      if (mode === MODE_ACRONYM) {
        const block = this.block;
        if (!acronymCaseOk(slice, (flags & FLAG_TITLE_OK) !== 0, flags & FLAG_TITLE_OK ? () => block.isHeadline() : headlineFalse)) continue;
      }
      return a;
    }
    return -1;
  }

  findMatches(chunks: readonly TextChunk[]): TermMatch[] {
    const out: TermMatch[] = [];
    const N = chunks.length;
    let k = 0;
    while (k < N) {
      let end = k + 1;
      while (end < N && !chunks[end]!.blockStart) end++;
      this.scanBlock(chunks, k, end, out);
      k = end;
    }
    return out;
  }

  private emit(out: TermMatch[], si: number, a: number, start: number, end: number): void {
    const seg = this.segs[si]!;
    out.push({
      entityId: seg.entities[seg.aliasEntity[a]!]!,
      alias: this.aliasText(seg, a),
      start: this.block.position(start, false),
      end: this.block.position(end, true),
    });
  }

  private scanBlock(chunks: readonly TextChunk[], from: number, to: number, out: TermMatch[]): void {
    if (this.fastPath) {
      const mark = out.length;
      if (this.scanSimple(chunks, from, to, out)) return;
      out.length = mark;
    }
    this.scanGeneral(chunks, from, to, out);
  }

  /**
   * Single pass over the block's chunks, reading and folding characters on the fly through
   * the table, with a trie walk at every word start (the walk may run on into the next chunks
   * of the block). No copy of the text, no allocation but the matches. Returns false, having
   * perhaps emitted some matches the caller drops, as soon as it meets a character that is not
   * simple (an expansion, a combining mark, an ignorable, a surrogate): the general path then
   * redoes the block.
   */
  private scanSimple(chunks: readonly TextChunk[], from: number, to: number, out: TermMatch[]): boolean {
    const block = this.block;
    block.reset(chunks, from, to);
    const bases = block.bases;
    const ascii = this.table.ascii;
    const bmp = this.table.bmp;
    const table = this.table;
    const segs = this.segs;
    const nseg = segs.length;
    const seg0 = segs[0]!;
    const root0 = seg0.root;
    const term0 = seg0.terminal;
    const dense0 = seg0.dense;
    const denseTable0 = seg0.denseTable;
    let prevCls = 0;
    // After a match that ends in a later chunk: resume there.
    let resumeK = -1;
    let resumeP = 0;
    // Nested loops with a constant string per chunk: V8 reads it much faster than a string
    // variable reassigned inside one loop.
    for (let k = from; k < to; k++) {
      if (k < resumeK) continue;
      const s = chunks[k]!.text;
      const len = s.length;
      for (let p = k === resumeK ? resumeP : 0; p < len; p++) {
      const c = s.charCodeAt(p);
      let info = c < 128 ? ascii[c]! : bmp[c]!;
      if (info === 0) info = table.get(c);
      const i = p;
      if (info < 0 || (info & 7) !== P_UNIT) {
        if (info === P_SPACE) {
          prevCls = 0;
          continue;
        }
        return false;
      }
      const cls = (info >>> 4) & 3;
      if ((prevCls & cls) === 1) continue;
      prevCls = cls;
      const u = info >>> 8;
      this.bestEnd = -1;
      // Base segment, inlined: the walk reads this chunk's string directly and hands over to
      // walkSimple only if it runs past the end of the chunk.
      let node = root0[u]!;
      if (node !== 0) {
        const startOff = bases[k - from]! + p;
        let j = p + 1;
        let lastCls = cls;
        let inSpace = false;
        for (;;) {
          if (j >= len) {
            if (!this.walkSimple(0, node, chunks, from, to, k, j, startOff, lastCls, inSpace)) return false;
            break;
          }
          const c2 = s.charCodeAt(j);
          let next = c2 < 128 ? ascii[c2]! : bmp[c2]!;
          if (next === 0) next = table.get(c2);
          if (next < 0 || ((next & 7) !== P_UNIT && next !== P_SPACE)) return false;
          if (term0[node] !== 0) {
            const endOff = bases[k - from]! + j;
            const b = next === P_SPACE ? 0 : (next >>> 4) & 3;
            if (endOff > this.bestEnd && (lastCls & b) !== 1) {
              const a = this.pick(0, node, startOff, endOff);
              if (a >= 0) {
                this.bestEnd = endOff;
                this.bestSeg = 0;
                this.bestAlias = a;
                this.bestCls = lastCls;
                this.bestK = k;
                this.bestP = j;
              }
            }
          }
          const unit = next === P_SPACE ? 0x20 : next >>> 8;
          const d = dense0[node]!;
          if (d >= 0 && unit < 128) {
            node = denseTable0[d + unit]!;
            if (node === 0) break;
          } else {
            node = childOf(seg0, node, unit);
            if (node < 0) break;
          }
          j++;
          if (next === P_SPACE) {
            while (j < len) {
              const c3 = s.charCodeAt(j);
              let w = c3 < 128 ? ascii[c3]! : bmp[c3]!;
              if (w === 0) w = table.get(c3);
              if (w !== P_SPACE) break;
              j++;
            }
            lastCls = 0;
            inSpace = true;
          } else {
            lastCls = (next >>> 4) & 3;
            inSpace = false;
          }
        }
      }
      for (let si = 1; si < nseg; si++) {
        const n1 = segs[si]!.root[u]!;
        if (n1 !== 0 && !this.walkSimple(si, n1, chunks, from, to, k, p + 1, bases[k - from]! + p, cls, false)) return false;
      }
      if (this.bestEnd >= 0) {
        this.emit(out, this.bestSeg, this.bestAlias, bases[k - from]! + p, this.bestEnd);
        prevCls = this.bestCls;
        if (this.bestK === k) {
          p = this.bestP - 1;
        } else {
          resumeK = this.bestK;
          resumeP = this.bestP;
          break;
        }
      }
      }
    }
    return true;
  }

  // Best match of the current start position (fast path), shared by the segment walks.
  private bestEnd = -1;
  private bestSeg = 0;
  private bestAlias = 0;
  private bestCls = 0;
  private bestK = 0;
  private bestP = 0;

  /** Packed entry of the first character of the next non-empty chunk in [k, to), 0 if none, -1 if not simple. */
  private peek(chunks: readonly TextChunk[], k: number, to: number): number {
    for (; k < to; k++) {
      const s = chunks[k]!.text;
      if (s.length === 0) continue;
      const c = s.charCodeAt(0);
      let info = c < 128 ? this.table.ascii[c]! : this.table.bmp[c]!;
      if (info === 0) info = this.table.get(c);
      return info < 0 || ((info & 7) !== P_UNIT && info !== P_SPACE) ? -1 : info;
    }
    return 0;
  }

  /**
   * Walk segment `si` from `node` (its first unit already read) with the text cursor at
   * chunk `k`, offset `p`. Records in this.best* a longer accepted alias. False: bail out
   * (a character that is not simple).
   */
  private walkSimple(
    si: number,
    node: number,
    chunks: readonly TextChunk[],
    from: number,
    to: number,
    k: number,
    p: number,
    startOff: number,
    cls: number,
    spaceRun: boolean,
  ): boolean {
    const seg = this.segs[si]!;
    const terminal = seg.terminal;
    const dense = seg.dense;
    const denseTable = seg.denseTable;
    const ascii = this.table.ascii;
    const bmp = this.table.bmp;
    const table = this.table;
    const bases = this.block.bases;
    let lastCls = cls;
    let inSpace = spaceRun;
    for (let kk = k; kk < to; kk++) {
      const s = chunks[kk]!.text;
      const len = s.length;
      let pp = kk === k ? p : 0;
      if (inSpace) {
        // A white-space run that started in an earlier chunk goes on here.
        while (pp < len) {
          const c = s.charCodeAt(pp);
          let w = c < 128 ? ascii[c]! : bmp[c]!;
          if (w === 0) w = table.get(c);
          if (w !== P_SPACE) break;
          pp++;
        }
        if (pp >= len) continue;
      }
      for (;;) {
        let next: number; // packed entry of the next character; 0 at the end of the block
        if (pp < len) {
          const c = s.charCodeAt(pp);
          next = c < 128 ? ascii[c]! : bmp[c]!;
          if (next === 0) next = table.get(c);
          if (next < 0 || ((next & 7) !== P_UNIT && next !== P_SPACE)) return false;
        } else {
          next = terminal[node] !== 0 ? this.peek(chunks, kk + 1, to) : 0;
          if (next < 0) return false;
        }
        if (terminal[node] !== 0) {
          const endOff = bases[kk - from]! + pp;
          const b = next === 0 || next === P_SPACE ? 0 : (next >>> 4) & 3;
          if (endOff > this.bestEnd && (lastCls & b) !== 1) {
            const a = this.pick(si, node, startOff, endOff);
            if (a >= 0) {
              this.bestEnd = endOff;
              this.bestSeg = si;
              this.bestAlias = a;
              this.bestCls = lastCls;
              this.bestK = kk;
              this.bestP = pp;
            }
          }
        }
        if (pp >= len) break;
        const unit = next === P_SPACE ? 0x20 : next >>> 8;
        // Child of node labelled unit: dense table, else sorted children.
        const d = dense[node]!;
        let child: number;
        if (d >= 0 && unit < 128) {
          child = denseTable[d + unit]!;
          if (child === 0) return true;
        } else {
          child = childOf(seg, node, unit);
          if (child < 0) return true;
        }
        node = child;
        pp++;
        if (next === P_SPACE) {
          while (pp < len) {
            const c = s.charCodeAt(pp);
            let w = c < 128 ? ascii[c]! : bmp[c]!;
            if (w === 0) w = table.get(c);
            if (w !== P_SPACE) break;
            pp++;
          }
          lastCls = 0;
          inSpace = true;
        } else {
          lastCls = (next >>> 4) & 3;
          inSpace = false;
        }
      }
    }
    return true;
  }

  private scanGeneral(chunks: readonly TextChunk[], from: number, to: number, out: TermMatch[]): void {
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
    let blockReady = false;
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
              if (!blockReady) {
                this.block.reset(chunks, from, to);
                blockReady = true;
              }
              const a = this.pick(si, node, us[i]!, ue[j - 1]!);
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
        this.emit(out, bestSeg, bestAlias, us[i]!, ue[bestEnd - 1]!);
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
