/**
 * The contract of entity discovery: the page's text in (the same chunks the matcher takes),
 * candidate people, organisations and events out, with their mentions in chunk offsets.
 * Pure: no DOM, no browser API (it runs in a worker or an offscreen document).
 */
import type { TextPosition } from '../types';

export type EntityType = 'person' | 'organization' | 'event';

export const ENTITY_TYPES: readonly EntityType[] = ['person', 'organization', 'event'];

/** One place in the page where a candidate is named. Same coordinates as TermMatch. */
export interface CandidateMention {
  /** Inclusive start. */
  start: TextPosition;
  /** Exclusive end. A possessive ending ("’s") is not part of the mention. */
  end: TextPosition;
  /** The text as written on the page (soft hyphens kept). */
  text: string;
}

export interface Candidate {
  /**
   * Stable id: type plus the normalised canonical name ("person:maryam rajavi",
   * "organization:national council of resistance of iran"). The same entity discovered in two
   * articles gets the same key when both name it in full, so it can key caches and the reading
   * index.
   */
  key: string;
  /** Canonical surface form: the fullest name the text uses, titles and possessives removed. */
  name: string;
  type: EntityType;
  /**
   * The other names the text uses for it, as written (without titles or possessives):
   * surnames ("Rajavi"), abbreviations ("NCRI", "PMOI", "MEK"), short forms ("Alibaba").
   * Sorted, without the name itself.
   */
  aliases: string[];
  /** Every mention, in reading order, non-overlapping. */
  mentions: CandidateMention[];
  /** mentions.length. */
  count: number;
  /** 0..1: how sure the detector is that this is an entity of this type. */
  confidence: number;
}

export interface DiscoveryOptions {
  /**
   * The page's language as the page or the browser says it ("fr", "pt-BR"). Without it the text
   * decides (languages.ts). A language without its own cues gets no candidates at all.
   */
  lang?: string;
  /** Drop candidates below this confidence (default 0.5). */
  minConfidence?: number;
  /** Only these types (default all three). */
  types?: readonly EntityType[];
}
