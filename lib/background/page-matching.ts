/**
 * The background's side of page.match: a tab's visible text in, its glossary mentions out.
 * Pure (no browser API): the text core does the matching, this turns the tab's compact wire
 * form into chunks and the matches back into the compact reply (lib/messaging/protocol.ts).
 *
 * Why the background matches, not the tab: a tab would have to receive and decode the compiled
 * glossary (tens of milliseconds and megabytes in every tab of a 10,000-alias glossary) before
 * finding anything; the background decodes it once per revision and every tab only pays for
 * sending its text (docs/decisions.md).
 */
import { parseGlossaryKey, type EntityType } from '../model/entity';
import type { Matcher } from '../text/matcher';
import { snippetAround } from '../text/snippet';
import type { TermMatch, TextChunk } from '../text/types';

export interface PageMatches {
  entities: { id: string; type: EntityType }[];
  /** Five numbers per match: entity index, start text, start offset, end text, end offset. */
  matches: number[];
  /** The sentence around each entity's first mention, aligned with `entities`. */
  snippets: string[];
}

/** `breaks`: indices of the texts that start a new block (the first text always does). */
export function toChunks(texts: readonly string[], breaks: readonly number[]): TextChunk[] {
  const starts = new Uint8Array(texts.length);
  for (const b of breaks) if (b < texts.length) starts[b] = 1;
  return texts.map((text, i) => ({ text, blockStart: i === 0 || starts[i] === 1 }));
}

export function matchPageText(matcher: Matcher | null, texts: readonly string[], breaks: readonly number[]): PageMatches {
  const out: PageMatches = { entities: [], matches: [], snippets: [] };
  if (!matcher || texts.length === 0) return out;
  const chunks = toChunks(texts, breaks);
  const indexOf = new Map<string, number>();
  for (const m of matcher.findMatches(chunks)) {
    let k = indexOf.get(m.entityId);
    if (k === undefined) {
      // The compiled glossary's keys carry the entity's type (lib/model/entity.ts glossaryKey).
      const key = parseGlossaryKey(m.entityId);
      if (!key) continue;
      k = out.entities.length;
      indexOf.set(m.entityId, k);
      out.entities.push(key);
      out.snippets.push(snippetOf(chunks, m));
    }
    out.matches.push(k, m.start.chunk, m.start.offset, m.end.chunk, m.end.offset);
  }
  return out;
}

/** The sentence around a match, from the block that holds it. */
function snippetOf(chunks: readonly TextChunk[], m: TermMatch): string {
  let first = m.start.chunk;
  while (first > 0 && !chunks[first]!.blockStart) first--;
  let last = m.end.chunk;
  while (last + 1 < chunks.length && !chunks[last + 1]!.blockStart) last++;
  // Only the part of a long block near the mention: a snippet is one sentence.
  let block = '';
  let start = 0;
  let end = 0;
  for (let c = first; c <= last; c++) {
    if (c === m.start.chunk) start = block.length + m.start.offset;
    if (c === m.end.chunk) end = block.length + m.end.offset;
    block += chunks[c]!.text;
    if (c > m.end.chunk && block.length > end + 2_000) break;
  }
  const from = Math.max(0, start - 2_000);
  return snippetAround(block.slice(from, end + 2_000), start - from, end - from);
}
