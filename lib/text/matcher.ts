/**
 * The matcher: finds the mentions of a compiled glossary's aliases (lib/text/compiled.ts,
 * decoded by segment.ts) in page text given as chunks. Pure: no DOM, no browser API. Design
 * notes: docs/matching.md.
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
 * Where a candidate may start and end is decided here; whether it is a mention of an alias
 * (case, diacritics, months, web addresses) by alias-rules.ts.
 */
import type { TermMatch, TextChunk } from './types';
import { CompiledGlossarySchema, type CompiledGlossary } from './compiled';
import { matchTable, normalizeBlock, NormBuffer } from './normalize';
import { AliasRules } from './alias-rules';
import { BlockContext } from './case-rules';
import { FILTER_WORDS, FNV_OFFSET, FNV_PRIME, hasBit, pairHash } from './first-words';
import { childOf, fail, loadSegment, type Segment } from './segment';

export { clearSegmentCache } from './segment';

export interface Matcher {
  /** Matches in chunk offsets, sorted by position, non-overlapping, leftmost-longest. */
  findMatches(chunks: readonly TextChunk[]): TermMatch[];
  /** Number of aliases that can match (all segments, suppressed ones excluded). */
  readonly aliasCount: number;
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
  private readonly rules: AliasRules;
  /** Chunk start offsets in the page text (reused). */
  private starts = new Int32Array(64);
  /** The chunk texts being joined (reused, emptied after each join). */
  private readonly parts: string[] = [];
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
    disabled: (Uint8Array | null)[],
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
    this.rules = new AliasRules(segs, disabled, this.block);
    let count = 0;
    segs.forEach((s, i) => {
      const d = disabled[i];
      for (let a = 0; a < s.aliasEntity.length; a++) if (!d || !d[a]) count++;
    });
    this.aliasCount = count;
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
    out.push(this.rules.match(this.bestSeg, this.bestAlias, p, this.bestEnd));
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
          const a = this.rules.pick(si, node, start, q);
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
              const a = this.rules.pick(si, node, base + us[i]!, base + ue[j - 1]!);
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
        out.push(this.rules.match(bestSeg, bestAlias, base + us[i]!, base + ue[bestEnd - 1]!));
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
