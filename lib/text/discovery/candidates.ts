/**
 * The last pass of resolution: the accepted groups with the mentions the scan found become
 * Candidates (types.ts): a confidence, a canonical name, aliases as written and mentions in
 * chunk coordinates; then most mentioned first.
 */
import type { DiscoveryOptions } from './types';
import { TYPE_NAMES, type Form } from './forms';
import type { Group } from './groups';
import type { FoundMention } from './mention-scan';
import { writtenForm } from '../fold';
import { positionIn, type BlockTokens } from './tokenize';
import type { Candidate, CandidateMention, EntityType } from './types';

/** The candidates of the accepted groups that the scan found, of the wanted types and confidence. */
export function candidatesOf(accepted: readonly Group[], found: readonly FoundMention[], docs: readonly BlockTokens[], options: DiscoveryOptions): Candidate[] {
  const minConfidence = options.minConfidence ?? 0.5;
  const wanted = new Set(options.types ?? TYPE_NAMES);
  const byGroup = new Map<Group, FoundMention[]>();
  for (const x of found) {
    let arr = byGroup.get(x.group);
    if (!arr) byGroup.set(x.group, (arr = []));
    arr.push(x);
  }
  const out: Candidate[] = [];
  for (const g of accepted) {
    const hits = byGroup.get(g);
    if (!hits || hits.length === 0) continue;
    const type = TYPE_NAMES[g.type]!;
    if (!wanted.has(type)) continue;
    const conf = finalConfidence(g.confidence, hits, minConfidence);
    if (conf < minConfidence) continue;
    out.push(buildCandidate(g.forms, hits, type, conf, docs));
  }
  out.sort((a, b) => b.count - a.count || readingPosition(a) - readingPosition(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out;
}

/** Named several ways or often: a little surer (never enough to lift a weak guess over the cut). Rounded to hundredths, within 0..1. */
export function finalConfidence(confidence: number, hits: readonly FoundMention[], minConfidence: number): number {
  let conf = confidence;
  if (conf >= minConfidence) {
    const keys = new Set(hits.map((h) => h.key));
    if (keys.size >= 2) conf += 0.05;
    if (hits.length >= 3) conf += 0.05;
  }
  return Math.max(0, Math.min(1, Math.round(conf * 100) / 100));
}

function readingPosition(c: Candidate): number {
  const m = c.mentions[0];
  return m ? m.start.chunk * 1e7 + m.start.offset : 0;
}

function buildCandidate(forms: readonly Form[], hits: FoundMention[], type: EntityType, confidence: number, docs: readonly BlockTokens[]): Candidate {
  hits.sort((a, b) => a.block - b.block || a.s - b.s);
  const writingOf = writingsOf(hits);
  const keys = namesInOrder(forms, hits, type, writingOf);
  const canonicalKey = keys[0]!;
  const name = writingOf(canonicalKey);
  const aliasSet = new Set<string>();
  for (const k of keys.slice(1)) {
    const w = writingOf(k);
    if (w !== name) aliasSet.add(w);
  }
  const mentions: CandidateMention[] = hits.map((h) => {
    const block = docs[h.block]!.block;
    return { start: positionIn(block, h.s, false), end: positionIn(block, h.e, true), text: h.text };
  });
  return {
    key: `${type}:${canonicalKey.replace(/^the /, '')}`,
    name,
    type,
    aliases: [...aliasSet].sort(),
    mentions,
    count: mentions.length,
    confidence,
  };
}

/** How the page writes each key: its most frequent writing, strong places first, a capital first letter preferred. */
export function writingsOf(hits: readonly FoundMention[]): (key: string) => string {
  const writings = new Map<string, Map<string, number>>();
  for (const h of hits) {
    let w = writings.get(h.key);
    if (!w) writings.set(h.key, (w = new Map()));
    const text = writtenForm(h.text);
    w.set(text, (w.get(text) ?? 0) + (h.weak ? 1 : 100));
  }
  return (key: string): string => {
    const w = writings.get(key)!;
    let best = '';
    let bestN = -1;
    for (const [text, n] of w) {
      const score = n + (/\p{Lu}/u.test(text[0] ?? '') ? 0.5 : 0);
      if (score > bestN) {
        bestN = score;
        best = text;
      }
    }
    return best;
  };
}

/**
 * The keys the page uses for one entity, the canonical name first. People: most words, then
 * most frequent; organisations: not an acronym, then most words; events: not year-prefixed when
 * the page also uses the bare name ("Iranian Revolution" rather than "1979 Iranian Revolution"),
 * then most frequent.
 */
export function namesInOrder(forms: readonly Form[], hits: readonly FoundMention[], type: EntityType, writingOf: (key: string) => string): string[] {
  const keyCount = new Map<string, number>();
  for (const h of hits) keyCount.set(h.key, (keyCount.get(h.key) ?? 0) + (h.weak ? 0.1 : 1));
  const keys = [...keyCount.keys()];
  const words = (k: string) => k.split(' ').length;
  const yearPrefixed = (k: string) => /^\d{4} /.test(k) && keyCount.has(k.slice(5)) && words(k) >= 3;
  const isAcronym = (k: string) => forms.some((f) => f.key === k && f.acronym) || (/^[a-z0-9.]+$/.test(k) && writingOf(k) === writingOf(k).toUpperCase());
  keys.sort((a, b) => {
    const ca = keyCount.get(a)!;
    const cb = keyCount.get(b)!;
    if (type === 'event') {
      const ya = yearPrefixed(a) ? 1 : 0;
      const yb = yearPrefixed(b) ? 1 : 0;
      return ya - yb || cb - ca || words(b) - words(a) || (a < b ? -1 : 1);
    }
    if (type === 'organization') {
      const aa = isAcronym(a) ? 1 : 0;
      const ab = isAcronym(b) ? 1 : 0;
      if (aa !== ab) return aa - ab;
      return words(b) - words(a) || cb - ca || (a < b ? -1 : 1);
    }
    return words(b) - words(a) || cb - ca || (a < b ? -1 : 1);
  });
  return keys;
}
