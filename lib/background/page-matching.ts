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
import { snippetInTexts } from '../text/snippet';
import type { TextChunk } from '../text/types';
import { judgeMatches, type MatchReason, type PageNamed } from './page-evidence';

export interface PageMatches {
  entities: { id: string; type: EntityType }[];
  /** Five numbers per match: entity index, start text, start offset, end text, end offset. */
  matches: number[];
  /** The sentence around each entity's first mention, aligned with `entities`. */
  snippets: string[];
  /** Per common-word match kept: [match number, alias, the name seen, where] (page-evidence.ts). */
  reasons?: [number, ...MatchReason][];
}

/** The page's evidence and the reader's per-site switches (see page-evidence.ts judgeMatches). */
export interface JudgeContext {
  named: PageNamed;
  part: number;
  excluded?: (entityKey: string, alias: string) => boolean;
  createdAt?: (entityKey: string) => number;
}

/** `breaks`: indices of the texts that start a new block (the first text always does). */
export function toChunks(texts: readonly string[], breaks: readonly number[]): TextChunk[] {
  const starts = new Uint8Array(texts.length);
  for (const b of breaks) if (b < texts.length) starts[b] = 1;
  return texts.map((text, i) => ({ text, blockStart: i === 0 || starts[i] === 1 }));
}

export function matchPageText(matcher: Matcher | null, texts: readonly string[], breaks: readonly number[], judge?: JudgeContext): PageMatches {
  const out: PageMatches = { entities: [], matches: [], snippets: [] };
  if (!matcher || texts.length === 0) return out;
  const chunks = toChunks(texts, breaks);
  const indexOf = new Map<string, number>();
  const excludedKey = judge?.excluded;
  const found = matcher.findMatches(chunks);
  const { matches, reasons } = judgeMatches(found, texts, judge?.named ?? new Map(), judge?.part ?? 0, {
    // The reader's switches name entity ids; the matcher's keys carry the type letter first.
    excluded: excludedKey ? (key, alias) => excludedKey(key.slice(1), alias) : undefined,
    createdAt: judge?.createdAt,
  });
  let n = 0;
  for (const m of matches) {
    const reason = reasons[n++];
    let k = indexOf.get(m.entityId);
    if (k === undefined) {
      // The compiled glossary's keys carry the entity's type (lib/model/entity.ts glossaryKey).
      const key = parseGlossaryKey(m.entityId);
      if (!key) continue;
      k = out.entities.length;
      indexOf.set(m.entityId, k);
      out.entities.push(key);
      out.snippets.push(snippetInTexts(texts, (i) => chunks[i]!.blockStart, m.start.chunk, m.start.offset, m.end.chunk, m.end.offset));
    }
    if (reason) (out.reasons ??= []).push([out.matches.length / 5, ...reason]);
    out.matches.push(k, m.start.chunk, m.start.offset, m.end.chunk, m.end.offset);
  }
  return out;
}
