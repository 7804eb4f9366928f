import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseImportFile } from '../../../lib/model/import-file';
import { parseBackupFile, serializeBackupFile } from '../../../lib/model/backup-file';
import { parseGlossaryCsv, serializeGlossaryCsv, parseAliasCell } from '../../../lib/model/glossary-csv';
import { parseGlossaryFile } from '../../../lib/model/glossary-file';
import { parsePublishedTime } from '../../../lib/model/article';
import { combineNotes, mergeEntityFields } from '../../../lib/model/merge';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import type { Entity } from '../../../lib/model/entity';

const T0 = Date.UTC(2024, 4, 1, 12, 0, 0);
const ISO = '2024-05-01T12:00:00.000Z';

function backup(extra: Record<string, unknown> = {}) {
  return {
    format: 'news-context-reader/backup',
    version: 1,
    exportedAt: ISO,
    entities: [
      { id: 'mek', name: 'MEK', type: 'organization', aliases: ['PMOI'], notes: '', createdAt: ISO, updatedAt: ISO },
      { id: 'iran', name: 'Iran', type: 'place', createdAt: ISO, updatedAt: ISO },
    ],
    articles: [{ url: 'https://www.example.com/a', title: 'A', site: 'Example', firstSeen: ISO, lastSeen: ISO }],
    mentions: [{ entityId: 'mek', url: 'https://www.example.com/a', count: 2, snippet: 's', lastSeen: ISO }],
    notes: [],
    ...extra,
  };
}

function errorsOf(text: string): string[] {
  const r = parseImportFile(text);
  if (r.ok) throw new Error('expected the file to be rejected');
  return r.errors;
}

describe('parseImportFile: recognises the kind by content', () => {
  it('glossary JSON v1 and v2, backup JSON, CSV', () => {
    const v1 = JSON.stringify({ format: 'news-context-reader/glossary', version: 1, entities: [{ name: 'A', type: 'person' }] });
    const v2 = JSON.stringify({ format: 'news-context-reader/glossary', version: 2, entities: [{ name: 'A', type: 'place', tags: ['x'], links: ['https://a.example/'] }] });
    const csv = 'name,type\nA,person\n';
    expect(parseImportFile(v1)).toMatchObject({ ok: true, bundle: { kind: 'glossary', entities: [{ name: 'A', type: 'person' }] } });
    expect(parseImportFile(v2)).toMatchObject({ ok: true, bundle: { kind: 'glossary', entities: [{ name: 'A', type: 'place', tags: ['x'], links: ['https://a.example/'] }] } });
    expect(parseImportFile(JSON.stringify(backup()))).toMatchObject({ ok: true, bundle: { kind: 'backup', entities: [{ id: 'mek' }, { id: 'iran' }], mentions: [{ count: 2, lastSeen: T0 }] } });
    expect(parseImportFile(csv)).toMatchObject({ ok: true, bundle: { kind: 'csv', entities: [{ name: 'A', type: 'person' }] } });
  });

  it('version 1 files keep their own rules: no place, no tags', () => {
    const v1 = JSON.stringify({ format: 'news-context-reader/glossary', version: 1, entities: [{ name: 'A', type: 'place', tags: [] }] });
    expect(errorsOf(v1)).toEqual(['entities[0].type: must be one of "person", "organization", "event", "other"', 'entities[0].tags: unknown field']);
  });
});

describe('import validation: each problem named by path, field and why', () => {
  it('malformed JSON', () => {
    expect(errorsOf('{"format": "news-context-reader/backup", "version": 1,\n "entities": [}')[0]).toMatch(/^the file is not valid JSON \(line 2, column \d+\)/);
    expect(errorsOf('{')[0]).toMatch(/^the file is not valid JSON/);
    expect(errorsOf('[1, 2]')[0]).toMatch(/must hold a JSON object/);
    expect(errorsOf(JSON.stringify({ format: 'something/else', version: 1 }))[0]).toMatch(/^format: expected "news-context-reader\/glossary" or "news-context-reader\/backup"/);
    expect(errorsOf(JSON.stringify({ ...backup(), version: 9 }))[0]).toMatch(/^version: this file was made by a newer version/);
  });

  it('wrong types and missing fields', () => {
    const b = backup({
      articles: [{ url: 'ftp://x.example/a', title: 5, site: 'S', firstSeen: 'yesterday' }],
      mentions: [{ entityId: 'mek', url: 'https://www.example.com/a', count: 0, snippet: 's', lastSeen: ISO }],
      notes: [{ id: 'n', quote: 'q', url: 'https://a.example/', title: 't' }],
      settings: { markStyle: 'sparkles' },
    });
    expect(errorsOf(JSON.stringify(b))).toEqual([
      'articles[0].url: is not a valid url',
      'articles[0].title: must be text (a string), not a whole number',
      'articles[0].firstSeen: must be an ISO 8601 date-time such as "2024-05-01T12:00:00.000Z"',
      'articles[0].lastSeen: is required',
      'mentions[0].count: must be more than 0',
      'notes[0].createdAt: is required',
      'settings.markStyle: must be one of "underline", "background", "dotted"',
    ]);
  });

  it('duplicate ids, URLs and dangling references', () => {
    const b = backup();
    b.entities.push({ ...b.entities[0]!, name: 'Other' } as never);
    b.articles.push({ ...b.articles[0]! });
    b.mentions.push({ entityId: 'ghost', url: 'https://www.example.com/zzz', count: 1, snippet: '', lastSeen: ISO }, { ...b.mentions[0]! });
    expect(errorsOf(JSON.stringify(b))).toEqual([
      'entities[2].id: "mek" is already used by entities[0]',
      'articles[1].url: "https://www.example.com/a" is already used by articles[0]',
      'mentions[1].entityId: "ghost" is not the id of an entity in this file',
      'mentions[1].url: no article in this file has the URL "https://www.example.com/zzz"',
      'mentions[2]: the same entity and article as mentions[0]',
    ]);
    const g = JSON.stringify({ format: 'news-context-reader/glossary', version: 2, entities: [{ id: 'a', name: 'A', type: 'person' }, { id: 'a', name: 'B', type: 'person' }] });
    expect(errorsOf(g)).toEqual(['entities[1].id: "a" is already used by entities[0]']);
  });

  it('script tags in names and notes are kept as text, never refused or run', () => {
    const g = JSON.stringify({ format: 'news-context-reader/glossary', version: 2, entities: [{ name: '<script>alert(1)</script>', type: 'other', notes: '<img src=x onerror=alert(1)> [x](javascript:alert(1))', tags: ['t'] }] });
    const r = parseImportFile(g);
    expect(r.ok && r.bundle.entities[0]).toMatchObject({ name: '<script>alert(1)</script>', notes: '<img src=x onerror=alert(1)> [x](javascript:alert(1))' });
    // Tags are labels: markup characters there are refused.
    expect(errorsOf(JSON.stringify({ format: 'news-context-reader/glossary', version: 2, entities: [{ name: 'A', type: 'other', tags: ['<b>'] }] }))).toEqual(['entities[0].tags[0]: must not contain , ; | { } < or >']);
    // Links must be web addresses.
    expect(errorsOf(JSON.stringify({ format: 'news-context-reader/glossary', version: 2, entities: [{ name: 'A', type: 'other', links: ['javascript:alert(1)'] }] }))).toEqual(['entities[0].links[0]: must be a web address starting with http:// or https://']);
  });

  it('a 10 MB file: a valid one is read quickly, an over-long one refused unread', () => {
    const notes = 'x'.repeat(49_000);
    const entities = Array.from({ length: 210 }, (_, i) => ({ name: `Entity ${i}`, type: 'person', notes }));
    const text = JSON.stringify({ format: 'news-context-reader/glossary', version: 2, entities });
    expect(text.length).toBeGreaterThan(10_000_000);
    const t = performance.now();
    const r = parseImportFile(text);
    expect(r.ok && r.bundle.entities.length).toBe(210);
    expect(performance.now() - t).toBeLessThan(5000);
    expect(errorsOf(' '.repeat(60_000_001))[0]).toMatch(/too large/);
    // One bad entry among many big ones is still named precisely.
    entities[150] = { name: 'x', type: 'person', notes: 'y'.repeat(50_001) };
    expect(errorsOf(JSON.stringify({ format: 'news-context-reader/glossary', version: 2, entities }))).toEqual(['entities[150].notes: must have at most 50000 characters']);
  });

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.anything(), (v) => typeof parseImportFile(JSON.stringify(backup({ mentions: v })) ?? '').ok === 'boolean'), { numRuns: 200 });
    fc.assert(fc.property(fc.string(), (s) => typeof parseImportFile(s).ok === 'boolean'), { numRuns: 300 });
  });
});

describe('backup file', () => {
  it('writes what it reads: every field survives a round trip', () => {
    const entities: Entity[] = [{ id: 'mek', name: 'MEK', type: 'organization', aliases: [{ text: 'PMOI', exactCase: true, diacriticSensitive: false }], notes: '*n*', tags: ['iran'], links: ['https://en.wikipedia.org/wiki/MEK'], createdAt: T0, updatedAt: T0 + 1 }];
    const data = {
      entities,
      articles: [{ url: 'https://www.example.com/a', title: 'A', site: 'Example', firstSeen: T0, lastSeen: T0 + 5, publishedAt: T0 - 100 }],
      mentions: [{ entityId: 'mek', url: 'https://www.example.com/a', count: 3, snippet: 'The MEK', lastSeen: T0 + 5 }],
      notes: [
        { id: 'n1', quote: 'q', comment: 'c', url: 'https://www.example.com/a', title: 'A', createdAt: T0 + 7, site: 'Example', selector: { exact: 'q', prefix: 'p', suffix: 's', position: 1, textLength: 3 }, tags: ['iran'], entityIds: ['mek'], updatedAt: T0 + 8, anchor: { status: 'found' as const, checkedAt: T0 + 9 } },
        { id: 'n2', quote: '', comment: 'about MEK', url: 'https://www.example.com/a', title: 'A', createdAt: T0 + 10, site: '', selector: null, tags: [], entityIds: [], updatedAt: T0 + 10, anchor: null },
      ],
      settings: { ...DEFAULT_SETTINGS, markStyle: 'dotted' as const },
      aliasExclusions: [{ site: 'news.example.com', entityId: 'mek', alias: 'PMOI', createdAt: T0 + 11 }],
    };
    const r = parseBackupFile(serializeBackupFile(data, T0));
    expect(r).toEqual({ ok: true, ...data });
  });
});

describe('CSV', () => {
  it('reads spreadsheet conventions: any column order, labels for types, options in braces, BOM, ; delimiter', () => {
    const csv = '\ufeffType;Name;Aliases;Tags;Links\nOrganisation;MEK;"PMOI | MEK {exact case} | Khāmeneʾi {exact accents, any case}";iran | opposition;https://en.wikipedia.org/wiki/MEK\nPlace;Tehran;;;\n';
    const r = parseGlossaryCsv(csv);
    expect(r).toEqual({
      ok: true,
      entities: [
        { name: 'MEK', type: 'organization', aliases: [{ text: 'PMOI' }, { text: 'MEK', exactCase: true }, { text: 'Khāmeneʾi', diacriticSensitive: true, exactCase: false }], notes: '', tags: ['iran', 'opposition'], links: ['https://en.wikipedia.org/wiki/MEK'] },
        { name: 'Tehran', type: 'place', aliases: [], notes: '' },
      ],
    });
  });

  it('names the row and column of each problem', () => {
    const csv = 'name,type,aliases,nickname\n,person,,\nB,planet,"X {loud}",\n';
    expect(parseGlossaryCsv(csv)).toEqual({ ok: false, errors: ['row 1, column 4: unknown column "nickname" (the columns are name, type, aliases, hidden_aliases, notes, tags, links, id, created_at, updated_at)'] });
    const csv2 = 'name,type,aliases,created_at\n,person,,\nB,planet,"X {loud}",\nC,person,,yesterday\n';
    expect(parseGlossaryCsv(csv2)).toEqual({
      ok: false,
      errors: [
        'row 2, name: must not be empty',
        'row 3, aliases: alias "X {loud}": unknown option {loud} (use exact case, any case, exact accents or any accents)',
        'row 3, type: must be one of person, organization, event, place, other, not "planet"',
        'row 4, created_at: must be an ISO 8601 date-time such as "2024-05-01T12:00:00.000Z"',
      ],
    });
    expect(parseGlossaryCsv('aliases\nx\n')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^row 1: the column name is missing/), expect.stringMatching(/^row 1: the column type is missing/)] });
    expect(parseGlossaryCsv('name,type,id\nA,person,x\nB,person,x\n')).toEqual({ ok: false, errors: ['row 3, id: "x" is already used by row 2'] });
  });

  it('round trip keeps everything, including formula-like cells, | in aliases and multi-line notes', () => {
    const entities: Entity[] = [
      { id: 'a1', name: '=HYPERLINK("x")', type: 'other', aliases: [{ text: 'A | B' }, { text: '-dash', exactCase: false }], notes: '- item 1\n- item 2\n\n"quoted", comma', tags: ['t1'], links: ['https://a.example/?q=1,2'], createdAt: T0, updatedAt: T0 + 1 },
      { id: 'a2', name: 'Plain', type: 'person', aliases: [], notes: '', createdAt: T0, updatedAt: T0 },
      // Already quoted before a formula character: written ''=…, read back as it was.
      { id: 'a3', name: "'=not a formula", type: 'person', aliases: [{ text: "''+1" }], notes: "'-", createdAt: T0, updatedAt: T0 },
    ];
    const text = serializeGlossaryCsv(entities);
    expect(text.startsWith('\ufeffname,type,aliases,hidden_aliases,notes,tags,links,id,created_at,updated_at\r\n')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(parseGlossaryCsv(text)).toEqual({ ok: true, entities });
  });

  it('alias option cells', () => {
    expect(parseAliasCell('MEK {Exact Case}')).toEqual({ alias: { text: 'MEK', exactCase: true } });
    expect(parseAliasCell('Tehran (city)')).toEqual({ alias: { text: 'Tehran (city)' } });
  });
});

describe('publication dates and merging', () => {
  const now = Date.UTC(2025, 0, 1);
  it.each([
    ['2024-05-01T12:00:00Z', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01T14:00:00+02:00', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01T14:00:00+0200', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01', Date.UTC(2024, 4, 1)],
    ['2024-05-01 12:00:00Z', Date.UTC(2024, 4, 1, 12)],
    ['May 1, 2024', null],
    ['1889-01-01', null],
    ['2030-01-01', null],
    ['', null],
    [null, null],
  ])('parsePublishedTime(%j)', (raw, expected) => {
    expect(parsePublishedTime(raw, now)).toBe(expected);
  });

  it('combineNotes and mergeEntityFields', () => {
    expect(combineNotes('a', '')).toBe('a');
    expect(combineNotes('', 'b')).toBe('b');
    expect(combineNotes('a b', 'b')).toBe('a b');
    expect(combineNotes('a', 'b')).toBe('a\n\nb');
    const merged = mergeEntityFields(
      { name: 'Ali Khamenei', type: 'person', aliases: [{ text: 'Khamenei' }], notes: '', tags: ['Iran'] },
      { name: 'Khamenei', aliases: [{ text: 'Supreme Leader', exactCase: true }, { text: 'ALI KHAMENEI' }], notes: 'n', tags: ['iran', 'leaders'] },
    );
    expect(merged).toEqual({ name: 'Ali Khamenei', type: 'person', aliases: [{ text: 'Khamenei' }, { text: 'Supreme Leader', exactCase: true }], notes: 'n', tags: ['Iran', 'leaders'] });
  });
});

describe('glossary file v2', () => {
  it('reads alias options, tags and links', () => {
    const r = parseGlossaryFile(JSON.stringify({ format: 'news-context-reader/glossary', version: 2, entities: [{ name: 'X', type: 'place', aliases: [{ text: 'Y', diacriticSensitive: true }], tags: [' a ', 'A'], links: ['https://x.example/'] }] }));
    expect(r).toEqual({ ok: true, entities: [{ name: 'X', type: 'place', aliases: [{ text: 'Y', diacriticSensitive: true }], notes: '', tags: ['a'], links: ['https://x.example/'] }] });
  });
});
