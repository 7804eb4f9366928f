/**
 * What surrounds a candidate mention, for the rules that make a name out of a word
 * (docs/matching.md, "Names, not words"): is it the start of a sentence, a month next to a day
 * or a year, a part of a web address? Pure functions over the page text and a block's bounds
 * [blockStart, blockEnd); the candidate is [start, end). They run only for candidates, never
 * for every character.
 */
import { isLowerCaseLetter, isUpperCaseLetter } from './normalize';
import { isMonthName } from './common-words';

const isSpace = (c: string) => /\s/u.test(c);
/** Quotes, brackets, dashes and bullets that may open (or close, before one) a sentence. */
const isFrame = (c: string) => /[\p{Pi}\p{Pf}\p{Ps}\p{Pe}"'\p{Pd}•·*¡¿]/u.test(c);
const isWordChar = (c: string) => /[\p{L}\p{M}\p{N}_]/u.test(c);
/** Words a full stop follows without ending the sentence: "Mrs. May", "St. Louis". */
const ABBREVIATIONS = new Set(
  'mr mrs ms mme mlle dr prof sr sra sig st ste sen rep gov gen lt col capt cpt sgt maj adm cmdr rev hon pres jr no nr vs mt ft pt fr messrs gen'.split(' '),
);

/**
 * Whether the candidate starts a sentence: nothing but white space, quotes, brackets, dashes or
 * bullets between it and the block's start, or a full stop, "!", "?", "…", ":" or ";" — unless
 * that full stop ends an initial ("George W. Bush") or a title ("Mrs. May").
 */
export function isSentenceStart(text: string, blockStart: number, start: number): boolean {
  let i = start - 1;
  while (i >= blockStart && (isSpace(text[i]!) || isFrame(text[i]!))) i--;
  if (i < blockStart) return true;
  const c = text[i]!;
  if (c === '!' || c === '?' || c === '…' || c === ':' || c === ';') return true;
  if (c !== '.') return false;
  // The word before the full stop.
  let j = i - 1;
  while (j >= blockStart && /[\p{L}\p{M}]/u.test(text[j]!)) j--;
  const word = text.slice(j + 1, i);
  if (word.length === 1 && isUpperCaseLetter(word)) return false; // an initial
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  return true;
}

/** Every cased letter of `s` is a capital, and it has at least one. */
export function isAllCapitals(s: string): boolean {
  let upper = false;
  for (const ch of s) {
    if (isLowerCaseLetter(ch)) return false;
    if (!upper && isUpperCaseLetter(ch)) upper = true;
  }
  return upper;
}

/**
 * The capitals rule: each capital of the alias is a capital in the text; its other letters may
 * be either. Letters are paired in order (cased letters only); when folding changed their
 * number ("ß" = "ss"), only the common prefix is compared.
 */
export function capitalsMatch(alias: string, text: string): boolean {
  // Runs for every candidate of an alias with capitals: no allocation, ASCII without lookups.
  let i = 0;
  let j = 0;
  for (;;) {
    const a = nextCased(alias, i);
    if (a < 0) return true;
    i = cursor;
    const t = nextCased(text, j);
    if (t < 0) return true;
    j = cursor;
    if (a === 1 && t !== 1) return false;
  }
}

/** Where nextCased stopped (after the letter it found). */
let cursor = 0;

/** The next cased letter of `s` from `from`: 1 a capital, 0 a lower-case letter, -1 none; sets `cursor`. */
function nextCased(s: string, from: number): number {
  for (let k = from; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 128) {
      if (c >= 65 && c <= 90) {
        cursor = k + 1;
        return 1;
      }
      if (c >= 97 && c <= 122) {
        cursor = k + 1;
        return 0;
      }
      continue;
    }
    const cp = s.codePointAt(k)!;
    const ch = String.fromCodePoint(cp);
    const next = k + ch.length;
    if (isUpperCaseLetter(ch)) {
      cursor = next;
      return 1;
    }
    if (isLowerCaseLetter(ch)) {
      cursor = next;
      return 0;
    }
    k = next - 1;
  }
  return -1;
}

/** Words before a month name that make it one ("in May", "since May", "mid-May"). */
const MONTH_BEFORE = new Set('in since until till through last next this early late mid end beginning start from during before after'.split(' '));

/** The word (letters and digits) ending just before `i` (exclusive), skipping white space and `skip` characters. */
function wordBefore(text: string, blockStart: number, i: number, skip: RegExp): { word: string; start: number } {
  while (i > blockStart && (isSpace(text[i - 1]!) || skip.test(text[i - 1]!))) i--;
  let j = i;
  while (j > blockStart && isWordChar(text[j - 1]!)) j--;
  return { word: text.slice(j, i), start: j };
}

function wordAfter(text: string, blockEnd: number, i: number, skip: RegExp): { word: string; end: number } {
  while (i < blockEnd && (isSpace(text[i]!) || skip.test(text[i]!))) i++;
  let j = i;
  while (j < blockEnd && isWordChar(text[j]!)) j++;
  return { word: text.slice(i, j), end: j };
}

const DAY = /^(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th|er|º|°)?$/i;
const YEAR = /^(?:1[5-9]\d\d|2\d\d\d)$/;
/** Joins two months: "April and May", "May–June", "May or June", "May to July". */
const MONTH_JOIN = new Set(['and', 'or', 'to', 'through', 'et', 'ou', 'und', 'oder', 'y', 'o', 'e', 'a']);

/**
 * Whether a month-name candidate is the month: next to a day or a year ("May 5", "May 5th",
 * "5 May", "the 5th of May", "May 2024", "May, 2024"), after "in", "since", "last", "mid-"...
 * (unless a possessive follows: "in May's cabinet"), or joined to another month ("April and
 * May", "May–June").
 */
export function isMonthUse(text: string, blockStart: number, blockEnd: number, start: number, end: number): boolean {
  const possessive = /^['’]s\b/.test(text.slice(end, end + 3));
  if (possessive) return false;
  const next = wordAfter(text, blockEnd, end, /[,.]/);
  if (DAY.test(next.word) || YEAR.test(next.word)) return true;
  const prev = wordBefore(text, blockStart, start, /[,-]/);
  if (DAY.test(prev.word)) return true;
  if (prev.word.toLowerCase() === 'of') {
    const day = wordBefore(text, blockStart, prev.start, /[,]/);
    if (DAY.test(day.word) || /^(?:the|end|beginning|start|middle)$/i.test(day.word)) return true;
  }
  if (MONTH_BEFORE.has(prev.word.toLowerCase())) return true;
  // Joined to another month, either side.
  const dashAfter = /^\s*[-–—/]\s*/.exec(text.slice(end, end + 4));
  const after = dashAfter ? wordAfter(text, blockEnd, end + dashAfter[0].length, /$^/) : MONTH_JOIN.has(next.word.toLowerCase()) ? wordAfter(text, blockEnd, next.end, /$^/) : null;
  if (after && isMonthName(after.word)) return true;
  const dashBefore = /\s*[-–—/]\s*$/.exec(text.slice(Math.max(blockStart, start - 4), start));
  const before = dashBefore
    ? wordBefore(text, blockStart, start - dashBefore[0].length, /$^/)
    : MONTH_JOIN.has(prev.word.toLowerCase())
      ? wordBefore(text, blockStart, prev.start, /[,]/)
      : null;
  return before !== null && isMonthName(before.word);
}

/**
 * Whether the candidate is part of a web address written in the text ("pic.twitter.com/x",
 * "nytimes.com", "www.reuters.com/world", "press@apple.com"): the run of non-space characters
 * around it, without the punctuation that may wrap it, has a scheme, starts with "www.", holds
 * an "@" between words, or is a host name (words joined by dots, ending in a label of 2+
 * letters) with perhaps a path. An alias with a dot of its own ("Amazon.com") is exempt.
 */
export function inWebAddress(text: string, blockStart: number, blockEnd: number, start: number, end: number): boolean {
  const before = start > blockStart ? text[start - 1]! : ' ';
  const after = end < blockEnd ? text[end]! : ' ';
  // Quick exit: an address joins words with . / @ : around the name.
  if (!'./@:'.includes(before) && !'./@:'.includes(after)) return false;
  let s = start;
  while (s > blockStart && !isSpace(text[s - 1]!)) s--;
  let e = end;
  while (e < blockEnd && !isSpace(text[e]!)) e++;
  const token = text
    .slice(s, e)
    .replace(/^[\p{Ps}\p{Pi}"'<]+/u, '')
    .replace(/[\p{Pe}\p{Pf}"'>.,;:!?]+$/u, '');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(token) || /^www\./i.test(token)) return true;
  if (/[\p{L}\p{N}]@[\p{L}\p{N}]/u.test(token)) return true;
  const host = /^([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)(?:[/:?#]|$)/u.exec(token);
  if (!host) return false;
  const labels = host[1]!.split('.');
  const tld = labels[labels.length - 1]!;
  return tld.length >= 2 && /^\p{L}+$/u.test(tld) && labels.every((l) => l.length > 0);
}
