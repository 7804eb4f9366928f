/**
 * The compiled glossary as the background keeps it in IndexedDB between its lives, so that a
 * service worker woken by a page loads it in one read instead of reading every entity and
 * compiling them again (issue 13 §5; docs/decisions.md, "A sleeping worker's glossary").
 *
 * An image is a head, the compiled segments it names (lib/text/compiled.ts: a few strings
 * each, which IndexedDB clones as fast as binary) and the entities' creation times (page.match
 * gives an alias two entities share to the older one: page-evidence.ts), one number per entity
 * of each segment, in the segments' entity order. The head says which glossary they are: the
 * revision they were compiled from, the versions of everything that shaped them, and a checksum
 * of each part and of itself. A stored image is used only when every check
 * passes; anything else (missing, truncated, altered, another revision or version) is refused
 * with a reason, and the background compiles the glossary as before and writes a new image.
 *
 * The checksums catch damage and mismatched pieces (a head naming segments of another save, a
 * record cut short or edited). They are not a signature: whoever can write this database can
 * write the glossary itself.
 */
import { z } from 'zod';
import {
  COMPILED_FORMAT,
  COMPILED_VERSION,
  CompiledSegmentSchema,
  type CompiledGlossary,
  type CompiledSegment,
} from '../text/compiled';
import { segmentEntityKeys } from '../text/compiled-entities';

export const IMAGE_FORMAT = 'ncr-glossary-image';
/**
 * The image's own layout and the way entities become the compiler's terms (glossaryTerms in
 * glossary-cache.ts). What the compiler makes of those terms is versioned by COMPILED_VERSION;
 * tests/unit/background/glossary-image.test.ts pins the output of a reference glossary for each.
 */
export const IMAGE_VERSION = 1;

export const ImageHeadSchema = z.strictObject({
  format: z.literal(IMAGE_FORMAT),
  version: z.number().int(),
  compiledVersion: z.number().int(),
  /** The database schema version it was written under: a migration never meets an old image. */
  dbVersion: z.number().int(),
  /**
   * The browser it was compiled in (its user agent string, with its version): the compiler
   * normalises with the engine's Unicode tables, which a browser update may change.
   */
  engine: z.string().max(1000),
  revision: z.number().int().nonnegative(),
  suppressed: z.array(z.string()),
  segments: z.array(z.strictObject({ id: z.string().min(1).max(128), checksum: z.string() })).min(1).max(8),
  /** The creation times' record (its id is derived from its content and segments: unchanged, it is not rewritten). */
  times: z.strictObject({ id: z.string().min(1).max(128), checksum: z.string() }),
  checksum: z.string(),
});
export type ImageHead = z.infer<typeof ImageHeadSchema>;

/** The entities' creation times, one per entity of each segment, segment after segment. */
export interface ImageTimes {
  times: Float64Array;
}

/** What is stored: the head, each segment as its own record (an edit rewrites only the small one), the times. */
export interface GlossaryImage {
  head: ImageHead;
  segments: CompiledSegment[];
  times: ImageTimes;
}

/** A stored image read back: the compiled glossary, and the creation time of each entity key. */
export interface ImageContent {
  compiled: CompiledGlossary;
  /** Builds its index on first use (most pages never ask: only for an alias two entities share). */
  createdAt: (entityKey: string) => number;
}

/** Which glossary the caller expects: the revision it reads in the same transaction, its schema version and browser. */
export interface ImageExpectation {
  revision: number;
  dbVersion: number;
  engine: string;
}

export type ImageVerdict = ({ ok: true } & ImageContent) | { ok: false; reason: string };

/**
 * A 64-bit checksum (two 32-bit multiplicative lanes, cyrb53-style, mixed at the end) of
 * strings and numbers (each length-prefixed, so that moving a character from one field to the
 * next changes it) and of Float64Arrays (their bytes). One pass: ~5 million UTF-16 units for a
 * 100,000-entity glossary. Strings and arrays go through separate loops, each of one type (a
 * loop that sees both runs slower in a worker that has just started).
 */
export function checksum(parts: readonly (string | number | Float64Array)[]): string {
  const lanes = new Int32Array([0xdeadbeef | 0, 0x41c6ce57 | 0]);
  for (const part of parts) {
    if (part instanceof Float64Array) mixWords(lanes, new Uint32Array(part.buffer, part.byteOffset, part.length * 2));
    else mixString(lanes, typeof part === 'string' ? part : `#${part}`);
  }
  const h1 = lanes[0]!;
  const h2 = lanes[1]!;
  const a = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  const b = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  return (b >>> 0).toString(16).padStart(8, '0') + (a >>> 0).toString(16).padStart(8, '0');
}

function mixString(lanes: Int32Array, s: string): void {
  let h1 = Math.imul(lanes[0]! ^ s.length, 2654435761);
  let h2 = Math.imul(lanes[1]! ^ s.length, 1597334677);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  lanes[0] = h1;
  lanes[1] = h2;
}

function mixWords(lanes: Int32Array, words: Uint32Array): void {
  let h1 = Math.imul(lanes[0]! ^ words.length, 2654435761);
  let h2 = Math.imul(lanes[1]! ^ words.length, 1597334677);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    h1 = Math.imul(h1 ^ w, 2654435761);
    h2 = Math.imul(h2 ^ w, 1597334677);
  }
  lanes[0] = h1;
  lanes[1] = h2;
}

function segmentChecksum(s: CompiledSegment): string {
  return checksum([s.id, s.entityCount, s.aliasCount, s.nodeCount, s.text, s.meta, s.alphabet, s.trie]);
}

function headChecksum(h: Omit<ImageHead, 'checksum'>): string {
  return checksum([
    h.format,
    h.version,
    h.compiledVersion,
    h.dbVersion,
    h.engine,
    h.revision,
    h.suppressed.length,
    ...h.suppressed,
    ...h.segments.flatMap((s) => [s.id, s.checksum]),
    h.times.id,
    h.times.checksum,
  ]);
}

/**
 * The image of a compiled glossary at `revision`, compiled under `where`, with the creation
 * time of each of its entities (`createdAt`, by entity key). The checksums cost a pass over it:
 * build it off the answer's path.
 */
export function imageOf(
  compiled: CompiledGlossary,
  revision: number,
  where: Omit<ImageExpectation, 'revision'>,
  createdAt: (entityKey: string) => number,
): GlossaryImage {
  const keys = compiled.segments.flatMap(segmentEntityKeys);
  const times = Float64Array.from(keys, createdAt);
  const timesSum = checksum([times]);
  // Named by its content and by the segments it goes with: a record found damaged is never
  // skipped as "already stored" by the rewrite, whose compile made segments of new ids.
  const timesId = `times-${checksum([...compiled.segments.map((s) => s.id), timesSum])}`;
  const body: Omit<ImageHead, 'checksum'> = {
    format: IMAGE_FORMAT,
    version: IMAGE_VERSION,
    compiledVersion: compiled.version,
    dbVersion: where.dbVersion,
    engine: where.engine,
    revision,
    suppressed: [...compiled.suppressed],
    segments: compiled.segments.map((s) => ({ id: s.id, checksum: segmentChecksum(s) })),
    times: { id: timesId, checksum: timesSum },
  };
  return { head: { ...body, checksum: headChecksum(body) }, segments: compiled.segments, times: { times } };
}

/**
 * The compiled glossary of a stored image, if it is whole and is the one expected: `head` and
 * `parts` (its segments and times records) as read, anything, checked against this build's
 * versions and the caller's revision. Never throws; the matcher's decoder still checks the
 * segments' structure.
 */
export function readImage(head: unknown, parts: readonly unknown[], expected: ImageExpectation): ImageVerdict {
  if (head === undefined) return { ok: false, reason: 'no stored image' };
  const h = ImageHeadSchema.safeParse(head);
  if (!h.success) return { ok: false, reason: 'the stored image has no valid head' };
  const { data } = h;
  if (data.version !== IMAGE_VERSION || data.compiledVersion !== COMPILED_VERSION) {
    return { ok: false, reason: `the stored image is of another format (image ${data.version}, compiled ${data.compiledVersion})` };
  }
  if (data.dbVersion !== expected.dbVersion) return { ok: false, reason: `the stored image was written under database version ${data.dbVersion}` };
  if (data.engine !== expected.engine) return { ok: false, reason: 'the stored image was compiled in another browser version' };
  const { checksum: claimed, ...body } = data;
  if (headChecksum(body) !== claimed) return { ok: false, reason: 'the stored image head fails its checksum' };
  if (data.revision !== expected.revision) return { ok: false, reason: `the stored image is of revision ${data.revision}, the glossary is at ${expected.revision}` };
  const byId = new Map<string, CompiledSegment>();
  let times: Float64Array | null = null;
  for (const raw of parts) {
    if (raw && typeof raw === 'object' && (raw as Partial<ImageTimes>).times instanceof Float64Array && Object.keys(raw).length === 1) {
      if (checksum([(raw as ImageTimes).times]) === data.times.checksum) times = (raw as ImageTimes).times;
      continue;
    }
    const s = CompiledSegmentSchema.safeParse(raw);
    if (s.success) byId.set(s.data.id, s.data);
  }
  const segments: CompiledSegment[] = [];
  for (const ref of data.segments) {
    const s = byId.get(ref.id);
    if (!s) return { ok: false, reason: `segment ${ref.id} of the stored image is missing or malformed` };
    if (segmentChecksum(s) !== ref.checksum) return { ok: false, reason: `segment ${ref.id} of the stored image fails its checksum` };
    segments.push(s);
  }
  if (!times) return { ok: false, reason: 'the creation times of the stored image are missing or fail their checksum' };
  const entities = segments.reduce((n, s) => n + s.entityCount, 0);
  if (times.length !== entities) return { ok: false, reason: `the stored image has ${times.length} creation times for ${entities} entities` };
  return {
    ok: true,
    compiled: { format: COMPILED_FORMAT, version: COMPILED_VERSION, segments, suppressed: data.suppressed },
    createdAt: createdAtIndex(segments, times),
  };
}

/** Entity key -> creation time, built on first use; unknown keys are the newest (as in glossary-cache.ts). */
function createdAtIndex(segments: readonly CompiledSegment[], times: Float64Array): (entityKey: string) => number {
  let index: Map<string, number> | null = null;
  return (key) => {
    if (!index) {
      index = new Map();
      let i = 0;
      // Segments checked and decoded already: their entity lists read as they were written.
      for (const s of segments) for (const k of segmentEntityKeys(s)) index.set(k, times[i++]!);
    }
    return index.get(key) ?? Number.MAX_SAFE_INTEGER;
  };
}
