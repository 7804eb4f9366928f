/**
 * The join passes for spelling variants (lib/text/discovery/join-variants.ts), each alone.
 */
import { describe, expect, it } from 'vitest';
import { joinPersonInitials, joinPluralForms, withoutInitials } from '../../../../lib/text/discovery/join-variants';
import { joined, joinedBy, tableOf } from './helpers';

describe('joinPluralForms', () => {
  it('"Crimson Guards" and "Crimson Guard" when the page uses both; not one word, too often two names', () => {
    const forms = tableOf({ 'crimson guards': {}, 'crimson guard': {}, lakes: {}, lake: {} });
    joinPluralForms(forms);
    expect([joined(forms, 'crimson guards', 'crimson guard'), joined(forms, 'lakes', 'lake')]).toEqual([true, false]);
  });
});

describe('joinPersonInitials', () => {
  it('withoutInitials drops the initials only', () => {
    expect([['edwin', 't.', 'harrow'], ['h.w.', 'bush'], ['edwin', 'harrow']].map(withoutInitials)).toEqual(['edwin harrow', 'bush', 'edwin harrow']);
  });

  it('"Edwin T. Harrow" = "Edwin Harrow"', () => {
    expect(joinedBy(joinPersonInitials, 'The memo from Edwin T. Harrow was leaked. Edwin Harrow denied it.', 'edwin t. harrow', 'edwin harrow')).toBe(true);
  });

  it('only names with person votes', () => {
    const forms = tableOf({ 'harbor a. council': { votes: [0, 0.85, 0] }, 'harbor council': { votes: [0, 0.85, 0] } });
    joinPersonInitials(forms);
    expect(joined(forms, 'harbor a. council', 'harbor council')).toBe(false);
  });
});
