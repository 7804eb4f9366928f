/**
 * String folding policies: the few ways the extension makes two spellings of a text compare
 * equal, each named after what it is for. Pure functions of a string; no DOM, no imports. Pick
 * the policy by its use, never by what it happens to do today: a policy may become stricter or
 * looser for its use without its callers changing.
 *
 *  - matching a glossary alias in page text: not here. The matcher folds with `normalizeText`
 *    (lib/text/normalize.ts: full case folding, NFKD, Latin diacritics, apostrophes, dashes,
 *    ignorables), keeping every unit's offset in the page; its rules are in docs/matching.md.
 *  - `wordKey`: a word of discovery (lib/text/discovery), the key names are grouped by.
 *  - `writtenForm`: a name as the page wrote it, for display.
 *  - `withoutSoftHyphens`: text as written, only the soft hyphens (U+00AD) out.
 *  - `nameKey`: the reader's own names (entity names, aliases) compared for duplicates and
 *    merges; diacritics count ("Müller" is not "Muller").
 *  - `searchKey`: free text searched by a query typed by the reader; accents and case ignored.
 */

const RE_SOFT_HYPHEN = /\u00AD/g;
/** Combining diacritics (the block U+0300–U+036F) and soft hyphens, dropped by `wordKey`. */
const RE_WORD_DROPPED = /[\u0300-\u036f\u00AD]/g;
const RE_NON_ASCII = /[^\x00-\x7f]/;
const RE_WORD_APOSTROPHES = /[’‘`´]/g;
const RE_WORD_DASHES = /[‐‑–]/g;
const RE_NAME_APOSTROPHES = /[\u2018\u2019\u02bc]/g;
const RE_SPACES = /\s+/g;
const RE_MARKS = /\p{M}+/gu;

/**
 * A word of discovery: lower case; beyond ASCII also compatibility-decomposed (NFKD), combining
 * diacritics (of any script: "й" -> "и") and soft hyphens dropped, curly apostrophes, backticks and acute accents
 * straightened to ', hyphen, non-breaking hyphen and en dash to -. "Österreich" -> "osterreich",
 * "People’s" -> "people's". ASCII words are only lower-cased (the common case, kept cheap).
 * Use it for every key discovery compares: token norms, short forms of abbreviations, lexicon
 * look-ups.
 */
export function wordKey(s: string): string {
  let n = s.toLowerCase();
  if (n.charCodeAt(0) > 127 || RE_NON_ASCII.test(n)) {
    n = n.normalize('NFKD').replace(RE_WORD_DROPPED, '').replace(RE_WORD_APOSTROPHES, "'").replace(RE_WORD_DASHES, '-');
  }
  return n;
}

/**
 * A name as written, for display (a suggestion's name, the card): soft hyphens removed, every
 * run of white space one space. Case, accents and punctuation are kept.
 */
export function writtenForm(text: string): string {
  return text.replace(RE_SOFT_HYPHEN, '').replace(RE_SPACES, ' ');
}

/**
 * Text as written with its soft hyphens (U+00AD, invisible unless a line breaks there) removed,
 * white space untouched: for comparing or keeping a span of page text whose spacing matters.
 */
export function withoutSoftHyphens(text: string): string {
  return text.replace(RE_SOFT_HYPHEN, '');
}

/**
 * The reader's names compared for duplicates and merges: Unicode NFC, curly apostrophes (‘ ’ ʼ)
 * straightened, runs of white space collapsed, trimmed, lower-cased (locale-independent).
 * Diacritics still count: two people may differ by an accent only.
 */
export function nameKey(name: string): string {
  return name.normalize('NFC').replace(RE_NAME_APOSTROPHES, "'").replace(RE_SPACES, ' ').trim().toLowerCase();
}

/**
 * Free text searched by what the reader types (article titles, sites, addresses): canonical
 * decomposition (NFD), every combining mark dropped, lower-cased, white space collapsed and
 * trimmed. "Ça  va" -> "ca va". The query goes through it too.
 */
export function searchKey(s: string): string {
  return s.normalize('NFD').replace(RE_MARKS, '').toLowerCase().replace(RE_SPACES, ' ').trim();
}
