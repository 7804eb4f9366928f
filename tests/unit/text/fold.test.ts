/**
 * The string folding policies (lib/text/fold.ts): each one on the spellings it must make equal
 * and on those it must keep apart.
 */
import { describe, expect, it } from 'vitest';
import { nameKey, searchKey, withoutSoftHyphens, wordKey, writtenForm } from '../../../lib/text/fold';

describe('wordKey (discovery)', () => {
  it('ASCII: lower case only', () => {
    expect(wordKey('NCRI')).toBe('ncri');
    expect(wordKey("O'Brien")).toBe("o'brien");
    expect(wordKey('U.S.')).toBe('u.s.');
  });

  it('beyond ASCII: diacritics, soft hyphens, curly apostrophes and dashes folded', () => {
    expect(wordKey('Österreichische')).toBe('osterreichische');
    expect(wordKey('Khāmenei')).toBe('khamenei');
    expect(wordKey('Kes\u00ADsel')).toBe('kessel');
    expect(wordKey('People’s')).toBe("people's");
    expect(wordKey('al‑Qaeda')).toBe('al-qaeda');
    expect(wordKey('Iran–Iraq')).toBe('iran-iraq');
    expect(wordKey('ﬁnance')).toBe('finance'); // NFKD: the ligature is two letters
  });

  it('diacritics of any script go (not only Latin ones, unlike the matcher), letters without a decomposition stay', () => {
    expect(wordKey('Йемен')).toBe('иемен');
    expect(wordKey('Łódź')).toBe('łodz');
  });
});

describe('writtenForm (display)', () => {
  it('soft hyphens removed, white space collapsed, the rest as written', () => {
    expect(writtenForm('Anja\u00A0Kes\u00ADsel\n of  Velkaro')).toBe('Anja Kessel of Velkaro');
    expect(writtenForm('Mujahedin-e Khalq’s')).toBe('Mujahedin-e Khalq’s');
  });
});

describe('withoutSoftHyphens', () => {
  it('only the soft hyphens go', () => {
    expect(withoutSoftHyphens('Na\u00ADtional  Council\n')).toBe('National  Council\n');
  });
});

describe('nameKey (the reader’s names: duplicates, merges)', () => {
  it('case, spacing and apostrophe style ignored', () => {
    expect(nameKey('  People’s   Mojahedin ')).toBe("people's mojahedin");
    expect(nameKey('PEOPLE\u02bcS\tMOJAHEDIN')).toBe("people's mojahedin");
  });

  it('composed and decomposed accents are one name; accents still count', () => {
    expect(nameKey('Mu\u0308ller')).toBe(nameKey('Müller'));
    expect(nameKey('Müller')).not.toBe(nameKey('Muller'));
  });
});

describe('searchKey (free text searched by a query)', () => {
  it('accents, case and spacing ignored', () => {
    expect(searchKey('  Ça  va\nBIEN ')).toBe('ca va bien');
    expect(searchKey('Khāmenei')).toBe(searchKey('khamenei'));
  });
});
