/**
 * The mention-level scorer of the blind set (scripts/bench/ner-spans.ts) on small hand-made
 * cases: exact spans, optional spans ignored, wrong types and boundaries counted as false,
 * furniture and list lines kept apart, chunk offsets mapped to the text. No engine runs here.
 */
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../../lib/text/discovery/types';
import { annText, lineStartsOf, parseAnn, type GoldArticle } from '../../../scripts/bench/ner-gold';
import { scoreArticle } from '../../../scripts/bench/ner-eval';
import { candidateSpans, entityView, goldChunks, projectNames, scoreSpans, spanPrf, sumCounts, type SpanDetail } from '../../../scripts/bench/ner-spans';

const src = [
  '# lang: en',
  '# title: A test article',
  '# source: written for the test',
  '# licence: test',
  '# tags: written',
  '---',
  '⟪share⟫Share on ⟦Facebook|o:facebook⟧',
  'Prime Minister ⟦Jane Doe|p:doe⟧ met the ⟦Corriere della Sera|o:cds⟧ editors at the ⟦World Cup|e:wc⟧.',
  '⟪list⟫3. ⟦Anna Schmidt|p:schmidt⟧ (Austria) 1:52.30',
  '⟦Doe|p:doe⟧ spoke to the ⟦White House|o:wh|?metonymy⟧.',
  '',
].join('\n');

function article(): GoldArticle {
  const body = annText(src);
  return { ...parseAnn(src, 't'), name: 't', body, lineStarts: lineStartsOf(body) };
}
const a = article();
const at = (text: string, nth = 0) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = a.body.indexOf(text, i + 1);
  return { start: i, end: i + text.length };
};

describe('scoreSpans', () => {
  it('counts exact spans of the right type as right, everything required and unmatched as missed', () => {
    const s = scoreSpans(a, [
      { ...at('Jane Doe'), type: 'person' },
      { ...at('Anna Schmidt'), type: 'person' },
      { ...at('World Cup'), type: 'event' },
    ]);
    expect(sumCounts(s, ['person'])).toMatchObject({ tp: 2, fp: 0, fn: 1 });
    expect(s.person.list.tp).toBe(1);
    expect(sumCounts(s, ['organization'])).toMatchObject({ tp: 0, fn: 1 });
    expect(spanPrf(sumCounts(s, ['person']))).toMatchObject({ p: 1, n: 3 });
    expect(spanPrf(sumCounts(s, ['person'])).r).toBeCloseTo(2 / 3);
  });

  it('classifies false positives: title kept (boundary), wrong type, spurious, furniture', () => {
    const details: SpanDetail[] = [];
    const s = scoreSpans(
      a,
      [
        { ...at('Prime Minister Jane Doe'), type: 'person' },
        { ...at('World Cup'), type: 'organization' },
        { ...at('Austria'), type: 'person' },
        { ...at('Share'), type: 'organization' },
      ],
      details,
    );
    expect(s.person.prose).toMatchObject({ fp: 1, fpBoundary: 1 });
    expect(s.organization.prose).toMatchObject({ fp: 1, fpType: 1 });
    expect(s.person.list).toMatchObject({ fp: 1, fpSpurious: 1 });
    expect(s.organization.furniture).toMatchObject({ fp: 1, fpSpurious: 1 });
    expect(details.map((d) => d.what)).toContain('false (type; gold event)');
  });

  it('ignores spans equal to optional gold spans (furniture, borderline) whatever their type', () => {
    const s = scoreSpans(a, [
      { ...at('Facebook'), type: 'organization' },
      { ...at('White House'), type: 'person' },
    ]);
    expect(sumCounts(s)).toMatchObject({ tp: 0, fp: 0, ignored: 2 });
  });

  it('drops a leading English "the" from a proposed span; a name cut at its particle is a boundary error', () => {
    const s = scoreSpans(a, [{ ...at('the Corriere della Sera'), type: 'organization' }]);
    expect(s.organization.prose).toMatchObject({ tp: 1, fp: 0 });
    const b = scoreSpans(a, [{ ...at('Corriere'), type: 'organization' }]);
    expect(b.organization.prose).toMatchObject({ tp: 0, fp: 1, fpBoundary: 1, fn: 1 });
  });
});

describe('mapping systems to spans', () => {
  it('maps the engine’s chunk offsets (one chunk a line) to the text', () => {
    const chunks = goldChunks(a);
    expect(chunks.map((c) => c.text).join('')).toBe(a.body);
    const line = 3;
    const off = chunks[line]!.text.indexOf('Doe');
    const cand: Candidate = {
      key: 'person:doe',
      name: 'Doe',
      type: 'person',
      aliases: [],
      mentions: [{ start: { chunk: line, offset: off }, end: { chunk: line, offset: off + 3 }, text: 'Doe' }],
      count: 1,
      confidence: 1,
    };
    const spans = candidateSpans(a, [cand]);
    expect(a.body.slice(spans[0]!.start, spans[0]!.end)).toBe('Doe');
    expect(scoreSpans(a, spans).person.prose.tp).toBe(1);
  });

  it('projects names without offsets onto every whole-word occurrence, longest first', () => {
    const spans = projectNames(a.body, [
      { type: 'person', names: ['Doe', 'Jane Doe'] },
      { type: 'organization', names: ['Sera'] },
    ]);
    expect(spans.map((s) => a.body.slice(s.start, s.end))).toEqual(['Jane Doe', 'Sera', 'Doe']);
  });

  it('gives the entity-level view: annotated entities with their surfaces, furniture-only ones optional', () => {
    const v = entityView(a);
    expect(v.entities.find((e) => e.name === 'Jane Doe')).toMatchObject({ type: 'person', aliases: ['Doe'] });
    expect(v.optional.map((e) => e.name).sort()).toEqual(['Facebook', 'White House']);
    const s = scoreArticle(v, [{ type: 'person', name: 'Doe', aliases: ['Jane Doe'], count: 2 }]);
    expect(s.person).toMatchObject({ tp: 1, fn: 1 });
  });
});
