/**
 * The evaluation set (tests/fixtures/ner, see its GUIDE.md) as a regression guard: the scorer
 * of `npm run bench:ner` on small cases, and the detector above the targets on the whole
 * set. The full report, with plain compromise side by side and throughput, is the bench.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discoverEntities } from '../../../../lib/text/discovery/index';
import { addScore, emptyScore, loadNerSet, normSurface, prf, scoreArticle, type Article } from '../../../../scripts/bench/ner-eval';

const dir = fileURLToPath(new URL('../../../fixtures/ner/', import.meta.url));

describe('the scorer', () => {
  const article: Article = {
    name: 't',
    split: 'dev',
    text: '',
    chunks: [],
    entities: [
      { type: 'person', name: 'Maryam Rajavi', aliases: ['Rajavi'] },
      { type: 'organization', name: 'People’s Mojahedin Organization of Iran', aliases: ['MEK', 'PMOI'] },
      { type: 'event', name: '1988 massacre', aliases: [] },
    ],
    optional: [{ type: 'organization', name: 'White House', aliases: [] }],
  };

  it('normalises case, apostrophes, possessives, a leading "the" and soft hyphens', () => {
    expect(normSurface('The People’s Mojahedin Organization of Iran')).toBe("people's mojahedin organization of iran");
    expect(normSurface('Netan\u00ADyahu’s')).toBe('netanyahu');
    expect(normSurface('the Guards’')).toBe('guards');
  });

  it('counts a candidate right by name or alias, a second one for the same entity as a duplicate, optional ones as neither', () => {
    const s = scoreArticle(article, [
      { type: 'organization', name: 'MEK', aliases: [], count: 9 },
      { type: 'organization', name: 'PMOI', aliases: [], count: 2 },
      { type: 'organization', name: 'White House', aliases: [], count: 2 },
      { type: 'person', name: 'Rajavi', aliases: [], count: 1 },
      { type: 'person', name: 'Khamenei', aliases: [], count: 1 },
      { type: 'organization', name: '1988 massacre', aliases: [], count: 1 },
    ]);
    expect(s.organization).toMatchObject({ tp: 1, found: 1, fp: 2, dup: 1, ignored: 1, fn: 0 });
    expect(s.person).toMatchObject({ tp: 1, found: 1, fp: 1, fn: 0 });
    expect(s.event).toMatchObject({ tp: 0, found: 0, fn: 1 });
    expect(prf(s.organization).p).toBeCloseTo(1 / 3);
    expect(prf(s.organization, true).p).toBeCloseTo(1 / 2);
    expect(prf(s.event).r).toBe(0);
  });
});

describe('the detector on the evaluation set', () => {
  const articles = loadNerSet(dir);
  const total = emptyScore();
  for (const a of articles) addScore(total, scoreArticle(a, discoverEntities(a.chunks)));

  it('has the seed article and at least eight other annotated articles', () => {
    expect(articles.map((a) => a.name)).toContain('seed-article');
    expect(articles.length).toBeGreaterThanOrEqual(9);
    for (const a of articles) expect(a.entities.length, a.name).toBeGreaterThan(0);
  });

  it('meets the issue’s F1 targets (strict scoring)', () => {
    expect(prf(total.person).f).toBeGreaterThanOrEqual(0.85);
    expect(prf(total.organization).f).toBeGreaterThanOrEqual(0.75);
    expect(prf(total.event).f).toBeGreaterThanOrEqual(0.6);
  });
});
