/**
 * The entity keys of a compiled segment, in the segment's own entity order (lib/text/compiled.ts:
 * `text` starts with the entity ids, `meta` with their lengths), without decoding its trie or
 * its aliases: the background keeps per-entity facts aligned with them (glossary-image.ts).
 * Throws on a malformed segment, as the decoder does.
 */
import type { CompiledSegment } from './compiled';
import { PackReader } from './packed';

export function segmentEntityKeys(segment: CompiledSegment): string[] {
  const meta = new PackReader(segment.meta, 'meta');
  const keys: string[] = [];
  let at = 0;
  for (let e = 0; e < segment.entityCount; e++) {
    const length = meta.next(segment.text.length - at);
    keys.push(segment.text.slice(at, at + length));
    at += length;
  }
  return keys;
}
