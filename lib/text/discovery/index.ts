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
import { findDefinitions, type AbbreviationDefinition } from './abbreviations';
import { detectBlock } from './detect';
import { getLexicon } from './lexicon';
import type { RawMention } from './raw-mention';
import { resolve } from './resolve';
import { blocksOf, isHeadlineTokens, lowerWordsOf, tokenize, type BlockTokens } from './tokenize';
import type { Candidate, DiscoveryOptions } from './types';

export type { Candidate, CandidateMention, DiscoveryOptions, EntityType } from './types';
export { ENTITY_TYPES } from './types';
export { schwartzHearst } from './abbreviations';

/** Find candidate entities in the page's text. Deterministic: the same chunks give the same result. */
export function discoverEntities(chunks: readonly TextChunk[], options: DiscoveryOptions = {}): Candidate[] {
  const lex = getLexicon();
  const blocks = blocksOf(chunks);
  const docs: BlockTokens[] = blocks.map((block) => {
    const tokens = tokenize(block.text);
    block.headline = isHeadlineTokens(block.text, tokens);
    return { block, tokens };
  });
  const lower = lowerWordsOf(docs);
  const mentions: RawMention[] = [];
  const definitions: AbbreviationDefinition[] = [];
  const flagCache = new Map<string, number>();
  for (let b = 0; b < docs.length; b++) {
    detectBlock(lex, lower, b, docs[b]!, mentions, flagCache);
    findDefinitions(b, docs[b]!.block, docs[b]!.tokens, definitions);
  }
  return resolve({ docs, mentions, definitions, lower, options });
}

/** Warm up the lexicon (compromise's model is read once); optional, e.g. when a worker starts. */
export function prepareDiscovery(): void {
  getLexicon();
}
