/**
 * The compiled form: JSON round trip, JSON-friendliness, malformed input (clear Error, never a
 * crash or a loop), and the incremental compiler (same matches as a full compile).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlossary, GlossaryCompiler } from '../../../lib/text/compile';
import { CompiledGlossarySchema, type CompiledGlossary, type CompiledSegment } from '../../../lib/text/compiled';
import { createMatcher } from '../../../lib/text/matcher';
import { PackReader, PackWriter } from '../../../lib/text/packed';
import type { GlossaryTerm, TextChunk } from '../../../lib/text/types';

const TERMS: GlossaryTerm[] = [
  { entityId: 'mek', text: 'MEK' },
  { entityId: 'mek', text: 'PMOI' },
  { entityId: 'mek', text: 'Mujahedin-e Khalq' },
  { entityId: 'mek', text: "People's Mojahedin Organization of Iran" },
  { entityId: 'rajavi', text: 'Maryam Rajavi' },
  { entityId: 'apple', text: 'Apple', exactCase: true },
  { entityId: 'muller', text: 'Müller', diacriticSensitive: true },
  { entityId: 'tokyo', text: '東京' },
  { entityId: 'quote"back\\slash', text: 'He said "hi"\\' },
];
const TEXT: TextChunk[] = [
  { text: 'The MEK’s (PMOI) People’s Mojahedin Organization of Iran; ', blockStart: true },
  { text: 'Maryam', blockStart: false },
  { text: ' Rajavi, Apple apple, Müller Muller, 東京都, He said "hi"\\.', blockStart: false },
];

function isJsonFriendly(v: unknown): boolean {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) return true;
  if (Array.isArray(v)) return v.every(isJsonFriendly);
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v as object).every(isJsonFriendly);
  return false;
}

describe('compiled form', () => {
  const compiled = compileGlossary(TERMS);

  it('is plain JSON data and survives JSON.stringify/parse unchanged', () => {
    expect(isJsonFriendly(compiled)).toBe(true);
    const back = JSON.parse(JSON.stringify(compiled)) as CompiledGlossary;
    expect(back).toEqual(compiled);
    expect(CompiledGlossarySchema.parse(back)).toEqual(compiled);
  });

  it('finds the same matches after the round trip', () => {
    const direct = createMatcher(compiled).findMatches(TEXT);
    const viaJson = createMatcher(JSON.parse(JSON.stringify(compiled))).findMatches(TEXT);
    expect(viaJson).toEqual(direct);
    expect(direct.map((m) => m.entityId)).toEqual(['mek', 'mek', 'mek', 'rajavi', 'apple', 'muller', 'tokyo', 'quote"back\\slash']);
    expect(direct.find((m) => m.entityId === 'quote"back\\slash')?.alias).toBe('He said "hi"\\');
  });

  it('packs numbers into characters JSON never escapes', () => {
    for (const seg of compiled.segments) {
      for (const field of [seg.meta, seg.alphabet, seg.trie]) {
        expect(JSON.stringify(field).length).toBe(field.length + 2);
        expect(/^[(-~]*$/.test(field) && !field.includes('\\')).toBe(true);
      }
    }
  });

  it('round-trips packed numbers', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0x7fffffff })), (values) => {
        const w = new PackWriter();
        for (const v of values) w.push(v);
        const r = new PackReader(w.toString(), 'test');
        expect(values.map(() => r.next())).toEqual(values);
        r.end();
      }),
    );
  });

  it('replaces lone surrogates so the form survives a UTF-8 trip (Chrome messaging)', () => {
    const c = compileGlossary([{ entityId: 'x', text: 'A\uD800B' }]);
    expect(c.segments[0]!.text.includes('\uD800')).toBe(false);
    const utf8 = JSON.parse(new TextDecoder().decode(new TextEncoder().encode(JSON.stringify(c))));
    expect(createMatcher(utf8).aliasCount).toBe(1);
  });

  it('keeps many aliases on one trie node in priority order', () => {
    const many: GlossaryTerm[] = [
      { entityId: 'country', text: 'Jordan' },
      { entityId: 'river', text: 'jordan' },
      { entityId: 'player', text: 'JORDAN' },
      { entityId: 'brand', text: 'Jordan', exactCase: true },
      { entityId: 'accented', text: 'Jórdan', diacriticSensitive: true },
      { entityId: 'city', text: 'Amman' },
    ];
    const m = createMatcher(JSON.parse(JSON.stringify(compileGlossary(many))));
    expect(m.aliasCount).toBe(6);
    const got = m.findMatches([{ text: 'Jordan, jordan, JORDAN, Jórdan, jórdan, Amman', blockStart: true }]);
    // Exact case first (it still folds diacritics: "Jórdan" is the brand), then the acronym
    // rule, then the capitals rule ("Jordan" needs its capital J: "jordan" and "jórdan" go to
    // the lower-case alias), diacritic-sensitive before insensitive, then glossary order
    // ("country" never wins: the exact-case brand takes every "Jordan").
    expect(got.map((x) => x.entityId)).toEqual(['brand', 'river', 'player', 'brand', 'river', 'city']);
  });

  it('is small: about 2 characters per trie node', () => {
    const seg = compiled.segments[0]!;
    expect(seg.trie.length).toBeLessThan(seg.nodeCount * 3);
  });
});

describe('malformed compiled forms throw a clear Error', () => {
  const good = compileGlossary(TERMS);
  const seg = good.segments[0]!;
  const withSeg = (patch: Partial<CompiledSegment>): unknown => ({ ...good, segments: [{ ...seg, ...patch }] });
  const cases: [string, unknown][] = [
    ['not an object', 'nope'],
    ['wrong format', { ...good, format: 'other' }],
    ['wrong version (an older compiled form)', { ...good, version: 1 }],
    ['no segments', { ...good, segments: [] }],
    ['extra field', { ...good, extra: 1 }],
    ['typed array instead of string', withSeg({ trie: new Uint16Array(3) as unknown as string })],
    ['node count too high', withSeg({ nodeCount: seg.nodeCount + 1 })],
    ['node count too low', withSeg({ nodeCount: seg.nodeCount - 1 })],
    ['absurd node count', withSeg({ nodeCount: 4_000_000 })],
    ['alias count off', withSeg({ aliasCount: seg.aliasCount + 1 })],
    ['entity count off', withSeg({ entityCount: seg.entityCount + 1 })],
    ['truncated trie', withSeg({ trie: seg.trie.slice(0, -3) })],
    ['trailing trie data', withSeg({ trie: `${seg.trie}(` })],
    ['invalid character in the trie', withSeg({ trie: `\\${seg.trie.slice(1)}` })],
    ['non-ASCII in the trie', withSeg({ trie: `é${seg.trie.slice(1)}` })],
    ['truncated meta', withSeg({ meta: seg.meta.slice(0, -1) })],
    ['empty alphabet', withSeg({ alphabet: '' })],
    ['text too short', withSeg({ text: seg.text.slice(0, -1) })],
    ['text too long', withSeg({ text: `${seg.text}x` })],
    ['negative count', withSeg({ aliasCount: -1 })],
    ['fractional count', withSeg({ aliasCount: 1.5 })],
    ['suppressed is not a list', { ...good, suppressed: 'mek' }],
  ];
  it.each(cases)('%s', (_name, bad) => {
    expect(() => createMatcher(bad as CompiledGlossary)).toThrow(/^compiled glossary: /);
  });

  it('an entity index out of range is refused', () => {
    // Rebuild meta with the first alias pointing at a missing entity.
    const r = new PackReader(seg.meta, 'meta');
    const w = new PackWriter();
    for (let e = 0; e < seg.entityCount; e++) w.push(r.next());
    w.push(r.next());
    r.next();
    w.push(seg.entityCount);
    while (!r.done) w.push(r.next());
    expect(() => createMatcher(withSeg({ meta: w.toString() }) as CompiledGlossary)).toThrow(/entities|at most/);
  });

  it('random corruption ends in a working matcher or a clear Error, never anything else', () => {
    const fields = ['trie', 'meta', 'alphabet', 'text'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.nat(), fc.string({ minLength: 0, maxLength: 3 }), fc.nat({ max: 3 }), (field, at, insert, del) => {
        const s = seg[field];
        const p = at % (s.length + 1);
        const bad = withSeg({ [field]: s.slice(0, p) + insert + s.slice(p + del) }) as CompiledGlossary;
        let matcher;
        try {
          matcher = createMatcher(bad);
        } catch (err) {
          expect(err).toBeInstanceOf(Error);
          expect((err as Error).message).toMatch(/^compiled glossary: /);
          return;
        }
        expect(() => matcher.findMatches(TEXT)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

describe('GlossaryCompiler (incremental)', () => {
  const POOL = [
    'Maryam Rajavi', 'Maryam', 'Rajavi', 'MEK', 'PMOI', 'People’s Mojahedin', 'New York', 'New York Times', 'York', 'Times',
    'Revolutionary Guard', 'Islamic Revolutionary Guard Corps', 'Khamenei', 'Ali Khamenei', 'Apple', 'Müller', '東京', '東京都',
  ];
  /** Alias i belongs to entity e(i % 5): no two entities share an alias, so ties never depend on segment order. */
  const owner = (i: number) => `e${i % 5}`;
  const TEXT2: TextChunk[] = [{ text: `${POOL.join(', ')}. ${POOL.map((p) => p.toUpperCase()).join(' ')} ${[...POOL].reverse().join(' ')}`, blockStart: true }];
  const current = (state: Map<string, GlossaryTerm[]>): GlossaryTerm[] => [...state.values()].flat();

  it('gives the same matches as a full compile after any sequence of changes', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), entity: fc.nat({ max: 4 }), picks: fc.array(fc.nat({ max: 3 }), { maxLength: 4 }) }),
      fc.record({ kind: fc.constant('remove' as const), entity: fc.nat({ max: 4 }) }),
      fc.record({ kind: fc.constant('compile' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 15 }), fc.constantFrom(0, 3, 1000), (ops, minDelta) => {
        const compiler = new GlossaryCompiler([], { minDelta, rebuildRatio: 2 });
        const state = new Map<string, GlossaryTerm[]>();
        const check = () => {
          const inc = createMatcher(JSON.parse(JSON.stringify(compiler.compile()))).findMatches(TEXT2);
          const full = createMatcher(compileGlossary(current(state))).findMatches(TEXT2);
          expect(inc).toEqual(full);
        };
        for (const o of ops) {
          if (o.kind === 'set') {
            const id = `e${o.entity}`;
            const mine = POOL.filter((_, i) => owner(i) === id);
            const texts = [...new Set(o.picks.map((p) => mine[p % mine.length]!))];
            compiler.setEntity(id, texts.map((text) => ({ text })));
            if (texts.length) state.set(id, texts.map((text) => ({ entityId: id, text })));
            else state.delete(id);
          } else if (o.kind === 'remove') {
            compiler.removeEntity(`e${o.entity}`);
            state.delete(`e${o.entity}`);
          } else {
            check();
          }
        }
        check();
      }),
      { numRuns: 150 },
    );
  });

  it('recompiles only the delta for a small change, and reuses the base segment', () => {
    const base: GlossaryTerm[] = [];
    for (let i = 0; i < 300; i++) base.push({ entityId: `p${i}`, text: `Person Number${i}` });
    const compiler = new GlossaryCompiler(base);
    const first = compiler.compile();
    expect(compiler.lastCompile).toBe('full');
    expect(compiler.compile().segments[0]).toBe(first.segments[0]);
    expect(compiler.lastCompile).toBe('cached');

    compiler.setEntity('p7', [{ text: 'Seventh Person' }]);
    compiler.addTerms([{ entityId: 'new', text: 'Brand New' }]);
    const second = compiler.compile();
    expect(compiler.lastCompile).toBe('delta');
    expect(second.segments).toHaveLength(2);
    expect(second.segments[0]).toBe(first.segments[0]);
    expect(second.suppressed).toEqual(['p7']);
    const found = createMatcher(second)
      .findMatches([{ text: 'Person Number7, Seventh Person, Brand New, Person Number8', blockStart: true }])
      .map((m) => `${m.alias}=${m.entityId}`);
    expect(found).toEqual(['Seventh Person=p7', 'Brand New=new', 'Person Number8=p8']);

    compiler.removeEntity('p8');
    compiler.removeTerms([{ entityId: 'new', text: 'Brand New' }]);
    const third = compiler.compile();
    expect(compiler.lastCompile).toBe('delta');
    expect(createMatcher(third).findMatches([{ text: 'Person Number8 Brand New Person Number9', blockStart: true }]).map((m) => m.entityId)).toEqual(['p9']);
  });

  it('rebuilds the base when the delta grows too big', () => {
    const compiler = new GlossaryCompiler([{ entityId: 'a', text: 'Alpha' }], { minDelta: 2, rebuildRatio: 10 });
    compiler.compile();
    compiler.addTerms([{ entityId: 'b', text: 'Beta' }]);
    compiler.compile();
    expect(compiler.lastCompile).toBe('delta');
    compiler.addTerms([{ entityId: 'c', text: 'Gamma' }, { entityId: 'd', text: 'Delta' }]);
    const g = compiler.compile();
    expect(compiler.lastCompile).toBe('full');
    expect(g.segments).toHaveLength(1);
    expect(g.suppressed).toEqual([]);
  });
});
