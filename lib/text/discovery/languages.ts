/**
 * The languages discovery reads, and the page's language. A page is read with its own
 * language's cues (language-cues.ts); a page in a language without them gets no suggestions at
 * all, never junk. The caller says the language when it knows it (the page's `lang`, the
 * browser's own detector); otherwise detectLanguage() guesses it from the closed-class words
 * the page writes in lower case ("the", "der", "les", "del", "dos", "della"), which every text
 * of a few sentences has and names never are.
 */
import { SUPPORTED_LANGUAGES, type Language } from '../../model/discovery-languages';
import { SHAPE_LOWER, type BlockTokens } from './tokenize';

/** The languages with their own cues, English first (defined in lib/model for the options page). */
export { SUPPORTED_LANGUAGES, type Language };

/**
 * Frequent closed-class words of each language, lower case, accents removed (as token norms
 * are). Words shared by two languages count for both; each list is short on purpose: the most
 * frequent function words already make up a fifth to a third of running text.
 */
export const FUNCTION_WORDS: Record<Language, string> = {
  en: `the of and to in is that for it was on with as by at from his her this have has are were be been which who will would
    their they not but said its an or after about than also more when there into over what can could`,
  fr: `à le la les un une des du de et est dans pour que qui sur au aux par pas avec il elle ils elles ce cette ces son sa ses
    leur leurs ont sont été était mais ou plus aussi comme nous vous se ne lui dont où entre après avant selon sans sous être
    fait avait depuis`,
  de: `der die das den dem des und ist nicht ein eine einer eines einem einen zu im in mit von auf für sich auch es sie er
    wir ihr wird werden wurde wurden hat haben hatte sind war bei nach aus als wie noch nur dass oder aber vor zum zur
    über um man kann durch diese dieser dieses seine ihre sein wenn weil ob dann doch schon sehr bis gegen unter seit`,
  es: `a el la los las un una unos unas del de y en que es por con para se al lo su sus como más pero fue ha han este esta
    estos estas sobre entre sin desde también ya muy según son está están hay cuando donde porque tras durante ser había`,
  pt: `o a os as um uma uns umas do da dos das de e em no na nos nas que é por com para se ao aos à às pelo pela pelos pelas
    seu sua seus suas como mais mas foi foram tem têm ser está estão este esta entre sem sobre também já muito segundo
    quando onde porque após durante havia`,
  it: `a ad il lo la i gli le un uno una del dello della dei degli delle di e è in nel nella nei negli nelle che per con su sul
    sulla al alla ai agli alle da dal dalla dai non si sono come più ma anche ha hanno era stato stata essere questo questa
    questi queste tra fra dopo secondo quando dove perché durante`,
};

const fold = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '');

let tables: Map<string, number> | null = null;

/** Word → bit set of the languages whose list has it. */
function functionWordTable(): Map<string, number> {
  if (tables) return tables;
  tables = new Map();
  SUPPORTED_LANGUAGES.forEach((lang, i) => {
    for (const w of FUNCTION_WORDS[lang].split(/\s+/)) if (w) tables!.set(fold(w), (tables!.get(fold(w)) ?? 0) | (1 << i));
  });
  return tables;
}

/** The closed-class words of one language, folded as token norms are. */
export function functionWordsOf(lang: Language): Set<string> {
  const bit = 1 << SUPPORTED_LANGUAGES.indexOf(lang);
  const out = new Set<string>();
  for (const [w, bits] of functionWordTable()) if (bits & bit) out.add(w);
  return out;
}

/** How many lower-case words are read to guess the language (the start of the page is enough). */
const SAMPLE_WORDS = 4000;
/** Below this share of the sampled words, no supported language's function words: another language. */
const MIN_SHARE = 0.15;
/** Fewer lower-case words than this: too little text to call it another language. */
const MIN_WORDS = 30;

/**
 * The language of the page's text, or null when it is none of the supported ones (Czech,
 * Dutch, Polish... have few of their words in these lists). A page with too little prose to
 * tell is read as English.
 */
export function detectLanguage(docs: readonly BlockTokens[]): Language | null {
  const table = functionWordTable();
  const hits = new Array<number>(SUPPORTED_LANGUAGES.length).fill(0);
  const distinct = SUPPORTED_LANGUAGES.map(() => new Set<string>());
  let words = 0;
  for (const d of docs) {
    for (const t of d.tokens) {
      // One-letter words ("a", "o", "e", "y", "v") are shared by too many languages to tell.
      if (t.shape !== SHAPE_LOWER || t.norm.length < 2) continue;
      words++;
      const bits = table.get(t.norm);
      if (bits) {
        for (let i = 0; i < hits.length; i++) {
          if (!(bits & (1 << i))) continue;
          hits[i]!++;
          distinct[i]!.add(t.norm);
        }
      }
    }
    if (words >= SAMPLE_WORDS) break;
  }
  let best = 0;
  for (let i = 1; i < hits.length; i++) if (hits[i]! > hits[best]!) best = i;
  // Enough of the language's own words, and several different ones (a few shared ones such as
  // "de", "en", "is" are found in other languages' text too).
  const enough = hits[best]! >= words * MIN_SHARE && distinct[best]!.size >= Math.min(5, 2 + words / 20);
  if (enough) return SUPPORTED_LANGUAGES[best]!;
  // Too little prose to tell (a caption, a results table): read as English, as before.
  return words < MIN_WORDS ? 'en' : null;
}

/**
 * A language tag as a page or the browser gives it ("pt-BR", "de_AT", "EN") as one of ours;
 * null for another language; undefined when there is no tag ("", "und"): then the text decides.
 */
export function languageOfTag(tag: string | undefined | null): Language | null | undefined {
  if (!tag) return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0]!;
  if (!primary || primary === 'und' || primary === 'mul' || primary === 'zxx') return undefined;
  return (SUPPORTED_LANGUAGES as readonly string[]).includes(primary) ? (primary as Language) : null;
}
