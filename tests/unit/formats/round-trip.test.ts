/**
 * ours → format → ours, on generated glossaries (arbitraries.ts): every field the format can
 * hold comes back. SKOS holds no matching options (exact case, accents), and keeps shown and
 * hidden labels apart; CSV keeps them apart in two columns.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSkosTurtle, serializeSkosTurtle } from '../../../lib/formats/skos-turtle';
import { parseSkosJsonLd, serializeSkosJsonLd } from '../../../lib/formats/skos-jsonld';
import { parseAnyImportFile } from '../../../lib/formats/import';
import { parseGlossaryCsv, serializeGlossaryCsv } from '../../../lib/model/glossary-csv';
import { parseGlossaryFile, serializeGlossaryFile } from '../../../lib/model/glossary-file';
import { glossaryArb, shownThenHidden, skosView } from './glossary-arbitraries';

const T = Date.UTC(2026, 0, 2);
const RUNS = { numRuns: 150 };

describe('round trips on generated glossaries', () => {
  it('ours → SKOS Turtle → ours', () => {
    fc.assert(
      fc.property(glossaryArb, (entities) => {
        const text = serializeSkosTurtle(entities, T);
        expect(parseSkosTurtle(text)).toEqual({ ok: true, entities: entities.map(skosView) });
        // Recognised by content, as the options page's import reads it.
        const any = parseAnyImportFile(text);
        expect(any.ok && any.bundle.kind).toBe('skos-turtle');
      }),
      RUNS,
    );
  });

  it('ours → SKOS JSON-LD → ours', () => {
    fc.assert(
      fc.property(glossaryArb, (entities) => {
        const text = serializeSkosJsonLd(entities, T);
        expect(parseSkosJsonLd(text)).toEqual({ ok: true, entities: entities.map(skosView) });
        const any = parseAnyImportFile(text);
        expect(any.ok && any.bundle.kind).toBe('skos-jsonld');
      }),
      RUNS,
    );
  });

  it('ours → CSV (hidden aliases in their column) → ours', () => {
    fc.assert(
      fc.property(glossaryArb, (entities) => {
        const text = serializeGlossaryCsv(entities);
        expect(parseGlossaryCsv(text)).toEqual({ ok: true, entities: entities.map((e) => ({ ...e, aliases: shownThenHidden(e.aliases) })) });
      }),
      RUNS,
    );
  });

  it('ours → JSON version 3 → ours, alias order and every option kept', () => {
    fc.assert(
      fc.property(glossaryArb, (entities) => {
        expect(parseGlossaryFile(serializeGlossaryFile(entities, T))).toEqual({ ok: true, entities });
      }),
      RUNS,
    );
  });
});
