/**
 * Entity discovery: the people, organisations and events a page names, found in its text
 * without a glossary. Pure (no DOM, no browser API): it runs in a Web Worker or an offscreen
 * document, on the same chunks the matcher takes, and returns mentions in the same chunk
 * coordinates as TermMatch, so the page can mark them.
 *
 *   const candidates = discoverEntities(chunks);            // Candidate[], most mentioned first
 *   discoverEntities(chunks, { minConfidence: 0.7, types: ['person'] });
 *
 * See docs/discovery.md for the approach, the cues and the measured accuracy and speed.
 */
import type { TextChunk } from '../types';
import { detectPage } from './detect';
import { lexiconFor } from './language-cues';
import { detectLanguage, languageOfTag } from './languages';
import { getLexicon } from './lexicon';
import { resolve } from './resolve';
import { lowerWordsOf, readBlocks } from './tokenize';
import type { Candidate, DiscoveryOptions } from './types';
import { WARM_UP_CHUNKS } from './warm-up';

export type { Candidate, CandidateMention, DiscoveryOptions, EntityType } from './types';
export { ENTITY_TYPES } from './types';
export { schwartzHearst } from './abbreviations';
export { SUPPORTED_LANGUAGES, detectLanguage, languageOfTag, type Language } from './languages';

/** Find candidate entities in the page's text. Deterministic: the same chunks give the same result. */
export function discoverEntities(chunks: readonly TextChunk[], options: DiscoveryOptions = {}): Candidate[] {
  const docs = readBlocks(chunks);
  const tagged = languageOfTag(options.lang);
  const lang = tagged === undefined ? detectLanguage(docs) : tagged;
  if (!lang) return []; // a language without cues: no suggestions rather than junk
  const lex = lexiconFor(lang);
  const lower = lowerWordsOf(docs);
  const { mentions, definitions } = detectPage(docs, lower, undefined, lex);
  return resolve({ docs, mentions, definitions, lower, options, lex, lang });
}

/**
 * Get ready for the first page, e.g. when a worker starts: build the lexicon and read a short
 * invented article once (warm-up.ts), so that the first page is read by compiled code.
 */
export function prepareDiscovery(): void {
  getLexicon();
  discoverEntities(WARM_UP_CHUNKS, { lang: 'en' });
}
