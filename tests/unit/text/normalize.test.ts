/** The normalised form (what aliases and text are compared on). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHeadlineText } from '../../../lib/text/case-rules';
import { normalizeText } from '../../../lib/text/normalize';

describe('normalizeText (match mode: case-folded, Latin diacritics folded)', () => {
  it.each([
    ['People’s Mojahedin', "people's mojahedin"],
    ['People‘s Peopleʼs People`s People´s', "people's people's people's people's"],
    ['Mujahedin–e — a‑b −1', 'mujahedin-e - a-b -1'],
    ['  Maryam\u00a0\n\t Rajavi  ', 'maryam rajavi'],
    ['Raja\u00advi Ra\u200dja\u200cvi Raj\u200bavi', 'rajavi rajavi rajavi'],
    ['ＭＥＫ ﬁat ①', 'mek fiat 1'],
    ['Straße ẞ', 'strasse ss'],
    ['ΟΔΥΣΣΕΥΣ Οδυσσευς', 'οδυσσευσ οδυσσευσ'],
    ['Khāmeneʾi ʿAli', 'khamenei ali'],
    ['Müller Mu\u0308ller Łódź Søren Đoković Œuvre Æsir', 'muller muller lodz soren dokovic oeuvre aesir'],
    ['İstanbul', 'istanbul'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('keeps marks of non-Latin scripts (й is not и, が is not か)', () => {
    expect(normalizeText('Йошкар')).not.toBe(normalizeText('Иошкар'));
    expect(normalizeText('が')).not.toBe(normalizeText('か'));
    expect(normalizeText('が')).toBe(normalizeText('か\u3099'));
  });

  it('has modes without case folding and without diacritic folding', () => {
    expect(normalizeText('Müller', { fold: false, strip: true })).toBe('Muller');
    expect(normalizeText('Müller', { fold: true, strip: false })).toBe('mu\u0308ller');
    expect(normalizeText('MÜLLER', { fold: true, strip: false })).toBe(normalizeText('Mu\u0308ller', { fold: true, strip: false }));
  });
});

describe('isHeadlineText', () => {
  it.each([
    ['Why Khamenei Finally Broke His Deadly Silence Against the Mek/ Pmoi and Ncri?', true],
    ['Iran Blames Maryam Rajavi and MEK for the Uprising', true],
    ['Yesterday the Mek announced that its members would meet again.', false],
    ['About Us', false],
    ['Follow Us on Twitter', false],
    ['x'.repeat(600), false],
    ['Über Straße Öffentlich Ärger', true],
    ['Ǆemal Łukasz Ångström 𠮷野家 Smith', true],
    ['Москва Берлин париж лондон', false],
  ])('%s -> %s', (text, expected) => {
    expect(isHeadlineText(text)).toBe(expected);
  });

  /** The definition as first written (regular expression per word): the one-pass version must agree. */
  const reference = (text: string): boolean => {
    if (text.length > 500) return false;
    let words = 0;
    let capitalised = 0;
    for (const m of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
      const w = m[0];
      if ([...w].length < 4) continue;
      words++;
      const first = String.fromCodePoint(w.codePointAt(0)!);
      if (first !== first.toLowerCase()) capitalised++;
    }
    return words >= 3 && capitalised * 4 >= words * 3;
  };
  it('agrees with the regular-expression definition', () => {
    const pieces = ['Why', 'khamenei', 'MEK', 'Pmoi', 'Mek', 'Über', 'straße', 'Жуков', '東京都', 'Ǆemal', 'e\u0301cole', 'É', '𠮷野家', '😀', '\uD800', '\uDC00', '²³', '1234', 'ab', 'x_y', ' ', ' ', '/', '-', '’', '\u00a0'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(isHeadlineText(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });
});
