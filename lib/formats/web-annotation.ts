/**
 * Saved notes as W3C Web Annotations (JSON-LD), the model Hypothesis speaks: export and import.
 * Pure: strings and records in, strings and records out (no DOM, no storage).
 *
 * Export: one AnnotationCollection whose first (and only) AnnotationPage holds every note as an
 * Annotation — a TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector on the
 * page's URL as target, the comment as a TextualBody ("commenting"), each tag as a TextualBody
 * ("tagging"), created and modified dates. What the model has no term for (the page's title,
 * the site's name, the length of the text the position counts in, our note id) travels in one
 * `newsContextReader` member that the context declares as a JSON literal: other tools ignore it.
 *
 * Import reads that, and what Hypothesis gives out: its API's annotations (`uri`, `text`,
 * `tags`, `target[].selector[]`, `document.title`, `created`, `updated`), alone, in an array, in
 * a search reply (`rows`) or in the client's export file (`annotations`); and W3C shapes from
 * other tools (an Annotation, an array, an AnnotationPage's `items`, a collection's `first`).
 *
 * Lone surrogates: JSON carries any UTF-16 string (JSON.stringify writes a lone surrogate as a
 * \udxxx escape, JSON.parse reads it back), so the file keeps every character a note holds.
 */
import { MAX_NOTE_SITE, MAX_NOTE_TEXT, type Note } from '../model/note';
import { MAX_TAGS, MAX_TAG_LENGTH } from '../model/entity';
import { MAX_TITLE_LENGTH } from '../model/article';

export const WEB_ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** The member that carries what the Web Annotation model has no term for. */
export const EXTENSION_KEY = 'newsContextReader';
const EXTENSION_IRI = 'urn:news-context-reader:vocab#note';
/** An annotation's id: our note's id under a URN of our own (the model wants an IRI). */
const ID_PREFIX = 'urn:news-context-reader:note:';
/** Hypothesis keeps 32 characters of context; we keep what our selector holds (200). */
const MAX_CONTEXT = 200;
/** The most annotations one file may bring. */
export const MAX_IMPORT_ANNOTATIONS = 100_000;

const iso = (t: number) => new Date(t).toISOString();

/** The fields a note has that an annotation file carries (everything but local links and state). */
export type PortableNote = Pick<Note, 'quote' | 'comment' | 'url' | 'title' | 'site' | 'selector' | 'tags' | 'createdAt' | 'updatedAt'>;

export function noteToAnnotation(note: Note): Record<string, unknown> {
  const body: Record<string, unknown>[] = [];
  if (note.comment) body.push({ type: 'TextualBody', purpose: 'commenting', format: 'text/plain', value: note.comment });
  for (const tag of note.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  const selector = note.selector ?? (note.quote ? { exact: note.quote, prefix: '', suffix: '', position: 0, textLength: 0 } : null);
  const target: Record<string, unknown> = { source: note.url };
  if (selector) {
    target.selector = [
      { type: 'TextQuoteSelector', exact: selector.exact, prefix: selector.prefix, suffix: selector.suffix },
      { type: 'TextPositionSelector', start: selector.position, end: selector.position + selector.exact.length },
    ];
  }
  const updated = note.updatedAt ?? note.createdAt;
  return {
    id: `${ID_PREFIX}${note.id}`,
    type: 'Annotation',
    motivation: note.comment ? 'commenting' : 'highlighting',
    created: iso(note.createdAt),
    modified: iso(updated),
    ...(body.length ? { body } : {}),
    target,
    [EXTENSION_KEY]: {
      id: note.id,
      title: note.title,
      site: note.site,
      ...(selector ? { textLength: selector.textLength } : {}),
      // A note whose selector was built from a bare quote (saved before selectors) says so.
      ...(note.selector ? {} : { noSelector: true }),
    },
  };
}

/** Every note as one AnnotationCollection (with its one AnnotationPage), as JSON text. */
export function notesToWebAnnotation(notes: readonly Note[], now: number): string {
  const doc = {
    '@context': [WEB_ANNOTATION_CONTEXT, { [EXTENSION_KEY]: { '@id': EXTENSION_IRI, '@type': '@json' } }],
    type: 'AnnotationCollection',
    label: `News Context Reader notes, exported ${iso(now)}`,
    total: notes.length,
    first: { type: 'AnnotationPage', startIndex: 0, items: notes.map(noteToAnnotation) },
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function webAnnotationFileName(now: number): string {
  return `notes-${iso(now).slice(0, 10)}.annotations.jsonld`;
}

/** One annotation read from a file, as a note to store (the store gives it an id). */
export interface ImportedAnnotation {
  /** Its place in the file's list of annotations. */
  index: number;
  /** Our note id when the file came from this extension (to recognise a note already here). */
  sourceId: string | null;
  note: PortableNote;
}

export interface SkippedAnnotation {
  index: number;
  reason: string;
}

export type WebAnnotationParse =
  | { ok: true; annotations: ImportedAnnotation[]; skipped: SkippedAnnotation[] }
  | { ok: false; errors: string[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Obj, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const typesOf = (o: Obj): string[] => asList(own(o, 'type') ?? own(o, '@type')).filter((t): t is string => typeof t === 'string');

/** Whether a parsed JSON value looks like annotations (ours, W3C's or Hypothesis's). */
export function isAnnotationDocument(root: unknown): boolean {
  return annotationList(root) !== null;
}

/** The list of annotations a document holds, or null when it is not an annotation document. */
function annotationList(root: unknown): { list: unknown[]; path: string } | null {
  // A list is one when any of its members is an annotation (the others are then named as errors).
  const anyAnnotation = (list: unknown[]) => list.some((a) => isObj(a) && looksLikeAnnotation(a));
  if (Array.isArray(root)) return anyAnnotation(root) ? { list: root, path: '' } : null;
  if (!isObj(root)) return null;
  const types = typesOf(root);
  if (types.includes('AnnotationCollection')) {
    const first = own(root, 'first');
    if (isObj(first)) return { list: asList(own(first, 'items')), path: 'first.items' };
    return { list: asList(own(root, 'items')), path: 'items' };
  }
  if (types.includes('AnnotationPage')) return { list: asList(own(root, 'items')), path: 'items' };
  // Hypothesis: the client's export file, and the API's search reply.
  if (Array.isArray(own(root, 'annotations')) && (own(root, 'export_date') !== undefined || anyAnnotation(own(root, 'annotations') as unknown[]))) {
    return { list: own(root, 'annotations') as unknown[], path: 'annotations' };
  }
  if (Array.isArray(own(root, 'rows')) && anyAnnotation(own(root, 'rows') as unknown[])) {
    return { list: own(root, 'rows') as unknown[], path: 'rows' };
  }
  if (looksLikeAnnotation(root)) return { list: [root], path: '' };
  return null;
}

function looksLikeAnnotation(a: Obj): boolean {
  return typesOf(a).includes('Annotation') || (own(a, 'target') !== undefined && (own(a, 'uri') !== undefined || own(a, 'text') !== undefined));
}

function parseDate(v: unknown, field: string, errors: string[]): number | null {
  if (v === undefined || v === null || v === '') return null;
  const t = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : NaN;
  if (!Number.isFinite(t) || t < 0) {
    errors.push(`${field}: expected a date (ISO 8601), found ${JSON.stringify(v)?.slice(0, 60)}`);
    return null;
  }
  return Math.floor(t);
}

/** A tag as our model holds it: the characters it refuses become spaces, at most 40 long. */
function cleanTag(raw: string): string {
  const t = raw.replace(/[,;|{}<>]/g, ' ').replace(/\s+/g, ' ').trim();
  return cutUnits(t, MAX_TAG_LENGTH).trim();
}

/** At most `max` UTF-16 units (the model's limits count them), never half a pair. */
function cutUnits(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function uniqueTagList(tags: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tags.map(cleanTag)) {
    const k = t.toLocaleLowerCase();
    if (!t || seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out.slice(0, MAX_TAGS);
}

function hostName(url: string): string {
  try {
    return new URL(url).hostname.replace(/^(?:www|m|amp)\./, '');
  } catch {
    return '';
  }
}

/** The target with a source, and its selectors (W3C: object or array; Hypothesis: an array). */
function readTarget(a: Obj): { source: unknown; selectors: Obj[] } {
  const targets = asList(own(a, 'target'));
  for (const t of targets) {
    if (typeof t === 'string') return { source: t, selectors: [] };
    if (!isObj(t)) continue;
    let source = own(t, 'source') ?? own(t, 'id');
    if (Array.isArray(source)) source = source[0];
    if (isObj(source)) source = own(source, 'id') ?? own(source, '@id');
    return { source: source ?? own(a, 'uri'), selectors: asList(own(t, 'selector')).filter(isObj) };
  }
  return { source: own(a, 'uri'), selectors: [] };
}

/** The comment and tags: W3C bodies (TextualBody, bodyValue) or Hypothesis's `text` and `tags`. */
function readBody(a: Obj, field: string, errors: string[]): { comment: string; tags: string[] } {
  const comments: string[] = [];
  const tags: string[] = [];
  const text = own(a, 'text');
  if (typeof text === 'string' && text) comments.push(text);
  else if (text !== undefined && text !== null && typeof text !== 'string') errors.push(`${field}.text: expected text`);
  const bodyValue = own(a, 'bodyValue');
  if (typeof bodyValue === 'string' && bodyValue) comments.push(bodyValue);
  const rawTags = own(a, 'tags');
  if (rawTags !== undefined && rawTags !== null) {
    if (!Array.isArray(rawTags) || rawTags.some((t) => typeof t !== 'string')) errors.push(`${field}.tags: expected a list of text`);
    else tags.push(...(rawTags as string[]));
  }
  asList(own(a, 'body')).forEach((b, j) => {
    if (typeof b === 'string') return; // a body by reference (an IRI): nothing we can hold
    if (!isObj(b)) {
      errors.push(`${field}.body[${j}]: expected an object`);
      return;
    }
    const value = own(b, 'value') ?? own(b, 'chars');
    if (typeof value !== 'string') return;
    const purposes = asList(own(b, 'purpose'));
    if (purposes.includes('tagging')) tags.push(value);
    else if (value) comments.push(value);
  });
  return { comment: comments.join('\n\n'), tags };
}

function readSelector(selectors: Obj[], ext: Obj | null, field: string, errors: string[]): PortableNote['selector'] {
  const quote = selectors.find((s) => typesOf(s).includes('TextQuoteSelector'));
  if (!quote) return null;
  const exact = own(quote, 'exact');
  if (typeof exact !== 'string' || !exact) {
    errors.push(`${field}.target.selector.exact: expected the quoted text`);
    return null;
  }
  const str = (k: string) => {
    const v = own(quote, k);
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') {
      errors.push(`${field}.target.selector.${k}: expected text`);
      return '';
    }
    return v;
  };
  const prefix = str('prefix');
  const suffix = str('suffix');
  const position = selectors.find((s) => typesOf(s).includes('TextPositionSelector'));
  const start = position ? own(position, 'start') : undefined;
  const textLength = ext ? own(ext, 'textLength') : undefined;
  return {
    exact,
    // Only as much context as our selector keeps: the characters next to the quote.
    prefix: prefix.length > MAX_CONTEXT ? prefix.slice(prefix.length - MAX_CONTEXT) : prefix,
    suffix: suffix.slice(0, MAX_CONTEXT),
    position: Number.isSafeInteger(start) && (start as number) >= 0 ? (start as number) : 0,
    textLength: Number.isSafeInteger(textLength) && (textLength as number) >= 0 ? (textLength as number) : 0,
  };
}

function readAnnotation(a: unknown, index: number, field: string, now: number, errors: string[]): ImportedAnnotation | SkippedAnnotation {
  if (!isObj(a)) {
    errors.push(`${field}: expected an annotation (an object)`);
    return { index, reason: 'invalid' };
  }
  const before = errors.length;
  if (asList(own(a, 'references')).length > 0) return { index, reason: 'a reply to another annotation' };
  const extRaw = own(a, EXTENSION_KEY);
  const ext = isObj(extRaw) ? extRaw : null;
  const { source, selectors } = readTarget(a);
  if (typeof source !== 'string' || !source) {
    errors.push(`${field}.target.source: expected the annotated page's address`);
    return { index, reason: 'no target' };
  }
  if (!/^https?:\/\//i.test(source)) return { index, reason: `not a web page (${source.slice(0, 80)})` };
  const selector = readSelector(selectors, ext, field, errors);
  const { comment, tags } = readBody(a, field, errors);
  const created = parseDate(own(a, 'created'), `${field}.created`, errors) ?? now;
  const modified = parseDate(own(a, 'modified') ?? own(a, 'updated'), `${field}.modified`, errors) ?? created;
  if (errors.length > before) return { index, reason: 'invalid' };
  if (!selector && !comment.trim()) return { index, reason: 'neither a quote nor a comment' };

  const doc = own(a, 'document');
  const docTitle = isObj(doc) ? asList(own(doc, 'title')).find((t): t is string => typeof t === 'string') : undefined;
  const extTitle = ext && typeof own(ext, 'title') === 'string' ? (own(ext, 'title') as string) : undefined;
  const extSite = ext && typeof own(ext, 'site') === 'string' ? (own(ext, 'site') as string) : undefined;
  const title = extTitle ?? (docTitle ? docTitle.replace(/\s+/g, ' ').trim() : '');
  const note: PortableNote = {
    quote: selector?.exact ?? '',
    comment,
    url: source,
    title: extTitle === undefined ? cutUnits(title, MAX_TITLE_LENGTH) : title,
    site: extSite ?? hostName(source),
    selector: ext && own(ext, 'noSelector') === true ? null : selector,
    tags: uniqueTagList(tags),
    createdAt: created,
    updatedAt: Math.max(created, modified),
  };
  // Checked against the model's limits now, so a bad annotation is named by its place in the
  // file (the store checks every record again with the model's schema before writing).
  const problems = checkLimits(note);
  if (problems.length) {
    errors.push(...problems.map((p) => `${field}.${p}`));
    return { index, reason: 'invalid' };
  }
  const id = ext && typeof own(ext, 'id') === 'string' ? (own(ext, 'id') as string) : null;
  return { index, sourceId: id, note };
}

const MAX_URL = 2048;
const MAX_SITE = MAX_NOTE_SITE;

/** What the note model (lib/model/note.ts) would refuse, by the annotation's field names. */
function checkLimits(note: PortableNote): string[] {
  const out: string[] = [];
  if (note.quote.length > MAX_NOTE_TEXT) out.push(`target.selector.exact: must be at most ${MAX_NOTE_TEXT} characters`);
  if (note.comment.length > MAX_NOTE_TEXT) out.push(`body: must be at most ${MAX_NOTE_TEXT} characters`);
  if (note.url.length > MAX_URL) out.push(`target.source: must be at most ${MAX_URL} characters`);
  else if (!URL.canParse(note.url)) out.push('target.source: not a valid web address');
  if (note.site.length > MAX_SITE) out.push(`${EXTENSION_KEY}.site: must be at most ${MAX_SITE} characters`);
  if (note.title.length > MAX_TITLE_LENGTH) out.push(`${EXTENSION_KEY}.title: must be at most ${MAX_TITLE_LENGTH} characters`);
  return out;
}

/**
 * Read a file of annotations. Every problem is named by where it is (`first.items[3].created`);
 * with any problem nothing is returned to store. Annotations we cannot hold — a reply, a PDF or
 * other non-web target, one with neither quote nor comment — are listed as skipped.
 */
export function parseWebAnnotations(root: unknown, now: number): WebAnnotationParse {
  const found = annotationList(root);
  if (!found) return { ok: false, errors: ['this is not a file of Web Annotations (no Annotation, AnnotationCollection, AnnotationPage or Hypothesis export found)'] };
  if (found.list.length > MAX_IMPORT_ANNOTATIONS) return { ok: false, errors: [`${found.path || 'the file'}: at most ${MAX_IMPORT_ANNOTATIONS} annotations per file, found ${found.list.length}`] };
  const errors: string[] = [];
  const annotations: ImportedAnnotation[] = [];
  const skipped: SkippedAnnotation[] = [];
  found.list.forEach((a, i) => {
    const field = found.path ? `${found.path}[${i}]` : Array.isArray(root) ? `[${i}]` : 'annotation';
    const r = readAnnotation(a, i, field, now, errors);
    if ('note' in r) annotations.push(r);
    else if (r.reason !== 'invalid') skipped.push(r);
  });
  if (errors.length) return { ok: false, errors: errors.slice(0, 200) };
  return { ok: true, annotations, skipped };
}
