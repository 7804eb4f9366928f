/**
 * The mention scan (lib/text/discovery/mention-scan.ts) alone: groups made by hand over the
 * forms of a real text, scanned again over that text.
 */
import { describe, expect, it } from 'vitest';
import { ORGANIZATION, PERSON, type FormTable } from '../../../../lib/text/discovery/forms';
import type { Group } from '../../../../lib/text/discovery/groups';
import { scanMentions, scanTargets, type FoundMention } from '../../../../lib/text/discovery/mention-scan';
import type { SurnameOwners } from '../../../../lib/text/discovery/surnames';
import { formWith, pageOf } from './helpers';

function group(forms: FormTable, type: number, ...keys: string[]): Group {
  return { root: 0, forms: keys.map((k) => forms.get(k) ?? formWith(forms, k)), type, confidence: 0.8, first: 0 };
}

const texts = (found: FoundMention[], g?: Group) => found.filter((x) => !g || x.group === g).map((x) => x.text);

describe('scanTargets', () => {
  it('every form of the accepted groups and the surnames of people, with every key’s word prefixes', () => {
    const { forms } = pageOf('Members of the Harbor Workers Organization met Anja Kessel.');
    const org = group(forms, ORGANIZATION, 'harbor workers organization');
    const anja = group(forms, PERSON, 'anja kessel');
    const owners: SurnameOwners = new Map([['kessel', [anja, org]]]);
    const t = scanTargets([org, anja], owners);
    expect([...t.groupsOf.keys()]).toEqual(['harbor workers organization', 'anja kessel', 'kessel']);
    expect(t.groupsOf.get('kessel')).toEqual([anja]); // only people own surnames
    expect([...t.prefixes]).toEqual(['harbor', 'harbor workers', 'anja']);
    expect(t.maxWords).toBe(3);
  });
});

describe('scanMentions', () => {
  it('leftmost-longest, sentence starts included (weak), possessives left out', () => {
    const { page, forms } = pageOf('Harbor Workers Organization officials spoke. The Harbor Workers Organization’s chief and Harbor agreed.');
    const org = group(forms, ORGANIZATION, 'harbor workers organization', 'harbor');
    const found = scanMentions(page, forms, scanTargets([org], new Map()));
    expect(found.map((x) => [x.text, x.weak])).toEqual([
      ['Harbor Workers Organization', true],
      ['Harbor Workers Organization', false],
      ['Harbor', false],
    ]);
  });

  it('an acronym written in capitals, or any case in a headline ("Qrvx" in a title-cased line)', () => {
    const { page, forms } = pageOf('Why Qrvx Defends Harbour Plan Against Fierce Criticism\nThe QRVX said so. Qrvx is also a word here.');
    formWith(forms, 'qrvx', { acronym: true });
    const qrvx = group(forms, ORGANIZATION, 'qrvx');
    const found = scanMentions(page, forms, scanTargets([qrvx], new Map()));
    expect(found.map((x) => [x.block, x.text])).toEqual([
      [0, 'Qrvx'],
      [1, 'QRVX'],
    ]);
  });

  it('a shared surname goes to the person named nearest before it; before any, the first', () => {
    const { page, forms } = pageOf('Varga arrived. Lena Varga met Pavel Varga. Varga spoke first.\nLena Varga left. Varga stayed.');
    const lena = group(forms, PERSON, 'lena varga');
    const pavel = group(forms, PERSON, 'pavel varga');
    const found = scanMentions(page, forms, scanTargets([lena, pavel], new Map([['varga', [lena, pavel]]])));
    expect(found.map((x) => `${x.text}→${x.group === lena ? 'Lena' : 'Pavel'}`)).toEqual([
      'Varga→Lena',
      'Lena Varga→Lena',
      'Pavel Varga→Pavel',
      'Varga→Pavel',
      'Lena Varga→Lena',
      'Varga→Lena',
    ]);
  });

  it('a place-named surname after "in" is the place, unless the name is mostly a person’s', () => {
    const { page, forms } = pageOf('Edwin Harrow spoke in Harrow on Monday.');
    formWith(forms, 'harrow', { votes: [0, 0, 0] });
    const edwin = group(forms, PERSON, 'edwin harrow', 'harrow');
    expect(texts(scanMentions(page, forms, scanTargets([edwin], new Map())))).toEqual(['Edwin Harrow']);
    forms.get('harrow')!.votes = [0.8, 0, 0];
    expect(texts(scanMentions(page, forms, scanTargets([edwin], new Map())))).toEqual(['Edwin Harrow', 'Harrow']);
  });
});
