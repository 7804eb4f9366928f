/**
 * Pass 1 as a whole (lib/text/discovery/detect.ts): the walk over a block and over the page.
 */
import { describe, expect, it } from 'vitest';
import type { CueRule } from '../../../../lib/text/discovery/block-context';
import { detectBlock, detectPage } from '../../../../lib/text/discovery/detect';
import { lowerWordsOf, readBlocks } from '../../../../lib/text/discovery/tokenize';
import { blockOf, chunksOf, emitted } from './helpers';

function detect(text: string, cueRules?: readonly CueRule[]) {
  const ctx = blockOf(text);
  detectBlock(ctx.lex, ctx.lower, 0, { block: ctx.block, tokens: ctx.tokens }, ctx.out, ctx.flagCache, cueRules);
  return ctx;
}

describe('detectBlock', () => {
  it('year events, runs cut into names, compound adjectives skipped, name events', () => {
    expect(emitted(detect('After the 2011 protests, President Oskar Veldmann and the Velkaro-based Harbor Council met at the Free Harbor rally.'))).toEqual([
      '2011 protests: event',
      'Oskar Veldmann: person',
      'Harbor Council: organization',
      'Free Harbor rally: event',
    ]);
  });

  it('each name gets the cue rules it is given, in order; none gives no cue', () => {
    const bare = detect('Leaders of the Vandra party met.', []);
    expect(bare.out.map((m) => m.orgCue)).toEqual([0]);
    const seen: string[] = [];
    detect('Leaders of the Vandra party met.', [(_c, _a, _b, m) => void seen.push(m.surface)]);
    expect(seen).toEqual(['Vandra']);
    expect(detect('Leaders of the Vandra party met.').out[0]!.orgCue).toBeGreaterThan(0);
  });
});

describe('detectPage', () => {
  it('every block’s names in reading order, and the abbreviation definitions', () => {
    const docs = readBlocks(chunksOf('The Northern Fisheries Alliance (NFA) filed a complaint.\nAnja Kessel agreed.'));
    const { mentions, definitions } = detectPage(docs, lowerWordsOf(docs));
    expect(mentions.map((m) => [m.block, m.surface])).toEqual([
      [0, 'Northern Fisheries Alliance'],
      [0, 'NFA'],
      [1, 'Anja Kessel'],
    ]);
    expect(definitions).toEqual([expect.objectContaining({ block: 0, short: ['NFA'], long: 'Northern Fisheries Alliance' })]);
  });
});
