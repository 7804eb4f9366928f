/**
 * A thousand malformed import files, generated: each is rejected with a clear error and the
 * database is byte-for-byte what it was. Every generator below produces only invalid files
 * (by construction), so "rejected" is always the right answer.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dumpDatabase, makeBackground } from '../background/harness';
import { GLOSSARY_FORMAT_VERSION } from '../../../lib/model/glossary-file';

const valid = {
  format: 'news-context-reader/glossary',
  version: 1,
  exportedAt: '2026-01-01T00:00:00.000Z',
  entities: [
    { name: 'Maryam Rajavi', type: 'person', aliases: [{ text: 'Rajavi' }], notes: 'NCRI president-elect.' },
    { name: 'People’s Mojahedin Organization of Iran', type: 'organization', aliases: [{ text: 'MEK' }], notes: '' },
  ],
};
const validText = JSON.stringify(valid);

const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

/** Truncated JSON: a strict prefix of a valid file never parses as a valid file. */
const truncated = fc.integer({ min: 0, max: validText.length - 1 }).map((n) => validText.slice(0, n));

/** A required field of an entity removed, or given a value of the wrong type. */
const brokenField = fc
  .record({
    i: fc.integer({ min: 0, max: 1 }),
    field: fc.constantFrom('name', 'type'),
    remove: fc.boolean(),
    value: wrongType,
  })
  .map(({ i, field, remove, value }) => {
    const copy = structuredClone(valid) as { entities: Record<string, unknown>[] };
    if (remove) delete copy.entities[i]![field];
    else copy.entities[i]![field] = value;
    return JSON.stringify(copy);
  });

/** Top-level fields wrong. */
const brokenTop = fc
  .record({ field: fc.constantFrom('format', 'version', 'entities'), value: wrongType })
  // Versions 1..current are right, and an empty entities array is a valid (empty) file.
  .filter(({ field, value }) => !(field === 'version' && typeof value === 'number' && value >= 1 && value <= GLOSSARY_FORMAT_VERSION) && !(field === 'entities' && Array.isArray(value) && value.length === 0))
  .map(({ field, value }) => JSON.stringify({ ...valid, [field]: value }));

/** Prototype-pollution keys at every level. */
const pollution = fc
  .record({ key: fc.constantFrom('__proto__', 'constructor', 'prototype'), where: fc.constantFrom('top', 'entity', 'alias') })
  .map(({ key, where }) => {
    const bad = `"${key}": {"polluted": true, "isAdmin": true}`;
    if (where === 'top') return validText.replace('{', `{${bad},`);
    if (where === 'entity') return validText.replace('{"name"', `{${bad},"name"`);
    return validText.replace('{"text"', `{${bad},"text"`);
  });

/** Strings far past every limit, in names, aliases, notes. */
const huge = fc
  .record({ where: fc.constantFrom('name', 'alias', 'notes', 'type'), size: fc.integer({ min: 60_000, max: 200_000 }) })
  .map(({ where, size }) => {
    const copy = structuredClone(valid) as { entities: { name: string; type: string; aliases: { text: string }[]; notes: string }[] };
    const s = 'x'.repeat(size);
    if (where === 'name') copy.entities[0]!.name = s;
    if (where === 'alias') copy.entities[0]!.aliases[0]!.text = s;
    if (where === 'notes') copy.entities[0]!.notes = s;
    if (where === 'type') copy.entities[0]!.type = s;
    return JSON.stringify(copy);
  });

/** Deep nesting where a flat value belongs. */
const deep = fc.integer({ min: 50, max: 5_000 }).map((depth) => {
  const nested = '['.repeat(depth) + ']'.repeat(depth);
  return validText.replace('"notes":"NCRI president-elect."', `"notes":${nested}`);
});

/** Random JSON values that are not glossary files at all. */
const random = fc.jsonValue().map((v) => JSON.stringify(v));

/** Not JSON at all: markup, script, binary-ish noise. */
const garbage = fc.oneof(
  fc.string({ maxLength: 200 }).filter((s) => s.trim() !== '' && !/^[\d\s.eE+-]+$/.test(s)),
  fc.constantFrom('<script>alert(1)</script>', '<?xml version="1.0"?><a/>', 'name,type\nMEK,organization', '\u0000\u0001\u0002', ''),
);

const malformed = fc.oneof(truncated, brokenField, brokenTop, pollution, huge, deep, random, garbage);

describe('malformed glossary imports', () => {
  it('reject each of 1,000 generated files with a clear error and leave the database unchanged', async () => {
    const bg = makeBackground();
    // Data the reader already has, which must survive every attempt untouched.
    expect((await bg.send('glossary.import', { text: validText })).ok).toBe(true);
    expect((await bg.send('entity.create', { input: { name: 'Ali Khamenei', type: 'person', notes: 'kept' } })).ok).toBe(true);
    const db = await bg.db();
    const before = await dumpDatabase(db);

    await fc.assert(
      fc.asyncProperty(malformed, async (text) => {
        const reply = await bg.send('glossary.import', { text });
        expect(reply.ok).toBe(false);
        if (!reply.ok) {
          expect(reply.error!.length).toBeGreaterThan(10);
          expect(reply.error!.length).toBeLessThan(5_000);
          // A clear error says what is wrong in words, not a stack trace.
          expect(reply.error).not.toMatch(/\bat .*\.(ts|js):\d+/);
        }
        expect(await dumpDatabase(db)).toBe(before);
      }),
      { numRuns: 1_000, seed: 20261127 },
    );
    // Nothing reached Object.prototype either.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  }, 120_000);

  it('the valid file itself imports (the generators start from something that works)', async () => {
    const bg = makeBackground();
    const reply = await bg.send('glossary.import', { text: validText });
    expect(reply).toMatchObject({ ok: true, value: { added: 2 } });
  });
});
