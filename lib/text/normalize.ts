/**
 * Text normalisation for matching, with every normalised UTF-16 unit mapped back to the
 * original text. Pure: no DOM, no browser API.
 *
 * One code point of the original text becomes zero, one or several "units" (UTF-16 code units
 * of the normalised text):
 *  - NFKD (compatibility decomposition; per code point, so "é" and "e"+U+0301 are the same),
 *  - locale-independent full case folding (lower(upper(lower(x))): "ß" -> "ss", "ς" -> "σ"),
 *  - apostrophes ' ’ ‘ ʼ ` ´ ′ -> ', dashes (Unicode Pd, minus sign) -> -,
 *  - any run of white space (NBSP, line breaks ...) -> one space, dropped at the block start,
 *  - default-ignorable code points (soft hyphen, ZWJ, ZWNJ, ZWSP, bidi controls, variation
 *    selectors ...) and control characters -> nothing,
 *  - diacritic folding for Latin script only (the "strip" mode, default): combining marks on a
 *    Latin base are dropped ("Khāmenei" -> "khamenei"), a few Latin letters without a
 *    decomposition are folded (ł ø đ ħ ŧ ı æ œ ð þ), and the transliteration half rings ʾ ʿ
 *    (U+02BE, U+02BF) are dropped ("Khāmeneʾi" -> "khamenei"). Marks on other scripts are kept:
 *    "й" is not "и", "が" is not "か".
 *
 * Every unit carries a boundary class (word, word in a script written without spaces, combining
 * mark, other) taken from the ORIGINAL code point, so "™" -> "tm" or "¹" -> "1" do not glue a
 * following word to a name.
 *
 * The hot path (`normalizeBlock`) writes into reusable typed arrays and never allocates per
 * character: ASCII goes through a 128-entry table, other BMP code points through a lazily
 * filled 64K-entry cache, astral ones through a small Map.
 */
import { CLS_OTHER, K_DROP, K_MARK, K_SPACE, K_UNIT, MATCH_MODE, tableFor, type NormalizeMode } from './unit-table';

export {
  CLS_MARK,
  CLS_OTHER,
  CLS_SPACELESS,
  CLS_WORD,
  isBoundary,
  isLowerCaseLetter,
  isUpperCaseLetter,
  isWordChar,
  MATCH_MODE,
  matchTable,
  PACKED_KIND_MASK,
  PACKED_SPACE,
  PACKED_UNIT,
  unitClass,
  type NormalizeMode,
} from './unit-table';

/**
 * Reusable output of `normalizeBlock`. For unit i: `units[i]` the normalised UTF-16 unit,
 * `cls[i]` its boundary class, `start[i]` the block offset of the original code point it comes
 * from (-1 when it is not the first unit of that code point's expansion: no match starts
 * there), `end[i]` the block offset just after that code point and any dropped marks attached
 * to it (-1 when it is not the last unit of the expansion: no match ends there).
 * Block offsets count UTF-16 units over the concatenated chunk texts of the block.
 */
export class NormBuffer {
  units: Uint16Array;
  cls: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.units = new Uint16Array(capacity);
    this.cls = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
  }

  get capacity(): number {
    return this.units.length;
  }

  ensure(capacity: number): void {
    if (capacity <= this.units.length) return;
    let cap = this.units.length * 2;
    while (cap < capacity) cap *= 2;
    const grow = <T extends Uint16Array | Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a.subarray(0, this.length) as never);
      return b;
    };
    this.units = grow(this.units, (n) => new Uint16Array(n));
    this.cls = grow(this.cls, (n) => new Uint8Array(n));
    this.start = grow(this.start, (n) => new Int32Array(n));
    this.end = grow(this.end, (n) => new Int32Array(n));
  }
}

/**
 * Normalise the texts `texts[from..to)` as one block into `buf` (which is reset). Offsets in
 * `buf.start`/`buf.end` count from the start of texts[from]. Leading white space is dropped
 * and a white-space run becomes one space unit.
 */
export function normalizeBlock(
  buf: NormBuffer,
  texts: ReadonlyArray<{ text: string }>,
  from: number,
  to: number,
  mode: NormalizeMode = MATCH_MODE,
): void {
  const table = tableFor(mode);
  const ascii = table.ascii;
  const strip = mode.strip;
  let units = buf.units;
  let cls = buf.cls;
  let us = buf.start;
  let ue = buf.end;
  let n = 0;
  let lastSpace = true;
  let prevLatin = false;
  let base = 0;
  let skipFirstOf = -1; // chunk whose first unit (a low surrogate) was paired with the previous chunk's last
  for (let k = from; k < to; k++) {
    const s = texts[k]!.text;
    const len = s.length;
    if (n + len + 2 > units.length) {
      buf.length = n;
      buf.ensure(n + len + 2);
      units = buf.units;
      cls = buf.cls;
      us = buf.start;
      ue = buf.end;
    }
    for (let p = k === skipFirstOf ? 1 : 0; p < len; p++) {
      const c = s.charCodeAt(p);
      let info: number;
      let w = 1;
      if (c < 128) {
        info = ascii[c]!;
      } else {
        let cp = c;
        if (c >= 0xd800 && c <= 0xdbff) {
          if (p + 1 < len) {
            const d = s.charCodeAt(p + 1);
            if (d >= 0xdc00 && d <= 0xdfff) {
              cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
              w = 2;
            }
          } else {
            // A pair split over two text nodes of the block: pair it with the next unit.
            let k2 = k + 1;
            while (k2 < to && texts[k2]!.text.length === 0) k2++;
            const d = k2 < to ? texts[k2]!.text.charCodeAt(0) : 0;
            if (d >= 0xdc00 && d <= 0xdfff) {
              cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
              w = 2;
              skipFirstOf = k2;
            }
          }
        }
        info = table.get(cp);
      }
      const at = base + p;
      if (info > 0) {
        const kind = info & 7;
        if (kind === K_UNIT) {
          units[n] = info >>> 8;
          cls[n] = (info >>> 4) & 3;
          us[n] = at;
          ue[n] = at + w;
          n++;
          lastSpace = false;
          prevLatin = (info & 8) !== 0;
        } else if (kind === K_SPACE) {
          if (!lastSpace) {
            units[n] = 0x20;
            cls[n] = CLS_OTHER;
            us[n] = at;
            ue[n] = at + w;
            n++;
            lastSpace = true;
          }
          prevLatin = false;
        } else if (kind === K_DROP) {
          if (n > 0 && ue[n - 1]! >= 0) ue[n - 1] = at + w;
        }
        // K_IGNORE: nothing.
      } else {
        const e = table.entries[-info - 1]!;
        if (e.kind === K_MARK && strip && prevLatin) {
          if (n > 0 && ue[n - 1]! >= 0) ue[n - 1] = at + w;
        } else {
          const m = e.units.length;
          if (n + m + (len - p) > units.length) {
            buf.length = n;
            buf.ensure(n + m + (len - p));
            units = buf.units;
            cls = buf.cls;
            us = buf.start;
            ue = buf.end;
          }
          for (let i = 0; i < m; i++) {
            units[n + i] = e.units[i]!;
            cls[n + i] = e.classes[i]!;
            us[n + i] = -1;
            ue[n + i] = -1;
          }
          us[n] = at;
          ue[n + m - 1] = at + w;
          n += m;
          lastSpace = e.units[m - 1] === 0x20;
          if (e.kind !== K_MARK) prevLatin = e.latin;
        }
      }
      if (w === 2) p++;
    }
    base += len;
  }
  buf.length = n;
}

let scratch: NormBuffer | null = null;

/** The normalised form of a string (trailing space removed), as a string of units. */
export function normalizeText(text: string, mode: NormalizeMode = MATCH_MODE): string {
  const buf = (scratch ??= new NormBuffer(256));
  normalizeBlock(buf, [{ text }], 0, 1, mode);
  let n = buf.length;
  if (n > 0 && buf.units[n - 1] === 0x20) n--;
  if (n <= 4096) return String.fromCharCode.apply(null, buf.units.subarray(0, n) as unknown as number[]);
  let out = '';
  for (let i = 0; i < n; i += 4096) out += String.fromCharCode.apply(null, buf.units.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  return out;
}
