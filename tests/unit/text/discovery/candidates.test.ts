/**
 * The last pass (lib/text/discovery/candidates.ts) alone: confidence, the canonical name and
 * aliases, filters and order, from groups and found mentions made by hand.
 */
import { describe, expect, it } from 'vitest';
import { candidatesOf, finalConfidence, namesInOrder, writingsOf } from '../../../../lib/text/discovery/candidates';
import { EVENT, FormTable, ORGANIZATION, PERSON } from '../../../../lib/text/discovery/forms';
import type { Group } from '../../../../lib/text/discovery/groups';
import type { FoundMention } from '../../../../lib/text/discovery/mention-scan';
import { readBlocks } from '../../../../lib/text/discovery/tokenize';
import { chunksOf, formWith } from './helpers';

const forms = new FormTable();
const G = (type: number, confidence: number, ...keys: string[]): Group => ({ root: 0, forms: keys.map((k) => forms.get(k) ?? formWith(forms, k)), type, confidence, first: 0 });
const hit = (group: Group | null, key: string, text: string, weak = false, block = 0, s = 0): FoundMention => ({ group: group!, key, block, s, e: s + text.length, text, weak });

describe('finalConfidence', () => {
  it('named two ways or three times: a little surer, rounded; a weak guess is not lifted over the cut', () => {
    const two = [hit(null, 'a', 'A'), hit(null, 'b', 'B')];
    const three = [hit(null, 'a', 'A'), hit(null, 'a', 'A'), hit(null, 'b', 'B')];
    expect(finalConfidence(0.6, [hit(null, 'a', 'A')], 0.5)).toBe(0.6);
    expect(finalConfidence(0.6, two, 0.5)).toBe(0.65);
    expect(finalConfidence(0.6, three, 0.5)).toBe(0.7);
    expect(finalConfidence(0.45, three, 0.5)).toBe(0.45);
    expect(finalConfidence(0.97, three, 0.5)).toBe(1);
  });
});

describe('writingsOf', () => {
  it('the most frequent writing in strong places, then one with a capital first', () => {
    const writingOf = writingsOf([hit(null, 'qrvx', 'Qrvx', true), hit(null, 'qrvx', 'Qrvx', true), hit(null, 'qrvx', 'QRVX'), hit(null, 'de mira', 'de Mira'), hit(null, 'de mira', 'De Mira'), hit(null, 'x', 'Soft\u00ADware  Co')]);
    expect(writingOf('qrvx')).toBe('QRVX');
    expect(writingOf('de mira')).toBe('De Mira');
    expect(writingOf('x')).toBe('Software Co');
  });
});

describe('namesInOrder', () => {
  const order = (type: 'person' | 'organization' | 'event', hits: FoundMention[], acronyms: string[] = []) => {
    const fs = new FormTable();
    for (const h of hits) formWith(fs, h.key, { acronym: acronyms.includes(h.key) });
    return namesInOrder(fs.list, hits, type, writingsOf(hits));
  };

  it('people: the most words first', () => {
    expect(order('person', [hit(null, 'varga', 'Varga'), hit(null, 'varga', 'Varga'), hit(null, 'lena varga', 'Lena Varga')])).toEqual(['lena varga', 'varga']);
  });

  it('organisations: not an acronym, then the most words', () => {
    expect(order('organization', [hit(null, 'nfa', 'NFA'), hit(null, 'nfa', 'NFA'), hit(null, 'fisheries alliance', 'Fisheries Alliance'), hit(null, 'northern fisheries alliance', 'Northern Fisheries Alliance')], ['nfa'])).toEqual([
      'northern fisheries alliance',
      'fisheries alliance',
      'nfa',
    ]);
    expect(order('organization', [hit(null, 'vlk', 'VLK'), hit(null, 'vlk', 'VLK'), hit(null, 'velkaro', 'Velkaro')], ['vlk'])).toEqual(['velkaro', 'vlk']);
  });

  it('events: not year-prefixed when the bare name is used too, then the most frequent', () => {
    expect(order('event', [hit(null, '1939 harbor fair', '1939 Harbor Fair'), hit(null, 'harbor fair', 'Harbor Fair')])).toEqual(['harbor fair', '1939 harbor fair']);
    expect(order('event', [hit(null, '2011 protests', '2011 protests'), hit(null, '2011 uprising', '2011 uprising'), hit(null, '2011 uprising', '2011 uprising')])).toEqual(['2011 uprising', '2011 protests']);
  });
});

describe('candidatesOf', () => {
  const docs = readBlocks(chunksOf('The Northern Fisheries Alliance (NFA) met Lena Varga.\nThe NFA said Varga left.'));
  const nfa = G(ORGANIZATION, 0.95, 'northern fisheries alliance', 'nfa');
  const lena = G(PERSON, 0.8, 'lena varga', 'varga');
  const fair = G(EVENT, 0.85, 'harbor fair');
  const found = [
    hit(nfa, 'northern fisheries alliance', 'Northern Fisheries Alliance', false, 0, 4),
    hit(nfa, 'nfa', 'NFA', false, 0, 33),
    hit(lena, 'lena varga', 'Lena Varga', false, 0, 42),
    hit(nfa, 'nfa', 'NFA', false, 1, 4),
    hit(lena, 'varga', 'Varga', false, 1, 13),
  ];

  it('a candidate per group found, most mentioned first, mentions in chunk coordinates', () => {
    const c = candidatesOf([lena, nfa, fair], found, docs, {});
    expect(c.map((x) => [x.key, x.name, x.aliases, x.count, x.confidence])).toEqual([
      ['organization:northern fisheries alliance', 'Northern Fisheries Alliance', ['NFA'], 3, 1],
      ['person:lena varga', 'Lena Varga', ['Varga'], 2, 0.85],
    ]);
    expect(c[0]!.mentions[2]).toEqual({ start: { chunk: 1, offset: 4 }, end: { chunk: 1, offset: 7 }, text: 'NFA' });
  });

  it('the key drops a leading "the"', () => {
    const atlantic = G(ORGANIZATION, 0.8, 'the atlantic');
    expect(candidatesOf([atlantic], [hit(atlantic, 'the atlantic', 'The Atlantic', false, 0, 0)], docs, {})[0]?.key).toBe('organization:atlantic');
  });

  it('types and minConfidence filter', () => {
    expect(candidatesOf([lena, nfa], found, docs, { types: ['person'] }).map((x) => x.type)).toEqual(['person']);
    expect(candidatesOf([lena, nfa], found, docs, { minConfidence: 0.9 }).map((x) => x.type)).toEqual(['organization']);
  });
});
