/**
 * The first-word filter of a decoded segment (lib/text/segment.ts): bitmaps of the hashes of the
 * aliases' first words, and of what may follow them, that let the matcher's fast path skip
 * nearly every word of a page without walking the trie.
 */
import { unitClass } from './unit-table';

// First-word filter: FNV-1a over normalised units, 2^20-bit bitmap (128 KB).
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;
const FILTER_SHIFT = 12;
/** Uint32 words of one bitmap; a filter holds four. */
export const FILTER_WORDS = 1 << (32 - FILTER_SHIFT - 5);

/**
 * The hashes of every alias's first word: its leading run of word units (letters and digits of
 * spaced scripts). An alias starting with a word unit can match at a text position only if the
 * text's word there (its run of word units) is exactly that first word: the alias either goes
 * on with a non-word unit, which the text must have too, or ends, and then the text's word
 * must end there (whole words). So the fast path skips every word whose hash is not in the
 * bitmap without walking the trie. Collisions only cost a walk.
 */
export function firstWordFilter(labels: Uint16Array, first: Int32Array, outStart: Int32Array): Uint32Array {
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
export function pairHash(h1: number, h2: number): number {
  return Math.imul(h1 ^ (h2 >>> 15), 0x9e3779b1) ^ h2;
}

/** Whether bitmap `which` of a first-word filter has the bit of `hash`. */
export function hasBit(filter: Uint32Array, which: number, hash: number): boolean {
  const bit = hash >>> FILTER_SHIFT;
  return (filter[which * FILTER_WORDS + (bit >>> 5)]! & (1 << (bit & 31))) !== 0;
}
