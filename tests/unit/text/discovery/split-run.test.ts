/**
 * Cutting a run into names (lib/text/discovery/split-run.ts) alone: what is trimmed and where
 * "and" splits.
 */
import { describe, expect, it } from 'vitest';
import { extendRun } from '../../../../lib/text/discovery/runs';
import { splitAtAnd, splitRun } from '../../../../lib/text/discovery/split-run';
import { allForms, blockOf, discover, emitted, find, span } from './helpers';

/** What splitRun records for the run that starts at `start`. */
function namesOfRun(text: string, start: string): string[] {
  const ctx = blockOf(text);
  const [a] = span(ctx, start);
  splitRun(ctx, a, extendRun(ctx, a));
  return emitted(ctx);
}

describe('splitRun', () => {
  it('leading closed-class words and dates go, trailing dates too', () => {
    expect(namesOfRun('However Anja Kessel disagreed.', 'However')).toEqual(['Anja Kessel: person']);
    expect(namesOfRun('Written by Erin Calloway March 18 in the port.', 'Erin')).toEqual(['Erin Calloway: person']);
  });

  it('a sentence-initial common word goes, unless the run is a headed name or starts with a first name', () => {
    expect(namesOfRun('Security Velkaro stormed the building.', 'Security')).toEqual(['Velkaro: proper']);
    expect(namesOfRun('Security Council members met.', 'Security')).toEqual(['Security Council: organization']);
    expect(namesOfRun('Mark Velkaro spoke.', 'Mark')).toEqual(['Mark Velkaro: person']);
  });

  it('"Delegates of the Northwind Trade Council": the first word is not part of the name after "of"', () => {
    expect(namesOfRun('Delegates of the Northwind Trade Council met on Monday.', 'Delegates')).toEqual(['Northwind Trade Council: organization']);
  });
});

describe('splitAtAnd', () => {
  const cut = (text: string, name: string) => {
    const ctx = blockOf(`They saw ${text} there.`);
    const [a, b] = span(ctx, name);
    splitAtAnd(ctx, a, b, false);
    return emitted(ctx);
  };

  it('two names joined by "and" are two', () => {
    expect(cut('Anja Kessel and Piet Ravensloot', 'Anja Kessel and Piet Ravensloot')).toEqual(['Anja Kessel: person', 'Piet Ravensloot: proper']);
  });

  it('"and" inside a headed name stays ("Island Travel and Tourism Council", "Council on Trade and Security")', () => {
    expect(cut('Island Travel and Tourism Council', 'Island Travel and Tourism Council')).toEqual(['Island Travel and Tourism Council: organization']);
    expect(cut('Council on Trade and Security', 'Council on Trade and Security')).toEqual(['Council on Trade and Security: organization']);
  });

  it('what is coordinated with an organisation gets an organisation cue ("Kestrel Corporation and Velkaro")', () => {
    const ctx = blockOf('They saw Kestrel Corporation and Velkaro there.');
    const [a, b] = span(ctx, 'Kestrel Corporation and Velkaro');
    splitAtAnd(ctx, a, b, false);
    expect(emitted(ctx)).toEqual(['Kestrel Corporation: organization', 'Velkaro: proper']);
    expect(ctx.out[1]!.orgCue).toBeGreaterThanOrEqual(1);
  });
});

describe('list labels (issue 17)', () => {
  it('a position or nation code before a competitor on a list line is not part of the name', () => {
    const c = discover('Squad\nGK Ilse Brandvold (Velkaro Wanderers)\nDF Anja Kessel (Dunmore Rovers)');
    expect(find(c, 'Ilse Brandvold')?.type).toBe('person');
    expect(find(c, 'Anja Kessel')?.type).toBe('person');
    expect(allForms(c).some((f) => /^(?:GK|DF)\b/.test(f))).toBe(false);
  });
});
