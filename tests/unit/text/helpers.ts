import { expect } from 'vitest';
import { compileGlossary } from '../../../lib/text/compile';
import { createMatcher } from '../../../lib/text/matcher';
import type { GlossaryTerm, TermMatch, TextChunk } from '../../../lib/text/types';

export type TermSpec = GlossaryTerm | string;

/** "MEK" -> { entityId: 'MEK', text: 'MEK' }; objects pass through. */
export function terms(specs: readonly TermSpec[]): GlossaryTerm[] {
  return specs.map((t) => (typeof t === 'string' ? { entityId: t, text: t } : t));
}

export function chunksOf(input: string | readonly TextChunk[]): TextChunk[] {
  return typeof input === 'string' ? [{ text: input, blockStart: true }] : [...input];
}

/** The original text of a match, across chunks. */
export function textOf(chunks: readonly TextChunk[], m: TermMatch): string {
  let out = '';
  for (let c = m.start.chunk; c <= m.end.chunk; c++) {
    const t = chunks[c]!.text;
    out += t.slice(c === m.start.chunk ? m.start.offset : 0, c === m.end.chunk ? m.end.offset : t.length);
  }
  return out;
}

/**
 * Matches of `specs` in `input`, run through the JSON form and through both the fast and the
 * general path (which must agree). Returns the matches.
 */
export function find(specs: readonly TermSpec[], input: string | readonly TextChunk[]): TermMatch[] {
  const compiled = JSON.parse(JSON.stringify(compileGlossary(terms(specs))));
  const chunks = chunksOf(input);
  const fast = createMatcher(compiled).findMatches(chunks);
  const general = createMatcher(compiled, { fastPath: false }).findMatches(chunks);
  expect(general).toEqual(fast);
  return fast;
}

/** "text=entityId" for each match. */
export function found(specs: readonly TermSpec[], input: string | readonly TextChunk[]): string[] {
  const chunks = chunksOf(input);
  return find(specs, chunks).map((m) => `${textOf(chunks, m)}=${m.entityId}`);
}
