/**
 * compromise's lexicon, read at build time (lib/text/discovery/lexicon-data.ts, made by
 * scripts/discovery-lexicon.ts): the committed file is what the script makes from the installed
 * compromise, and the engine reads the same flags from it that compromise's model gives.
 */
import nlp from 'compromise';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getLexicon, W_FIRST, W_ORG, W_ORG_HEAD, W_PERSON } from '../../../../lib/text/discovery/lexicon';
import { compromiseFlags, type CompromiseModel } from '../../../../lib/text/discovery/lexicon-compromise';
import { LEXICON_DATA_FILE, renderLexiconData } from '../../../../scripts/discovery-lexicon';

describe('lexicon-data.ts', () => {
  it('is what scripts/discovery-lexicon.ts makes from the installed compromise', () => {
    expect(readFileSync(LEXICON_DATA_FILE, 'utf8')).toBe(renderLexiconData());
  });

  it('gives the engine compromise’s own flags for its words and phrases', () => {
    const flags = compromiseFlags(nlp.model() as unknown as CompromiseModel);
    const lex = getLexicon();
    let checked = 0;
    for (const [k, f] of flags) {
      // The engine's own lists add bits over compromise's, never remove them (but its head-word exceptions).
      const got = k.includes(' ') ? lex.phraseFlags(k) : lex.flags(k);
      expect(got & f & ~W_ORG_HEAD).toBe(f & ~W_ORG_HEAD);
      if (++checked > 5000) break;
    }
    expect(lex.flags('john') & W_FIRST).toBeTruthy();
    expect(lex.phraseFlags('barack obama') & W_PERSON).toBeTruthy();
    expect(lex.flags('nasa') & W_ORG).toBeTruthy();
  });
});
