/**
 * Pass 2 of discovery: decide, for the whole page, which names are entities, of which type, and
 * which names are the same entity; then find every mention of them (including the ones at
 * sentence starts and in headlines, which pass 1 does not trust by themselves).
 *
 * It reads as its steps, each in its own module with its own test:
 *   1. collectForms: every distinct name the page uses, with the evidence of its mentions;
 *   2. the join passes (JOIN_PASSES, in order): rules that say two forms name one entity;
 *   3. groupsOf: the sets of joined forms;
 *   4. typeGroups: a type and a confidence for each group, or none;
 *   5. surnameOwners + joinSurnames: a one-word surname is the person it names;
 *   6. scanTargets + scanMentions: every mention of every accepted entity, from the text;
 *   7. candidatesOf: names, aliases, confidence, the order of the result.
 * An engine with other rules (another language's) passes its own list of join passes.
 */
import type { AbbreviationDefinition } from './abbreviations';
import { collectForms, type JoinPass, type PageEvidence } from './forms';
import { candidatesOf } from './candidates';
import { groupsOf } from './groups';
import { joinAbbreviationDefinitions, joinAcronymsToInitials, joinAcronymTypos } from './join-acronyms';
import { joinEvents } from './join-events';
import { joinClippedNames, joinNamesInsideLongerOnes, joinShortForms } from './join-organizations';
import { joinPersonInitials, joinPluralForms } from './join-variants';
import { getLexicon, type Lexicon } from './lexicon';
import type { Language } from './languages';
import { scanMentions, scanTargets } from './mention-scan';
import type { RawMention } from './raw-mention';
import { joinSurnames, surnameOwners } from './surnames';
import type { BlockTokens } from './tokenize';
import { typeGroups } from './type-groups';
import type { Candidate, DiscoveryOptions } from './types';

/**
 * The rules that join forms, in the order they run. Order matters where a pass reads what the
 * earlier ones joined (joinNamesInsideLongerOnes asks whether the longer names are one entity
 * already), and definitions add forms the later passes see.
 */
export const JOIN_PASSES: readonly JoinPass[] = [
  joinAbbreviationDefinitions,
  joinAcronymsToInitials,
  joinClippedNames,
  joinShortForms,
  joinPluralForms,
  joinNamesInsideLongerOnes,
  joinAcronymTypos,
  joinEvents,
  joinPersonInitials,
];

export interface ResolveInput {
  docs: BlockTokens[];
  mentions: RawMention[];
  definitions: AbbreviationDefinition[];
  lower: Set<string>;
  options: DiscoveryOptions;
  /** The page language's word knowledge (default: English). */
  lex?: Lexicon;
  lang?: Language;
}

export function resolve(input: ResolveInput, joinPasses: readonly JoinPass[] = JOIN_PASSES): Candidate[] {
  const page: PageEvidence = { docs: input.docs, definitions: input.definitions, lower: input.lower, lex: input.lex ?? getLexicon(), lang: input.lang ?? 'en' };
  const forms = collectForms(input.mentions);
  for (const join of joinPasses) join(forms, page);
  const groups = groupsOf(forms);
  typeGroups(groups, page);
  const owners = surnameOwners(groups, page);
  joinSurnames(groups, owners);
  const accepted = groups.filter((g) => g.type >= 0);
  const found = scanMentions(page, forms, scanTargets(accepted, owners));
  return candidatesOf(accepted, found, input.docs, input.options);
}
