import { describe, expect, it } from 'vitest';
import { IncrementalGlossary, glossaryTerms } from '../../../lib/background/glossary-cache';
import { compileGlossary } from '../../../lib/text/compile';
import { createMatcher } from '../../../lib/text/matcher';
import type { Entity } from '../../../lib/model/entity';

const entity = (id: string, name: string, type: Entity['type'], aliases: string[] = []): Entity => ({
  id,
  name,
  type,
  aliases: aliases.map((text) => ({ text })),
  notes: '',
  createdAt: 0,
  updatedAt: 0,
} as Entity);

const TEXT = 'Maryam Rajavi met the MEK. Rouhani and the IRGC answered. Khamenei spoke.';
const found = (compiled: ReturnType<IncrementalGlossary['compile']>) =>
  createMatcher(compiled)
    .findMatches([{ text: TEXT, blockStart: true }])
    .map((m) => `${m.entityId}:${TEXT.slice(m.start.offset, m.end.offset)}`);

describe('IncrementalGlossary', () => {
  it('gives the same matches as a full compile through additions, edits, type changes and removals', () => {
    const inc = new IncrementalGlossary();
    let glossary = Array.from({ length: 300 }, (_, i) => entity(`f${i}`, `Filler Person ${i}`, 'person'));
    glossary.push(entity('r', 'Maryam Rajavi', 'person'), entity('m', 'PMOI', 'organization', ['MEK']));
    const steps: Entity[][] = [
      glossary,
      (glossary = [...glossary, entity('h', 'Hassan Rouhani', 'person', ['Rouhani'])]),
      (glossary = glossary.map((e) => (e.id === 'm' ? entity('m', 'PMOI', 'organization', ['MEK', 'Mujahedin-e Khalq']) : e))),
      (glossary = glossary.map((e) => (e.id === 'h' ? entity('h', 'Hassan Rouhani', 'other', ['Rouhani']) : e))),
      (glossary = [...glossary.filter((e) => e.id !== 'r'), entity('i', 'IRGC', 'organization'), entity('k', 'Khamenei', 'person')]),
    ];
    for (const g of steps) {
      expect(found(inc.compile(g)).sort()).toEqual(found(compileGlossary(glossaryTerms(g))).sort());
    }
    expect(found(inc.compile(glossary))).toEqual(['oi:IRGC', 'om:MEK', 'xh:Rouhani', 'pk:Khamenei'].sort((a, b) => TEXT.indexOf(a.split(':')[1]!) - TEXT.indexOf(b.split(':')[1]!)));
  });
});
