/**
 * The surname pass (lib/text/discovery/surnames.ts): which surnames a person's name gives, who
 * owns them on a page, and what a one-word name that is a surname becomes.
 */
import { describe, expect, it } from 'vitest';
import { FormTable, ORGANIZATION, PERSON, type Form } from '../../../../lib/text/discovery/forms';
import { MERGED_INTO_PERSON, NOT_ENTITY, SHARED_SURNAME, type Group } from '../../../../lib/text/discovery/groups';
import { joinSurnames, surnameOwners, surnamesOf } from '../../../../lib/text/discovery/surnames';
import { emptyPage, formWith } from './helpers';

const page = emptyPage();
const forms = new FormTable();
function group(type: number, ...specs: [string, Partial<Form>?][]): Group {
  return { root: 0, forms: specs.map(([key, fields]) => formWith(forms, key, fields)), type, confidence: 0.8, first: 0 };
}

describe('surnamesOf', () => {
  it.each([
    [['lena', 'varga'], ['varga']],
    [['omar', 'hassan', 'al-vashir'], ['al-vashir', 'vashir']],
    [['luis', 'de', 'mirandola'], ['mirandola', 'de mirandola']],
    [['pavel', 'varga', 'jr.'], ['varga']],
    [['park', 'min-jun'], ['min-jun', 'park']],
    [['yoon', 'suk', 'yeol'], ['yeol', 'yoon']],
  ])('%j -> %j', (parts, surnames) => {
    expect(surnamesOf(parts, page)).toEqual(surnames);
  });
});

describe('surnameOwners', () => {
  it('the person groups each surname may stand for; not a nationality, not a word the page writes in lower case', () => {
    const lena = group(PERSON, ['lena varga']);
    const pavel = group(PERSON, ['pavel varga']);
    const org = group(ORGANIZATION, ['harbor varga']);
    const arab = group(PERSON, ['omar israeli']);
    const earnest = group(PERSON, ['anja earnest']);
    const owners = surnameOwners([lena, pavel, org, arab, earnest], { ...page, lower: new Set(['earnest']) });
    expect(owners.get('varga')).toEqual([lena, pavel]);
    expect(owners.has('israeli')).toBe(false);
    expect(owners.has('earnest')).toBe(false);
  });
});

describe('joinSurnames', () => {
  it('one owner: the surname’s form moves to that person', () => {
    const lena = group(PERSON, ['lena kessel']);
    const kessel = group(NOT_ENTITY, ['kessel']);
    joinSurnames([lena, kessel], surnameOwners([lena], page));
    expect(kessel.type).toBe(MERGED_INTO_PERSON);
    expect(lena.forms.map((f) => f.key)).toEqual(['lena kessel', 'kessel']);
  });

  it('several owners: left to the mention scan', () => {
    const lena = group(PERSON, ['lena varga']);
    const pavel = group(PERSON, ['pavel varga']);
    const varga = group(PERSON, ['varga']);
    joinSurnames([lena, pavel, varga], surnameOwners([lena, pavel], page));
    expect(varga.type).toBe(SHARED_SURNAME);
    expect(lena.forms).toHaveLength(1);
  });

  it('not an acronym, not a known organisation', () => {
    const anja = group(PERSON, ['anja qrv']);
    const qrv = group(ORGANIZATION, ['qrv', { acronym: true }]);
    const bank = group(PERSON, ['tom fedbank']);
    const fedbank = group(ORGANIZATION, ['fedbank', { best: [0, 0.8, 0] }]);
    joinSurnames([anja, qrv, bank, fedbank], surnameOwners([anja, bank], page));
    expect(qrv.type).toBe(ORGANIZATION);
    expect(fedbank.type).toBe(ORGANIZATION);
  });
});
