/**
 * What pass 1 of discovery (detection, per block) hands pass 2 (resolution, per page): each name
 * it found, with what its own words say it is (its kind), the strongest evidence for that, and
 * the context cues around it.
 */

/** What a name's own words say it is. */
export const K_PERSON = 1;
export const K_ORG = 2;
export const K_EVENT = 3;
/** A capitalised name of unknown type (a single unknown word, or an unknown phrase). */
export const K_PROPER = 4;
/** An acronym (all capitals). */
export const K_ACRONYM = 5;
export type Kind = 1 | 2 | 3 | 4 | 5;

/** Why: the strongest evidence behind the kind (for confidence). */
export const E_TITLE = 1; // President Macron, Mrs. Maryam Rajavi, Facebook CEO
export const E_HEAD = 2; // ... Council, ... War
export const E_LEXICON = 3; // compromise knows the name
export const E_FIRST_NAME = 4; // starts with a first name
export const E_YEAR_EVENT = 5; // the 2009 protests
export const E_NAME_EVENT = 6; // the Free Iran rally
export const E_SHAPE = 7; // only its shape

export interface RawMention {
  block: number;
  /** Block offsets. */
  s: number;
  e: number;
  /** Token norms joined by a space: the lookup key of this form. */
  key: string;
  /** The name as written (soft hyphens removed), without title or possessive. */
  surface: string;
  tokens: number;
  kind: Kind;
  evidence: number;
  /** Not a reliable place: sentence start, headline, all-capitals line. */
  weak: boolean;
  /** In a headline or all-capitals line. */
  headline: boolean;
  /** Context cues (counts): organisation, person, place. */
  orgCue: number;
  personCue: number;
  placeCue: number;
  /** For events: the year written with it, if any. */
  year?: string;
  /** For events: the event noun ("protests", "war"), lower case. */
  eventNoun?: string;
  /** Index of the first token, for ordering. */
  order: number;
  /** One word written in capitals ("MEK", "EU"). */
  upper: boolean;
  /** A common word written with a capital ("the Government", "Labor"): needs a clear cue. */
  common?: boolean;
}
