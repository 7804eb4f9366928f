/**
 * The mention scan of resolution: once the page's entities are known, every place the page
 * names one, found again from the text (not from pass 1's mentions), so that sentence starts,
 * headlines ("...the Mek/ Pmoi and Ncri?") and possessives count too. A leftmost-longest scan
 * of all forms of the accepted groups, plus the surnames of people, over all blocks; a surname
 * several people share goes to the one named nearest before it.
 */
import { PERSON, type Form, type FormTable, type PageEvidence } from './forms';
import type { Group } from './groups';
import { NAME_PARTICLES, W_COMMON, W_FIRST, W_FUNCTION, W_PLACE } from './lexicon';
import { SHAPE_CAP, SHAPE_LOWER, SHAPE_NUM, SHAPE_PUNCT, SHAPE_UPPER, type Token } from './tokenize';
import type { SurnameOwners } from './surnames';

/** The longest name the scan looks for, in words. */
const MAX_NAME_WORDS = 12;

/** One mention found by the scan, in block offsets. */
export interface FoundMention {
  group: Group;
  key: string;
  block: number;
  s: number;
  e: number;
  text: string;
  /** In a headline or at a sentence start. */
  weak: boolean;
}

/** What the scan looks for: each key with the groups it may name, and every key's word prefixes. */
export interface ScanTargets {
  groupsOf: Map<string, Group[]>;
  prefixes: Set<string>;
  /** Words in the longest key (at most MAX_NAME_WORDS). */
  maxWords: number;
}

/** Every form of the accepted groups, and every surname of a person. */
export function scanTargets(accepted: readonly Group[], owners: SurnameOwners): ScanTargets {
  const groupsOf = new Map<string, Group[]>();
  let maxWords = 1;
  const target = (key: string, g: Group) => {
    let arr = groupsOf.get(key);
    if (!arr) groupsOf.set(key, (arr = []));
    if (!arr.includes(g)) arr.push(g);
    const n = key.split(' ').length;
    if (n > maxWords) maxWords = n;
  };
  for (const g of accepted) {
    for (const f of g.forms) target(f.key, g);
  }
  for (const [k, groups] of owners) {
    for (const o of groups) if (o.type === PERSON) target(k, o);
  }
  const prefixes = new Set<string>();
  for (const k of groupsOf.keys()) {
    let i = k.indexOf(' ');
    while (i > 0) {
      prefixes.add(k.slice(0, i));
      i = k.indexOf(' ', i + 1);
    }
  }
  return { groupsOf, prefixes, maxWords: Math.min(maxWords, MAX_NAME_WORDS) };
}

/** Leftmost-longest scan of the targets over all blocks, in reading order. */
export function scanMentions(page: PageEvidence, forms: FormTable, targets: ScanTargets): FoundMention[] {
  const out: FoundMention[] = [];
  // For a shared surname: when each owner was last named in full (a scan sequence number).
  const lastSeen = new Map<Group, number>();
  let seq = 0;
  for (let b = 0; b < page.docs.length; b++) {
    const { block, tokens: T } = page.docs[b]!;
    const headline = block.headline;
    for (let i = 0; i < T.length; i++) {
      const t0 = T[i]!;
      const startOk =
        t0.shape === SHAPE_CAP || t0.shape === SHAPE_UPPER || t0.year || (t0.shape === SHAPE_LOWER && NAME_PARTICLES.has(t0.norm) && T[i + 1]?.shape === SHAPE_CAP);
      if (!startOk) continue;
      let key = '';
      let bestEnd = -1;
      let bestKey = '';
      for (let j = i; j < T.length && j - i < targets.maxWords; j++) {
        const t = T[j]!;
        if (t.shape === SHAPE_PUNCT) break;
        key = j === i ? t.norm : `${key} ${t.norm}`;
        if (targets.groupsOf.has(key) && shapeFits(T, i, j + 1, key, headline, page, forms)) {
          bestEnd = j + 1;
          bestKey = key;
        }
        if (!targets.prefixes.has(key)) break;
      }
      if (bestEnd < 0) continue;
      const owners = targets.groupsOf.get(bestKey)!;
      const g = owners.length === 1 ? owners[0]! : nearestBefore(owners, lastSeen);
      const s = T[i]!.s;
      const e = T[bestEnd - 1]!.e;
      const full = bestKey.includes(' ') || owners.length === 1;
      if (full) lastSeen.set(g, seq);
      seq++;
      out.push({ group: g, key: bestKey, block: b, s, e, text: block.text.slice(s, e), weak: headline || T[i]!.initial });
      i = bestEnd - 1;
    }
  }
  return out;
}

/** The owner named most recently; before any is named, the first. */
function nearestBefore(owners: readonly Group[], lastSeen: Map<Group, number>): Group {
  let g = owners[0]!;
  let bestPos = -1;
  for (const o of owners) {
    const p = lastSeen.get(o) ?? -1;
    if (p > bestPos) {
      bestPos = p;
      g = o;
    }
  }
  return g;
}

/** Whether the tokens [i, j) are written as a mention of `key` should be, here. */
function shapeFits(T: readonly Token[], i: number, j: number, key: string, headline: boolean, page: PageEvidence, forms: FormTable): boolean {
  if (j - i === 1) return oneWordFits(T, i, key, headline, page, forms.get(key));
  // Multi-word: the last word capitalised unless it is an event noun form ("2009 protests").
  if (T[j - 1]!.shape === SHAPE_LOWER) {
    const f = forms.get(key);
    if (!f || f.votes[2] <= 0) return false;
  }
  return true;
}

function oneWordFits(T: readonly Token[], i: number, key: string, headline: boolean, page: PageEvidence, f: Form | undefined): boolean {
  const first = T[i]!;
  const acronym = f?.acronym ?? false;
  // "MEK" written in capitals is an acronym; "OBAMA" in a capitals line is fine (headline).
  if (acronym && first.shape !== SHAPE_UPPER && !headline) return false;
  if (!acronym && first.shape === SHAPE_UPPER && !headline && first.text.length > 1 && !/\./.test(first.text)) return false;
  if (first.shape === SHAPE_NUM) return false;
  // A surname that is also a place ("Harrow"): not after "in", "from", "to"...
  const prev = T[i - 1];
  if (prev && prev.shape === SHAPE_LOWER && /^(?:in|from|to|near|across|into|at|of)$/.test(prev.norm) && page.lex.flags(key) & W_PLACE) {
    if (!f || f.votes[0] <= f.votes[1]) return false;
  }
  // A common word at a sentence start is not a mention ("Fed up", "House prices"), unless
  // what follows is what people do ("Park said").
  if (first.initial && !headline) {
    const wf = page.lex.flags(key);
    if ((wf & (W_COMMON | W_FUNCTION) && !(wf & W_FIRST)) || page.lower.has(key)) {
      const next = T[i + 1];
      const personLike = f ? f.votes[0] >= f.votes[1] : true;
      if (!(personLike && next && (first.poss || page.lex.isSpeechVerb(next.norm)))) return false;
    }
  }
  return true;
}
