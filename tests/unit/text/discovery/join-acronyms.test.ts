/**
 * The join passes for abbreviations (lib/text/discovery/join-acronyms.ts), each alone: forms
 * are apart before the pass runs and joined after it (joinedBy), or not.
 */
import { describe, expect, it } from 'vitest';
import { initialsOf, joinAbbreviationDefinitions, joinAcronymsToInitials, joinAcronymTypos } from '../../../../lib/text/discovery/join-acronyms';
import { joined, joinedBy, mention, pageOf, tableOf } from './helpers';

describe('joinAbbreviationDefinitions', () => {
  it('"Long Form (SHORT)": both sides are one entity, defined; the short side is an acronym', () => {
    const { page, forms } = pageOf('The Northern Fisheries Alliance (NFA) filed a complaint.');
    joinAbbreviationDefinitions(forms, page);
    expect(joined(forms, 'northern fisheries alliance', 'nfa')).toBe(true);
    expect(forms.get('nfa')!.acronym).toBe(true);
    expect(forms.get('nfa')!.defined && forms.get('northern fisheries alliance')!.defined).toBe(true);
  });

  it('an accented short form is keyed like its mentions: "(ÖVP)" joins the "ÖVP" written later', () => {
    const { page, forms } = pageOf('Die Österreichische Volkspartei (ÖVP) gewann. Die ÖVP regiert.');
    joinAbbreviationDefinitions(forms, page);
    expect(forms.get('övp')).toBeUndefined();
    expect(joined(forms, 'osterreichische volkspartei', 'ovp')).toBe(true);
    expect(forms.get('ovp')!.acronym).toBe(true);
  });

  it('every alternative of "(A/B)" joins', () => {
    expect(joinedBy(joinAbbreviationDefinitions, 'Members of the Valdor Relief Organization (VRO/VDR) were arrested.', 'vro', 'vdr')).toBe(true);
  });
});

describe('initialsOf', () => {
  it('with and without the small words, hyphenated words by their parts', () => {
    expect(initialsOf(['national', 'council', 'of', 'resistance', 'of', 'iran'])).toEqual(['ncri', 'ncoroi']);
    expect(initialsOf(['u.n.', 'general', 'assembly'])).toEqual(['uga']);
    expect(initialsOf(['iran-iraq', 'war'])).toEqual(['iiw']);
  });
});

describe('joinAcronymsToInitials', () => {
  it('an acronym joins the names whose initials it spells', () => {
    expect(joinedBy(joinAcronymsToInitials, 'Inspectors of the Coastal Water Authority arrived. The CWA later fined the port.', 'cwa', 'coastal water authority')).toBe(true);
  });

  it('not a person’s name, and not a word that is not an acronym', () => {
    const forms = tableOf({ 'anja kessel': { votes: [0.8, 0, 0] }, ak: { acronym: true }, 'kessel anja': { votes: [0, 0.8, 0] }, ka: {} });
    joinAcronymsToInitials(forms);
    expect([joined(forms, 'ak', 'anja kessel'), joined(forms, 'ka', 'kessel anja')]).toEqual([false, false]);
  });
});

describe('joinAcronymTypos', () => {
  const uses = (key: string, n: number) => ({ acronym: true, mentions: Array.from({ length: n }, () => mention(key)) });

  it('the rarer of two spellings one transposition apart joins the commoner', () => {
    const forms = tableOf({ qrvx: uses('qrvx', 2), qrxv: uses('qrxv', 1), qxrv: uses('qxrv', 1) });
    joinAcronymTypos(forms);
    expect(joined(forms, 'qrvx', 'qrxv')).toBe(true);
    expect(joined(forms, 'qrvx', 'qxrv')).toBe(false); // two transpositions away
  });

  it('not for short acronyms, nor for two spellings used equally often', () => {
    const forms = tableOf({ abc: uses('abc', 2), acb: uses('acb', 1), wxyz: uses('wxyz', 1), wxzy: uses('wxzy', 1) });
    joinAcronymTypos(forms);
    expect([joined(forms, 'abc', 'acb'), joined(forms, 'wxyz', 'wxzy')]).toEqual([false, false]);
  });
});
