/**
 * What discovery takes from compromise's lexicon: each word's or phrase's flags (lexicon.ts's W_*
 * bits) from its tags, and compromise's organisation head words. Not loaded at run time:
 * scripts/discovery-lexicon.ts runs it once over `nlp.model()` and writes the result to
 * lexicon-data.ts, which lexicon.ts reads (unpacking compromise's model cost ~200 ms on the
 * first call, before any text was read; a unit test checks the data file is up to date).
 */
import { W_COMMON, W_COUNTRY, W_DATE, W_DEMONYM, W_FIRST, W_FUNCTION, W_HONORIFIC, W_LAST, W_NOUN, W_ORG, W_ORG_HEAD, W_PERSON, W_PLACE, W_ROLE, W_TITLE } from './lexicon-flags';

const COMMON_TAGS = new Set([
  'Noun', 'Singular', 'Plural', 'Uncountable', 'Adjective', 'Comparative', 'Superlative', 'Adverb', 'Verb', 'PastTense',
  'PresentTense', 'Infinitive', 'Gerund', 'Participle', 'PhrasalVerb', 'Modal', 'Copula', 'Preposition', 'Conjunction',
  'Determiner', 'Pronoun', 'Possessive', 'Reflexive', 'QuestionWord', 'Expression', 'Negative', 'Condition', 'Imperative',
  'Cardinal', 'Ordinal', 'TextValue', 'Multiple', 'Fraction', 'Unit', 'Duration', 'Value', 'Currency',
]);
const NOUN_TAGS = new Set(['Noun', 'Singular', 'Plural', 'Uncountable', 'Actor']);
const VERB_TAGS = new Set(['Verb', 'PastTense', 'PresentTense', 'Infinitive', 'Gerund', 'Participle', 'PhrasalVerb', 'Modal', 'Copula', 'Adverb', 'Preposition', 'Conjunction', 'Determiner', 'Pronoun']);
const FUNCTION_TAGS = new Set([
  'Preposition', 'Conjunction', 'Determiner', 'Pronoun', 'Possessive', 'Reflexive', 'QuestionWord', 'Modal', 'Copula',
  'Negative', 'Condition',
]);

export interface CompromiseModel {
  one: { lexicon: Record<string, string | string[]>; frozenLex?: Record<string, string | string[]> };
  two: { orgWords?: Record<string, boolean>; placeWords?: Record<string, boolean> };
}

/** Lower-case word or phrase -> flags, from compromise's model (in the model's order). */
export function compromiseFlags(model: CompromiseModel): Map<string, number> {
  const out = new Map<string, number>();
  const add = (w: string, f: number) => {
    const key = w.toLowerCase();
    out.set(key, (out.get(key) ?? 0) | f);
  };
  for (const lex of [model.one.lexicon, model.one.frozenLex ?? {}]) {
    for (const word in lex) {
      const v = lex[word]!;
      const tags = Array.isArray(v) ? v : [v];
      let f = 0;
      for (const t of tags) {
        if (t === 'MaleName' || t === 'FemaleName' || t === 'FirstName') f |= W_FIRST;
        else if (t === 'LastName') f |= W_LAST;
        else if (t === 'Person') f |= W_PERSON;
        else if (t === 'Organization' || t === 'SportsTeam') f |= W_ORG;
        else if (t === 'Place' || t === 'City' || t === 'Region') f |= W_PLACE;
        else if (t === 'Country') f |= W_PLACE | W_COUNTRY;
        else if (t === 'Demonym') f |= W_DEMONYM;
        else if (t === 'Honorific') f |= W_HONORIFIC | W_TITLE;
        else if (t === 'Actor') f |= W_ROLE | W_COMMON;
        else if (t === 'Month' || t === 'WeekDay' || t === 'Date') f |= W_DATE | W_COMMON;
        else if (COMMON_TAGS.has(t)) f |= W_COMMON | (FUNCTION_TAGS.has(t) ? W_FUNCTION : 0);
      }
      if (tags.some((t) => NOUN_TAGS.has(t)) && !tags.some((t) => VERB_TAGS.has(t))) f |= W_NOUN;
      if (f) add(word, f);
    }
  }
  for (const w in model.two.orgWords ?? {}) add(w, W_ORG_HEAD);
  return out;
}

/** The flags grouped by value, each group's words joined by "|": compact, and quick to unpack. */
export function packFlags(flags: Map<string, number>): [number, string][] {
  const groups = new Map<number, string[]>();
  for (const [w, f] of flags) {
    let g = groups.get(f);
    if (!g) groups.set(f, (g = []));
    g.push(w);
  }
  return [...groups].sort((a, b) => a[0] - b[0]).map(([f, ws]) => [f, ws.sort().join('|')]);
}
