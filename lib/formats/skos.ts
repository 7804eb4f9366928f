/**
 * The glossary as a SKOS concept scheme, apart from any syntax: entities to RDF statements and
 * statements back to entities. skos-turtle.ts and skos-jsonld.ts read and write the syntaxes.
 * Pure: no DOM, no storage. The mapping is documented in docs/formats-glossary.md.
 *
 * One concept per entity: prefLabel = name, altLabel = shown aliases, hiddenLabel = hidden
 * aliases ("match, never show"), definition = notes, exactMatch = Wikidata/Wikipedia links
 * (other links rdfs:seeAlso), our own `ncr:type` for the type and `ncr:tag` for tags,
 * dct:created / dct:modified for the dates. A concept whose IRI is ours
 * (`https://news-context-reader.invalid/entity/<id>`) keeps its id.
 *
 * Reading a vocabulary made elsewhere: the name is the prefLabel in the reader's first language
 * that has one (else one without a language, else the first); every other label, in any
 * language, becomes an alias, the reader's languages first. Notes and type-less concepts are
 * read as well as they can be: definition then scopeNote, each in the best language it has; no `ncr:type`
 * is "other".
 */
import { z } from 'zod';
import {
  ENTITY_TYPES,
  EntityId,
  MAX_ALIASES,
  MAX_LINKS,
  MAX_TAGS,
  type Alias,
  type Entity,
  type EntityType,
} from '../model/entity';
import { GlossaryEntity, MAX_GLOSSARY_ENTITIES, toGlossaryEntity, type ParseGlossaryResult } from '../model/glossary-file';
import { capErrors, clip, duplicateProblems, formatIssues, friendlyMessage, iso } from '../model/file-common';

export const SKOS = 'http://www.w3.org/2004/02/skos/core#';
export const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
export const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
export const DCT = 'http://purl.org/dc/terms/';
export const XSD = 'http://www.w3.org/2001/XMLSchema#';
/** Our own terms (type, tag): not dereferenceable, only names. */
export const NCR = 'https://news-context-reader.invalid/ns#';
export const ENTITY_BASE = 'https://news-context-reader.invalid/entity/';
export const SCHEME_IRI = 'https://news-context-reader.invalid/glossary';

export const PREFIXES: Readonly<Record<string, string>> = { skos: SKOS, dct: DCT, rdfs: RDFS, xsd: XSD, ncr: NCR };

/** An RDF term as the syntaxes hand it over: an IRI, a blank node (`_:b0`) or a literal. */
export type Term = { kind: 'iri'; value: string } | { kind: 'blank'; value: string } | { kind: 'literal'; value: string; language: string; datatype: string };

/** One statement; `subject` is an IRI or a blank node label starting with `_:`. */
export interface Statement {
  subject: string;
  predicate: string;
  object: Term;
}

export interface ReadOptions {
  /** The reader's languages, best first ("en", "fr"); a label's language matches by its first subtag. */
  languages?: readonly string[];
}

export const DEFAULT_LANGUAGES: readonly string[] = ['en'];

const literal = (value: string, language = '', datatype = ''): Term => ({ kind: 'literal', value, language, datatype });
const iri = (value: string): Term => ({ kind: 'iri', value });

/** Links to Wikidata or Wikipedia are the same thing (skos:exactMatch); others are rdfs:seeAlso. */
export function isWikiLink(link: string): boolean {
  try {
    const host = new URL(link).hostname;
    return host === 'wikidata.org' || host.endsWith('.wikidata.org') || host === 'wikipedia.org' || host.endsWith('.wikipedia.org');
  } catch {
    return false;
  }
}

export function entityIri(id: string): string {
  return ENTITY_BASE + encodeURIComponent(id);
}

/** The statements of one concept, in the order the writers write them. */
export function conceptStatements(e: Entity): Array<[predicate: string, object: Term]> {
  const out: Array<[string, Term]> = [
    [RDF_TYPE, iri(`${SKOS}Concept`)],
    [`${SKOS}inScheme`, iri(SCHEME_IRI)],
    [`${SKOS}prefLabel`, literal(e.name)],
  ];
  for (const a of e.aliases) if (!a.hidden) out.push([`${SKOS}altLabel`, literal(a.text)]);
  for (const a of e.aliases) if (a.hidden) out.push([`${SKOS}hiddenLabel`, literal(a.text)]);
  if (e.notes) out.push([`${SKOS}definition`, literal(e.notes)]);
  out.push([`${NCR}type`, literal(e.type)]);
  for (const t of e.tags ?? []) out.push([`${NCR}tag`, literal(t)]);
  for (const l of e.links ?? []) if (isWikiLink(l)) out.push([`${SKOS}exactMatch`, iri(l)]);
  for (const l of e.links ?? []) if (!isWikiLink(l)) out.push([`${RDFS}seeAlso`, iri(l)]);
  out.push([`${DCT}created`, literal(iso(e.createdAt), '', `${XSD}dateTime`)]);
  out.push([`${DCT}modified`, literal(iso(e.updatedAt), '', `${XSD}dateTime`)]);
  return out;
}

/** The scheme's own statements. */
export function schemeStatements(now: number): Array<[string, Term]> {
  return [
    [RDF_TYPE, iri(`${SKOS}ConceptScheme`)],
    [`${DCT}title`, literal('News Context Reader glossary')],
    [`${DCT}created`, literal(iso(now), '', `${XSD}dateTime`)],
  ];
}

// ---------------------------------------------------------------------------------------------
// Reading.

const ranks = new WeakMap<readonly string[], Map<string, number>>();

/** 0 for the reader's first language, 1 for the second…; untagged after them; others last. */
function languageRank(language: string, languages: readonly string[]): number {
  let cache = ranks.get(languages);
  if (!cache) ranks.set(languages, (cache = new Map()));
  let rank = cache.get(language);
  if (rank === undefined) {
    const primary = language.toLowerCase().split('-')[0]!;
    const i = languages.findIndex((l) => l.toLowerCase().split('-')[0] === primary);
    rank = !language ? languages.length : i < 0 ? languages.length + 1 : i;
    cache.set(language, rank);
  }
  return rank;
}

/** The literals of the best-ranked language among them (their order kept). */
function bestLanguage(values: readonly Term[], languages: readonly string[]): Term[] {
  const lits = values.filter((v): v is Extract<Term, { kind: 'literal' }> => v.kind === 'literal');
  if (!lits.length) return [];
  const best = Math.min(...lits.map((l) => languageRank(l.language, languages)));
  const first = lits.find((l) => languageRank(l.language, languages) === best)!;
  return lits.filter((l) => l.language.toLowerCase() === first.language.toLowerCase());
}

/** ISO 8601 date-time with Z or an offset (checked by hand: one zod call per date cost more than the rest of a concept). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const ENTITY_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** All concepts validated in one pass (zod's per-call cost, paid 10,000 times, was most of an import). */
const Entities = z.array(GlossaryEntity);

/**
 * The concepts among these statements as glossary entities. A concept is a subject typed
 * skos:Concept, or having a skos:prefLabel and not typed as a scheme or a collection. Problems name the concept and the field.
 */
export function entitiesFromStatements(statements: readonly Statement[], options: ReadOptions = {}): ParseGlossaryResult {
  const languages = options.languages?.length ? options.languages : DEFAULT_LANGUAGES;
  const bySubject = new Map<string, Map<string, Term[]>>();
  const order: string[] = [];
  for (const st of statements) {
    let props = bySubject.get(st.subject);
    if (!props) {
      props = new Map();
      bySubject.set(st.subject, props);
      order.push(st.subject);
    }
    let list = props.get(st.predicate);
    if (!list) props.set(st.predicate, (list = []));
    list.push(st.object);
  }
  // A scheme or a collection has labels too, and is not a concept.
  const NOT_CONCEPTS = new Set([`${SKOS}ConceptScheme`, `${SKOS}Collection`, `${SKOS}OrderedCollection`]);
  const isConcept = (props: Map<string, Term[]>) => {
    const types = (props.get(RDF_TYPE) ?? []).filter((t) => t.kind === 'iri').map((t) => t.value);
    if (types.includes(`${SKOS}Concept`)) return true;
    return props.has(`${SKOS}prefLabel`) && !types.some((t) => NOT_CONCEPTS.has(t));
  };
  const concepts = order.filter((s) => isConcept(bySubject.get(s)!));
  if (!concepts.length) return { ok: false, errors: ['the file holds no SKOS concept (nothing typed skos:Concept or with a skos:prefLabel)'] };
  if (concepts.length > MAX_GLOSSARY_ENTITIES) return { ok: false, errors: [`too many concepts (${concepts.length}; at most ${MAX_GLOSSARY_ENTITIES})`] };

  const errors: string[] = [];
  const raws: Array<Record<string, unknown>> = [];
  const labels: string[] = [];
  const refused = new Set<number>();
  for (const subject of concepts) {
    const props = bySubject.get(subject)!;
    const label = subject.startsWith('_:') ? `concept ${subject}` : `concept <${clip(subject, 120)}>`;
    const get = (p: string) => props.get(p) ?? [];
    const problems: string[] = [];

    const prefs = get(`${SKOS}prefLabel`).filter((t) => t.kind === 'literal');
    if (!prefs.length) {
      errors.push(`${label}: skos:prefLabel is required (the entity's name)`);
      continue;
    }
    const nameTerm = bestLanguage(prefs, languages)[0]!;
    const candidates: Array<{ text: string; hidden: boolean; rank: number; at: number }> = [];
    let at = 0;
    for (const [p, hidden] of [[`${SKOS}prefLabel`, false], [`${SKOS}altLabel`, false], [`${SKOS}hiddenLabel`, true]] as const) {
      for (const t of get(p)) {
        if (t === nameTerm || t.kind !== 'literal') continue;
        candidates.push({ text: t.value.trim(), hidden, rank: languageRank(t.language, languages), at: at++ });
      }
    }
    // Shown labels first, the reader's languages first among them, hidden labels last (as the
    // writer writes them, so that an export imports back unchanged); else the file's order.
    candidates.sort((a, b) => Number(a.hidden) - Number(b.hidden) || a.rank - b.rank || a.at - b.at);
    const seen = new Set([nameTerm.value.trim()]);
    const aliases: Alias[] = [];
    for (const c of candidates) {
      if (!c.text || seen.has(c.text)) continue;
      seen.add(c.text);
      if (aliases.length < MAX_ALIASES) aliases.push(c.hidden ? { text: c.text, hidden: true } : { text: c.text });
    }

    const noteParts = [...bestLanguage(get(`${SKOS}definition`), languages), ...bestLanguage(get(`${SKOS}scopeNote`), languages)];
    const notes = noteParts.map((t) => t.value).join('\n\n');

    let type: EntityType = 'other';
    const typeTerm = get(`${NCR}type`)[0];
    if (typeTerm) {
      if (typeTerm.kind === 'literal' && (ENTITY_TYPES as readonly string[]).includes(typeTerm.value)) type = typeTerm.value as EntityType;
      else problems.push(`ncr:type: must be one of ${ENTITY_TYPES.join(', ')}, not ${clip(JSON.stringify(typeTerm.value), 40)}`);
    }
    const tags = get(`${NCR}tag`)
      .filter((t) => t.kind === 'literal')
      .map((t) => t.value)
      .slice(0, MAX_TAGS);
    const links = [...get(`${SKOS}exactMatch`), ...get(`${SKOS}closeMatch`), ...get(`${RDFS}seeAlso`)]
      .filter((t) => t.kind === 'iri' && /^https?:\/\//i.test(t.value))
      .map((t) => t.value);
    const raw: Record<string, unknown> = { name: nameTerm.value, type, aliases, notes, tags, links: [...new Set(links)].slice(0, MAX_LINKS) };
    if (subject.startsWith(ENTITY_BASE)) {
      let id = subject.slice(ENTITY_BASE.length);
      try {
        id = decodeURIComponent(id);
      } catch {
        /* kept as written; the id check below names it */
      }
      if (ENTITY_ID.test(id)) raw.id = id;
    }
    for (const [p, key] of [[`${DCT}created`, 'createdAt'], [`${DCT}modified`, 'updatedAt']] as const) {
      const t = get(p)[0];
      if (!t || t.kind !== 'literal') continue;
      const ms = TIMESTAMP.test(t.value) ? Date.parse(t.value) : NaN;
      if (!Number.isFinite(ms) || ms < 0) problems.push(`dct:${p.slice(DCT.length)}: must be an ISO 8601 date-time such as "2024-05-01T12:00:00.000Z"`);
      else raw[key] = ms;
    }
    if (problems.length) {
      errors.push(...problems.map((p) => `${label}: ${p}`));
      refused.add(raws.length);
    }
    raws.push(raw);
    labels.push(label);
    if (errors.length > 200) break;
  }
  const parsed = Entities.safeParse(raws, { error: friendlyMessage });
  if (!parsed.success) {
    const byConcept = new Map<number, z.core.$ZodIssue[]>();
    for (const iss of parsed.error.issues) {
      const i = Number(iss.path[0]);
      byConcept.set(i, [...(byConcept.get(i) ?? []), { ...iss, path: iss.path.slice(1) }]);
    }
    for (const [i, issues] of byConcept) errors.push(...formatIssues(issues, [], 10).map((p) => `${labels[i]}: ${p}`));
  }
  if (errors.length || !parsed.success) return { ok: false, errors: capErrors(errors) };
  const entities = parsed.data.filter((_, i) => !refused.has(i)).map(toGlossaryEntity);
  errors.push(...duplicateProblems(entities, (e) => e.id, (i) => labels[i]!, 'id'));
  if (errors.length) return { ok: false, errors: capErrors(errors) };
  return { ok: true, entities };
}
