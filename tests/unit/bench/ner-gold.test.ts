/**
 * The blind NER gold set (tests/fixtures/ner-blind, see its GUIDE.md) is well formed: every file
 * parses, every span's offsets give its surface text, types and keys agree, spans do not overlap
 * or cross a line, mentions in page furniture are optional, and every occurrence of an annotated
 * name is accounted for. The files are committed, so nothing here needs ../shared. It never runs
 * the engine: the set is blind.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  annText,
  GOLD_LANGS,
  lineStartsOf,
  loadGoldSet,
  parseAnn,
  renderAnn,
  validateGold,
  type GoldArticle,
} from '../../../scripts/bench/ner-gold';

const dir = fileURLToPath(new URL('../../fixtures/ner-blind/', import.meta.url));
const articles = loadGoldSet(dir);

function article(src: string, name = 'x'): GoldArticle {
  const g = parseAnn(src, name);
  const body = annText(src);
  return { ...g, name, body, lineStarts: lineStartsOf(body) };
}

describe('the blind gold set', () => {
  it('has at least 15 English articles and 3 in each other language, all held out blind', () => {
    const by = (l: string) => articles.filter((a) => a.lang === l).length;
    expect(by('en')).toBeGreaterThanOrEqual(15);
    for (const l of GOLD_LANGS.filter((l) => l !== 'en')) expect(by(l), l).toBeGreaterThanOrEqual(3);
    for (const a of articles) expect(a.split, a.name).toBe('heldout-blind');
  });

  for (const a of articles) {
    it(`${a.name} is valid`, () => {
      expect(validateGold(a)).toEqual([]);
      expect(a.mentions.some((m) => !m.optional), 'has required mentions').toBe(true);
    });
    it(`${a.name} round-trips through its annotation source`, () => {
      const src = renderAnn(a);
      expect(annText(src)).toBe(a.body);
      const back = parseAnn(src, a.name);
      const { name: _n, body: _b, lineStarts: _l, ...file } = a;
      expect(back).toEqual(file);
    });
  }
});

describe('the validator', () => {
  const good = `# lang: en\n# title: A test article\n# source: written for the test\n# licence: test\n# tags: written\n---\n⟪nav⟫Home | ⟦BBC|o:bbc⟧\n⟦Anna Schmidt|p:schmidt⟧ beat ⟦Lisa Berg|p:berg⟧ at the ⟦World Cup|e:wc⟧.\n⟪list⟫1. ⟦Anna Schmidt|p:schmidt⟧ (Austria) 1:52.30\n`;

  it('accepts a well-formed article and makes furniture mentions optional', () => {
    const a = article(good);
    expect(validateGold(a)).toEqual([]);
    expect(a.mentions.find((m) => m.text === 'BBC')).toMatchObject({ optional: true });
    expect(a.regions).toEqual([
      { from: 1, to: 1, role: 'nav' },
      { from: 3, to: 3, role: 'list' },
    ]);
    expect(a.body.slice(a.mentions[1]!.start, a.mentions[1]!.end)).toBe('Anna Schmidt');
  });

  it('reports offsets that do not give the surface text', () => {
    const a = article(good);
    a.mentions[1] = { ...a.mentions[1]!, start: a.mentions[1]!.start + 1 };
    expect(validateGold(a).join('\n')).toMatch(/the text there is/);
  });

  it('reports overlapping spans, spans inside a word and spans across lines', () => {
    const a = article(good);
    const m = a.mentions[1]!;
    a.mentions.push({ start: m.start + 5, end: m.end, text: a.body.slice(m.start + 5, m.end), entity: 'p:schmidt' });
    const b = article(good);
    const n = b.mentions[1]!;
    b.mentions[1] = { ...n, start: n.start + 1, text: b.body.slice(n.start + 1, n.end) };
    const c = article(good);
    const k = c.mentions[3]!;
    c.mentions[3] = { ...k, end: k.end + 2, text: c.body.slice(k.start, k.end + 2) };
    expect(validateGold(a).join('\n')).toMatch(/overlaps/);
    expect(validateGold(b).join('\n')).toMatch(/starts inside a word/);
    expect(validateGold(c).join('\n')).toMatch(/crosses a line/);
  });

  it('reports unknown types, keys that do not match their type, and entities without mentions', () => {
    const a = article(good);
    a.entities[1] = { ...a.entities[1]!, type: 'place' as never };
    const b = article(good);
    b.entities.push({ key: 'o:ghost', type: 'organization', name: 'Ghost' });
    expect(validateGold(a).join('\n')).toMatch(/unknown type place[\s\S]*key prefix/);
    expect(validateGold(b).join('\n')).toMatch(/o:ghost has no mention/);
  });

  it('reports a required mention in page furniture', () => {
    const a = article(good);
    const bbc = a.mentions.find((m) => m.text === 'BBC')!;
    delete bbc.optional;
    expect(validateGold(a).join('\n')).toMatch(/in page furniture \(nav\) but not optional/);
  });

  it('reports an occurrence of an annotated name that is neither a mention nor a listed non-mention', () => {
    const unmarked = good.replace('⟪list⟫1. ⟦Anna Schmidt|p:schmidt⟧', '⟪list⟫1. Anna Schmidt');
    expect(validateGold(article(unmarked)).join('\n')).toMatch(/"Anna Schmidt" at \d+ \(line 3\) is neither/);
    const listed = good.replace('⟪list⟫1. ⟦Anna Schmidt|p:schmidt⟧', '⟪list⟫1. ⟦Anna Schmidt|-|a test non-mention⟧');
    expect(validateGold(article(listed))).toEqual([]);
  });

  it('reports a wrong split, an unknown language and missing provenance', () => {
    const a = article(good.replace('# lang: en', '# lang: cs').replace('# licence: test', '# licence:'));
    (a as { split: string }).split = 'dev';
    const errs = validateGold(a).join('\n');
    expect(errs).toMatch(/split/);
    expect(errs).toMatch(/unknown lang/);
    expect(errs).toMatch(/missing licence/);
  });
});
