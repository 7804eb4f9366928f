/**
 * Events without a head word (lib/text/discovery/events.ts) alone.
 */
import { describe, expect, it } from 'vitest';
import { nameEvent, normEventNoun, yearEvent } from '../../../../lib/text/discovery/events';
import { extendRun } from '../../../../lib/text/discovery/runs';
import { blockOf, discover, emitted, span } from './helpers';

describe('yearEvent', () => {
  it('after a determiner: a year, up to two modifiers and an event noun', () => {
    const ctx = blockOf('Many recalled the 2030 presidential election well.');
    const [i] = span(ctx, '2030');
    expect(yearEvent(ctx, i)).toBe(span(ctx, 'election')[1]);
    expect(emitted(ctx)).toEqual(['2030 presidential election: event']);
    expect(ctx.out[0]).toMatchObject({ year: '2030', eventNoun: 'election' });
  });

  it('a year with a capitalised event name gives both names ("the 1939 Harbor Fair" and "Harbor Fair")', () => {
    const ctx = blockOf('He visited the 1939 Harbor Fair twice.');
    yearEvent(ctx, span(ctx, '1939')[0]);
    expect(emitted(ctx)).toEqual(['1939 Harbor Fair: event', 'Harbor Fair: event']);
  });

  it('no determiner, no event', () => {
    const ctx = blockOf('In 2011 protests spread.');
    const [i] = span(ctx, '2011');
    expect(yearEvent(ctx, i)).toBe(i);
    expect(ctx.out).toEqual([]);
  });
});

describe('nameEvent', () => {
  const event = (text: string, name: string) => {
    const ctx = blockOf(text);
    const [i] = span(ctx, name);
    nameEvent(ctx, i, extendRun(ctx, i));
    return emitted(ctx);
  };

  it('a name and a lower-case event noun after a determiner: "the Free Harbor rally", "the Lund peace talks"', () => {
    expect(event('Crowds gathered at the Free Harbor rally.', 'Free')).toEqual(['Free Harbor rally: event']);
    expect(event('Before the Lund peace talks collapsed, both met.', 'Lund')).toEqual(['Lund peace talks: event']);
  });

  it('"deal" needs a modifier; a titled person is no event', () => {
    expect(event('Critics attacked the Kestrow deal again.', 'Kestrow')).toEqual([]);
    expect(event('Critics attacked the Kestrow nuclear deal again.', 'Kestrow')).toEqual(['Kestrow nuclear deal: event']);
    expect(event('They met the President Velkaro rally.', 'President')).toEqual([]);
  });
});

describe('normEventNoun', () => {
  it('synonyms share one name; other nouns are themselves', () => {
    expect(['uprising', 'protests', 'riots'].map(normEventNoun)).toEqual(['protests', 'protests', 'protests']);
    expect(normEventNoun('summit')).toBe('summit');
  });
});

describe('events without a head word (issue 17)', () => {
  const found = (text: string) => discover(text).filter((c) => c.type === 'event').map((c) => c.name);

  it('a year, a name and an event noun, with up to two modifiers', () => {
    expect(found('The 2008 Dunmore summit was tense.')).toEqual(['2008 Dunmore summit']);
    expect(found('The 2016 Ruritania presidential election was close.')).toEqual(['2016 Ruritania presidential election']);
  });

  it('a name and a stand-alone event noun need no determiner; a sentence\'s own "The" is one', () => {
    expect(found('Leaders arrived for a NATO summit on Tuesday.')).toEqual(['NATO summit']);
    expect(found('The Velkaro disaster happened at night.')).toEqual(['Velkaro disaster']);
    expect(found('Officials said Velkaro talks stalled.')).toEqual([]); // "talks" needs a determiner and a modifier
  });

  it('events named head first: "Hurricane …", "Operation …", "Battle of …"', () => {
    expect(found('Hurricane Velma hit the coast. Operation Harbor Shield began. The Battle of Dunmore was lost.').sort()).toEqual(
      ['Battle of Dunmore', 'Hurricane Velma', 'Operation Harbor Shield'],
    );
  });
});
