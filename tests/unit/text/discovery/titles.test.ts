/**
 * Titles (lib/text/discovery/titles.ts) alone: the person after the last title, what is left
 * before it, titles with no name.
 */
import { describe, expect, it } from 'vitest';
import { splitAtTitles } from '../../../../lib/text/discovery/titles';
import { blockOf, discover, emitted, find, mentionOf, span } from './helpers';

function titled(text: string, name: string) {
  const ctx = blockOf(`They saw ${text} there.`);
  const [a, b] = span(ctx, name);
  splitAtTitles(ctx, a, b, false);
  return ctx;
}

describe('splitAtTitles', () => {
  it.each([
    ['President Oskar Veldmann', 'Oskar Veldmann'],
    ['Mrs. Ilse Brandvold', 'Ilse Brandvold'],
    ['Supreme Leader Tomas Aldrin', 'Tomas Aldrin'],
    ['US Secretary of State Corin Maddox', 'Corin Maddox'],
    ['Opposition Leader Bill Shorten', 'Bill Shorten'],
  ])('%s: the person is %s, with a strong person cue', (text, person) => {
    const ctx = titled(text, text);
    expect(emitted(ctx).at(-1)).toBe(`${person}: person`);
    expect(mentionOf(ctx, person)!.personCue).toBeGreaterThanOrEqual(2);
  });

  it('a place after "of" behind a titled name is not part of it ("Senator Bram Oosterhuis of Ohio")', () => {
    expect(emitted(titled('Senator Bram Oosterhuis of Ohio', 'Senator Bram Oosterhuis of Ohio'))).toEqual(['Bram Oosterhuis: person']);
  });

  it('what stands before a company title is an organisation cue ("Kestrel Motors CEO Dana Whitfield")', () => {
    const ctx = titled('Kestrel Motors CEO Dana Whitfield', 'Kestrel Motors CEO Dana Whitfield');
    expect(emitted(ctx)).toEqual(['Kestrel Motors: organization', 'Dana Whitfield: person']);
    expect(mentionOf(ctx, 'Kestrel Motors')!.orgCue).toBeGreaterThanOrEqual(2);
  });

  it('titles with no name after them go ("the Velkaro CEO"); titles alone are no name ("Prime Minister")', () => {
    const ctx = titled('the Velkaro CEO', 'Velkaro CEO');
    expect(emitted(ctx)).toEqual(['Velkaro: proper']);
    expect(mentionOf(ctx, 'Velkaro')!.orgCue).toBeGreaterThanOrEqual(1);
    expect(emitted(titled('the Prime Minister', 'Prime Minister'))).toEqual([]);
  });
});

describe('a title that is also a given name (issue 17)', () => {
  it('"Dean Whitmore" is a person named Dean; "the Dean Whitmore" or a page with "the dean" keeps the title', () => {
    expect(find(discover('Dean Whitmore scored twice.'), 'Dean Whitmore')?.type).toBe('person');
    const c = discover('The dean spoke first. Dean Whitmore then read the list.');
    expect(find(c, 'Dean Whitmore')).toBeUndefined();
    expect(find(c, 'Whitmore')?.type).toBe('person');
  });

  it('sports roles are titles, kept out of the name ("Teammate Ilse Brandvold", "Striker Anja Kessel")', () => {
    const c = discover('Teammate Ilse Brandvold was third. Striker Anja Kessel scored.');
    expect(find(c, 'Ilse Brandvold')?.type).toBe('person');
    expect(find(c, 'Anja Kessel')?.type).toBe('person');
  });
});
