/**
 * Classifying a one-word name (lib/text/discovery/classify-word.ts) alone.
 */
import { describe, expect, it } from 'vitest';
import { classifyWord } from '../../../../lib/text/discovery/classify-word';
import { blockOf, emitted, mentionOf, span } from './helpers';

function word(text: string, w: string, theCap = false): ReturnType<typeof blockOf> {
  const ctx = blockOf(text);
  classifyWord(ctx, span(ctx, w)[0], false, 0, theCap);
  return ctx;
}

describe('classifyWord', () => {
  it('acronyms, not all-capitals common words or countries', () => {
    expect(emitted(word('They said the QRVX would appeal.', 'QRVX'))).toEqual(['QRVX: acronym']);
    expect(emitted(word('They said the US would appeal.', 'US'))).toEqual([]);
    expect(emitted(word('They said KENYA would appeal.', 'KENYA'))).toEqual([]);
    const ad = word('They read HARVEST there.', 'HARVEST');
    expect(emitted(ad)).toEqual(['HARVEST: acronym']);
    expect(ad.out[0]!.weak).toBe(true); // a name only if the page defines it
  });

  it('"The Atlantic" after a capitalised "The": a publication, with an organisation cue', () => {
    const ctx = word('He wrote in The Velkaro last week.', 'Velkaro', true);
    expect(emitted(ctx)).toEqual(['The Velkaro: proper']);
    expect(mentionOf(ctx, 'The Velkaro')!.orgCue).toBeGreaterThanOrEqual(1.5);
  });

  it('places, dates, nationalities before a noun and plural groups are dropped', () => {
    expect(emitted(word('He flew to Paris today.', 'Paris'))).toEqual([]);
    expect(emitted(word('He left on Tuesday again.', 'Tuesday'))).toEqual([]);
    expect(emitted(word('The Velkarian president spoke.', 'Velkarian'))).toEqual([]);
    expect(emitted(word('He met Velkarists there.', 'Velkarists'))).toEqual([]);
  });

  it('a body like "Congress", a capitalised common word (marked common), an unknown word', () => {
    expect(emitted(word('He told Congress so.', 'Congress'))).toEqual(['Congress: organization']);
    const gov = word('He told the Harvest so.', 'Harvest');
    expect(emitted(gov)).toEqual(['Harvest: proper']);
    expect(gov.out[0]!.common).toBe(true);
    expect(emitted(word('He met Velkaro there.', 'Velkaro'))).toEqual(['Velkaro: proper']);
  });
});
