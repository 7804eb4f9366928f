import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  GLOSSARY_FORMAT,
  MAX_GLOSSARY_ENTITIES,
  MAX_GLOSSARY_FILE_CHARS,
  formatPath,
  glossaryFileName,
  parseGlossaryFile,
  serializeGlossaryFile,
} from '../../../lib/model/glossary-file';
import type { Entity } from '../../../lib/model/entity';

const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);

function file(entities: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: GLOSSARY_FORMAT, version: 1, exportedAt: '2024-05-01T12:00:00.000Z', entities, ...extra });
}

function errorsOf(text: string): string[] {
  const r = parseGlossaryFile(text);
  if (r.ok) throw new Error('expected the file to be rejected');
  return r.errors;
}

describe('parseGlossaryFile: valid files', () => {
  it('reads a full entry and a minimal one (aliases and notes optional)', () => {
    const r = parseGlossaryFile(file([
      { id: 'a1', name: ' MEK ', type: 'organization', aliases: [{ text: 'PMOI', exactCase: true }], notes: 'n', createdAt: '2024-05-01T12:00:00.000Z', updatedAt: '2024-05-01T14:00:00+02:00' },
      { name: 'Iran', type: 'other' },
    ]));
    expect(r).toEqual({ ok: true, entities: [
      { id: 'a1', name: 'MEK', type: 'organization', aliases: [{ text: 'PMOI', exactCase: true }], notes: 'n', createdAt: T0, updatedAt: T0 },
      { name: 'Iran', type: 'other', aliases: [], notes: '' },
    ] });
  });

  it('accepts plain strings as aliases', () => {
    const r = parseGlossaryFile(file([{ name: 'MEK', type: 'organization', aliases: ['PMOI', { text: 'Mojahedin' }, ' MKO '] }]));
    expect(r.ok && r.entities[0]!.aliases).toEqual([{ text: 'PMOI' }, { text: 'Mojahedin' }, { text: 'MKO' }]);
  });

  it('accepts a byte-order mark and exportedAt missing', () => {
    const text = `\ufeff${JSON.stringify({ format: GLOSSARY_FORMAT, version: 1, entities: [] })}`;
    expect(parseGlossaryFile(text)).toEqual({ ok: true, entities: [] });
  });

  it('keeps markup in names and notes as plain text', () => {
    const r = parseGlossaryFile(file([{ name: '<script>alert(1)</script>', type: 'other', notes: '<img src=x onerror=alert(1)>' }]));
    expect(r.ok && r.entities[0]).toMatchObject({ name: '<script>alert(1)</script>', notes: '<img src=x onerror=alert(1)>' });
  });
});

describe('parseGlossaryFile: rejected files name what is wrong', () => {
  it('not JSON: says where it breaks', () => {
    const [e] = errorsOf('{\n  "format": "news-context-reader/glossary",\n  "version": 1,\n  oops\n}');
    expect(e).toMatch(/^the file is not valid JSON \(line 4, column 3\): /);
    expect(errorsOf('{"format": ')[0]).toMatch(/^the file is not valid JSON/);
    expect(errorsOf('')).toEqual(['the file is empty']);
    expect(errorsOf('   \n')).toEqual(['the file is empty']);
  });

  it('not a glossary file', () => {
    expect(errorsOf('[]')[0]).toMatch(/must hold a JSON object/);
    expect(errorsOf('"text"')[0]).toMatch(/not text \(a string\)/);
    expect(errorsOf('{}')).toEqual([`format: is required; this is not a News Context Reader glossary file (expected "format": "${GLOSSARY_FORMAT}")`]);
    expect(errorsOf(JSON.stringify({ format: 'something/else', version: 1, entities: [] }))[0]).toMatch(/^format: expected "news-context-reader\/glossary", found "something\/else"/);
  });

  it('versions: missing, malformed, newer', () => {
    expect(errorsOf(JSON.stringify({ format: GLOSSARY_FORMAT, entities: [] }))).toEqual(['version: is required']);
    expect(errorsOf(JSON.stringify({ format: GLOSSARY_FORMAT, version: '1', entities: [] }))).toEqual(['version: must be a whole number from 1, not "1"']);
    expect(errorsOf(JSON.stringify({ format: GLOSSARY_FORMAT, version: 1.5, entities: [] }))[0]).toMatch(/^version: must be a whole number/);
    const [newer] = errorsOf(JSON.stringify({ format: GLOSSARY_FORMAT, version: 4, entities: [], somethingNew: true }));
    expect(newer).toMatch(/^version: this file was made by a newer version of the extension \(file format version 4; this version reads up to 3\)/);
  });

  it('wrong types and missing fields, each with its exact path', () => {
    const errors = errorsOf(file([
      { name: 'OK', type: 'person' },
      { name: 5, type: 'person' },
      { type: 'person', aliases: 'MEK' },
      { name: 'A', type: 'planet', aliases: [{ text: '' }, 7, { exactCase: true }, { text: 'x', exactCase: 'yes' }] },
      { name: 'B', notes: null },
      { name: 'C', type: 'event', createdAt: 'yesterday', updatedAt: 1714564800000 },
      'just a string',
    ]));
    expect(errors).toEqual([
      'entities[1].name: must be text (a string), not a whole number',
      'entities[2].name: is required',
      'entities[2].aliases: must be a list (array), not text (a string)',
      'entities[3].type: must be one of "person", "organization", "event", "other"',
      'entities[3].aliases[0].text: must not be empty',
      'entities[3].aliases[1]: must be a string or an object {"text": ..., "exactCase": ...}',
      'entities[3].aliases[2].text: is required',
      'entities[3].aliases[3].exactCase: must be true or false, not text (a string)',
      'entities[4].type: is required',
      'entities[4].notes: must be text (a string), not null',
      'entities[5].createdAt: must be an ISO 8601 date-time such as "2024-05-01T12:00:00.000Z"',
      'entities[5].updatedAt: must be text (a string), not a whole number',
      'entities[6]: must be an object, not text (a string)',
    ]);
  });

  it('limits: name length, alias count, bad ids', () => {
    const errors = errorsOf(file([
      { name: 'x'.repeat(201), type: 'person' },
      { name: 'A', type: 'person', aliases: Array.from({ length: 101 }, (_, i) => `a${i}`) },
      { id: 'has space', name: 'B', type: 'person' },
      { id: '', name: 'C', type: 'person' },
    ]));
    expect(errors).toEqual([
      'entities[0].name: must be at most 200 characters',
      'entities[1].aliases: must have at most 100 items',
      'entities[2].id: must be letters, digits, - or _',
      'entities[3].id: must not be empty',
    ]);
  });

  it('duplicate ids within the file', () => {
    expect(errorsOf(file([
      { id: 'a', name: 'A', type: 'person' },
      { id: 'b', name: 'B', type: 'person' },
      { id: 'a', name: 'C', type: 'person' },
    ]))).toEqual(['entities[2].id: "a" is already used by entities[0]']);
  });

  it('unknown fields, including __proto__ and constructor, are rejected and pollute nothing', () => {
    const text = `{"format": "${GLOSSARY_FORMAT}", "version": 1, "entities": [
      {"name": "A", "type": "person", "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}},
      {"name": "B", "type": "person", "aliases": [{"text": "b", "__proto__": {"x": 1}}], "Name": "b"}
    ], "__proto__": {"polluted": true}}`;
    expect(errorsOf(text)).toEqual([
      'entities[0].__proto__: unknown field',
      'entities[0].constructor: unknown field',
      'entities[1].aliases[0].__proto__: unknown field',
      'entities[1].Name: unknown field',
      '__proto__: unknown field',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(errorsOf(file([{ name: 'A', type: 'person', 'odd key': 1 }]))).toEqual(['entities[0]["odd key"]: unknown field']);
  });

  it('too many entities fails fast; too large a file is refused unread', () => {
    const many = `{"format":"${GLOSSARY_FORMAT}","version":1,"entities":[${'0,'.repeat(MAX_GLOSSARY_ENTITIES)}0]}`;
    const started = performance.now();
    expect(errorsOf(many)).toEqual([`entities: too many entities (${MAX_GLOSSARY_ENTITIES + 1}; at most ${MAX_GLOSSARY_ENTITIES})`]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(errorsOf(' '.repeat(MAX_GLOSSARY_FILE_CHARS + 1))[0]).toMatch(/^the file is too large/);
  });

  it('deeply nested values do not crash it', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const errors = errorsOf(`{"format":"${GLOSSARY_FORMAT}","version":1,"entities":[{"name":"A","type":"person","notes":${deep},"extra":${deep}}]}`);
    expect(errors).toEqual(['entities[0].notes: must be text (a string), not a list (array)', 'entities[0].extra: unknown field']);
    expect(errorsOf(deep)[0]).toMatch(/must hold a JSON object|nested too deeply/);
  });

  it('lists at most 50 problems, then counts the rest', () => {
    const errors = errorsOf(file(Array.from({ length: 80 }, () => ({ name: '', type: 'person' }))));
    expect(errors).toHaveLength(51);
    expect(errors[0]).toBe('entities[0].name: must not be empty');
    expect(errors[50]).toBe('…and 30 more problems');
  });

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.string(), (s) => typeof parseGlossaryFile(s).ok === 'boolean'), { numRuns: 300 });
    fc.assert(fc.property(fc.json(), (s) => typeof parseGlossaryFile(s).ok === 'boolean'), { numRuns: 300 });
    fc.assert(
      fc.property(fc.array(fc.anything()), (entities) => typeof parseGlossaryFile(JSON.stringify({ format: GLOSSARY_FORMAT, version: 1, entities }) ?? '').ok === 'boolean'),
      { numRuns: 300 },
    );
  });
});

describe('serializeGlossaryFile', () => {
  const entities: Entity[] = [
    { id: 'e1', name: 'MEK', type: 'organization', aliases: [{ text: 'PMOI' }, { text: 'Mek', exactCase: true }, { text: 'MKO', exactCase: false }], notes: 'line 1\nline 2 "q" <b>', createdAt: T0, updatedAt: T0 + 1 },
    { id: 'e2', name: 'Iran', type: 'other', aliases: [], notes: '', createdAt: T0 + 2, updatedAt: T0 + 3 },
  ];

  it('writes the documented shape', () => {
    const data = JSON.parse(serializeGlossaryFile(entities, T0));
    expect(data).toEqual({
      format: GLOSSARY_FORMAT,
      version: 3,
      exportedAt: '2024-05-01T12:00:00.000Z',
      entities: [
        { id: 'e1', name: 'MEK', type: 'organization', aliases: [{ text: 'PMOI' }, { text: 'Mek', exactCase: true }, { text: 'MKO', exactCase: false }], notes: 'line 1\nline 2 "q" <b>', createdAt: '2024-05-01T12:00:00.000Z', updatedAt: '2024-05-01T12:00:00.001Z' },
        { id: 'e2', name: 'Iran', type: 'other', aliases: [], notes: '', createdAt: '2024-05-01T12:00:00.002Z', updatedAt: '2024-05-01T12:00:00.003Z' },
      ],
    });
  });

  it('parses back to the same entities', () => {
    const r = parseGlossaryFile(serializeGlossaryFile(entities, T0));
    expect(r).toEqual({ ok: true, entities });
  });

  it('names export files by date', () => {
    expect(glossaryFileName(T0)).toBe('news-context-reader-glossary-2024-05-01.json');
  });
});

describe('formatPath', () => {
  it('writes JavaScript-like paths', () => {
    expect(formatPath(['entities', 3, 'aliases', 0, 'text'])).toBe('entities[3].aliases[0].text');
    expect(formatPath([])).toBe('(file)');
    expect(formatPath(['a b'])).toBe('["a b"]');
  });
});

describe('CSV alias separators (issue 13: | and ; separate, a comma stays in the alias)', () => {
  it('reads | and ; as separators, keeps commas, and writes ; escaped', async () => {
    const { parseGlossaryCsv, serializeGlossaryCsv } = await import('../../../lib/model/glossary-csv');
    const r = parseGlossaryCsv('name,type,aliases\nTheresa May,person,"May; T. May | Mrs May, PM"\n');
    expect(r.ok && r.entities[0]!.aliases.map((a) => a.text)).toEqual(['May', 'T. May', 'Mrs May, PM']);
    const e = { id: 'e1', name: 'X', type: 'other' as const, aliases: [{ text: 'A;B' }, { text: 'C|D' }], notes: '', createdAt: 0, updatedAt: 0 };
    const back = parseGlossaryCsv(serializeGlossaryCsv([e]));
    expect(back.ok && back.entities[0]!.aliases.map((a) => a.text)).toEqual(['A;B', 'C|D']);
  });
});
