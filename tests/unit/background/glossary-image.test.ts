import { describe, expect, it } from 'vitest';
import { IncrementalGlossary } from '../../../lib/background/glossary-cache';
import { IMAGE_VERSION, checksum, imageOf, readImage, type GlossaryImage } from '../../../lib/background/glossary-image';
import { COMPILED_VERSION, type CompiledGlossary } from '../../../lib/text/compiled';
import { createMatcher } from '../../../lib/text/matcher';
import { glossaryKey, type Entity } from '../../../lib/model/entity';

let clock = 0;
const entity = (id: string, name: string, type: Entity['type'], aliases: Entity['aliases'] = []): Entity =>
  ({ id, name, type, aliases, notes: '', createdAt: ++clock * 1000, updatedAt: 0 }) as Entity;

/**
 * A reference glossary touching every kind of alias the compiler treats apart: plain names,
 * all-capitals acronyms (with and without a Title-Case form), exact case, diacritics, names
 * that are also common words, punctuation inside names, scripts without spaces, a long name.
 */
const REFERENCE: Entity[] = [
  entity('may', 'Theresa May', 'person', [{ text: 'May' }, { text: 'Mrs May' }]),
  entity('apple', 'Apple', 'organization', [{ text: 'Apple Inc.' }]),
  entity('bush', 'George W. Bush', 'person', [{ text: 'Bush' }]),
  entity('reading', 'Reading', 'place', [{ text: 'Reading FC', exactCase: true }]),
  entity('turkey', 'Turkey', 'place', [{ text: 'Türkiye', diacriticSensitive: true }]),
  entity('mek', 'Mujahedin-e Khalq', 'organization', [{ text: 'MEK' }, { text: 'PMOI' }, { text: 'US' }]),
  entity('ncri', 'National Council of Resistance of Iran', 'organization', [{ text: 'NCRI' }]),
  entity('macron', 'Emmanuel Macron', 'person', [{ text: 'Macron' }, { text: "Macron's" }, { text: 'E. Macron' }]),
  entity('att', 'AT&T', 'organization', [{ text: 'AT & T' }]),
  entity('china', '中国', 'place', [{ text: '北京' }]),
  entity('athens', 'Αθήνα', 'place', [{ text: 'Athens' }]),
  entity('long', `The ${'Very '.repeat(30)}Long Committee`, 'organization'),
  entity('cafe', 'Café de Flore', 'place', [{ text: 'cafe de flore', exactCase: false, diacriticSensitive: false }]),
];

const TEXT = 'Theresa May met Macron’s team in Reading. Apple Inc. and AT&T in Türkiye; the MEK in 中国. Café de Flore.';
const found = (compiled: CompiledGlossary) =>
  createMatcher(compiled)
    .findMatches([{ text: TEXT, blockStart: true }])
    .map((m) => `${m.entityId}:${TEXT.slice(m.start.offset, m.end.offset)}`);

const compile = (entities: Entity[]) => new IncrementalGlossary().compile(entities);
const expectation = { revision: 7, dbVersion: 5, engine: 'Test/1.0' };
const clone = <T>(v: T): T => structuredClone(v);

/** Creation times by entity key, as the background has them from the entities it compiled. */
const createdAt = (key: string) => REFERENCE.find((e) => glossaryKey(e.type, e.id) === key)?.createdAt ?? Number.MAX_SAFE_INTEGER;

function imageFor(compiled: CompiledGlossary, revision = 7): GlossaryImage {
  return clone(imageOf(compiled, revision, expectation, createdAt));
}

/**
 * What the compiler makes of REFERENCE, without the segment ids (random per worker). A stored
 * image is used only when its COMPILED_VERSION is this build's: a change of the compiler's
 * output must come with a new version, or a worker would load an image the current compiler
 * would not have made. This pins the output per version so that such a change cannot go
 * unnoticed: when it fails, bump COMPILED_VERSION (lib/text/compiled.ts) and add the new hash.
 */
const PINNED_OUTPUT: Record<number, string> = {
  1: '4fcf8b212aa19c46',
  // Issue 13 §3: capitals mode, common-word and month flags.
  2: 'b8710a91f4f54533',
};

describe('the stored image of the compiled glossary', () => {
  it('gives back the very compiled glossary it was made of, which matches the same', () => {
    const compiled = compile(REFERENCE);
    const verdict = readImage(...parts(imageFor(compiled)), expectation);
    expect(verdict).toEqual({ ok: true, compiled, createdAt: expect.any(Function) });
    if (!verdict.ok) return;
    expect(found(verdict.compiled)).toEqual(found(compiled));
    expect(found(compiled).length).toBeGreaterThan(5);
    // Every entity's creation time (an alias two entities share goes to the older one).
    const keys = REFERENCE.map((e) => glossaryKey(e.type, e.id));
    expect(keys.map(verdict.createdAt)).toEqual(REFERENCE.map((e) => e.createdAt));
    expect(verdict.createdAt('pnobody')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('keeps a base and a delta segment and the suppressed entities of an incremental compile', () => {
    const inc = new IncrementalGlossary();
    inc.compile(REFERENCE);
    const edited = inc.compile([...REFERENCE.filter((e) => e.id !== 'bush'), entity('may', 'Theresa May', 'person', [{ text: 'PM May' }])]);
    expect(edited.segments.length).toBe(2);
    expect(edited.suppressed.length).toBeGreaterThan(0);
    const verdict = readImage(...parts(imageFor(edited)), expectation);
    expect(verdict).toEqual({ ok: true, compiled: edited, createdAt: expect.any(Function) });
    if (verdict.ok) expect(verdict.createdAt(glossaryKey('person', 'may'))).toBe(REFERENCE[0]!.createdAt);
  });

  it('is refused when missing, of another revision, format, database version or browser version', () => {
    const image = imageFor(compile(REFERENCE));
    expect(readImage(undefined, [], expectation)).toMatchObject({ ok: false, reason: 'no stored image' });
    expect(readImage(...parts(image), { ...expectation, revision: 8 })).toMatchObject({ ok: false, reason: expect.stringContaining('revision 7') });
    expect(readImage(...parts(image), { ...expectation, dbVersion: 6 })).toMatchObject({ ok: false, reason: expect.stringContaining('database version 5') });
    expect(readImage(...parts(image), { ...expectation, engine: 'Test/1.1' })).toMatchObject({ ok: false, reason: expect.stringContaining('another browser version') });
    // Another build's image, its checksum right for what it says: refused for what it says.
    for (const change of [{ version: IMAGE_VERSION + 1 }, { compiledVersion: COMPILED_VERSION + 1 }]) {
      const other = imageOf(compile(REFERENCE), 7, expectation, createdAt);
      const head = { ...other.head, ...change };
      const rehashed = reHead(head);
      expect(readImage(rehashed, parts(other)[1], expectation)).toMatchObject({ ok: false, reason: expect.stringContaining('another format') });
    }
  });

  it('is refused when its head claims another revision than it was written for (forged)', () => {
    const image = imageFor(compile(REFERENCE), 6);
    image.head.revision = 7;
    expect(readImage(...parts(image), expectation)).toMatchObject({ ok: false, reason: expect.stringContaining('head fails its checksum') });
  });

  it('is refused when a segment is truncated, altered by one character, missing, or of another image; or the creation times are', () => {
    const compiled = compile(REFERENCE);
    const field = ['text', 'meta', 'alphabet', 'trie'] as const;
    for (const f of field) {
      const cut = imageFor(compiled);
      cut.segments[0]![f] = cut.segments[0]![f].slice(0, -1);
      expect(readImage(...parts(cut), expectation)).toMatchObject({ ok: false, reason: expect.stringContaining('fails its checksum') });
      const altered = imageFor(compiled);
      const s = altered.segments[0]![f];
      const i = Math.floor(s.length / 2);
      altered.segments[0]![f] = s.slice(0, i) + String.fromCharCode(s.charCodeAt(i) ^ 1) + s.slice(i + 1);
      expect(readImage(...parts(altered), expectation)).toMatchObject({ ok: false, reason: expect.stringContaining('fails its checksum') });
    }
    const counted = imageFor(compiled);
    counted.segments[0]!.aliasCount -= 1;
    expect(readImage(...parts(counted), expectation)).toMatchObject({ ok: false, reason: expect.stringContaining('fails its checksum') });

    const image = imageFor(compiled);
    expect(readImage(image.head, [], expectation)).toMatchObject({ ok: false, reason: expect.stringContaining('missing') });
    expect(readImage(image.head, image.segments, expectation)).toMatchObject({ ok: false, reason: expect.stringContaining('creation times') });
    const later = imageFor(compiled);
    later.times.times[3] = later.times.times[3]! + 1;
    expect(readImage(...parts(later), expectation)).toMatchObject({ ok: false, reason: expect.stringContaining('creation times') });
    // Times whose checksum holds but that do not fit the segments' entities.
    const extra = imageFor(compiled);
    extra.times = { times: Float64Array.from([...extra.times.times, 0]) };
    const timesSum = checksum([extra.times.times]);
    extra.head = reHead({ ...extra.head, times: { id: `times-${timesSum}`, checksum: timesSum } });
    expect(readImage(...parts(extra), expectation)).toMatchObject({ ok: false, reason: expect.stringContaining('creation times for') });
    // A segment with the same id from another compile (another glossary).
    const other = imageFor(compile(REFERENCE.slice(1)));
    other.segments[0]!.id = image.segments[0]!.id;
    expect(readImage(image.head, other.segments, expectation)).toMatchObject({ ok: false, reason: expect.stringContaining('fails its checksum') });
  });

  it('is refused, never thrown on, whatever the records hold', () => {
    const image = imageFor(compile(REFERENCE));
    const junk: unknown[] = [null, 42, 'glossary', [], {}, { ...image.head, segments: [] }, { ...image.head, revision: -1 }, { ...image.head, extra: 1 }];
    for (const head of junk) expect(readImage(head, image.segments, expectation).ok).toBe(false);
    for (const segments of [[null], [42], [{ ...image.segments[0], text: 5 }], [{ id: image.segments[0]!.id }]]) {
      expect(readImage(image.head, segments, expectation).ok).toBe(false);
    }
  });

  it("pins the compiler's output of the reference glossary for this COMPILED_VERSION", () => {
    const compiled = compile(REFERENCE);
    const output = checksum([
      compiled.version,
      ...compiled.suppressed,
      ...compiled.segments.flatMap((s) => [s.entityCount, s.aliasCount, s.nodeCount, s.text, s.meta, s.alphabet, s.trie]),
    ]);
    expect(
      output,
      `The compiler's output changed: bump COMPILED_VERSION in lib/text/compiled.ts (stored images of version ${COMPILED_VERSION} are then compiled again, never misread) and pin the new output here.`,
    ).toBe(PINNED_OUTPUT[COMPILED_VERSION]);
  });
});

function parts(image: GlossaryImage): [unknown, unknown[]] {
  return [image.head, [...image.segments, image.times]];
}

/** A head with its checksum made right for its (changed) fields: only what checksum() and readImage do. */
function reHead(head: GlossaryImage['head']): GlossaryImage['head'] {
  const { checksum: _old, ...body } = head;
  const sum = checksum([
    body.format,
    body.version,
    body.compiledVersion,
    body.dbVersion,
    body.engine,
    body.revision,
    body.suppressed.length,
    ...body.suppressed,
    ...body.segments.flatMap((s) => [s.id, s.checksum]),
    body.times.id,
    body.times.checksum,
  ]);
  return { ...body, checksum: sum };
}
