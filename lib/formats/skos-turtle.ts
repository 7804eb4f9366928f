/**
 * The glossary as SKOS in Turtle. Written by hand (a few lines: one concept a block, every
 * string escaped); read with n3 (the well-kept Turtle parser: Turtle's grammar — prefixes,
 * long strings, collections, blank nodes — is not worth writing again). Pure: no DOM, no storage.
 *
 * Lone surrogates (half an emoji) have no UTF-8 form, and an RDF literal may not hold one (n3
 * refuses even the escape `\uD800`, as the Turtle grammar says): the writer writes them as the
 * CSV file does, `\u{D800}` in the text (lib/model/glossary-csv.ts, escapeLoneSurrogates), and
 * the reader undoes exactly that, so names keep them.
 */
import { Parser } from 'n3';
import type { Entity } from '../model/entity';
import type { ParseGlossaryResult } from '../model/glossary-file';
import { clip, iso, stripBom } from '../model/file-common';
import { errorText } from '../model/error-text';
import { escapeLoneSurrogates, unescapeLoneSurrogates } from '../model/glossary-csv';
import { PREFIXES, SCHEME_IRI, conceptStatements, entitiesFromStatements, entityIri, schemeStatements, type ReadOptions, type Statement, type Term } from './skos';

export const MAX_TURTLE_CHARS = 40_000_000;

/** Does this text look like Turtle (a prefix, base or IRI statement at its start)? */
export function looksLikeTurtle(text: string): boolean {
  const start = stripBom(text)
    .replace(/^(\s*#[^\n]*\n)*/, '')
    .trimStart()
    .slice(0, 200);
  return /^(@prefix|@base|PREFIX\s|BASE\s|<[^>\s]*>\s)/i.test(start);
}

// ---------------------------------------------------------------------------------------------
// Writing.

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** A Turtle string: quotes, backslashes and control characters escaped, lone surrogates as `\u{D800}`. */
export function turtleString(s: string): string {
  return `"${escapeLoneSurrogates(s).replace(/[\\"\n\r\t\b\f]|[\u0000-\u001f\u007f]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)}"`;
}

/** An IRI in angle brackets; characters Turtle forbids there are %-encoded (they cannot occur in a valid URL anyway). */
function turtleIri(value: string): string {
  return `<${value.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => encodeURIComponent(c))}>`;
}

const SHORT = Object.entries(PREFIXES).sort((a, b) => b[1].length - a[1].length);
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

function predicateName(p: string): string {
  if (p === RDF_TYPE) return 'a';
  for (const [prefix, ns] of SHORT) {
    if (p.startsWith(ns) && /^[A-Za-z][A-Za-z0-9_-]*$/.test(p.slice(ns.length))) return `${prefix}:${p.slice(ns.length)}`;
  }
  return turtleIri(p);
}

function termText(t: Term): string {
  if (t.kind === 'iri') return t.value === RDF_TYPE ? turtleIri(t.value) : predicateName(t.value);
  if (t.kind === 'blank') return t.value;
  const s = turtleString(t.value);
  if (t.language) return `${s}@${t.language}`;
  if (t.datatype) return `${s}^^${predicateName(t.datatype)}`;
  return s;
}

function block(subject: string, statements: Array<[string, Term]>): string {
  const lines = statements.map(([p, o], i) => `    ${predicateName(p)} ${termText(o)}${i === statements.length - 1 ? ' .' : ' ;'}`);
  return `${turtleIri(subject)}\n${lines.join('\n')}\n`;
}

/** The glossary as a SKOS concept scheme in Turtle (UTF-8). Parses back to the same entities. */
export function serializeSkosTurtle(entities: readonly Entity[], now: number): string {
  const head = [
    `# News Context Reader glossary, exported ${iso(now)}: a SKOS concept scheme (docs/formats-glossary.md).`,
    ...Object.entries(PREFIXES).map(([p, ns]) => `@prefix ${p}: <${ns}> .`),
    '',
    block(SCHEME_IRI, schemeStatements(now)),
  ];
  return `${head.join('\n')}${entities.map((e) => `\n${block(entityIri(e.id), conceptStatements(e))}`).join('')}`;
}

export function skosTurtleFileName(now: number): string {
  return `news-context-reader-glossary-${iso(now).slice(0, 10)}.ttl`;
}

// ---------------------------------------------------------------------------------------------
// Reading.

/** n3's message ends with the line and the token ("Unexpected "x" on line 3."): kept, shortened. */
function describeTurtleError(err: unknown): string {
  const message = errorText(err);
  const line = /on line (\d+)/.exec(message);
  const what = message.replace(/\s*on line \d+\.?.*$/s, '');
  return `the file is not valid Turtle${line ? ` (line ${line[1]})` : ''}: ${clip(what, 160)}`;
}

export function parseSkosTurtle(text: string, options: ReadOptions = {}): ParseGlossaryResult {
  if (typeof text !== 'string') return { ok: false, errors: ['the file is not text'] };
  if (text.length > MAX_TURTLE_CHARS) {
    return { ok: false, errors: [`the file is too large (${(text.length / 1e6).toFixed(1)} million characters; at most ${MAX_TURTLE_CHARS / 1e6} million)`] };
  }
  const statements: Statement[] = [];
  try {
    const quads = new Parser({ format: 'text/turtle' }).parse(stripBom(text));
    for (const q of quads) {
      const s = q.subject;
      const o = q.object;
      if (s.termType !== 'NamedNode' && s.termType !== 'BlankNode') continue;
      const object: Term =
        o.termType === 'Literal'
          ? { kind: 'literal', value: unescapeLoneSurrogates(o.value), language: o.language, datatype: o.datatype.value }
          : o.termType === 'BlankNode'
            ? { kind: 'blank', value: `_:${o.value}` }
            : { kind: 'iri', value: o.value };
      statements.push({ subject: s.termType === 'BlankNode' ? `_:${s.value}` : s.value, predicate: q.predicate.value, object });
    }
  } catch (err) {
    return { ok: false, errors: [describeTurtleError(err)] };
  }
  return entitiesFromStatements(statements, options);
}
