/**
 * The per-code-point table behind normalisation (normalize.ts): what each code point of the
 * original text becomes (zero, one or several normalised units, each with a boundary class),
 * computed once from Unicode data and cached per mode. The rules are in normalize.ts's header.
 */

/** Boundary classes of normalised units. */
export const CLS_OTHER = 0;
/** Letter or digit of a script written with spaces between words (Latin, Cyrillic, Arabic...). */
export const CLS_WORD = 1;
/** Letter or digit of a script written without spaces (Han, kana, Hangul, Thai, Lao, Khmer...). */
export const CLS_SPACELESS = 2;
/** A combining mark kept in the normalised text (on a non-Latin base). */
export const CLS_MARK = 3;

/**
 * Whether a match may start or end between unit classes `a` (left) and `b` (right): never in
 * front of a combining mark, never between two letters/digits of spaced scripts. A letter of a
 * spaceless script on either side is always a boundary.
 */
export function isBoundary(a: number, b: number): boolean {
  return b !== CLS_MARK && (a & b) !== 1;
}

// Kinds of per-code-point entries.
export const K_UNIT = 1; // one unit (packed)
export const K_SPACE = 2;
const K_IGNORE = 3;
export const K_DROP = 4; // dropped, attaches to the previous unit (Latin combining mark, ʾ ʿ)
const K_MULTI = 5; // several units (or a kept combining mark): see `Entry`
export const K_MARK = 6; // standalone combining mark: dropped after a Latin base when stripping, else kept

export interface Entry {
  kind: number;
  /** The base of this code point is a Latin letter (for following standalone marks). */
  latin: boolean;
  units: Uint16Array;
  classes: Uint8Array;
}

export interface NormalizeMode {
  /** Case folding (false for exact-case comparison). */
  fold: boolean;
  /** Latin diacritic folding (false for diacritic-sensitive comparison). */
  strip: boolean;
}

const APOSTROPHES = new Set([0x27, 0x2019, 0x2018, 0x02bc, 0x60, 0xb4, 0x2032, 0xff07, 0x201b]);
/** Latin letters without a canonical decomposition, folded when stripping diacritics. */
const LATIN_FOLDS: Record<string, string> = {
  ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ŧ: 't', ı: 'i', æ: 'ae', œ: 'oe', ð: 'd', þ: 'th', ŀ: 'l', ȷ: 'j', ƀ: 'b', ɨ: 'i',
  ʉ: 'u', ƶ: 'z', ȥ: 'z', ɇ: 'e', ɍ: 'r', ɏ: 'y', ꝁ: 'k', ſ: 's',
};

const RE_MARK = /^\p{M}$/u;
/** Letters, decimal and letter digits, and connector punctuation ("_" joins words, as in UAX #29). */
const RE_WORD = /^[\p{L}\p{Nd}\p{Nl}\p{Pc}]$/u;
const RE_LATIN = /^\p{Script=Latin}$/u;
const RE_SPACELESS =
  /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}\p{scx=Tibetan}\p{scx=Bopomofo}\p{scx=Yi}\p{scx=Tai_Le}\p{scx=New_Tai_Lue}\p{scx=Tai_Tham}\p{scx=Tai_Viet}\p{scx=Balinese}\p{scx=Javanese}]$/u;
const RE_IGNORABLE = /^[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\p{Cs}\p{Co}\p{Cn}]$/u;
const RE_SPACE = /^\s$/u;
const RE_DASH = /^[\p{Pd}\u2212]$/u;

function classOf(ch: string): number {
  if (RE_MARK.test(ch)) return CLS_MARK;
  if (!RE_WORD.test(ch)) return CLS_OTHER;
  return RE_SPACELESS.test(ch) ? CLS_SPACELESS : CLS_WORD;
}

const unitClasses = new Uint8Array(0x10000); // 0 unknown, else class + 1

/** The boundary class of a normalised unit taken as a character by itself (surrogates: other). */
export function unitClass(u: number): number {
  let c = unitClasses[u]!;
  if (c === 0) c = unitClasses[u] = classOf(String.fromCharCode(u)) + 1;
  return c - 1;
}

function foldCase(s: string): string {
  return s.toLowerCase().toUpperCase().toLowerCase();
}

/** The entry of one code point, computed from Unicode data (slow; results are cached). */
function computeEntry(cp: number, mode: NormalizeMode): Entry {
  const ch = String.fromCodePoint(cp);
  const single = (unit: number, cls: number, latin = false): Entry => ({
    kind: K_UNIT,
    latin,
    units: Uint16Array.of(unit),
    classes: Uint8Array.of(cls),
  });
  const special = (kind: number): Entry => ({ kind, latin: false, units: new Uint16Array(0), classes: new Uint8Array(0) });
  if (APOSTROPHES.has(cp)) return single(0x27, CLS_OTHER);
  if (cp === 0x85 || (RE_SPACE.test(ch) && cp !== 0xfeff)) return special(K_SPACE);
  if (cp === 0x34f || RE_IGNORABLE.test(ch)) return special(K_IGNORE);
  if (RE_DASH.test(ch)) return single(0x2d, CLS_OTHER);
  if (mode.strip && (cp === 0x2be || cp === 0x2bf)) return special(K_DROP);
  if (RE_MARK.test(ch)) {
    let s = ch.normalize('NFKD');
    if (mode.fold) s = foldCase(s).normalize('NFKD');
    const units: number[] = [];
    for (let i = 0; i < s.length; i++) units.push(s.charCodeAt(i));
    return { kind: K_MARK, latin: false, units: Uint16Array.from(units), classes: new Uint8Array(units.length).fill(CLS_MARK) };
  }
  const origClass = classOf(ch);
  let s = ch.normalize('NFKD');
  // Spacing accents ("¨" -> " ̈") would become a space and a mark: keep them as they are.
  if (s.charCodeAt(0) === 0x20) s = ch;
  if (mode.fold) s = foldCase(s).normalize('NFKD');
  const units: number[] = [];
  const classes: number[] = [];
  let latin = false;
  let sawBase = false;
  for (const c of s) {
    const ccp = c.codePointAt(0)!;
    if (RE_MARK.test(c)) {
      if (mode.strip && latin) continue;
      for (let i = 0; i < c.length; i++) {
        units.push(c.charCodeAt(i));
        classes.push(CLS_MARK);
      }
      continue;
    }
    if (!sawBase) {
      sawBase = true;
      latin = RE_LATIN.test(c);
    }
    let out = c;
    let cls = origClass;
    if (APOSTROPHES.has(ccp)) {
      out = "'";
      cls = CLS_OTHER;
    } else if (RE_DASH.test(c)) {
      out = '-';
      cls = CLS_OTHER;
    } else if (ccp === 0x85 || RE_SPACE.test(c)) {
      out = ' ';
      cls = CLS_OTHER;
    } else if (RE_IGNORABLE.test(c)) {
      continue;
    } else if (mode.strip && LATIN_FOLDS[c] !== undefined) {
      out = LATIN_FOLDS[c]!;
    } else if (mode.strip && !mode.fold && LATIN_FOLDS[c.toLowerCase()] !== undefined) {
      const f = LATIN_FOLDS[c.toLowerCase()]!;
      out = c === c.toLowerCase() ? f : f.toUpperCase();
    }
    for (let i = 0; i < out.length; i++) {
      units.push(out.charCodeAt(i));
      classes.push(cls);
    }
  }
  if (units.length === 0) return special(mode.strip && latin ? K_DROP : K_IGNORE);
  // One unit whose class is that of the unit itself: the packed fast form. ("²" -> "2" keeps
  // the class of "²", not of "2": such characters take the general path, so that in the fast
  // path the class of a unit never depends on where it came from.)
  if (units.length === 1 && classes[0] !== CLS_MARK && classes[0] === unitClass(units[0]!)) return single(units[0]!, classes[0]!, latin);
  return { kind: K_MULTI, latin, units: Uint16Array.from(units), classes: Uint8Array.from(classes) };
}

/**
 * Per-mode cache. Packed entries (> 0): kind | latin << 3 | class << 4 | unit << 8.
 * Negative: -(index + 1) into `entries`. 0: not computed yet.
 */
export class FoldTable {
  readonly ascii = new Int32Array(128);
  bmp: Int32Array | null = null;
  private readonly astral = new Map<number, number>();
  readonly entries: Entry[] = [];

  constructor(readonly mode: NormalizeMode) {
    for (let c = 0; c < 128; c++) this.ascii[c] = this.compute(c);
  }

  private compute(cp: number): number {
    const e = computeEntry(cp, this.mode);
    if (e.kind === K_UNIT) return K_UNIT | ((e.latin ? 1 : 0) << 3) | (e.classes[0]! << 4) | (e.units[0]! << 8);
    if (e.kind === K_SPACE || e.kind === K_IGNORE || e.kind === K_DROP) return e.kind;
    this.entries.push(e);
    return -this.entries.length;
  }

  get(cp: number): number {
    if (cp < 0x10000) {
      let bmp = this.bmp;
      if (bmp === null) {
        // ASCII too, so that a scanner needs one table.
        bmp = this.bmp = new Int32Array(0x10000);
        bmp.set(this.ascii);
      }
      let v = bmp[cp]!;
      if (v === 0) v = bmp[cp] = this.compute(cp);
      return v;
    }
    let v = this.astral.get(cp);
    if (v === undefined) {
      v = this.compute(cp);
      this.astral.set(cp, v);
    }
    return v;
  }
}

const tables = new Map<number, FoldTable>();
export function tableFor(mode: NormalizeMode): FoldTable {
  const key = (mode.fold ? 1 : 0) | (mode.strip ? 2 : 0);
  let t = tables.get(key);
  if (!t) tables.set(key, (t = new FoldTable(mode)));
  return t;
}

export const MATCH_MODE: NormalizeMode = { fold: true, strip: true };

/** Packed-entry layout, for the matcher's single-pass fast path. */
export const PACKED_KIND_MASK = 7;
export const PACKED_UNIT = K_UNIT;
export const PACKED_SPACE = K_SPACE;

/**
 * The match-mode table for the matcher's fast path: `ascii[c]` and `bmp[c]` are packed
 * entries (`bmp` covers ASCII too; 0 in `bmp`: not computed yet, call `get`). A positive entry of kind PACKED_UNIT is
 * one unit (`>>> 8`) of class `(>>> 4) & 3`; PACKED_SPACE is white space; anything else needs
 * the general path.
 */
export function matchTable(): { ascii: Int32Array; bmp: Int32Array; get(cp: number): number } {
  const t = tableFor(MATCH_MODE);
  t.get(0x80);
  return t as { ascii: Int32Array; bmp: Int32Array; get(cp: number): number };
}

/** Letters with case: for the capitalisation rules of all-capitals aliases. */
export function isUpperCaseLetter(ch: string): boolean {
  return ch !== ch.toLowerCase();
}
export function isLowerCaseLetter(ch: string): boolean {
  return ch !== ch.toUpperCase();
}
export function isWordChar(ch: string): boolean {
  return RE_WORD.test(ch) || RE_MARK.test(ch);
}
