/**
 * Discovery's per-language word lists (lib/text/discovery/language-words-data.ts, made by
 * scripts/discovery-words.ts) and their lookup by bisection (lib/text/sorted-list.ts, shared with the common-words list).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sortedListHas } from '../../../../lib/text/sorted-list';
import { WORDS_DE, WORDS_FR } from '../../../../lib/text/discovery/language-words-data';
import { buildLanguageWords, LANGUAGE_WORDS_FILE, renderLanguageWords } from '../../../../scripts/discovery-words';

describe('sortedListHas', () => {
  const list = '\nalpha\nbeta\ngamma\nzeta\n';
  it('finds every word and nothing else', () => {
    for (const w of ['alpha', 'beta', 'gamma', 'zeta']) expect(sortedListHas(list, w)).toBe(true);
    for (const w of ['', 'alph', 'alphas', 'delta', 'zz', 'a', 'beta\ngamma']) expect(sortedListHas(list, w)).toBe(false);
  });
});

describe('language-words-data.ts', () => {
  it('holds German nouns and French words, not given names', () => {
    expect(sortedListHas(WORDS_DE, 'regierung')).toBe(true);
    expect(sortedListHas(WORDS_DE, 'peter')).toBe(false);
    expect(sortedListHas(WORDS_FR, 'jean')).toBe(false);
    expect(sortedListHas(WORDS_FR, 'ministre')).toBe(true);
  });

  it('is what scripts/discovery-words.ts makes', () => {
    expect(readFileSync(LANGUAGE_WORDS_FILE, 'utf8')).toBe(renderLanguageWords(buildLanguageWords()));
  });
});
