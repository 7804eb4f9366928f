/**
 * Which aliases are also ordinary words ("May", "Apple", "Bush", "Reading") or month names.
 * Used when the glossary is compiled (in the background) and when the options page asks the
 * background to review an alias; never in a tab: the list is ~270 KB.
 *
 * The list (lib/text/common-words-data.ts, made by scripts/common-words.ts) is one string of
 * normalised words in UTF-16 order, each between two newlines, searched by bisection: nothing
 * is built when the background starts, and a lookup costs ~15 string comparisons.
 */
import { COMMON_WORDS } from './common-words-data';
import { sortedListHas } from './sorted-list';
import { normalizeText } from './normalize';

/** Whether `s` (any case, accents optional) is one word of the common-word list. */
export function isCommonWord(s: string): boolean {
  const key = normalizeText(s.trim());
  if (key.length < 2 || /[\s\n]/.test(key)) return false;
  return sortedListHas(COMMON_WORDS, key);
}

/**
 * Month names of the supported languages (normalised), and the English abbreviations: such an
 * alias never matches as a month before or after a day or a year ("May 5", "5 May", "May 2024").
 */
const MONTHS = new Set(
  [
    'january february march april may june july august september october november december',
    'jan feb mar apr jun jul aug sep sept oct nov dec',
    'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre',
    'januar februar marz april mai juni juli august september oktober november dezember',
    'enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre',
    'janeiro fevereiro marco abril maio junho julho agosto setembro outubro novembro dezembro',
    'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
  ]
    .join(' ')
    .split(' '),
);

export function isMonthName(s: string): boolean {
  return MONTHS.has(normalizeText(s.trim()).replace(/\.$/, ''));
}
