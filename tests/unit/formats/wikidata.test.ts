/**
 * Wikidata entity JSON (tests/fixtures/wikidata/*.json, written by hand in the shape
 * Special:EntityData serves): name, aliases in the reader's languages, description as notes,
 * links, type from instance-of; problems named by path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeWikidata, parseWikidataRoot, WIKIDATA_TYPES } from '../../../lib/formats/wikidata';
import { parseAnyImportFile } from '../../../lib/formats/import';
import { ENTITY_TYPES } from '../../../lib/model/entity';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/wikidata', name), 'utf8');
const parse = (name: string, languages?: string[]) => parseWikidataRoot(JSON.parse(fixture(name)), { languages });

describe('Wikidata entity JSON', () => {
  it('one entity (Special:EntityData/Q42.json): label, aliases in the reader\'s languages, description, links, type', () => {
    expect(parse('Q42.json', ['en'])).toEqual({
      ok: true,
      entities: [
        {
          name: 'Douglas Adams',
          type: 'person',
          aliases: [{ text: 'Douglas Noël Adams' }, { text: 'Douglas Noel Adams' }, { text: 'DNA' }],
          notes: 'English science fiction writer and humorist (1952–2001)',
          links: ['https://www.wikidata.org/wiki/Q42', 'https://en.wikipedia.org/wiki/Douglas_Adams'],
        },
      ],
    });
  });

  it('the reader\'s first language names the entity; other chosen languages give aliases; others are left out', () => {
    const r = parse('Q42.json', ['he', 'fr']);
    expect(r.ok && r.entities[0]).toEqual({
      name: 'דאגלס אדמס',
      type: 'person',
      aliases: [{ text: 'Douglas Adams' }, { text: 'Douglas Noël Adams' }],
      notes: '',
      links: ['https://www.wikidata.org/wiki/Q42'],
    });
    const fr = parse('Q42.json', ['fr']);
    expect(fr.ok && fr.entities[0]!.notes).toBe('écrivain de science-fiction et humoriste anglais');
    expect(fr.ok && fr.entities[0]!.links).toEqual(['https://www.wikidata.org/wiki/Q42', 'https://fr.wikipedia.org/wiki/Douglas_Adams']);
    expect(JSON.stringify(fr)).not.toContain('Адамс');
  });

  it('several entities in one file: types from P31 (preferred first, deprecated ignored, unknown is other)', () => {
    const r = parse('several.json', ['en']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entities.map((e) => [e.name, e.type])).toEqual([
      ['United Nations', 'organization'],
      ['World War II', 'event'],
      ['Earth', 'other'],
    ]);
    expect(r.entities[0]!.aliases).toEqual([{ text: 'UN' }, { text: 'U.N.' }]);
    expect(r.entities[0]!.links).toEqual(['https://www.wikidata.org/wiki/Q1065', 'https://en.wikipedia.org/wiki/United_Nations']);
  });

  it('a list of bare entities and EntityData documents; no label in the reader\'s languages: English, else any', () => {
    const r = parse('bare-list.json', ['fr']);
    expect(r.ok && r.entities.map((e) => [e.name, e.type, e.notes])).toEqual([
      ['politische Partei', 'other', ''],
      ['Elizabeth II', 'person', 'Queen of the United Kingdom from 1952 to 2022'],
    ]);
  });

  it('is recognised by content among the import formats', () => {
    for (const f of ['Q42.json', 'several.json', 'bare-list.json']) {
      expect(looksLikeWikidata(JSON.parse(fixture(f)))).toBe(true);
      const r = parseAnyImportFile(fixture(f), { languages: ['en'] });
      expect(r.ok && r.bundle.kind).toBe('wikidata');
    }
  });

  it('several files chosen at once arrive as a list of their texts (lists inside are flattened)', () => {
    const r = parseAnyImportFile(`[${fixture('Q42.json')},\n${fixture('bare-list.json')}]`, { languages: ['en'] });
    expect(r.ok && r.bundle.kind).toBe('wikidata');
    expect(r.ok && r.bundle.entities.map((e) => e.name)).toEqual(['Douglas Adams', 'politische Partei', 'Elizabeth II']);
  });

  it('bad items are named by their path, and nothing is imported', () => {
    const doc = JSON.parse(fixture('several.json'));
    doc.entities.Q362.labels = {};
    doc.entities.Q2.id = 'Earth';
    expect(parseAnyImportFile(JSON.stringify(doc))).toEqual({
      ok: false,
      kind: 'wikidata',
      errors: ['entities.Q362.labels: Q362 has no label (the entity needs a name)', 'entities.Q2.id: must be a Wikidata id such as "Q42", not "Earth"'],
    });
    const long = JSON.parse(fixture('Q42.json'));
    long.entities.Q42.labels.en.value = 'x'.repeat(300);
    expect(parseWikidataRoot(long)).toEqual({ ok: false, errors: ['entities.Q42 (Q42): name: must be at most 200 characters'] });
    const twice = [JSON.parse(fixture('Q42.json')), JSON.parse(fixture('Q42.json'))];
    expect(parseWikidataRoot(twice)).toEqual({ ok: false, errors: ['[1].entities.Q42: Q42 is already in this file ([0].entities.Q42)'] });
  });

  it('the type table maps only to known types', () => {
    for (const t of Object.values(WIKIDATA_TYPES)) expect(ENTITY_TYPES).toContain(t);
    expect(WIKIDATA_TYPES.Q5).toBe('person');
  });
});
