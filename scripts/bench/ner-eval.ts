/**
 * The NER evaluation set (tests/fixtures/ner) and its entity-level scoring; see
 * tests/fixtures/ner/GUIDE.md for what is annotated and how a candidate is matched.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nlp from 'compromise';
import type { EntityType } from '../../lib/text/discovery/index';
import type { TextChunk } from '../../lib/text/types';

export interface GoldEntity {
  type: EntityType;
  name: string;
  aliases: string[];
  why?: string;
}

export interface Article {
  name: string;
  split: 'dev' | 'heldout';
  text: string;
  chunks: TextChunk[];
  entities: GoldEntity[];
  optional: GoldEntity[];
}

/** A system's answer, reduced to what the scoring needs. */
export interface SystemCandidate {
  type: EntityType;
  name: string;
  aliases: string[];
  count: number;
}

/** One block a line, like tests/fixtures/*.txt elsewhere in the project. */
export function textChunks(text: string): TextChunk[] {
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((line) => ({ text: `${line}\n`, blockStart: true }));
}

export function loadNerSet(dir: string): Article[] {
  const out: Article[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const a = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
      text: string;
      split: 'dev' | 'heldout';
      entities: GoldEntity[];
      optional?: GoldEntity[];
    };
    const text = readFileSync(join(dir, a.text), 'utf8');
    out.push({
      name: f.replace(/\.json$/, ''),
      split: a.split,
      text,
      chunks: textChunks(text),
      entities: a.entities,
      optional: a.optional ?? [],
    });
  }
  return out;
}

/** Surface normalisation for comparing names: case, apostrophes, diacritics, soft hyphens, a leading "the", a possessive. */
export function normSurface(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u00AD]/g, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/[‐‑–—]/g, '-')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[\s"'“”(\[]+|[\s"'“”)\].,;:!?]+$/g, '')
    .replace(/'s$|(?<=s)'$/, '')
    .replace(/^the /, '')
    .trim();
}

export interface TypeScore {
  /** Candidates that matched an entity not matched before (precision). */
  tp: number;
  /** Annotated entities matched by at least one candidate of their type (recall). */
  found: number;
  /** False positives, grouping failures (duplicates) included. */
  fp: number;
  /** Duplicates: a second candidate for an entity already matched. */
  dup: number;
  fn: number;
  /** Candidates that matched only optional entities. */
  ignored: number;
  /** Candidates that matched two or more annotated entities (over-merged). */
  merged: number;
  fpNames: string[];
  fnNames: string[];
  dupNames: string[];
}

export type Score = Record<EntityType, TypeScore>;

const TYPES: EntityType[] = ['person', 'organization', 'event'];

export function emptyScore(): Score {
  const s = {} as Score;
  for (const t of TYPES) s[t] = { tp: 0, found: 0, fp: 0, dup: 0, fn: 0, ignored: 0, merged: 0, fpNames: [], fnNames: [], dupNames: [] };
  return s;
}

export function addScore(into: Score, s: Score): void {
  for (const t of TYPES) {
    const a = into[t];
    const b = s[t];
    a.tp += b.tp;
    a.found += b.found;
    a.fp += b.fp;
    a.dup += b.dup;
    a.fn += b.fn;
    a.ignored += b.ignored;
    a.merged += b.merged;
  }
}

/** Entity-level scoring of one article. Candidates are ranked by count (most mentioned first). */
export function scoreArticle(article: Article, candidates: SystemCandidate[]): Score {
  const score = emptyScore();
  const surfaces = (e: GoldEntity) => new Set([e.name, ...e.aliases].map(normSurface));
  const gold = article.entities.map((e) => ({ e, forms: surfaces(e) }));
  const optional = article.optional.map((e) => ({ e, forms: surfaces(e) }));
  const claimed = new Set<number>();
  const found = new Set<number>();
  const ranked = [...candidates].sort((a, b) => b.count - a.count);
  for (const c of ranked) {
    const forms = [c.name, ...c.aliases].map(normSurface);
    const byName = normSurface(c.name);
    const same: number[] = [];
    let other = false;
    gold.forEach((g, gi) => {
      if (!forms.some((f) => g.forms.has(f))) return;
      if (g.e.type === c.type) same.push(gi);
      else other = true;
    });
    const ts = score[c.type];
    if (same.length >= 2) ts.merged++;
    if (same.length > 0) {
      for (const gi of same) found.add(gi);
      const free = same.filter((gi) => !claimed.has(gi));
      if (free.length > 0) {
        const pick = free.find((gi) => gold[gi]!.forms.has(byName)) ?? free[0]!;
        claimed.add(pick);
        ts.tp++;
      } else {
        ts.fp++;
        ts.dup++;
        ts.dupNames.push(c.name);
      }
      continue;
    }
    if (!other && optional.some((o) => forms.some((f) => o.forms.has(f)))) {
      ts.ignored++;
      continue;
    }
    ts.fp++;
    ts.fpNames.push(other ? `${c.name} (other type)` : c.name);
  }
  gold.forEach((g, gi) => {
    if (!found.has(gi)) {
      score[g.e.type].fn++;
      score[g.e.type].fnNames.push(g.e.name);
    }
  });
  for (const t of TYPES) score[t].found = gold.filter((g) => g.e.type === t).length - score[t].fn;
  return score;
}

export interface Prf {
  p: number;
  r: number;
  f: number;
  /** Gold entities of the type. */
  n: number;
}

/** Precision from candidates (tp / (tp + fp)); recall from entities found; `lenient` ignores duplicates. */
export function prf(s: TypeScore, lenient = false): Prf {
  const fp = lenient ? s.fp - s.dup : s.fp;
  const n = s.found + s.fn;
  const p = s.tp + fp === 0 ? (n === 0 ? 1 : 0) : s.tp / (s.tp + fp);
  const r = n === 0 ? 1 : s.found / n;
  const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { p, r, f, n };
}

/** Plain compromise: people() and organizations() (it has no event extractor), honorifics dropped, grouped by normalised text. */
export function compromiseCandidates(text: string): SystemCandidate[] {
  const doc = nlp(text);
  const out = new Map<string, SystemCandidate>();
  const add = (type: EntityType, view: { json(): unknown }) => {
    for (const m of view.json() as { text: string }[]) {
      const raw = nlp(m.text).not('#Honorific').text().trim();
      const key = `${type}|${normSurface(raw)}`;
      if (!normSurface(raw)) continue;
      const c = out.get(key);
      if (c) c.count++;
      else out.set(key, { type, name: raw.replace(/[\s.,;:!?)"”]+$/g, '').replace(/^[("“]+/, ''), aliases: [], count: 1 });
    }
  };
  add('person', doc.people());
  add('organization', doc.organizations());
  return [...out.values()];
}
