/**
 * The contract of the pure text core (no DOM, no browser API). The DOM layer hands it the
 * page's text as chunks and gets back matches in chunk offsets; the background compiles and
 * decodes the glossary once per revision and matches the text the tabs send it.
 */

/** One surface form to look for, with its options. */
export interface GlossaryTerm {
  entityId: string;
  /** The alias as the reader wrote it ("People's Mojahedin Organization of Iran", "MEK"). */
  text: string;
  /** Match only this exact capitalisation. */
  exactCase?: boolean;
  /**
   * Match any capitalisation, even of an alias written with capitals (the reader said "any
   * case"). Without it, each capital of such an alias must be a capital in the text.
   */
  anyCase?: boolean;
  /** Treat "Khāmeneʾi" and "Khamenei" as different (default: insensitive for Latin script). */
  diacriticSensitive?: boolean;
}

/** A piece of page text: one DOM text node. */
export interface TextChunk {
  text: string;
  /**
   * True when a block boundary (paragraph, heading, list item, table cell, <br>...) separates
   * this chunk from the previous one. A match never crosses a block boundary.
   */
  blockStart: boolean;
}

export interface TextPosition {
  chunk: number;
  /** UTF-16 offset inside chunks[chunk].text. */
  offset: number;
}

export interface TermMatch {
  entityId: string;
  /** The glossary alias (as written in the glossary) that matched. */
  alias: string;
  /** Inclusive start. */
  start: TextPosition;
  /** Exclusive end. */
  end: TextPosition;
  /** The alias is also a common word ("May", "Apple"): the background may ask for evidence. */
  common?: true;
  /**
   * A common-word alias where a capital proves nothing: at a sentence start, in a headline, in
   * capitals. The background keeps it only when the page also names the entity in full.
   */
  weak?: true;
  /**
   * Other entities with the same alias (same normalised text) that accept this text too. The
   * match is `entityId`'s by the matcher's order (stricter case rule, then glossary order); the
   * background may give it to one of these when the page names it (docs/matching.md).
   */
  others?: string[];
}
