/**
 * Abbreviation definitions in one block (lib/text/discovery/abbreviations.ts: findDefinitions);
 * the Schwartz–Hearst match itself is checked in aliases.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { findDefinitions, isShortForm, type AbbreviationDefinition } from '../../../../lib/text/discovery/abbreviations';
import { blockOf } from './helpers';

function definitions(text: string): Pick<AbbreviationDefinition, 'short' | 'long'>[] {
  const ctx = blockOf(text);
  const out: AbbreviationDefinition[] = [];
  findDefinitions(0, ctx.block, ctx.tokens, out);
  return out.map(({ short, long }) => ({ short, long }));
}

describe('findDefinitions', () => {
  it('"long form (SHORT)": the shortest tail of the words before that the short form spells', () => {
    expect(definitions('Members of the Northern Fisheries Alliance (NFA) met.')).toEqual([{ short: ['NFA'], long: 'Northern Fisheries Alliance' }]);
  });

  it('"(A/B)": every alternative, when one matches', () => {
    expect(definitions('Members of the Valdor Relief Organization (VRO/VDR) met.')).toEqual([{ short: ['VRO', 'VDR'], long: 'Valdor Relief Organization' }]);
  });

  it('"SHORT (long form)"', () => {
    expect(definitions('The NFA (Northern Fisheries Alliance) met.')).toEqual([{ short: ['NFA'], long: 'Northern Fisheries Alliance' }]);
  });

  it('nothing when the letters are not there, or the parenthesis holds no short form', () => {
    expect(definitions('Members of the Northern Fisheries Alliance (QZX) met.')).toEqual([]);
    expect(definitions('Members of the Northern Fisheries Alliance (in May) met.')).toEqual([]);
  });
});

describe('isShortForm', () => {
  it('2-10 characters, a letter or digit first, two capitals at least', () => {
    expect(['NFA', 'G7B', 'PMOI', 'Nfa', 'N', 'ABCDEFGHIJK'].map(isShortForm)).toEqual([true, true, true, false, false, false]);
  });
});
