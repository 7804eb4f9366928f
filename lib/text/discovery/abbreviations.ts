/**
 * Abbreviation definitions found in the text with the Schwartz–Hearst algorithm (A. Schwartz,
 * M. Hearst, "A simple algorithm for identifying abbreviation definitions in biomedical text",
 * PSB 2003): "long form (SHORT)" and, less often, "SHORT (long form)". The short form's
 * characters are matched right to left in the long form, its first character at the start of a
 * word; the long form is the shortest such tail of the words before the parenthesis.
 *
 * News adds slashes: "People’s Mojahedin Organization of Iran (PMOI/MEK)" defines both PMOI
 * and MEK — when one alternative matches the long form, all of them are its aliases.
 */
import { withoutSoftHyphens } from '../fold';
import { SHAPE_LOWER, SHAPE_PUNCT, SHAPE_UPPER, type Block, type Token } from './tokenize';

export interface AbbreviationDefinition {
  block: number;
  /** The short forms as written ("PMOI", "MEK"). */
  short: string[];
  /** Token range of the long form in the block's tokens. */
  longFrom: number;
  longTo: number;
  /** The long form as written. */
  long: string;
}

const RE_ALNUM = /[\p{L}\p{N}]/u;
const RE_UPPER = /\p{Lu}/gu;
const SEPARATORS = new Set([',', ';', ':', '—', '–', '“', '”', '"', '(', ')', '[', ']', '.', '!', '?']);

/** True when `s` looks like an abbreviation: 2-10 characters, a letter first, at least two capitals. */
export function isShortForm(s: string): boolean {
  if (s.length < 2 || s.length > 10) return false;
  if (!/^[\p{L}\p{N}]/u.test(s)) return false;
  if (!/\p{L}/u.test(s)) return false;
  const caps = s.match(RE_UPPER)?.length ?? 0;
  return caps >= 2;
}

/**
 * Start index in `long` of the long form that `short` abbreviates, or -1. Case-insensitive;
 * the short form's first letter or digit must start a word of the long form.
 */
export function schwartzHearst(short: string, long: string): number {
  let s = short.length - 1;
  let l = long.length - 1;
  const sLow = short.toLowerCase();
  const lLow = long.toLowerCase();
  while (s >= 0) {
    const c = sLow[s]!;
    if (!RE_ALNUM.test(c)) {
      s--;
      continue;
    }
    while (l >= 0 && (lLow[l] !== c || (s === 0 && l > 0 && RE_ALNUM.test(lLow[l - 1]!)))) l--;
    if (l < 0) return -1;
    l--;
    s--;
  }
  return lLow.lastIndexOf(' ', l) + 1;
}

/** Definitions in one block. */
export function findDefinitions(blockIndex: number, block: Block, tokens: readonly Token[], out: AbbreviationDefinition[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.text !== '(') continue;
    // Collect "(A)", "(A/B)", "(A / B)" up to the closing parenthesis.
    const shorts: string[] = [];
    let k = i + 1;
    let ok = true;
    let words = 0;
    while (k < tokens.length && tokens[k]!.text !== ')' && k - i <= 8) {
      const t = tokens[k]!;
      if (t.shape === SHAPE_PUNCT) {
        if (t.text !== '/' && t.text !== ',') ok = false;
      } else {
        words++;
        shorts.push(t.text);
      }
      k++;
    }
    if (!ok || k >= tokens.length || tokens[k]!.text !== ')' || shorts.length === 0) continue;
    const valid = shorts.filter(isShortForm);
    if (valid.length === shorts.length && words <= 3) {
      // long form (SHORT): the words before the parenthesis, back to a separator.
      const maxWords = Math.min(Math.max(...valid.map((v) => v.length)) + 5, Math.max(...valid.map((v) => v.length)) * 2);
      let from = i;
      let count = 0;
      while (from > 0 && count < maxWords) {
        const t = tokens[from - 1]!;
        if (t.shape === SHAPE_PUNCT && SEPARATORS.has(t.text)) break;
        if (t.initial && from - 1 > 0 && count > 0) {
          from--;
          count++;
          break;
        }
        from--;
        if (t.shape !== SHAPE_PUNCT) count++;
      }
      if (from >= i) continue;
      const windowStart = tokens[from]!.s;
      const windowText = block.text.slice(windowStart, tokens[i - 1]!.e);
      let best = -1;
      for (const v of valid) {
        const start = schwartzHearst(v, windowText);
        if (start < 0) continue;
        if (best < 0 || start > best) best = start; // the shortest matching long form
      }
      if (best < 0) continue;
      let longFrom = from;
      while (longFrom < i && tokens[longFrom]!.s < windowStart + best) longFrom++;
      // The long form starts with a capitalised word and has at least two words.
      while (longFrom < i && (tokens[longFrom]!.shape === SHAPE_LOWER || tokens[longFrom]!.shape === SHAPE_PUNCT)) longFrom++;
      let wordsIn = 0;
      for (let q = longFrom; q < i; q++) if (tokens[q]!.shape !== SHAPE_PUNCT) wordsIn++;
      const longText = withoutSoftHyphens(block.text.slice(tokens[longFrom]?.s ?? 0, tokens[i - 1]!.e));
      if (wordsIn < 2 && !/-/.test(longText)) continue;
      if (valid.some((v) => longText.toLowerCase() === v.toLowerCase())) continue;
      out.push({ block: blockIndex, short: valid, longFrom, longTo: i, long: longText });
    } else if (shorts.length >= 2 && i > 0) {
      // SHORT (long form): an acronym right before a parenthesised phrase.
      const prev = tokens[i - 1]!;
      if (prev.shape !== SHAPE_UPPER || !isShortForm(prev.text)) continue;
      const longFrom = i + 1;
      const longTo = k;
      const longText = withoutSoftHyphens(block.text.slice(tokens[longFrom]!.s, tokens[longTo - 1]!.e));
      if (schwartzHearst(prev.text, longText) !== 0) continue;
      out.push({ block: blockIndex, short: [prev.text], longFrom, longTo, long: longText });
    }
  }
}
