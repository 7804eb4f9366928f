/**
 * The join pass for events (lib/text/discovery/join-events.ts) alone.
 */
import { describe, expect, it } from 'vitest';
import { joinEvents } from '../../../../lib/text/discovery/join-events';
import { joined, joinedBy, tableOf } from './helpers';

const event = (year: string, eventNoun: string) => ({ votes: [0, 0, 0.8] as [number, number, number], year, eventNoun });

describe('joinEvents', () => {
  it('one year and one kind of event: "the 2011 protests" and "the 2011 uprising"', () => {
    expect(joinedBy(joinEvents, 'The 2011 protests failed. Leaders of the 2011 uprising were jailed.', '2011 protests', '2011 uprising')).toBe(true);
  });

  it('not two kinds, not two years', () => {
    const forms = tableOf({ '2011 protests': event('2011', 'protests'), '2011 election': event('2011', 'election'), '2012 protests': event('2012', 'protests') });
    joinEvents(forms);
    expect([joined(forms, '2011 protests', '2011 election'), joined(forms, '2011 protests', '2012 protests')]).toEqual([false, false]);
  });

  it('a year-prefixed name is the name ("1939 Harbor Fair" = "Harbor Fair"); with two words the year is part of it', () => {
    const votes: [number, number, number] = [0, 0, 0.8];
    const forms = tableOf({ '1939 harbor fair': { votes }, 'harbor fair': { votes }, '1939 harbor': { votes }, harbor: {} });
    joinEvents(forms);
    expect([joined(forms, '1939 harbor fair', 'harbor fair'), joined(forms, '1939 harbor', 'harbor')]).toEqual([true, false]);
  });
});
