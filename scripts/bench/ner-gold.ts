/**
 * The blind, mention-level NER evaluation set (tests/fixtures/ner-blind, see its GUIDE.md):
 * the file format, loading, the validator (what the unit test and the bench both check), and
 * the annotation source format (`.ann`: the text with inline marks) it is written in.
 *
 * An article is `<name>.txt` (one block a line) and `<name>.json`:
 *
 *   { text, lang, title, source, licence, split: "heldout-blind", tags,
 *     regions:  [{ from, to, role }]                 1-based inclusive line numbers
 *     entities: [{ key, type, name, optional?, why? }]
 *     mentions: [{ start, end, text, entity, optional?, why? }]      UTF-16 offsets into the .txt
 *     nonMentions: [{ start, end, text, why }] }     occurrences of an annotated surface that
 *                                                    deliberately are not a mention
 *
 * No engine code here: the validator must never run discovery (the set is blind).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityType } from '../../lib/text/discovery/types';

export const GOLD_TYPES: readonly EntityType[] = ['person', 'organization', 'event'];
export const GOLD_LANGS = ['en', 'fr', 'de', 'es', 'pt', 'it'] as const;
export type GoldLang = (typeof GOLD_LANGS)[number];

/** Content roles: the line is article content, but not running prose. */
export const LIST_ROLES = ['list'] as const;
/** Page furniture: every mention on such a line is optional (see GUIDE.md). */
export const FURNITURE_ROLES = ['nav', 'share', 'byline', 'dateline', 'video', 'related', 'ad', 'footer', 'label', 'promo'] as const;
export type RegionRole = (typeof LIST_ROLES)[number] | (typeof FURNITURE_ROLES)[number];
const ROLES = new Set<string>([...LIST_ROLES, ...FURNITURE_ROLES]);
export const isFurnitureRole = (r: string | undefined): boolean => r !== undefined && (FURNITURE_ROLES as readonly string[]).includes(r);

const KEY_TYPE: Record<string, EntityType> = { p: 'person', o: 'organization', e: 'event' };

export interface GoldRegion {
  from: number;
  to: number;
  role: RegionRole;
}
export interface GoldEntityRecord {
  key: string;
  type: EntityType;
  name: string;
  optional?: boolean;
  why?: string;
}
export interface GoldMention {
  start: number;
  end: number;
  text: string;
  entity: string;
  optional?: boolean;
  why?: string;
}
export interface GoldNonMention {
  start: number;
  end: number;
  text: string;
  why: string;
}
export interface GoldFile {
  text: string;
  lang: GoldLang;
  title: string;
  source: string;
  licence: string;
  split: 'heldout-blind';
  tags: string[];
  regions: GoldRegion[];
  entities: GoldEntityRecord[];
  mentions: GoldMention[];
  nonMentions: GoldNonMention[];
}

export interface GoldArticle extends GoldFile {
  name: string;
  /** The .txt content. */
  body: string;
  /** Offset of the first character of each line (0-based line index). */
  lineStarts: number[];
}

/** 0-based line index of an offset. */
export function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n' && i + 1 < text.length) starts.push(i + 1);
  return starts;
}

/** The role of a 0-based line, or undefined for running prose (headlines, paragraphs, captions). */
export function roleOfLine(a: Pick<GoldFile, 'regions'>, line0: number): RegionRole | undefined {
  const n = line0 + 1;
  return a.regions.find((r) => r.from <= n && n <= r.to)?.role;
}

export function loadGoldSet(dir: string): GoldArticle[] {
  const out: GoldArticle[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const g = JSON.parse(readFileSync(join(dir, f), 'utf8')) as GoldFile;
    const body = readFileSync(join(dir, g.text), 'utf8');
    out.push({ ...g, name: f.replace(/\.json$/, ''), body, lineStarts: lineStartsOf(body) });
  }
  return out;
}

const LETTER = /[\p{L}\p{M}]/u;

/**
 * Everything wrong with one article, as sentences (empty: valid). Checks the JSON's shape, that
 * every span's offsets give its surface text, that spans sit on word boundaries, do not cross a
 * line and do not overlap, that types and keys agree, that mentions in page furniture are
 * optional, and that every other occurrence of an annotated surface (same case, whole word) is
 * either inside a mention or listed as a non-mention with a reason.
 */
export function validateGold(a: GoldArticle): string[] {
  const errs: string[] = [];
  const err = (s: string) => errs.push(`${a.name}: ${s}`);
  const t = a.body;
  if (a.split !== 'heldout-blind') err(`split is ${JSON.stringify(a.split)}, not "heldout-blind"`);
  if (!(GOLD_LANGS as readonly string[]).includes(a.lang)) err(`unknown lang ${JSON.stringify(a.lang)}`);
  for (const k of ['title', 'source', 'licence'] as const) if (typeof a[k] !== 'string' || a[k].trim().length < 3) err(`missing ${k}`);
  if (!Array.isArray(a.tags)) err('tags is not an array');
  if (a.text !== `${a.name}.txt`) err(`text is ${a.text}, expected ${a.name}.txt`);
  if (t.includes('\r')) err('the text has a carriage return');
  if (!t.endsWith('\n')) err('the text does not end with a newline');
  if (/\n\n/.test(t) || t.startsWith('\n')) err('the text has an empty line');
  const lines = a.lineStarts.length;

  // Regions.
  let lastTo = 0;
  for (const r of [...a.regions].sort((x, y) => x.from - y.from)) {
    if (!ROLES.has(r.role)) err(`region ${r.from}-${r.to}: unknown role ${r.role}`);
    if (!(Number.isInteger(r.from) && Number.isInteger(r.to) && 1 <= r.from && r.from <= r.to && r.to <= lines)) err(`region ${r.from}-${r.to} is outside lines 1-${lines}`);
    if (r.from <= lastTo) err(`region ${r.from}-${r.to} overlaps the one before`);
    lastTo = r.to;
  }

  // Entities.
  const keys = new Map<string, GoldEntityRecord>();
  for (const e of a.entities) {
    if (keys.has(e.key)) err(`entity ${e.key} is listed twice`);
    keys.set(e.key, e);
    if (!GOLD_TYPES.includes(e.type)) err(`entity ${e.key}: unknown type ${e.type}`);
    const prefix = KEY_TYPE[e.key.split(':')[0]!];
    if (prefix !== e.type) err(`entity ${e.key}: key prefix does not match type ${e.type}`);
    if (!e.name || e.name.trim() !== e.name) err(`entity ${e.key}: bad name ${JSON.stringify(e.name)}`);
    if (e.optional && !e.why) err(`optional entity ${e.key} has no "why"`);
  }
  const used = new Set<string>();

  // Spans: mentions and non-mentions.
  const spans = [
    ...a.mentions.map((m) => ({ ...m, kind: 'mention' as const })),
    ...a.nonMentions.map((m) => ({ ...m, entity: '', kind: 'non-mention' as const })),
  ].sort((x, y) => x.start - y.start || x.end - y.end);
  let prevEnd = -1;
  let prevText = '';
  for (const m of spans) {
    const where = `${m.kind} ${JSON.stringify(m.text)} at ${m.start}`;
    if (!(Number.isInteger(m.start) && Number.isInteger(m.end) && 0 <= m.start && m.start < m.end && m.end <= t.length)) {
      err(`${where}: offsets ${m.start}-${m.end} are outside the text`);
      continue;
    }
    const surface = t.slice(m.start, m.end);
    if (surface !== m.text) err(`${where}: the text there is ${JSON.stringify(surface)}`);
    if (surface.includes('\n')) err(`${where}: crosses a line`);
    if (/^\s|\s$/u.test(surface)) err(`${where}: starts or ends with a space`);
    if (m.start > 0 && LETTER.test(t[m.start - 1]!) && LETTER.test(t[m.start]!)) err(`${where}: starts inside a word`);
    if (m.end < t.length && LETTER.test(t[m.end]!) && LETTER.test(t[m.end - 1]!)) err(`${where}: ends inside a word`);
    if (m.start < prevEnd) err(`${where}: overlaps ${JSON.stringify(prevText)}`);
    prevEnd = Math.max(prevEnd, m.end);
    prevText = m.text;
    if (m.kind === 'mention') {
      const e = keys.get(m.entity);
      if (!e) err(`${where}: unknown entity ${m.entity}`);
      used.add(m.entity);
      if (m.optional && !m.why) err(`${where}: optional without a "why"`);
      const role = roleOfLine(a, lineOf(a.lineStarts, m.start));
      if (isFurnitureRole(role) && !m.optional && !e?.optional) err(`${where}: in page furniture (${role}) but not optional`);
    } else if (!m.why) err(`${where}: non-mention without a "why"`);
  }
  for (const k of keys.keys()) if (!used.has(k)) err(`entity ${k} has no mention`);

  // Every occurrence of an annotated surface is accounted for.
  const covered = (s: number, e: number) => spans.some((m) => m.start <= s && e <= m.end);
  const surfaces = new Set(a.mentions.map((m) => m.text).filter((s) => s.length >= 2));
  for (const s of surfaces) {
    for (let i = t.indexOf(s); i >= 0; i = t.indexOf(s, i + 1)) {
      const e = i + s.length;
      const wholeWord = !(i > 0 && LETTER.test(t[i - 1]!) && LETTER.test(t[i]!)) && !(e < t.length && LETTER.test(t[e]!) && LETTER.test(t[e - 1]!));
      if (wholeWord && !covered(i, e)) err(`"${s}" at ${i} (line ${lineOf(a.lineStarts, i) + 1}) is neither a mention nor a listed non-mention`);
    }
  }
  return errs;
}

// ---------------------------------------------------------------------------------------------
// The annotation source format (.ann): what the annotator writes and reads back.
//
//   # lang: en                         header lines: lang, title, source, licence, tags
//   # name p:kauri = Te Kaurinui Robert Parata      canonical name (default: longest surface)
//   # optional o:white-house = a building; metonymy  the whole entity is optional
//   ---
//   ⟪list⟫1. ⟦Petra Vlhova|p:vlhova⟧ (Slovakia) 1:44.98      a line role, then marked text
//   ⟦BBC|o:bbc|?why it is optional⟧    an optional mention
//   ⟦Kauri|-|the tree disease⟧         an occurrence that is deliberately not a mention
// ---------------------------------------------------------------------------------------------

const MARK = /⟦([^⟦⟧|]+)\|([^⟦⟧|]+)(?:\|([^⟦⟧]*))?⟧/gu;
const ROLE_PREFIX = /^⟪([a-z]+)⟫/u;

export function parseAnn(src: string, name: string): GoldFile {
  const [head, ...rest] = src.split(/^---$/m);
  if (rest.length === 0) throw new Error(`${name}: no "---" line between the header and the text`);
  const bodySrc = rest.join('---').replace(/^\n/, '');
  const meta: Record<string, string> = {};
  const names = new Map<string, string>();
  const optionalWhy = new Map<string, string>();
  for (const line of head!.split('\n')) {
    const m = /^#\s*([a-z]+)\s*:?\s*(.*)$/u.exec(line.trim());
    if (!m) continue;
    const [, k, v] = m;
    if (k === 'name' || k === 'optional') {
      const mm = /^(\S+)\s*=\s*(.+)$/u.exec(v!.trim());
      if (!mm) throw new Error(`${name}: bad "# ${k}" line: ${line}`);
      (k === 'name' ? names : optionalWhy).set(mm[1]!, mm[2]!.trim());
    } else meta[k!] = v!.trim();
  }
  const lines = bodySrc.split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  let text = '';
  const regions: GoldRegion[] = [];
  const mentions: GoldMention[] = [];
  const nonMentions: GoldNonMention[] = [];
  lines.forEach((raw, i) => {
    let line = raw;
    const role = ROLE_PREFIX.exec(line);
    if (role) {
      line = line.slice(role[0].length);
      const last = regions[regions.length - 1];
      if (last && last.role === role[1] && last.to === i) last.to = i + 1;
      else regions.push({ from: i + 1, to: i + 1, role: role[1] as RegionRole });
    }
    let out = '';
    let pos = 0;
    for (const m of line.matchAll(MARK)) {
      out += line.slice(pos, m.index);
      const start = text.length + out.length;
      const [, surface, key, extra] = m;
      out += surface;
      const end = start + surface!.length;
      if (key === '-') nonMentions.push({ start, end, text: surface!, why: (extra ?? '').trim() });
      else {
        const men: GoldMention = { start, end, text: surface!, entity: key!.trim() };
        if (extra !== undefined) {
          if (!extra.startsWith('?')) throw new Error(`${name}: line ${i + 1}: third part of a mark must start with "?": ${m[0]}`);
          men.optional = true;
          men.why = extra.slice(1).trim();
        }
        mentions.push(men);
      }
      pos = m.index! + m[0].length;
    }
    out += line.slice(pos);
    if (/[⟦⟧⟪⟫]/u.test(out)) throw new Error(`${name}: line ${i + 1}: unbalanced mark: ${raw}`);
    text += `${out}\n`;
  });
  // Mentions on furniture lines are optional.
  const starts = lineStartsOf(text);
  for (const m of mentions) {
    const role = regions.find((r) => r.from <= lineOf(starts, m.start) + 1 && lineOf(starts, m.start) + 1 <= r.to)?.role;
    if (isFurnitureRole(role) && !m.optional) {
      m.optional = true;
      m.why = `in page furniture (${role})`;
    }
  }
  const entities: GoldEntityRecord[] = [];
  for (const key of [...new Set(mentions.map((m) => m.entity))]) {
    const type = KEY_TYPE[key.split(':')[0]!];
    if (!type) throw new Error(`${name}: key ${key} does not start with p:, o: or e:`);
    const forms = mentions.filter((m) => m.entity === key);
    const pool = forms.some((m) => !m.optional) ? forms.filter((m) => !m.optional) : forms;
    const longest = pool.map((m) => m.text).sort((x, y) => y.length - x.length || x.localeCompare(y))[0]!;
    const rec: GoldEntityRecord = { key, type, name: names.get(key) ?? longest };
    if (optionalWhy.has(key)) {
      rec.optional = true;
      rec.why = optionalWhy.get(key)!;
    }
    entities.push(rec);
  }
  for (const k of [...names.keys(), ...optionalWhy.keys()]) if (!entities.some((e) => e.key === k)) throw new Error(`${name}: header names ${k}, which has no mention`);
  return {
    text: `${name}.txt`,
    lang: meta.lang as GoldLang,
    title: meta.title ?? '',
    source: meta.source ?? '',
    licence: meta.licence ?? '',
    split: 'heldout-blind',
    tags: (meta.tags ?? '').split(/[,\s]+/).filter(Boolean),
    regions,
    entities,
    mentions,
    nonMentions,
  };
}

/** The .json text of an article: one region, entity or mention a line (small, diff-friendly). */
export function formatGold(g: GoldFile): string {
  const line = (v: unknown) => JSON.stringify(v);
  const list = (xs: unknown[]) => (xs.length === 0 ? '[]' : `[\n  ${xs.map(line).join(',\n  ')}\n ]`);
  const head = (['text', 'lang', 'title', 'source', 'licence', 'split', 'tags'] as const).map((k) => ` ${line(k)}: ${line(g[k])}`);
  const lists = (['regions', 'entities', 'mentions', 'nonMentions'] as const).map((k) => ` ${line(k)}: ${list(g[k])}`);
  return `{\n${[...head, ...lists].join(',\n')}\n}\n`;
}

/** The .txt content of a parsed article. */
export function annText(src: string): string {
  const [, ...rest] = src.split(/^---$/m);
  const lines = rest.join('---').replace(/^\n/, '').split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => `${l.replace(ROLE_PREFIX, '').replace(MARK, '$1')}\n`).join('');
}

/** Back from .txt + .json to the annotation source (for review and edits). */
export function renderAnn(a: GoldArticle): string {
  const head = [
    `# lang: ${a.lang}`,
    `# title: ${a.title}`,
    `# source: ${a.source}`,
    `# licence: ${a.licence}`,
    `# tags: ${a.tags.join(', ')}`,
  ];
  for (const e of a.entities) {
    const forms = a.mentions.filter((m) => m.entity === e.key);
    const pool = forms.some((m) => !m.optional) ? forms.filter((m) => !m.optional) : forms;
    const longest = pool.map((m) => m.text).sort((x, y) => y.length - x.length || x.localeCompare(y))[0];
    if (e.name !== longest) head.push(`# name ${e.key} = ${e.name}`);
    if (e.optional) head.push(`# optional ${e.key} = ${e.why ?? ''}`);
  }
  const spans = [
    ...a.mentions.map((m) => ({ start: m.start, end: m.end, mark: `⟦${m.text}|${m.entity}${m.optional && !(m.why ?? '').startsWith('in page furniture') ? `|?${m.why ?? ''}` : ''}⟧` })),
    ...a.nonMentions.map((m) => ({ start: m.start, end: m.end, mark: `⟦${m.text}|-|${m.why}⟧` })),
  ].sort((x, y) => x.start - y.start);
  let out = '';
  let pos = 0;
  for (const s of spans) {
    out += a.body.slice(pos, s.start) + s.mark;
    pos = s.end;
  }
  out += a.body.slice(pos);
  const lines = out.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const body = lines.map((l, i) => {
    const role = roleOfLine(a, i);
    return role ? `⟪${role}⟫${l}` : l;
  });
  return `${head.join('\n')}\n---\n${body.join('\n')}\n`;
}
