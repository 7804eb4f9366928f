/**
 * Classifying a name by its words (lib/text/discovery/classify-phrase.ts) alone: the cut at
 * "of" / "for" / "on", then heads, compromise's phrases and people.
 */
import { describe, expect, it } from 'vitest';
import { classifyPhrase, splitAtOf } from '../../../../lib/text/discovery/classify-phrase';
import { blockOf, discover, emitted, find, span } from './helpers';

function classified(name: string, cut = true): string[] {
  const ctx = blockOf(`They saw ${name} there.`);
  const [a, b] = span(ctx, name);
  if (cut) splitAtOf(ctx, a, b, false, 0);
  else classifyPhrase(ctx, a, b, false, 0);
  return emitted(ctx);
}

describe('splitAtOf', () => {
  it('"of" joining two names cuts; inside a headed name it stays', () => {
    expect(classified('Anja Kessel of Velkaro')).toEqual(['Anja Kessel: person', 'Velkaro: proper']);
    expect(classified('Council on Maritime Security')).toEqual(['Council on Maritime Security: organization']);
    expect(classified('Century of Progress Exposition')).toEqual(['Century of Progress Exposition: event']);
  });

  it('a person "of the" organisation is two names (issue 17: organisations in English prose)', () => {
    expect(classified('Anja Kessel of the Velkaro Space Agency')).toEqual(['Anja Kessel: person', 'Velkaro Space Agency: organization']);
    expect(classified('Bank of the Northwind Isles')).not.toContain('Bank: proper');
  });
});

describe('English organisation cues (issue 17, session 3)', () => {
  it('a head before a possessive ends a name of its own', () => {
    const c = discover('The report came from Velkaro University’s Center on Coastal Poverty and Inequality, its authors said.');
    expect(find(c, 'Velkaro University')?.type).toBe('organization');
    expect(find(c, 'Center on Coastal Poverty and Inequality')?.type).toBe('organization');
  });

  it('"X police" is an organisation; "Administrator" is a title', () => {
    const c = discover('Velkaro police said the driver was arrested. Northwind Administrator Anja Kessel said the launch was delayed.');
    expect(find(c, 'Velkaro')?.type).toBe('organization');
    expect(find(c, 'Anja Kessel')?.type).toBe('person');
  });
});

describe('classifyPhrase', () => {
  it.each([
    ['Osterland War', 'event'],
    ['World War II', 'event'],
    ['Northwind Trade Council', 'organization'],
    ['Ministry of Coastal Affairs', 'organization'],
    ['Anja Kessel', 'person'],
    ['Edwin Harrow', 'person'],
    ['Velkaro Drammen', 'proper'],
    ['QRV Velkaro', 'organization'],
  ])('%s: %s', (name, kind) => {
    expect(classified(name, false)).toEqual([`${name}: ${kind}`]);
  });

  it('laws, places and nationalities are not ours', () => {
    expect(classified('Harbor Protection Act', false)).toEqual([]);
    expect(classified('Velkaro River', false)).toEqual([]);
    expect(classified('Iranian Resistance', false)).toEqual([]);
  });

  it('compromise’s phrases: known people and organisations', () => {
    expect(classified('Barack Obama', false)).toEqual(['Barack Obama: person']);
  });
});

describe('a particle inside a name with no given name (issue 17)', () => {
  it('"the Corriere della Sera" is typed by its context, not taken for a person; "Luis de Miranda" still is one', () => {
    const c = discover('The report in the Velkaro della Sera was denied. Luis de Miranda said so.');
    expect(find(c, 'Velkaro della Sera')?.type).toBe('organization');
    expect(find(c, 'Luis de Miranda')?.type).toBe('person');
  });
});
