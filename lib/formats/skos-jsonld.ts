/**
 * The glossary as SKOS in JSON-LD. Written in the compact form with an inline @context; read by
 * a small expander of the JSON-LD that vocabularies are published in: an inline @context
 * (prefixes, terms, @vocab, @language, term definitions with @id, @type: @id and
 * @container: @language), @graph, nested node objects, value objects, language maps, lists of
 * values. Not the whole JSON-LD algorithm (the jsonld library is ~100 KB and would fetch remote
 * contexts): a remote context (`"@context": "https://…"`) is refused with a message, since
 * nothing is fetched. Pure: no DOM, no storage.
 *
 * JSON carries every UTF-16 string, lone surrogates included (JSON.stringify escapes them as
 * `\ud800`), so nothing is escaped beyond what JSON does.
 */
import type { Entity } from '../model/entity';
import type { ParseGlossaryResult } from '../model/glossary-file';
import { clip, describeJsonError, iso, stripBom } from '../model/file-common';
import { PREFIXES, RDF_TYPE, SCHEME_IRI, conceptStatements, entitiesFromStatements, entityIri, schemeStatements, type ReadOptions, type Statement, type Term } from './skos';

export const MAX_JSONLD_CHARS = 40_000_000;

/** Is this parsed JSON a JSON-LD document (an @context or @graph at its top, or in its first node)? */
export function looksLikeJsonLd(root: unknown): boolean {
  const first = Array.isArray(root) ? root[0] : root;
  return first !== null && typeof first === 'object' && !Array.isArray(first) && ('@context' in first || '@graph' in first || '@id' in first);
}

// ---------------------------------------------------------------------------------------------
// Writing.

function compactIri(value: string): string {
  for (const [prefix, ns] of Object.entries(PREFIXES)) {
    if (value.startsWith(ns) && /^[A-Za-z][A-Za-z0-9_-]*$/.test(value.slice(ns.length))) return `${prefix}:${value.slice(ns.length)}`;
  }
  return value;
}

function jsonValue(t: Term): unknown {
  if (t.kind === 'iri') return { '@id': t.value };
  if (t.kind === 'blank') return { '@id': t.value };
  if (t.language) return { '@value': t.value, '@language': t.language };
  if (t.datatype) return { '@value': t.value, '@type': compactIri(t.datatype) };
  return t.value;
}

function node(subject: string, statements: Array<[string, Term]>): Record<string, unknown> {
  const out: Record<string, unknown> = { '@id': subject };
  for (const [p, o] of statements) {
    if (p === RDF_TYPE && o.kind === 'iri') {
      out['@type'] = compactIri(o.value);
      continue;
    }
    const key = compactIri(p);
    const v = jsonValue(o);
    const had = out[key];
    out[key] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
  }
  return out;
}

/** The glossary as a SKOS concept scheme in JSON-LD. Parses back to the same entities. */
export function serializeSkosJsonLd(entities: readonly Entity[], now: number): string {
  const lines = [
    '{',
    `  "@context": ${JSON.stringify(PREFIXES)},`,
    '  "@graph": [',
    [node(SCHEME_IRI, schemeStatements(now)), ...entities.map((e) => node(entityIri(e.id), conceptStatements(e)))].map((n) => `    ${JSON.stringify(n)}`).join(',\n'),
    '  ]',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

export function skosJsonLdFileName(now: number): string {
  return `news-context-reader-glossary-${iso(now).slice(0, 10)}.jsonld`;
}

// ---------------------------------------------------------------------------------------------
// Reading.

interface TermDefinition {
  id: string;
  /** "@id": string values are IRIs. */
  type?: string;
  container?: string;
  language?: string | null;
}

interface Context {
  vocab?: string;
  language?: string;
  terms: Map<string, TermDefinition>;
}

class JsonLdError extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A term, compact IRI or absolute IRI as a full IRI (null: not an IRI, dropped as JSON-LD does). */
function expandIri(value: string, ctx: Context, vocab: boolean): string | null {
  if (value.startsWith('@')) return null;
  const def = ctx.terms.get(value);
  if (def && vocab) return def.id;
  const colon = value.indexOf(':');
  if (colon > 0) {
    const prefix = value.slice(0, colon);
    const rest = value.slice(colon + 1);
    if (prefix === '_') return value;
    const p = ctx.terms.get(prefix);
    if (p && !rest.startsWith('//')) return p.id + rest;
    return value;
  }
  if (vocab && ctx.vocab !== undefined) return ctx.vocab + value;
  return null;
}

function readContext(raw: unknown, parent: Context, path: string): Context {
  if (raw === undefined) return parent;
  const ctx: Context = { vocab: parent.vocab, language: parent.language, terms: new Map(parent.terms) };
  const list = Array.isArray(raw) ? raw : [raw];
  for (const [i, item] of list.entries()) {
    const where = Array.isArray(raw) ? `${path}[${i}]` : path;
    if (item === null) {
      ctx.vocab = undefined;
      ctx.language = undefined;
      ctx.terms.clear();
      continue;
    }
    if (typeof item === 'string') {
      throw new JsonLdError(`${where}: a remote context (${clip(JSON.stringify(item), 100)}) is not fetched (the extension makes no network request); put the context in the file`);
    }
    if (!isObject(item)) throw new JsonLdError(`${where}: must be an object (the context), not ${typeof item}`);
    if (typeof item['@vocab'] === 'string') ctx.vocab = item['@vocab'];
    if (typeof item['@language'] === 'string') ctx.language = item['@language'];
    // Two passes: a term may use a prefix defined after it.
    const pending = Object.entries(item).filter(([k]) => !k.startsWith('@'));
    for (let pass = 0; pass < 2; pass++) {
      for (const [term, def] of pending) {
        if (typeof def === 'string') {
          const id = expandIri(def, ctx, true) ?? def;
          ctx.terms.set(term, { id });
        } else if (isObject(def) && typeof def['@id'] === 'string') {
          const id = expandIri(def['@id'], ctx, true) ?? def['@id'];
          const out: TermDefinition = { id };
          if (typeof def['@type'] === 'string') out.type = def['@type'] === '@id' || def['@type'] === '@vocab' ? '@id' : expandIri(def['@type'], ctx, true) ?? def['@type'];
          if (typeof def['@container'] === 'string') out.container = def['@container'];
          if (typeof def['@language'] === 'string' || def['@language'] === null) out.language = def['@language'];
          ctx.terms.set(term, out);
        } else if (isObject(def) && def['@id'] === undefined && pass === 1 && ctx.vocab !== undefined) {
          ctx.terms.set(term, { id: ctx.vocab + term });
        }
      }
    }
  }
  return ctx;
}

interface Reader {
  statements: Statement[];
  blank: number;
  nodes: number;
}

const MAX_DEPTH = 32;

/** One node object: its statements, and those of the nodes nested in it. Returns its subject. */
function readNode(raw: Record<string, unknown>, parent: Context, r: Reader, path: string, depth: number): string {
  if (depth > MAX_DEPTH) throw new JsonLdError(`${path}: nested too deeply`);
  if (++r.nodes > 2_000_000) throw new JsonLdError('the file holds too many nodes');
  const ctx = readContext(raw['@context'], parent, `${path}.@context`);
  const id = typeof raw['@id'] === 'string' ? expandIri(raw['@id'], ctx, false) : null;
  const subject = id ?? `_:b${r.blank++}`;
  if (raw['@graph'] !== undefined) readGraph(raw['@graph'], ctx, r, `${path}.@graph`, depth + 1);
  const types = raw['@type'] === undefined ? [] : Array.isArray(raw['@type']) ? raw['@type'] : [raw['@type']];
  for (const t of types) {
    const full = typeof t === 'string' ? expandIri(t, ctx, true) : null;
    if (full) r.statements.push({ subject, predicate: RDF_TYPE, object: { kind: 'iri', value: full } });
  }
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('@')) continue;
    const predicate = expandIri(key, ctx, true);
    if (!predicate) continue;
    const def = ctx.terms.get(key);
    const where = `${path}[${JSON.stringify(key)}]`;
    if (def?.container === '@language' && isObject(value)) {
      for (const [language, v] of Object.entries(value)) {
        for (const text of Array.isArray(v) ? v : [v]) {
          if (typeof text === 'string') r.statements.push({ subject, predicate, object: { kind: 'literal', value: text, language, datatype: '' } });
        }
      }
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    values.forEach((v, i) => {
      const object = readValue(v, def, ctx, r, `${where}${Array.isArray(value) ? `[${i}]` : ''}`, depth + 1);
      if (object) r.statements.push({ subject, predicate, object });
    });
  }
  return subject;
}

function readValue(v: unknown, def: TermDefinition | undefined, ctx: Context, r: Reader, path: string, depth: number): Term | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    if (def?.type === '@id') {
      const full = expandIri(v, ctx, false) ?? v;
      return full.startsWith('_:') ? { kind: 'blank', value: full } : { kind: 'iri', value: full };
    }
    const language = def && 'language' in def ? (def.language ?? '') : (ctx.language ?? '');
    return { kind: 'literal', value: v, language: def?.type ? '' : language, datatype: def?.type ?? '' };
  }
  if (typeof v === 'number' || typeof v === 'boolean') return { kind: 'literal', value: String(v), language: '', datatype: '' };
  if (Array.isArray(v)) throw new JsonLdError(`${path}: a list inside a list is not read`);
  if (!isObject(v)) return null;
  if ('@value' in v) {
    const value = v['@value'];
    if (value === null) return null;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw new JsonLdError(`${path}.@value: must be text, a number or true/false`);
    const language = typeof v['@language'] === 'string' ? v['@language'] : '';
    const datatype = typeof v['@type'] === 'string' ? (expandIri(v['@type'], ctx, true) ?? v['@type']) : '';
    return { kind: 'literal', value: String(value), language, datatype };
  }
  if ('@list' in v || '@set' in v) {
    // A list's members are read as separate values (SKOS labels are unordered anyway).
    const items = v['@list'] ?? v['@set'];
    for (const [i, item] of (Array.isArray(items) ? items : [items]).entries()) {
      void readValue(item, def, ctx, r, `${path}[${i}]`, depth + 1);
    }
    return null;
  }
  const subject = readNode(v, ctx, r, path, depth);
  return subject.startsWith('_:') ? { kind: 'blank', value: subject } : { kind: 'iri', value: subject };
}

function readGraph(raw: unknown, ctx: Context, r: Reader, path: string, depth: number): void {
  const list = Array.isArray(raw) ? raw : [raw];
  list.forEach((item, i) => {
    if (!isObject(item)) throw new JsonLdError(`${path}[${i}]: must be an object (a node), not ${item === null ? 'null' : typeof item}`);
    readNode(item, ctx, r, `${path}[${i}]`, depth);
  });
}

/** The statements of a parsed JSON-LD document (the subset described above). */
export function jsonLdStatements(root: unknown): { ok: true; statements: Statement[] } | { ok: false; errors: string[] } {
  const r: Reader = { statements: [], blank: 0, nodes: 0 };
  try {
    const empty: Context = { terms: new Map() };
    if (Array.isArray(root)) readGraph(root, empty, r, '', 0);
    else if (isObject(root)) {
      // A top object with only @context and @graph is no node itself.
      const keys = Object.keys(root).filter((k) => k !== '@context' && k !== '@graph');
      if (keys.length === 0 && root['@graph'] !== undefined) readGraph(root['@graph'], readContext(root['@context'], empty, '@context'), r, '@graph', 0);
      else readNode(root, empty, r, '(file)', 0);
    } else return { ok: false, errors: ['the file must hold a JSON-LD object or a list of node objects'] };
  } catch (err) {
    if (err instanceof JsonLdError) return { ok: false, errors: [err.message.replace(/^\./, '')] };
    throw err;
  }
  return { ok: true, statements: r.statements };
}

/** SKOS concepts from JSON-LD text. */
export function parseSkosJsonLd(text: string, options: ReadOptions = {}): ParseGlossaryResult {
  if (typeof text !== 'string') return { ok: false, errors: ['the file is not text'] };
  if (text.length > MAX_JSONLD_CHARS) {
    return { ok: false, errors: [`the file is too large (${(text.length / 1e6).toFixed(1)} million characters; at most ${MAX_JSONLD_CHARS / 1e6} million)`] };
  }
  let root: unknown;
  const body = stripBom(text);
  try {
    root = JSON.parse(body);
  } catch (err) {
    return { ok: false, errors: [describeJsonError(body, err)] };
  }
  return parseSkosJsonLdRoot(root, options);
}

export function parseSkosJsonLdRoot(root: unknown, options: ReadOptions = {}): ParseGlossaryResult {
  const read = jsonLdStatements(root);
  if (!read.ok) return read;
  return entitiesFromStatements(read.statements, options);
}
