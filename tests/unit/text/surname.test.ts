/** The surname an added person is also known by (lib/text/surname.ts, issue 17). */
import { describe, expect, it } from 'vitest';
import { aliasesOfSuggestion, surnameOf } from '../../../lib/text/surname';

describe('surnameOf', () => {
  it.each([
    ['Ilse Brandvold', 'Brandvold'],
    ['Luis de Miranda', 'de Miranda'],
    ['Anja van der Kessel', 'van der Kessel'],
    ['Tomas Aldrin Jr.', 'Aldrin'],
    ['Madonna', null],
    ['Anna Li', null],
    ['Kessel J.', null],
  ])('%s → %s', (name, surname) => {
    expect(surnameOf(name)).toBe(surname);
  });
});

describe('aliasesOfSuggestion', () => {
  it('adds a person’s surname once; organisations and events keep their aliases only', () => {
    expect(aliasesOfSuggestion('Ilse Brandvold', 'person', [])).toEqual(['Brandvold']);
    expect(aliasesOfSuggestion('Ilse Brandvold', 'person', ['Brandvold'])).toEqual(['Brandvold']);
    expect(aliasesOfSuggestion('Harbor Times Company', 'organization', ['HTC'])).toEqual(['HTC']);
  });
});
