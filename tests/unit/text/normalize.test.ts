/** The normalised form (what aliases and text are compared on). */
import { describe, expect, it } from 'vitest';
import { isHeadlineText } from '../../../lib/text/matcher';
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
  ])('%s -> %s', (text, expected) => {
    expect(isHeadlineText(text)).toBe(expected);
  });
});
