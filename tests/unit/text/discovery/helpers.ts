import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { discoverEntities, type Candidate, type DiscoveryOptions, type EntityType } from '../../../../lib/text/discovery/index';
import type { TextChunk } from '../../../../lib/text/types';

/** One block a line, like the evaluation set. */
export function chunksOf(text: string): TextChunk[] {
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((line) => ({ text: `${line}\n`, blockStart: true }));
}

export function discover(text: string, options?: DiscoveryOptions): Candidate[] {
  return discoverEntities(chunksOf(text), options);
}

/** The candidate whose name or one of whose aliases is `name` (exact), or undefined. */
export function find(cands: Candidate[], name: string): Candidate | undefined {
  return cands.find((c) => c.name === name || c.aliases.includes(name));
}

/** Names of the candidates of one type. */
export function names(cands: Candidate[], type?: EntityType): string[] {
  return cands.filter((c) => !type || c.type === type).map((c) => c.name);
}

/** Every name and alias of every candidate. */
export function allForms(cands: Candidate[]): string[] {
  return cands.flatMap((c) => [c.name, ...c.aliases]);
}

export const SEED_ARTICLE = readFileSync(fileURLToPath(new URL('../../../fixtures/seed-article.txt', import.meta.url)), 'utf8');

/** The text of a mention, read back from the chunks with its offsets. */
export function textAt(chunks: readonly TextChunk[], m: Candidate['mentions'][number]): string {
  if (m.start.chunk === m.end.chunk) return chunks[m.start.chunk]!.text.slice(m.start.offset, m.end.offset);
  let t = chunks[m.start.chunk]!.text.slice(m.start.offset);
  for (let k = m.start.chunk + 1; k < m.end.chunk; k++) t += chunks[k]!.text;
  return t + chunks[m.end.chunk]!.text.slice(0, m.end.offset);
}
