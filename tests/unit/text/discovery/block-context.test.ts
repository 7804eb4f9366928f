/**
 * What every detection step asks of a block (lib/text/discovery/block-context.ts): word flags,
 * common words, person-name words, heads, and emit() with its cue rules.
 */
import { describe, expect, it } from 'vitest';
import { affiliationInList, emit, flagsOf, hasConnectorAfterHead, hasHeadBefore, isCommon, isTitleToken, keyOf, personish, scoreAdjacent } from '../../../../lib/text/discovery/block-context';
import { W_ORG, W_TITLE } from '../../../../lib/text/discovery/lexicon';
import { E_SHAPE, K_PROPER } from '../../../../lib/text/discovery/raw-mention';
import { blockOf, span } from './helpers';

const token = (ctx: ReturnType<typeof blockOf>, word: string) => ctx.tokens[span(ctx, word)[0]]!;

describe('word flags', () => {
  it('hyphenated words by their phrase ("al-Qaeda") or their last part ("Attorney-General"); cached per norm', () => {
    const ctx = blockOf('Officials of al-Qaeda met the Attorney-General.');
    expect(flagsOf(ctx, token(ctx, 'al-Qaeda')) & W_ORG).toBeTruthy();
    expect(flagsOf(ctx, token(ctx, 'Attorney-General')) & W_TITLE).toBeTruthy();
    expect(ctx.flagCache.has('al-qaeda')).toBe(true);
  });

  it('isCommon: known common words, words the page writes in lower case, common endings', () => {
    const ctx = blockOf('Report Velkaro Harborization Velkaro', new Set(['velkaro']));
    expect(isCommon(ctx, token(ctx, 'Report'), flagsOf(ctx, token(ctx, 'Report')))).toBe(true);
    expect(isCommon(ctx, token(ctx, 'Velkaro'), flagsOf(ctx, token(ctx, 'Velkaro')))).toBe(true);
    expect(isCommon(ctx, token(ctx, 'Harborization'), 0)).toBe(true);
    expect(isCommon(blockOf('Velkaro'), token(blockOf('Velkaro'), 'Velkaro'), 0)).toBe(false);
  });

  it('personish and isTitleToken', () => {
    const ctx = blockOf('President Anja J. Kessel of the Harbor Council');
    expect(isTitleToken(ctx, token(ctx, 'President'))).toBe(true);
    expect(['Anja', 'J.', 'Kessel'].map((w) => personish(ctx, token(ctx, w)))).toEqual([true, true, true]);
    expect(['President', 'Council'].map((w) => personish(ctx, token(ctx, w)))).toEqual([false, false]);
  });

  it('heads in a span: hasHeadBefore, hasConnectorAfterHead ("Council on ...")', () => {
    const ctx = blockOf('Council on Maritime Security and Trade');
    const [a, b] = span(ctx, 'Council on Maritime Security and Trade');
    expect(hasHeadBefore(ctx, a, b)).toBe(true);
    expect(hasHeadBefore(ctx, a + 1, b)).toBe(false);
    expect(hasConnectorAfterHead(ctx, a, b)).toBe(true);
    expect(hasConnectorAfterHead(ctx, a, a + 1)).toBe(false);
  });
});

describe('emit', () => {
  it('records the name as written with its key, and runs the block’s cue rules in order', () => {
    const order: string[] = [];
    const ctx = blockOf('He met Anja Kes\u00ADsel there.', undefined, [
      (_c, _a, _b, m) => void (order.push('first'), (m.orgCue += 1)),
      (_c, _a, _b, m) => void (order.push(`second saw ${m.orgCue}`), (m.personCue += 2)),
    ]);
    const [a, b] = span(ctx, 'Anja Kes\u00ADsel');
    const m = emit(ctx, a, b, K_PROPER, E_SHAPE, false, { personCue: 1 });
    expect(order).toEqual(['first', 'second saw 1']);
    expect(ctx.out).toEqual([m]);
    expect(m).toMatchObject({ key: keyOf(ctx, a, b), surface: 'Anja Kessel', tokens: 2, orgCue: 1, personCue: 3, order: a });
    expect(m.key).toBe('anja kessel');
  });
});

describe('team slots on list lines (issue 17)', () => {
  it('scoreAdjacent: before a score or a table row\'s figures, after a "2-1" score; not before a time', () => {
    const ctx = blockOf('Dunmore 2 Harbor Athletic 1');
    expect(scoreAdjacent(ctx, ...span(ctx, 'Dunmore'))).toBe(true);
    expect(scoreAdjacent(ctx, ...span(ctx, 'Harbor Athletic'))).toBe(true);
    const after = blockOf('Dunmore 2-1 Velkaro, 14 May');
    expect(scoreAdjacent(after, ...span(after, 'Velkaro'))).toBe(true);
    const time = blockOf('1. Ilse Brandvold 1:52.30 2. Anja Kessel 1:53.10');
    expect(scoreAdjacent(time, ...span(time, 'Ilse Brandvold'))).toBe(false);
    const prose = blockOf('Dunmore 2 goals, said the coach.');
    expect(scoreAdjacent(prose, ...span(prose, 'Dunmore'))).toBe(false); // one number: not a list line
  });

  it('affiliationInList: "(Club)" after a name on a list line, not in a sentence', () => {
    const list = blockOf('Ilse Brandvold (Dunmore)');
    expect(affiliationInList(list, ...span(list, 'Dunmore'))).toBe(true);
    const prose = blockOf('We met Ilse Brandvold (Dunmore) at the port.');
    expect(affiliationInList(prose, ...span(prose, 'Dunmore'))).toBe(false);
  });
});
