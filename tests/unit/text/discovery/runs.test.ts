/**
 * Runs of capitalised words (lib/text/discovery/runs.ts) alone.
 */
import { describe, expect, it } from 'vitest';
import { extendRun } from '../../../../lib/text/discovery/runs';
import { blockOf, span } from './helpers';

/** The run that starts at the bracket in `marked` ("He met [Anja] Kessel."), as written. */
function runFrom(marked: string): string {
  const ctx = blockOf(marked.replace(/[[\]]/g, ''));
  const [a] = span(ctx, marked.slice(marked.indexOf('[') + 1, marked.indexOf(']')));
  const end = extendRun(ctx, a);
  return ctx.block.text.slice(ctx.tokens[a]!.s, ctx.tokens[end - 1]!.e);
}

describe('extendRun', () => {
  it('names, with connectors, particles and a possessive before a head', () => {
    const runs = [
      'He met [Anja] Kessel yesterday.',
      'A fellow of the [Council] on Maritime Security spoke.',
      'The [Bank] of the Northern Isles fell.',
      'Figures from [Island] Travel and Tourism Council came.',
      'The novel by [Luis] de Mirandola sold well.',
      'Members of the [Valdor] People’s Relief Organization were arrested.',
    ].map(runFrom);
    expect(runs).toEqual(['Anja Kessel', 'Council on Maritime Security', 'Bank of the Northern Isles', 'Island Travel and Tourism Council', 'Luis de Mirandola', 'Valdor People’s Relief Organization']);
  });

  it('a possessive ends the run unless a head follows ("Iran’s" vs "People’s ... Organization")', () => {
    expect(runFrom('[Valdor]’s Relief Fund grew.')).toBe('Valdor');
  });

  it('a lower-case word that is not a connector ends it; so does a sentence start', () => {
    expect(['[Anja] Kessel said Velkaro agreed.', 'He thanked [Anja] Kessel. Velkaro agreed.', 'The [Harbor] of the city grew.'].map(runFrom)).toEqual(['Anja Kessel', 'Anja Kessel', 'Harbor']);
  });
});
