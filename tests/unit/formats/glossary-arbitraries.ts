/**
 * Generated glossaries for the formats' round trips: names and notes with Unicode, right-to-left
 * scripts, emoji, lone surrogates, commas, quotes, backslashes, tabs and newlines; aliases shown
 * and hidden, with and without options; tags, links, ids and dates.
 */
import fc from 'fast-check';
import { ENTITY_TYPES, tagKey, type Alias, type Entity } from '../../../lib/model/entity';
import { isWikiLink } from '../../../lib/formats/skos';

/** Characters that break naive writers. No \r: CSV and the entity form read \r\n as \n. */
const TRICKY = ['a', 'Z', 'é', 'ß', 'ب', 'ש', '\u200f', '中', '😀', '\uD800', '\uDC00', '\uDBFF', ',', '"', "'", '\\', '\n', '\t', ' ', '|', ';', '#', '<', '>', '@', '=', '-', 'u', '{', '}', 'D', '8'];
const unit = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TRICKY) }, { weight: 1, arbitrary: fc.integer({ min: 0x20, max: 0xffff }).map((c) => String.fromCharCode(c)) });

/** A name: 1–40 units, trimmed; no braces (a CSV alias cell ends in its {options}). */
const name = fc
  .array(unit.filter((c) => c !== '{' && c !== '}' && c !== '\uFEFF'), { minLength: 1, maxLength: 40 })
  .map((cs) => cs.join('').trim())
  .filter((s) => s.length > 0 && s.length <= 200 && s.trim() === s);

const tag = fc
  .array(fc.constantFrom('a', 'b', 'é', 'ب', 'ש', '中', ' ', '-', '😀', '#'), { minLength: 1, maxLength: 12 })
  .map((cs) => cs.join('').replace(/\s+/g, ' ').trim())
  .filter((s) => s.length > 0 && s.length <= 40);

const LINKS = [
  'https://www.wikidata.org/wiki/Q42',
  'https://en.wikipedia.org/wiki/Douglas_Adams',
  'https://fr.wikipedia.org/wiki/Douglas_Adams',
  'https://example.org/about?x=1,2',
  'http://news.example/a%20b',
  'https://www.wikidata.org/wiki/Q1',
];

const alias: fc.Arbitrary<Alias> = fc.record(
  { text: name, exactCase: fc.option(fc.boolean(), { nil: undefined }), diacriticSensitive: fc.option(fc.boolean(), { nil: undefined }), hidden: fc.option(fc.constant(true as const), { nil: undefined }) },
  { requiredKeys: ['text'] },
).map((a) => {
  const out: Alias = { text: a.text };
  if (a.exactCase !== undefined) out.exactCase = a.exactCase;
  if (a.diacriticSensitive !== undefined) out.diacriticSensitive = a.diacriticSensitive;
  if (a.hidden) out.hidden = true;
  return out;
});

const T0 = Date.UTC(2020, 0, 1);

export const entityArb: fc.Arbitrary<Entity> = fc
  .record({
    name,
    type: fc.constantFrom(...ENTITY_TYPES),
    aliases: fc.array(alias, { maxLength: 6 }),
    notes: fc.array(unit, { maxLength: 80 }).map((cs) => cs.join('')),
    tags: fc.array(tag, { maxLength: 4 }),
    links: fc.subarray(LINKS),
    createdAt: fc.integer({ min: T0, max: T0 + 1e11 }),
    age: fc.integer({ min: 0, max: 1e9 }),
  })
  .map((r) => {
    // Aliases differ from the name and from each other (the SKOS reader drops repeats).
    const seen = new Set([r.name]);
    const aliases = r.aliases.filter((a) => !seen.has(a.text) && seen.add(a.text));
    const tagsSeen = new Set<string>();
    const tags = r.tags.filter((t) => !tagsSeen.has(tagKey(t)) && tagsSeen.add(tagKey(t)));
    const e: Entity = { id: 'x', name: r.name, type: r.type, aliases, notes: r.notes, createdAt: r.createdAt, updatedAt: r.createdAt + r.age };
    if (tags.length) e.tags = tags;
    if (r.links.length) e.links = r.links;
    return e;
  });

/** A glossary: entities with distinct ids. */
export const glossaryArb: fc.Arbitrary<Entity[]> = fc.array(entityArb, { minLength: 1, maxLength: 8 }).map((es) => es.map((e, i) => ({ ...e, id: `e${i}-${e.createdAt.toString(36)}` })));

/** Shown aliases first, then hidden ones: what a format that keeps them apart gives back. */
export function shownThenHidden(aliases: readonly Alias[]): Alias[] {
  return [...aliases.filter((a) => !a.hidden), ...aliases.filter((a) => a.hidden)];
}

/** What a SKOS file keeps of an entity: labels without their matching options; Wikidata/Wikipedia links first. */
export function skosView(e: Entity): Omit<Entity, 'version'> {
  const out: Entity = {
    ...e,
    aliases: shownThenHidden(e.aliases).map((a) => (a.hidden ? { text: a.text, hidden: true } : { text: a.text })),
  };
  if (e.links) out.links = [...e.links.filter(isWikiLink), ...e.links.filter((l) => !isWikiLink(l))];
  return out;
}
