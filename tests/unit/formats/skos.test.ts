/**
 * SKOS vocabularies made elsewhere (Turtle and JSON-LD): several languages' labels, notes,
 * links, concepts without our type; and the messages for bad files.
 */
import { describe, expect, it } from 'vitest';
import { looksLikeTurtle, parseSkosTurtle, serializeSkosTurtle } from '../../../lib/formats/skos-turtle';
import { parseSkosJsonLd } from '../../../lib/formats/skos-jsonld';
import { parseAnyImportFile } from '../../../lib/formats/import';

const THESAURUS = `# A team's thesaurus, exported from a vocabulary tool.
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
@prefix ex: <http://vocab.example.org/news/> .

ex:scheme a skos:ConceptScheme ; skos:prefLabel "Newsroom thesaurus"@en .
ex:bodies a skos:Collection ; skos:prefLabel "International bodies"@en ; skos:member ex:un .

ex:un a skos:Concept ;
  skos:inScheme ex:scheme ;
  skos:prefLabel "Nations unies"@fr , "United Nations"@en, "Vereinte Nationen"@de ;
  skos:altLabel "UN"@en, "ONU"@fr, """U.N."""@en ;
  skos:hiddenLabel "Untied Nations"@en ;
  skos:definition "Intergovernmental organisation founded in 1945."@en , "Organisation fondée en 1945."@fr ;
  skos:scopeNote "Use for the organisation, not its buildings."@en ;
  skos:exactMatch <http://www.wikidata.org/entity/Q1065> ;
  skos:broader ex:organisations .

ex:wwii skos:prefLabel "Seconde Guerre mondiale"@fr ;
  skos:altLabel "WWII" .
`;

describe('SKOS Turtle from elsewhere', () => {
  it('the name in the reader\'s language, every other label an alias (reader\'s languages first), notes, links', () => {
    const r = parseSkosTurtle(THESAURUS, { languages: ['en'] });
    expect(r).toEqual({
      ok: true,
      entities: [
        {
          name: 'United Nations',
          type: 'other',
          aliases: [{ text: 'UN' }, { text: 'U.N.' }, { text: 'Nations unies' }, { text: 'Vereinte Nationen' }, { text: 'ONU' }, { text: 'Untied Nations', hidden: true }],
          notes: 'Intergovernmental organisation founded in 1945.\n\nUse for the organisation, not its buildings.',
          links: ['http://www.wikidata.org/entity/Q1065'],
        },
        // The name is always a prefLabel, here only in French.
        { name: 'Seconde Guerre mondiale', type: 'other', aliases: [{ text: 'WWII' }], notes: '' },
      ],
    });
    const fr = parseSkosTurtle(THESAURUS, { languages: ['fr', 'en'] });
    expect(fr.ok && fr.entities.map((e) => e.name)).toEqual(['Nations unies', 'Seconde Guerre mondiale']);
    // Each of definition and scopeNote in the best language it has.
    expect(fr.ok && fr.entities[0]!.notes).toBe('Organisation fondée en 1945.\n\nUse for the organisation, not its buildings.');
  });

  it('recognised by content (PREFIX, @prefix, a comment first), not as CSV', () => {
    expect(looksLikeTurtle(THESAURUS)).toBe(true);
    expect(looksLikeTurtle('name,type\nA,person')).toBe(false);
    const r = parseAnyImportFile(THESAURUS);
    expect(r.ok && r.bundle.kind).toBe('skos-turtle');
  });

  it('bad Turtle names the line; a concept without a name, a bad type or date names the concept and field', () => {
    expect(parseSkosTurtle('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\n<http://x/a> skos:prefLabel "A" ;\n  skos:altLabel "B"\n  skos:altLabel "C" .\n')).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^the file is not valid Turtle \(line 5\): /)],
    });
    const text = `@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ncr: <https://news-context-reader.invalid/ns#> .
@prefix dct: <http://purl.org/dc/terms/> .
<http://x/a> a skos:Concept ; skos:altLabel "only an alt label" .
<http://x/b> skos:prefLabel "B" ; ncr:type "planet" .
<http://x/c> skos:prefLabel "${'c'.repeat(201)}" ; dct:created "yesterday" .
`;
    expect(parseAnyImportFile(text)).toEqual({
      ok: false,
      kind: 'skos-turtle',
      errors: [
        'concept <http://x/a>: skos:prefLabel is required (the entity\'s name)',
        'concept <http://x/b>: ncr:type: must be one of person, organization, event, place, other, not "planet"',
        'concept <http://x/c>: dct:created: must be an ISO 8601 date-time such as "2024-05-01T12:00:00.000Z"',
        'concept <http://x/c>: name: must be at most 200 characters',
      ],
    });
    expect(parseSkosTurtle('@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<http://x/s> a skos:ConceptScheme .')).toEqual({
      ok: false,
      errors: ['the file holds no SKOS concept (nothing typed skos:Concept or with a skos:prefLabel)'],
    });
  });

  it('our own export keeps ids, and a second import of it is the same entities', () => {
    const e = { id: 'mek', name: 'MEK', type: 'organization' as const, aliases: [{ text: 'PMOI' }], notes: 'n', createdAt: 1, updatedAt: 2 };
    expect(parseSkosTurtle(serializeSkosTurtle([e], 0))).toEqual({ ok: true, entities: [e] });
  });
});

describe('SKOS JSON-LD from elsewhere', () => {
  it('inline context with @vocab-less prefixes, language maps, value objects, nested nodes, @graph', () => {
    const doc = {
      '@context': {
        skos: 'http://www.w3.org/2004/02/skos/core#',
        label: { '@id': 'skos:prefLabel', '@container': '@language' },
        alt: { '@id': 'skos:altLabel' },
        match: { '@id': 'skos:exactMatch', '@type': '@id' },
      },
      '@graph': [
        {
          '@id': 'http://vocab.example.org/un',
          '@type': 'skos:Concept',
          label: { fr: 'Nations unies', en: 'United Nations' },
          alt: [{ '@value': 'UN', '@language': 'en' }, 'U.N.'],
          'skos:hiddenLabel': 'Untied Nations',
          'skos:definition': { '@value': 'Founded in 1945.', '@language': 'en' },
          match: 'https://www.wikidata.org/wiki/Q1065',
          'skos:inScheme': { '@id': 'http://vocab.example.org/', '@type': 'skos:ConceptScheme' },
        },
      ],
    };
    expect(parseSkosJsonLd(JSON.stringify(doc), { languages: ['en'] })).toEqual({
      ok: true,
      entities: [
        {
          name: 'United Nations',
          type: 'other',
          aliases: [{ text: 'UN' }, { text: 'U.N.' }, { text: 'Nations unies' }, { text: 'Untied Nations', hidden: true }],
          notes: 'Founded in 1945.',
          links: ['https://www.wikidata.org/wiki/Q1065'],
        },
      ],
    });
    const r = parseAnyImportFile(JSON.stringify(doc));
    expect(r.ok && r.bundle.kind).toBe('skos-jsonld');
  });

  it('a remote context is refused (nothing is fetched); a JSON error names line and column', () => {
    expect(parseAnyImportFile(JSON.stringify({ '@context': 'https://w3id.org/skos.jsonld', '@id': 'x', 'skos:prefLabel': 'A' }))).toEqual({
      ok: false,
      kind: 'skos-jsonld',
      errors: ['(file).@context: a remote context ("https://w3id.org/skos.jsonld") is not fetched (the extension makes no network request); put the context in the file'],
    });
    const broken = parseAnyImportFile('{\n  "@context": {},\n  "@graph": [\n    {"@id": "x",}\n  ]\n}');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.errors[0]).toMatch(/^the file is not valid JSON \(line 4, column \d+\)/);
  });
});

describe('recognising files', () => {
  it('our JSON and CSV are read as before', () => {
    const ours = parseAnyImportFile(JSON.stringify({ format: 'news-context-reader/glossary', version: 3, entities: [{ name: 'A', type: 'person' }] }));
    expect(ours.ok && ours.bundle.kind).toBe('glossary');
    const csv = parseAnyImportFile('name,type\nA,person\n');
    expect(csv.ok && csv.bundle.kind).toBe('csv');
    expect(parseAnyImportFile('{"entities": []}')).toMatchObject({ ok: false });
  });
});
