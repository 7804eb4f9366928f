/**
 * The page benchmark's glossary: exactly `size` aliases (surface forms) from the matching
 * benchmark's generator (scripts/bench/names.ts): real names curated by hand, capitalised word
 * sequences harvested from the pages themselves (so there are real matches), then generated
 * person and organisation names. Returned as a glossary file (docs/glossary-format.md) and as
 * the flat alias list mark.js gets.
 */
import { buildGlossary, harvestNames, REAL_NAMES } from './names';
import { loadTexts } from './texts';

export interface BenchGlossary {
  /** The glossary file's JSON text, for `glossary.import`. */
  fileText: string;
  /** Every alias once, as mark.js receives them. */
  aliases: string[];
  entities: number;
  /** How many aliases are real (curated or harvested from the pages). */
  realAliases: number;
}

type EntityType = 'person' | 'organization' | 'event' | 'other';

const REAL_PERSONS = new Set([
  'khamenei', 'rajavi', 'rouhani', 'macron', 'obama', 'trump', 'clinton', 'tillerson', 'corker', 'rubio',
  'menendez', 'mccarthy', 'royce', 'safavi', 'khomeini',
]);
const REAL_PLACES = new Set(['paris', 'london', 'china-zh', 'japan-ja', 'praha', 'bresil', 'us', 'eu', 'un']);
const ORG_WORDS = /\b(?:Council|Committee|Association|Federation|Union|Alliance|Front|Party|Movement|Organization|Foundation|Institute|Agency|Authority|Commission|Bureau|Corporation|Group|Holdings|Partners|Bank|Fund|Trust|Society|League|Coalition|Network|Ministry|Department|Office|Service|Center|Academy|University|College|Company|Club|Review|Times|Herald|Observer|LLP|Inc\.|Ltd|GmbH|S\.A\.)\b|&/;

function typeOf(entityId: string, name: string): EntityType {
  if (REAL_PERSONS.has(entityId)) return 'person';
  if (REAL_PLACES.has(entityId)) return 'other';
  if (REAL_NAMES.some((e) => e.entityId === entityId)) return 'organization';
  if (entityId.startsWith('h')) return 'event'; // harvested from the pages: a mixed bag
  if (ORG_WORDS.test(name) || /^\p{Lu}{3,}$/u.test(name)) return 'organization';
  return 'person';
}

/** Build the glossary from the pages' own text (pages: directory of .html files, may be absent). */
export function benchGlossary(repoRoot: string, pagesDir: string, size = 10_000): BenchGlossary {
  const terms = buildGlossary(size, harvestNames(loadTexts(repoRoot, pagesDir), 5_000));
  return glossaryOf(terms, Infinity, false);
}

/**
 * A glossary of exactly `count` entities (the same names, about 1.3 aliases each), half of
 * them with a few lines of notes as a reader's glossary has: the cold-start benchmark's, where
 * what the background reads at start matters, not only the aliases.
 */
export function benchEntityGlossary(repoRoot: string, pagesDir: string, count: number): BenchGlossary {
  const terms = buildGlossary(Math.ceil(count * 1.6), harvestNames(loadTexts(repoRoot, pagesDir), 5_000));
  const glossary = glossaryOf(terms, count, true);
  if (glossary.entities !== count) throw new Error(`the name generator gave ${glossary.entities} entities, not ${count}`);
  return glossary;
}

const NOTE = 'Background: first seen in coverage of the talks; see the profile in the archive. Often quoted on sanctions, elections and the economy; check the spelling of the name in older articles.';

function glossaryOf(terms: readonly { entityId: string; text: string }[], maxEntities: number, notes: boolean): BenchGlossary {
  const byEntity = new Map<string, string[]>();
  for (const t of terms) {
    let list = byEntity.get(t.entityId);
    if (!list) {
      if (byEntity.size >= maxEntities) continue;
      byEntity.set(t.entityId, (list = []));
    }
    list.push(t.text);
  }
  const realIds = new Set(REAL_NAMES.map((e) => e.entityId));
  let realAliases = 0;
  const entities = [...byEntity].map(([id, texts], i) => {
    if (realIds.has(id) || id.startsWith('h')) realAliases += texts.length;
    return { id, name: texts[0]!, type: typeOf(id, texts[0]!), aliases: texts.slice(1), ...(notes && i % 2 === 0 ? { notes: `${NOTE} (${i})` } : {}) };
  });
  const fileText = JSON.stringify({ format: 'news-context-reader/glossary', version: 1, entities });
  // In the generator's order (bench:page samples mark.js's terms from it).
  const aliases = terms.filter((t) => byEntity.has(t.entityId)).map((t) => t.text);
  return { fileText, aliases, entities: entities.length, realAliases };
}
