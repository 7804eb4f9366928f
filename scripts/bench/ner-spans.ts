/**
 * Mention-level scoring with exact spans for the blind set (tests/fixtures/ner-blind, see its
 * GUIDE.md "Scoring"). A system's answer is reduced to typed spans of the .txt:
 *
 * - the engine: every Candidate.mentions entry, its chunk coordinates mapped to .txt offsets (the
 *   bench feeds one chunk a line, so chunk i is line i), typed by its candidate's type;
 * - a system without offsets (plain compromise): every whole-word occurrence of its names and
 *   aliases, leftmost-longest, projected onto the text (projectNames).
 *
 * Then each system span is right (equals a required gold span of its type), ignored (equals an
 * optional gold span) or a false positive (wrong type, boundary, spurious; and counted apart
 * when it sits on a page-furniture line); required gold spans nobody matched are misses.
 */
import type { Candidate, EntityType } from '../../lib/text/discovery/types';
import type { TextChunk } from '../../lib/text/types';
import { GOLD_TYPES, isFurnitureRole, lineOf, roleOfLine, type GoldArticle } from './ner-gold';
import type { Article, GoldEntity } from './ner-eval';

export interface SystemSpan {
  start: number;
  end: number;
  type: EntityType;
}

/** Where a line sits: running prose, a list or table line, or page furniture. */
export type LineKind = 'prose' | 'list' | 'furniture';
export const LINE_KINDS: readonly LineKind[] = ['prose', 'list', 'furniture'];

export interface SpanCounts {
  tp: number;
  fp: number;
  fn: number;
  /** False positives by kind: exact span with another type, overlapping a gold span of its type, neither. */
  fpType: number;
  fpBoundary: number;
  fpSpurious: number;
  /** System spans equal to an optional gold span: neither right nor wrong. */
  ignored: number;
}

/** Counts per entity type and line kind. */
export type SpanScore = Record<EntityType, Record<LineKind, SpanCounts>>;

export interface SpanDetail {
  /** "missed" or "false (type|boundary|spurious)". */
  what: string;
  type: EntityType;
  text: string;
  line: number;
  kind: LineKind;
}

const emptyCounts = (): SpanCounts => ({ tp: 0, fp: 0, fn: 0, fpType: 0, fpBoundary: 0, fpSpurious: 0, ignored: 0 });

export function emptySpanScore(): SpanScore {
  const s = {} as SpanScore;
  for (const t of GOLD_TYPES) s[t] = { prose: emptyCounts(), list: emptyCounts(), furniture: emptyCounts() };
  return s;
}

export function addSpanScore(into: SpanScore, s: SpanScore): void {
  for (const t of GOLD_TYPES)
    for (const k of LINE_KINDS) for (const f of Object.keys(emptyCounts()) as (keyof SpanCounts)[]) into[t][k][f] += s[t][k][f];
}

/** Sum over the given types and line kinds. */
export function sumCounts(s: SpanScore, types: readonly EntityType[] = GOLD_TYPES, kinds: readonly LineKind[] = LINE_KINDS): SpanCounts {
  const out = emptyCounts();
  for (const t of types) for (const k of kinds) for (const f of Object.keys(out) as (keyof SpanCounts)[]) out[f] += s[t][k][f];
  return out;
}

export interface Prf {
  p: number;
  r: number;
  f: number;
  /** Required gold mentions. */
  n: number;
  /** System spans counted (right + false). */
  sys: number;
}

/** Precision over the spans proposed (1 when none), recall over required gold spans (1 when none). */
export function spanPrf(c: SpanCounts): Prf {
  const n = c.tp + c.fn;
  const sys = c.tp + c.fp;
  const p = sys === 0 ? 1 : c.tp / sys;
  const r = n === 0 ? 1 : c.tp / n;
  return { p, r, f: p + r === 0 ? 0 : (2 * p * r) / (p + r), n, sys };
}

/** The bench's input: one chunk a line, as the rest of the evaluation sets. */
export function goldChunks(a: GoldArticle): TextChunk[] {
  return a.lineStarts.map((s, i) => {
    const end = i + 1 < a.lineStarts.length ? a.lineStarts[i + 1]! - 1 : a.body.length - 1;
    return { text: `${a.body.slice(s, end)}\n`, blockStart: true };
  });
}

/** The engine's own mention offsets, mapped from chunk coordinates (goldChunks) to the .txt. */
export function candidateSpans(a: GoldArticle, candidates: readonly Candidate[]): SystemSpan[] {
  const out: SystemSpan[] = [];
  for (const c of candidates)
    for (const m of c.mentions) out.push({ start: a.lineStarts[m.start.chunk]! + m.start.offset, end: a.lineStarts[m.end.chunk]! + m.end.offset, type: c.type });
  return out;
}

const LETTER = /[\p{L}\p{M}\p{N}]/u;

/** Every whole-word occurrence of the names (leftmost-longest, no overlaps), for systems without offsets. */
export function projectNames(text: string, named: readonly { type: EntityType; names: readonly string[] }[]): SystemSpan[] {
  const forms = named
    .flatMap((c) => c.names.map((n) => ({ n: n.trim(), type: c.type })))
    .filter((f) => f.n.length > 0)
    .sort((x, y) => y.n.length - x.n.length);
  const taken = new Uint8Array(text.length);
  const out: SystemSpan[] = [];
  for (const { n, type } of forms) {
    for (let i = text.indexOf(n); i >= 0; i = text.indexOf(n, i + 1)) {
      const e = i + n.length;
      if ((i > 0 && LETTER.test(text[i - 1]!)) || (e < text.length && LETTER.test(text[e]!))) continue;
      if (n.includes('\n') || taken.subarray(i, e).some((x) => x === 1)) continue;
      taken.fill(1, i, e);
      out.push({ start: i, end: e, type });
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

/** The kind of line an offset is on. */
export function kindAt(a: GoldArticle, offset: number): LineKind {
  const role = roleOfLine(a, lineOf(a.lineStarts, offset));
  return role === undefined ? 'prose' : isFurnitureRole(role) ? 'furniture' : 'list';
}

/** A leading English article is not part of a name (GUIDE.md): "The New York Times" = "New York Times". */
function trimThe(text: string, s: SystemSpan): SystemSpan {
  const head = text.slice(s.start, s.start + 4);
  return (head === 'the ' || head === 'The ') && s.end - s.start > 4 ? { ...s, start: s.start + 4 } : s;
}

export function scoreSpans(a: GoldArticle, spans: readonly SystemSpan[], details?: SpanDetail[]): SpanScore {
  const score = emptySpanScore();
  const entity = new Map(a.entities.map((e) => [e.key, e]));
  const gold = a.mentions.map((m) => {
    const e = entity.get(m.entity)!;
    return { start: m.start, end: m.end, text: m.text, type: e.type, optional: Boolean(m.optional || e.optional) };
  });
  const byKey = new Map(gold.map((g) => [`${g.start}:${g.end}`, g]));
  const matched = new Set<string>();
  const seen = new Set<string>();
  const note = (what: string, type: EntityType, start: number, end: number) =>
    details?.push({ what, type, text: a.body.slice(start, end), line: lineOf(a.lineStarts, start) + 1, kind: kindAt(a, start) });
  for (const raw of [...spans].sort((x, y) => x.start - y.start || x.end - y.end)) {
    const s = trimThe(a.body, raw);
    const key = `${s.start}:${s.end}`;
    if (seen.has(`${key}:${s.type}`)) continue; // the same span twice from one system counts once
    seen.add(`${key}:${s.type}`);
    const c = score[s.type][kindAt(a, s.start)];
    const g = byKey.get(key);
    if (g?.optional) {
      c.ignored++;
      continue;
    }
    if (g && g.type === s.type) {
      matched.add(key);
      c.tp++;
      continue;
    }
    c.fp++;
    if (g) {
      c.fpType++;
      note(`false (type; gold ${g.type})`, s.type, s.start, s.end);
    } else if (gold.some((x) => x.type === s.type && x.start < s.end && s.start < x.end)) {
      c.fpBoundary++;
      note('false (boundary)', s.type, s.start, s.end);
    } else {
      c.fpSpurious++;
      note('false (spurious)', s.type, s.start, s.end);
    }
  }
  for (const g of gold) {
    if (g.optional || matched.has(`${g.start}:${g.end}`)) continue;
    score[g.type][kindAt(a, g.start)].fn++;
    note('missed', g.type, g.start, g.end);
  }
  return score;
}

/**
 * The entity-level view of ../ner/GUIDE.md for a blind article: an entity with a required
 * mention is annotated, its surfaces as name and aliases; one whose mentions are all optional
 * (furniture, borderline) is optional.
 */
export function entityView(a: GoldArticle): Article {
  const entities: GoldEntity[] = [];
  const optional: GoldEntity[] = [];
  for (const e of a.entities) {
    const ms = a.mentions.filter((m) => m.entity === e.key);
    const required = e.optional ? [] : ms.filter((m) => !m.optional);
    const forms = [...new Set((required.length ? required : ms).map((m) => m.text))];
    const rec: GoldEntity = { type: e.type, name: e.name, aliases: forms.filter((f) => f !== e.name) };
    if (required.length) entities.push(rec);
    else optional.push({ ...rec, why: e.why ?? 'only optional mentions' });
  }
  return { name: a.name, split: 'heldout', text: a.body, chunks: goldChunks(a), entities, optional };
}
