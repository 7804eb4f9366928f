/**
 * The typing pass (lib/text/discovery/type-groups.ts): each kind of group, typed alone, from
 * evidence made by hand.
 */
import { describe, expect, it } from 'vitest';
import { EVENT, FormTable, ORGANIZATION, PERSON, type Form } from '../../../../lib/text/discovery/forms';
import { NOT_ENTITY, type Group } from '../../../../lib/text/discovery/groups';
import { evidenceOf, typeGroups, typeOf } from '../../../../lib/text/discovery/type-groups';
import { emptyPage, formWith, mention } from './helpers';

function groupOf(...specs: [string, Partial<Form>][]): Group {
  const forms = new FormTable();
  return { root: 0, forms: specs.map(([key, fields]) => formWith(forms, key, { mentions: [mention(key)], strong: 1, ...fields })), type: NOT_ENTITY, confidence: 0, first: 0 };
}

describe('evidenceOf', () => {
  it('sums the forms’ votes and cues; a definition is an organisation’s', () => {
    const e = evidenceOf(groupOf(['ncri', { acronym: true, defined: true, orgCue: 1 }], ['national council', { votes: [0, 0.85, 0], best: [0, 0.85, 0], defined: true, orgCue: 0.5 }]));
    expect(e.votes[ORGANIZATION]).toBeCloseTo(2.85);
    expect(e.best[ORGANIZATION]).toBe(0.9);
    expect(e.orgCue).toBe(1.5);
    expect(e.count).toBe(2);
    expect(e.acronymOnly).toBe(false);
    expect(e.proper).toBe(false);
  });
});

describe('typeOf', () => {
  const page = emptyPage();

  it('seen only in weak places: nothing without strong evidence or a clear cue', () => {
    expect(typeOf(groupOf(['harbour plan', { strong: 0, votes: [0, 0.15, 0], best: [0, 0.5, 0] }]), page)).toBeUndefined();
    expect(typeOf(groupOf(['mira velkaro', { strong: 0, votes: [0.24, 0, 0], best: [0.8, 0, 0] }]), page)?.type).toBe(PERSON);
  });

  it('acronyms: an organisation, surer when defined, recurring or with a cue', () => {
    expect(typeOf(groupOf(['qrvx', { acronym: true }]), page)).toEqual({ type: ORGANIZATION, confidence: 0.5 });
    expect(typeOf(groupOf(['qrvx', { acronym: true, defined: true }]), page)).toEqual({ type: ORGANIZATION, confidence: 0.95 });
    const recurring = typeOf(groupOf(['qrvx', { acronym: true, mentions: [mention('qrvx'), mention('qrvx'), mention('qrvx')], orgCue: 1 }]), page);
    expect(recurring?.type).toBe(ORGANIZATION);
    expect(recurring?.confidence).toBeCloseTo(0.8);
  });

  it('names with no type of their own: by their cues; places and cue-less common words are dropped', () => {
    expect(typeOf(groupOf(['velkaro', { personCue: 2 }]), page)).toEqual({ type: PERSON, confidence: 0.65 });
    expect(typeOf(groupOf(['vandra', { orgCue: 1 }]), page)).toEqual({ type: ORGANIZATION, confidence: 0.5 });
    expect(typeOf(groupOf(['harrowgate', { placeCue: 1, orgCue: 0.5 }]), page)).toBeUndefined();
    expect(typeOf(groupOf(['report', {}]), page)).toBeUndefined(); // a common word
    expect(typeOf(groupOf(['velkaro', {}]), { ...page, lower: new Set(['velkaro']) })).toBeUndefined(); // the page writes it in lower case
    expect(typeOf(groupOf(['velkaro', {}]), page)).toEqual({ type: ORGANIZATION, confidence: 0.4 });
    expect(typeOf(groupOf(['mira velkaro', {}]), page)).toEqual({ type: PERSON, confidence: 0.45 });
  });

  it('names whose words gave a type: the most voted type, its best evidence the confidence', () => {
    expect(typeOf(groupOf(['osterland war', { votes: [0, 0, 0.85], best: [0, 0, 0.85] }]), page)).toEqual({ type: EVENT, confidence: 0.85 });
    const guess = typeOf(groupOf(['anja kessel', { votes: [0.45, 0, 0], best: [0.45, 0, 0], personCue: 1, placeCue: 1 }]), page);
    expect(guess?.type).toBe(PERSON);
    expect(guess?.confidence).toBeCloseTo(0.45 + 0.1 - 0.1);
  });
});

describe('typeGroups', () => {
  it('sets each group’s type and confidence; a group left out stays NOT_ENTITY', () => {
    const groups = [groupOf(['osterland war', { votes: [0, 0, 0.85], best: [0, 0, 0.85] }]), groupOf(['report', {}])];
    typeGroups(groups, emptyPage());
    expect(groups.map((g) => [g.type, g.confidence])).toEqual([
      [EVENT, 0.85],
      [NOT_ENTITY, 0],
    ]);
  });
});
