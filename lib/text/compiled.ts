/**
 * The compiled glossary: the compiler's output (compile.ts) and the matcher's input
 * (segment.ts), both in the background; the background also stores it in IndexedDB as an image
 * and decodes that image when it wakes (lib/background/glossary-image.ts, checksummed). Tabs
 * never receive it: they send their text and receive marks. Only strings, numbers and plain
 * objects: each segment is a handful of strings, cheap to store, clone and check whatever the
 * glossary's size. The schema checks the shape only; the decoder (segment.ts) checks every
 * number against its bounds and throws a clear Error on anything malformed (kept, measured:
 * docs/decisions.md, "The text core's rooms").
 *
 * Segment fields (see docs/matching.md for the details):
 *  - `text`: the entity ids then the alias texts (as written), concatenated;
 *  - `meta`: packed numbers (lib/text/packed.ts): the length of every entity id, then for every
 *    alias its length, its entity index and its flags;
 *  - `alphabet`: packed numbers, the distinct trie labels (normalised UTF-16 units), most
 *    frequent first;
 *  - `trie`: packed numbers, for every trie node in breadth-first order (root first): its label
 *    (an alphabet index; not for the root) and childCount * 4 + min(aliasCount, 3), followed by
 *    aliasCount - 3 when aliasCount >= 3. Aliases are numbered in the order of their nodes.
 */
import { z } from 'zod';

export const COMPILED_FORMAT = 'ncr-glossary';
/**
 * Bump with any change of what the compiler makes of a glossary, not only of this shape (a new
 * flag, another normalisation or order): the background keeps compiled glossaries in IndexedDB
 * across its restarts and uses a stored one only when it has this version
 * (lib/background/glossary-image.ts). tests/unit/background/glossary-image.test.ts pins the
 * output of a reference glossary for each version.
 * 2: the capitals mode (3) and the common-word and month flags (16, 32).
 */
export const COMPILED_VERSION = 2;

/** Upper bounds that keep a hostile or corrupt compiled form from asking for absurd memory. */
export const MAX_SEGMENT_STRING = 64_000_000;
export const MAX_SEGMENT_ITEMS = 4_000_000;

export const CompiledSegmentSchema = z.strictObject({
  /** Unique per compiled segment: the matcher keeps decoded segments by id and reuses them. */
  id: z.string().min(1).max(128),
  entityCount: z.number().int().nonnegative().max(MAX_SEGMENT_ITEMS),
  aliasCount: z.number().int().nonnegative().max(MAX_SEGMENT_ITEMS),
  nodeCount: z.number().int().positive().max(MAX_SEGMENT_ITEMS),
  text: z.string().max(MAX_SEGMENT_STRING),
  meta: z.string().max(MAX_SEGMENT_STRING),
  alphabet: z.string().max(MAX_SEGMENT_STRING),
  trie: z.string().max(MAX_SEGMENT_STRING),
});
export type CompiledSegment = z.infer<typeof CompiledSegmentSchema>;

export const CompiledGlossarySchema = z.strictObject({
  format: z.literal(COMPILED_FORMAT),
  version: z.literal(COMPILED_VERSION),
  /**
   * Searched together. The first is the base; later ones hold entities changed since the base
   * was built (see GlossaryCompiler). On a tie (same text, same length) the earlier segment wins.
   */
  segments: z.array(CompiledSegmentSchema).min(1).max(8),
  /** Entity ids whose aliases in every segment but the last are ignored (changed or removed since). */
  suppressed: z.array(z.string().max(1000)).max(100_000),
});
export type CompiledGlossary = z.infer<typeof CompiledGlossarySchema>;

/** Alias flags (in `meta`). */
export const FLAG_MODE_MASK = 3;
/** Case-insensitive. */
export const MODE_FOLD = 0;
/** All-capitals alias: capitals in the text, or Title-Case in a headline-styled block. */
export const MODE_ACRONYM = 1;
/** Exact capitalisation only. */
export const MODE_EXACT = 2;
/** Written with capitals (not all): each capital of the alias must be a capital in the text. */
export const MODE_CAPS = 3;
export const FLAG_DIACRITIC_SENSITIVE = 4;
/** All-capitals alias with at least 3 letters: its Title-Case form may match in a headline. */
export const FLAG_TITLE_OK = 8;
/** A capitalised alias that is also a common word: at a sentence start or in a headline it needs evidence. */
export const FLAG_COMMON = 16;
/** A month name: never a mention next to a day or a year ("May 5", "5 May", "May 2024"). */
export const FLAG_MONTH = 32;
export const MAX_FLAGS = 63;
