/**
 * The case and headline rules a candidate match is checked against, and the block it is read
 * in (docs/matching.md, "Acronyms" and "Names, not words"). Pure.
 */
import { isLowerCaseLetter, isUpperCaseLetter, isWordChar } from './normalize';
import { chunkIndexAt } from './offsets';

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
export function acronymCaseOk(slice: string, titleOk: boolean, block: BlockContext): boolean {
  let allUpper = true;
  let title = true;
  let wordStart = true;
  for (const ch of slice) {
    const c = ch.charCodeAt(0);
    let up: boolean;
    let low: boolean;
    let word: boolean;
    if (c < 128) {
      // ASCII: no regular expressions, no case mapping.
      up = c >= 65 && c <= 90;
      low = c >= 97 && c <= 122;
      word = up || low || (c >= 48 && c <= 57) || c === 95;
    } else {
      word = isWordChar(ch);
      up = word && isUpperCaseLetter(ch);
      low = word && !up && isLowerCaseLetter(ch);
    }
    if (!word) {
      wordStart = true;
      continue;
    }
    if (low) {
      allUpper = false;
      if (wordStart) title = false;
    } else if (up && !wordStart) {
      title = false;
    }
    if (up || low) wordStart = false;
  }
  if (allUpper) return true;
  return titleOk && title && block.isHeadline();
}

/**
 * The block being matched, as a range of the page's text: the chunks joined into one string
 * (`text`), chunk k starting at `starts[k]`; the block is chunks [from, to). Offsets below are
 * offsets in `text`.
 */
export class BlockContext {
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
    const k = chunkIndexAt(this.starts, this.from, this.to - 1, off, isEnd);
    return { chunk: k, offset: off - this.starts[k]! };
  }
}
