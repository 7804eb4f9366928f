/**
 * Blocks and tokens for discovery. A block is the text of the chunks between two `blockStart`
 * flags (a paragraph, heading, list item...); no name crosses a block boundary. Tokens carry
 * their block offsets, their shape (capitalised, all capitals, lower case, number,
 * punctuation), a possessive flag ("Iran’s": the token is "Iran", the "’s" is not part of it)
 * and whether they start a sentence.
 */
import type { TextChunk, TextPosition } from '../types';
import { wordKey } from '../fold';
import { chunkIndexAt } from '../offsets';
import { ADJECTIVE_SUFFIX } from './lexicon';

export interface Block {
  text: string;
  /** Index of the block's first chunk. */
  firstChunk: number;
  /** Block offset at which each of its chunks starts. */
  bases: number[];
  /** A title-cased or all-capitals line: its capitals say nothing about names (set with its tokens). */
  headline: boolean;
  /** A line of a list or a table: ranks, results, standings (isListLine; set with its tokens). */
  list?: boolean;
}

/** A block and its tokens: what both passes of discovery read. */
export interface BlockTokens {
  block: Block;
  tokens: Token[];
}

export const SHAPE_LOWER = 0;
export const SHAPE_CAP = 1; // Obama, McCarthy, al-Qaeda, iPhone
export const SHAPE_UPPER = 2; // NCRI, G40, U.S., H.W.
export const SHAPE_NUM = 3; // 2009, 1990s, 4.8
export const SHAPE_PUNCT = 4;
export type Shape = 0 | 1 | 2 | 3 | 4;

export interface Token {
  /** Block offsets; a possessive ending is outside [s, e). A kept abbreviation dot is inside. */
  s: number;
  e: number;
  text: string;
  /** The word's key (`wordKey`, lib/text/fold.ts): lower case, diacritics and soft hyphens removed, curly apostrophes straightened. */
  norm: string;
  shape: Shape;
  /** Followed by a possessive ending ("Iran’s", "Guards’"). */
  poss: boolean;
  /** Starts a sentence (or a block, or a quotation). */
  initial: boolean;
  /** A single capital with a dot ("J.") or a dotted acronym ("H.W."). */
  initialLetter: boolean;
  /** A 4-digit year 1000-2099. */
  year: boolean;
  /**
   * The lexicon's flags of the word, once flagsOf (block-context.ts) has read them; -1 before.
   * A page's tokens are read with one lexicon, so the rules that ask a token again and again
   * (each cue, each step) pay one look-up.
   */
  flags: number;
}

const RE_ARABIC_PREFIX = /^(?:al|el|ad|as|ash|at|ar|an|ul|ud)-\p{Lu}/u;
const RE_YEAR = /^(?:1\d|20)\d\d$/;
/** A lower-case elided word and its apostrophe before a capital: "d’", "l’", "qu’", "dell’", "all’". */
const RE_ELIDED = /^\p{Ll}{1,6}['’](?=\p{Lu})/u;

/** Words that keep their dot: abbreviations, honorifics, months. */
const DOT_WORDS = new Set(
  `mr mrs ms mssrs messrs dr prof sr jr st mt ft co inc corp ltd bros dept univ assn gov sen rep reps gen col lt sgt capt
  cmdr adm maj rev hon pres supt det insp no nos vs etc esp approx jan feb mar apr jun jul aug sep sept oct nov dec mon tue
  tues wed thu thur thurs fri sat sun ave blvd rd mme mlle`.split(/\s+/),
);

/** Chunks into blocks. */
export function blocksOf(chunks: readonly TextChunk[]): Block[] {
  const blocks: Block[] = [];
  let cur: { parts: string[]; firstChunk: number; bases: number[]; len: number } | null = null;
  const flush = () => {
    if (!cur) return;
    const text = cur.parts.length === 1 ? cur.parts[0]! : cur.parts.join('');
    blocks.push({ text, firstChunk: cur.firstChunk, bases: cur.bases, headline: false });
  };
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i]!;
    if (!cur || c.blockStart) {
      flush();
      cur = { parts: [], firstChunk: i, bases: [], len: 0 };
    }
    cur.bases.push(cur.len);
    cur.parts.push(c.text);
    cur.len += c.text.length;
  }
  flush();
  return blocks;
}

/** The page as blocks with their tokens, each block flagged when it is a headline. */
export function readBlocks(chunks: readonly TextChunk[]): BlockTokens[] {
  const blocks = blocksOf(chunks);
  const all = blocks.map((b) => tokenize(b.text));
  return blocks.map((block, b) => {
    const tokens = clubNumbers(all[b]!, all[b + 1]);
    block.list = isListLine(tokens);
    block.headline = !block.list && isHeadlineTokens(block.text, tokens);
    return { block, tokens };
  });
}

/** "1." before a club's capitals ("1. FC Köln", "1. FSV Mainz 05"). */
const RE_CLUB_ORDINAL = /^\p{Lu}{2,4}$/u;

/**
 * Numbers that belong to a club's name, made name tokens: the ordinal "1." before its capitals
 * ("1. FC Köln") and a two-digit number with a leading zero after its name ("Mainz 05", "Bayer 04
 * Leverkusen": a year of founding; a score or a table figure never has the zero). A "1." that
 * opens a line followed by a line opening with "2." is a rank, not part of the name.
 */
export function clubNumbers(tokens: Token[], nextLine: readonly Token[] | undefined): Token[] {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.shape !== SHAPE_NUM) continue;
    const prev = tokens[k - 1];
    if (t.text.length === 2 && t.text[0] === '0' && prev && (prev.shape === SHAPE_CAP || prev.shape === SHAPE_UPPER) && !prev.poss) {
      const next = tokens[k + 1];
      if (!next || next.shape !== SHAPE_PUNCT || next.s > t.e || !/^[.:/,]$/.test(next.text)) tokens[k] = { ...t, shape: SHAPE_UPPER };
      continue;
    }
    const dot = tokens[k + 1];
    const club = tokens[k + 2];
    if (t.text !== '1' || dot?.text !== '.' || dot.s !== t.e || !club || club.s === dot.e || club.initialLetter || !RE_CLUB_ORDINAL.test(club.text)) continue;
    if (k === 0 && nextLine?.[0]?.text === '2' && nextLine[1]?.text === '.') continue; // a rank
    tokens.splice(k, 2, { ...t, e: dot.e, text: '1.', norm: '1.', shape: SHAPE_UPPER });
    if (club.initial && k > 0) tokens[k + 1] = { ...club, initial: false };
  }
  return tokens;
}

/** Block offset -> chunk position: a start goes to the chunk holding its character, an end to the chunk holding the character before it. */
export function positionIn(block: Block, off: number, isEnd: boolean): TextPosition {
  const k = chunkIndexAt(block.bases, 0, block.bases.length - 1, off, isEnd);
  return { chunk: block.firstChunk + k, offset: off - block.bases[k]! };
}

const HEADLINE_MAX = 220;

const OPEN_QUOTES = new Set(['“', '"', '‘', '«', '[', '„']);
const TERMINALS = new Set(['.', '!', '?', '…', ':', '•', '|', '·']);

const NORM_CACHE = new Map<string, string>();
const NORM_CACHE_MAX = 50_000;

function normCached(word: string): string {
  let n = NORM_CACHE.get(word);
  if (n === undefined) {
    if (NORM_CACHE.size >= NORM_CACHE_MAX) NORM_CACHE.clear();
    n = wordKey(word);
    NORM_CACHE.set(word, n);
  }
  return n;
}

// Character classes of UTF-16 units, filled lazily (one regex test per distinct unit).
const C_LETTER = 1;
const C_MARK = 2;
const C_DIGIT = 4;
const C_SPACE = 8;
const C_UPPER = 16;
const C_LOWER = 32;
const C_KNOWN = 128;
const CLASS = new Uint8Array(0x10000);
const RE_L = /\p{L}/u;
const RE_M = /\p{M}/u;
const RE_N = /\p{N}/u;
const RE_S = /\s/u;

function classOf(code: number): number {
  let c = CLASS[code]!;
  if (c !== 0) return c;
  c = C_KNOWN;
  if (code >= 0xd800 && code <= 0xdfff) c |= C_LETTER; // astral: treat as part of a word
  else {
    const ch = String.fromCharCode(code);
    if (RE_L.test(ch)) {
      c |= C_LETTER;
      if (ch.toLowerCase() !== ch) c |= C_UPPER;
      else if (ch.toUpperCase() !== ch) c |= C_LOWER;
    } else if (RE_M.test(ch)) c |= C_MARK;
    else if (RE_N.test(ch)) c |= C_DIGIT;
    else if (RE_S.test(ch)) c |= C_SPACE;
  }
  CLASS[code] = c;
  return c;
}

const WORD_CHAR = C_LETTER | C_MARK | C_DIGIT;
const isWordUnit = (code: number) => code === 0xad || (classOf(code) & WORD_CHAR) !== 0;
const isJoiner = (code: number) => code === 0x2019 || code === 39 || code === 45 || code === 0x2010 || code === 0x2011;

/** The shape of a word: a number, capitalised (also "al-Qaeda", "iPhone"), all capitals, or lower case. */
function shapeOf(word: string): Shape {
  let upper = 0;
  let lower = 0;
  let digits = 0;
  for (let q = 0; q < word.length; q++) {
    const k = classOf(word.charCodeAt(q));
    if (k & C_UPPER) upper++;
    else if (k & C_LOWER) lower++;
    else if (k & C_DIGIT) digits++;
  }
  return shapeOfCounts(word, upper, lower, digits);
}

/** shapeOf, the word's capitals, lower-case letters and digits counted already (by the tokenizer's scan). */
function shapeOfCounts(word: string, upper: number, lower: number, digits: number): Shape {
  const k0 = classOf(word.charCodeAt(0));
  if (k0 & C_DIGIT) return SHAPE_NUM;
  if (k0 & C_UPPER) return lower === 0 && (upper >= 2 || digits > 0) ? SHAPE_UPPER : SHAPE_CAP;
  if (upper > 0 && lower > 0 && word.length > 2 && (RE_ARABIC_PREFIX.test(word) || classOf(word.charCodeAt(1)) & C_UPPER)) return SHAPE_CAP; // al-Qaeda, iPhone
  return SHAPE_LOWER;
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const len = text.length;
  let pendingStart = true;
  let prevWasSpace = true;
  let p = 0;
  while (p < len) {
    const code = text.charCodeAt(p);
    const cls = CLASS[code]! || classOf(code);
    if (cls & C_SPACE) {
      prevWasSpace = true;
      p++;
      continue;
    }
    let s = p;
    if (!(cls & (C_LETTER | C_DIGIT))) {
      // Punctuation (marks and soft hyphens outside words too).
      const ch = text[p]!;
      // A rank or item number opening a line ("3. Anna Schmidt", "12) Reading"): what follows
      // is a list item's name, not a sentence's first word.
      const rank = (ch === '.' || ch === ')') && out.length === 1 && out[0]!.shape === SHAPE_NUM && out[0]!.text.length <= 3;
      if (TERMINALS.has(ch) && !rank) pendingStart = true;
      else if (rank) pendingStart = false;
      else if (OPEN_QUOTES.has(ch) && prevWasSpace) pendingStart = true;
      out.push({ s, e: s + 1, text: ch, norm: ch, shape: SHAPE_PUNCT, poss: false, initial: false, initialLetter: false, year: false, flags: -1 });
      prevWasSpace = false;
      p++;
      continue;
    }
    prevWasSpace = false;
    let e = p;
    let initialLetter = false;
    let dotted = false;
    // Dotted acronym: "U.S.", "H.W.", "a.m.".
    if (cls & C_LETTER && text.charCodeAt(p + 1) === 46 && classOf(text.charCodeAt(p + 2)) & C_LETTER && text.charCodeAt(p + 3) === 46) {
      let q = p;
      while (q + 1 < len && classOf(text.charCodeAt(q)) & C_LETTER && text.charCodeAt(q + 1) === 46) q += 2;
      e = q;
      dotted = true;
      initialLetter = true;
    } else if (cls & C_DIGIT) {
      // Number: "4.8", "30,000", "2009", "1990s", "19th-century".
      let q = p;
      while (q < len && classOf(text.charCodeAt(q)) & C_DIGIT) q++;
      while ((text.charCodeAt(q) === 46 || text.charCodeAt(q) === 44) && classOf(text.charCodeAt(q + 1)) & C_DIGIT) {
        q++;
        while (q < len && classOf(text.charCodeAt(q)) & C_DIGIT) q++;
      }
      e = q;
    }
    // The units of the word OR-ed together: below 128, an ASCII word, whose key is only its
    // lower case (wordKey's own fast path, without the cache's hashing: most tokens).
    let units = dotted ? 0xffff : 0;
    let apostrophe = false;
    // Its capitals, lower-case letters and digits, for its shape (shapeOfCounts).
    let upper = 0;
    let lower = 0;
    let digits = 0;
    if (!dotted) {
      // Word: word units, joined by apostrophes and hyphens.
      let q = e === p ? p : e;
      for (;;) {
        for (; q < len; q++) {
          const u = text.charCodeAt(q);
          const k = CLASS[u]! || classOf(u);
          if (!(k & WORD_CHAR) && u !== 0xad) break;
          units |= u;
          if (k & C_UPPER) upper++;
          else if (k & C_LOWER) lower++;
          else if (k & C_DIGIT) digits++;
        }
        const j = text.charCodeAt(q);
        if (q + 1 < len && isJoiner(j) && isWordUnit(text.charCodeAt(q + 1)) && text.charCodeAt(q + 1) !== 0xad) {
          if (j === 39 || j === 0x2019) apostrophe = true;
          units |= j;
          q++;
          continue;
        }
        break;
      }
      e = q;
    }
    let word = text.slice(s, e);
    // An elided article or preposition before a name ("d’Alan Moore", "l’Assemblée", "dell’Aquila"):
    // its own lower-case token, so that the name starts at its capital.
    const elided = apostrophe && RE_ELIDED.exec(word);
    if (elided) {
      const k = elided[0].length;
      const pre = word.slice(0, k);
      out.push({ s, e: s + k, text: pre, norm: normCached(pre), shape: SHAPE_LOWER, poss: false, initial: pendingStart, initialLetter: false, year: false, flags: -1 });
      pendingStart = false;
      s += k;
      word = word.slice(k);
    }
    let poss = false;
    if (!dotted) {
      // Possessive "’s" / "'s" at the end of a word.
      const n = word.length;
      const c2 = word.charCodeAt(n - 2);
      const c1 = word.charCodeAt(n - 1);
      if (n > 2 && (c2 === 0x2019 || c2 === 39) && (c1 === 115 || c1 === 83)) {
        word = word.slice(0, n - 2);
        poss = true;
      } else if (c1 === 115 || c1 === 83) {
        // Plural possessive: "Guards’ power".
        const next = text.charCodeAt(e);
        if (next === 0x2019 || next === 39) {
          const after = text.charCodeAt(e + 1);
          if (!(after >= 65 && after <= 90) && !(after >= 97 && after <= 122)) {
            poss = true;
            e++;
          }
        }
      }
      // Abbreviation dot.
      if (!poss && text.charCodeAt(e) === 46) {
        const single = word.length === 1 && (classOf(word.charCodeAt(0)) & C_UPPER) !== 0;
        if (single || (word.length <= 5 && DOT_WORDS.has(word.toLowerCase()))) {
          word += '.';
          e += 1;
          if (single) initialLetter = true;
        }
      }
    }
    p = e;
    // Shape.
    // The scan's counts are the word's unless a part was cut off (an elision, a possessive).
    let shape = dotted || elided || poss ? shapeOf(word) : shapeOfCounts(word, upper, lower, digits);
    const norm = units < 128 ? word.toLowerCase() : normCached(word);
    if (shape === SHAPE_CAP && norm.includes('-') && ADJECTIVE_SUFFIX.test(norm)) shape = SHAPE_LOWER; // "London-based"
    out.push({
      s,
      e: poss ? s + word.length : e,
      text: word,
      norm,
      shape,
      poss,
      initial: pendingStart,
      initialLetter,
      year: shape === SHAPE_NUM && word.length === 4 && RE_YEAR.test(word),
      flags: -1,
    });
    pendingStart = false;
  }
  return out;
}

const SMALL = new Set(['with', 'from', 'into', 'over', 'that', 'this', 'than', 'after', 'about', 'their', 'they', 'what', 'when', 'where', 'have', 'were', 'will', 'your']);

/**
 * A line of a list or a table: it opens with a rank ("3. Anna Schmidt (Austria) 1:52.30") or
 * carries two numbers or more ("Leeds 1 Manchester United 2", "Leicester City 38 23 12 3 81").
 * Its capitals are names, not a headline's style.
 */
export function isListLine(tokens: readonly Token[]): boolean {
  const t0 = tokens[0];
  if (t0 && t0.shape === SHAPE_NUM && (tokens[1]?.text === '.' || tokens[1]?.text === ')') && t0.text.length <= 3) return true;
  let numbers = 0;
  for (let q = 0; q < tokens.length; q++) {
    const t = tokens[q]!;
    if (t.shape === SHAPE_NUM && ++numbers >= 2) return true;
    // "Ilse Brandvold (Velkaro Wanderers)": a line that ends with a name's club, party or
    // nation in brackets is a list item.
    if (t.text === '(' && isCapital(tokens[q - 1]) && isCapital(tokens[q + 1]) && tokens[tokens.length - 1]!.text === ')') return true;
  }
  return false;
}

const isCapital = (t: Token | undefined) => !!t && (t.shape === SHAPE_CAP || t.shape === SHAPE_UPPER);

/**
 * A headline: short, not ending with a full stop, and three quarters of its words of four
 * letters or more capitalised; or mostly in capitals. A list or table line is none.
 */
export function isHeadlineTokens(text: string, tokens: readonly Token[]): boolean {
  if (text.length > HEADLINE_MAX) return false;
  if (isListLine(tokens)) return false;
  let words = 0;
  let caps = 0;
  let upper = 0;
  let longWords = 0;
  let lastPunct = '';
  for (const t of tokens) {
    if (t.shape === SHAPE_PUNCT) {
      lastPunct = t.text;
      continue;
    }
    lastPunct = '';
    if (t.shape === SHAPE_NUM) continue;
    const len = t.text.length;
    if (len >= 2) {
      longWords++;
      if (t.shape === SHAPE_UPPER) upper++;
    }
    if (len < 4 && !SMALL.has(t.norm)) continue;
    words++;
    if (t.shape === SHAPE_CAP || t.shape === SHAPE_UPPER) caps++;
  }
  if (longWords >= 3 && upper * 4 >= longWords * 3) return true;
  if (lastPunct === '.' && !text.trimEnd().endsWith('...')) return false;
  return words >= 3 && caps * 4 >= words * 3;
}

/** The words the page writes in lower case somewhere: evidence of a common word. */
export function lowerWordsOf(docs: readonly BlockTokens[]): Set<string> {
  const set = new Set<string>();
  for (const d of docs) for (const t of d.tokens) if (t.shape === SHAPE_LOWER && t.norm.length > 1) set.add(t.norm);
  return set;
}
