/**
 * Pass 2 of discovery: decide, for the whole page, which names are entities, of which type,
 * and which names are the same entity; then find every mention of them (including the ones at
 * sentence starts and in headlines, which pass 1 does not trust by themselves).
 *
 * Grouping (union-find over the forms the page uses):
 * - abbreviation definitions (Schwartz–Hearst) join short and long forms;
 * - an acronym joins the multi-word names whose initials it spells ("IRGC" ↔ "Islamic
 *   Revolutionary Guard Corps", "U.N." ↔ "United Nations");
 * - a one-word organisation joins "X Group", "X Inc.", "X VR" ("Alibaba" ↔ "Alibaba Group");
 *   a multi-word organisation joins its prefixed form ("General Assembly" ↔ "U.N. General
 *   Assembly"); plural and singular forms join;
 * - a surname joins the full name that ends with it ("Rajavi" ↔ "Maryam Rajavi"), or starts with
 *   it for family-name-first names ("Yoon" ↔ "Yoon Suk Yeol"); when several people share it, each
 *   mention goes to the nearest one named before it; initials do not matter ("Donald J. Trump"
 *   ↔ "Donald Trump");
 * - events with the same year and kind of event join ("the 2009 protests" ↔ "the 2009
 *   uprising"), and a year-prefixed name joins the name ("1939 World’s Fair" ↔ "World’s Fair").
 */
import type { AbbreviationDefinition } from './abbreviations';
import {
  E_FIRST_NAME,
  E_HEAD,
  E_LEXICON,
  E_NAME_EVENT,
  E_SHAPE,
  E_TITLE,
  E_YEAR_EVENT,
  K_ACRONYM,
  K_EVENT,
  K_ORG,
  K_PERSON,
  K_PROPER,
  type BlockTokens,
  type RawMention,
} from './detect';
import { getLexicon, NAME_PARTICLES, W_COMMON, W_DEMONYM, W_FIRST, W_FUNCTION, W_LAST, W_ORG, W_PLACE, type Lexicon } from './lexicon';
import { positionIn, SHAPE_CAP, SHAPE_LOWER, SHAPE_NUM, SHAPE_UPPER, type Token } from './tokenize';
import type { Candidate, CandidateMention, DiscoveryOptions, EntityType } from './types';

const EVIDENCE_SCORE: Record<number, number> = {
  [E_TITLE]: 0.9,
  [E_HEAD]: 0.85,
  [E_LEXICON]: 0.8,
  [E_FIRST_NAME]: 0.8,
  [E_YEAR_EVENT]: 0.8,
  [E_NAME_EVENT]: 0.7,
  [E_SHAPE]: 0.45,
};

interface Form {
  key: string;
  parts: string[];
  mentions: RawMention[];
  kind: number;
  /** Kind votes: person, org, event. */
  votes: [number, number, number];
  best: [number, number, number];
  orgCue: number;
  personCue: number;
  placeCue: number;
  strong: number;
  acronym: boolean;
  defined: boolean;
  year?: string;
  eventNoun?: string;
  first: number;
}

const TYPE_OF_KIND: Record<number, number> = { [K_PERSON]: 0, [K_ORG]: 1, [K_EVENT]: 2 };
const TYPES: EntityType[] = ['person', 'organization', 'event'];

/** Words after a company's name that do not change the company: "Alibaba Group", "Oculus VR". */
const GENERIC_ORG_TAIL = new Set(['group', 'inc', 'inc.', 'corp', 'corp.', 'co', 'co.', 'company', 'corporation', 'holdings', 'ltd', 'ltd.', 'plc', 'llc', 'party', 'news', 'media', 'international', 'worldwide', 'global', 'limited']);

class UnionFind {
  parent: number[] = [];
  add(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    // The smaller index stays the root: deterministic.
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
  }
}

function initialsOf(parts: string[]): string[] {
  // Initials of the capitalised words, with and without the small words.
  let strict = '';
  let withSmall = '';
  for (const p of parts) {
    const bare = p.replace(/\./g, '');
    if (!bare) continue;
    const isSmall = p === 'of' || p === 'and' || p === 'the' || p === 'for' || p === 'on' || p === '&' || p === 'a' || p === 'de';
    for (const piece of bare.split('-')) {
      if (!piece) continue;
      if (!isSmall) strict += piece[0];
      withSmall += piece[0];
    }
  }
  return strict === withSmall ? [strict] : [strict, withSmall];
}

export interface ResolveInput {
  docs: BlockTokens[];
  mentions: RawMention[];
  definitions: AbbreviationDefinition[];
  lower: Set<string>;
  options: DiscoveryOptions;
}

export function resolve(input: ResolveInput): Candidate[] {
  const lex = getLexicon();
  const { docs, mentions, definitions, lower } = input;
  const forms = new Map<string, number>();
  const list: Form[] = [];
  const uf = new UnionFind();

  const formOf = (key: string): Form => {
    let idx = forms.get(key);
    if (idx === undefined) {
      idx = list.length;
      forms.set(key, idx);
      uf.add();
      list.push({
        key,
        parts: key.split(' '),
        mentions: [],
        kind: K_PROPER,
        votes: [0, 0, 0],
        best: [0, 0, 0],
        orgCue: 0,
        personCue: 0,
        placeCue: 0,
        strong: 0,
        acronym: false,
        defined: false,
        first: Number.MAX_SAFE_INTEGER,
      });
    }
    return list[idx]!;
  };

  // 1. Forms and their evidence.
  for (let mi = 0; mi < mentions.length; mi++) {
    const m = mentions[mi]!;
    const f = formOf(m.key);
    f.mentions.push(m);
    const pos = m.block * 1e6 + m.order;
    if (pos < f.first) f.first = pos;
    if (!m.weak) f.strong++;
    f.orgCue += m.orgCue;
    f.personCue += m.personCue;
    f.placeCue += m.placeCue;
    if (m.kind === K_ACRONYM || m.upper) f.acronym = true;
    if (m.year) f.year = m.year;
    if (m.eventNoun) f.eventNoun = m.eventNoun;
    const t = TYPE_OF_KIND[m.kind];
    if (t !== undefined) {
      let score = EVIDENCE_SCORE[m.evidence] ?? 0.45;
      // In a headline or at a sentence start only a title or a first name is evidence.
      if (m.weak && m.evidence !== E_TITLE && m.evidence !== E_FIRST_NAME) score = Math.min(score, 0.5);
      f.votes[t] = f.votes[t]! + (m.weak ? score * 0.3 : score);
      if (score > f.best[t]!) f.best[t] = score;
    }
  }

  // 2. Abbreviation definitions.
  for (const d of definitions) {
    const toks = docs[d.block]!.tokens;
    let key = toks[d.longFrom]!.norm;
    for (let q = d.longFrom + 1; q < d.longTo; q++) if (toks[q]!.shape !== 4) key += ` ${toks[q]!.norm}`;
    const long = formOf(key);
    long.defined = true;
    for (const s of d.short) {
      const short = formOf(s.toLowerCase().replace(/[’‘]/g, "'"));
      short.defined = true;
      short.acronym = true;
      uf.union(forms.get(long.key)!, forms.get(short.key)!);
    }
  }

  const idxOf = (f: Form) => forms.get(f.key)!;
  const isAcronymForm = (f: Form) => f.parts.length === 1 && f.acronym;

  // 3. Acronyms and the names they abbreviate.
  const byInitials = new Map<string, Form[]>();
  for (const f of list) {
    if (f.parts.length < 2) continue;
    if (f.votes[0] > f.votes[1] + f.votes[2] && f.votes[0] > 0) continue; // people are not acronyms here
    for (const ini of initialsOf(f.parts)) {
      if (ini.length < 2) continue;
      let arr = byInitials.get(ini);
      if (!arr) byInitials.set(ini, (arr = []));
      arr.push(f);
    }
  }
  for (const f of list) {
    if (!isAcronymForm(f)) continue;
    const bare = f.key.replace(/\./g, '');
    for (const g of byInitials.get(bare) ?? []) uf.union(idxOf(f), idxOf(g));
  }

  // 4. Organisation short forms and prefixed forms; plural variants.
  const byFirstPart = new Map<string, Form[]>();
  for (const f of list) {
    if (f.parts.length < 2) continue;
    let arr = byFirstPart.get(f.parts[0]!);
    if (!arr) byFirstPart.set(f.parts[0]!, (arr = []));
    arr.push(f);
  }
  // A clipped name: "the Fed" for "Federal Reserve".
  const multiOrg = list.filter((g) => g.parts.length >= 2 && g.votes[1] > g.votes[0] && g.votes[1] >= g.votes[2]);
  for (const f of list) {
    if (f.parts.length !== 1 || f.acronym || f.key.length < 3 || f.votes[0] > 0) continue;
    // Not a derivation: "Congress" is not clipped from "Congressional".
    const clipped = (w: string) => w.length > f.key.length && w.startsWith(f.key) && !/^(?:al|ial|ional|ian|an|ic|ical|ist|ese|ish|ary|ive|ite|s|es)$/.test(w.slice(f.key.length));
    const hits = multiOrg.filter((g) => clipped(g.parts[0]!));
    if (hits.length === 1) uf.union(idxOf(f), idxOf(hits[0]!));
  }
  for (const f of list) {
    if (f.parts.length === 1) {
      for (const g of byFirstPart.get(f.parts[0]!) ?? []) {
        const rest = g.parts.slice(1);
        const generic = rest.every((p) => GENERIC_ORG_TAIL.has(p));
        // "Oculus VR": a short all-capitals tail.
        const capsTail = rest.length === 1 && rest[0]!.length <= 3 && g.mentions.some((m) => /\s\p{Lu}{2,3}$/u.test(m.surface));
        if ((generic || capsTail) && g.votes[0] <= g.votes[1] + g.votes[2]) uf.union(idxOf(f), idxOf(g));
      }
    }
    // Plural / singular: "Revolutionary Guards" and "Revolutionary Guard".
    if (f.key.endsWith('s') && f.parts.length >= 2) {
      const sing = forms.get(f.key.slice(0, -1));
      if (sing !== undefined) uf.union(idxOf(f), sing);
    }
  }

  // A multi-word organisation inside a longer one: "General Assembly" in "U.N. General
  // Assembly", "Revolutionary Guards" in "Islamic Revolutionary Guard Corps". Only when every
  // longer name containing it is already one entity, and it does not start with a generic word
  // ("National Security Council" does not contain the "Security Council").
  const orgLike = (f: Form) => f.votes[1] > f.votes[0] && f.votes[1] >= f.votes[2];
  const multi = list.filter((f) => f.parts.length >= 2 && orgLike(f));
  const stem = (p: string) => (p.length > 3 && p.endsWith('s') ? p.slice(0, -1) : p);
  for (const f of multi) {
    const containers: Form[] = [];
    const fs = f.parts.map(stem);
    for (const g of multi) {
      if (g === f || g.parts.length <= f.parts.length) continue;
      const gs = g.parts.map(stem);
      for (let o = 0; o + fs.length <= gs.length; o++) {
        let ok = true;
        for (let q = 0; q < fs.length && ok; q++) if (gs[o + q] !== fs[q]) ok = false;
        if (ok) {
          // The longer name adds a word before it: a name (U.N., Islamic, Urban-Brookings), not an adjective like "National".
          const before = o > 0 ? g.parts[o - 1]! : '';
          const bf = lex.flags(before.replace(/\./g, ''));
          const adjectiveBefore = o > 0 && bf & W_COMMON && !(bf & (W_PLACE | W_ORG));
          if (!adjectiveBefore) containers.push(g);
          break;
        }
      }
    }
    if (containers.length === 0) continue;
    const roots = new Set(containers.map((g) => uf.find(idxOf(g))));
    if (roots.size === 1) uf.union(idxOf(f), idxOf(containers[0]!));
  }

  // Acronyms one transposition apart ("IRCG" for "IRGC"): a typo.
  const acronyms = list.filter((f) => isAcronymForm(f) && f.key.length >= 4);
  for (const f of acronyms) {
    for (const g of acronyms) {
      if (g === f || g.key.length !== f.key.length) continue;
      let diff = -1;
      let diffs = 0;
      for (let q = 0; q < f.key.length; q++) if (f.key[q] !== g.key[q]) diffs++, diff < 0 && (diff = q);
      if (diffs === 2 && f.key[diff] === g.key[diff + 1] && f.key[diff + 1] === g.key[diff]) {
        // Join the rarer spelling to the commoner one only.
        if (f.mentions.length < g.mentions.length) uf.union(idxOf(f), idxOf(g));
      }
    }
  }

  // 5. Events: same year and kind; a year-prefixed name and the name.
  const eventByYear = new Map<string, Form>();
  for (const f of list) {
    if (f.votes[2] <= 0) continue;
    if (f.year && f.eventNoun) {
      const k = `${f.year}|${f.eventNoun}`;
      const g = eventByYear.get(k);
      if (g) uf.union(idxOf(f), idxOf(g));
      else eventByYear.set(k, f);
    }
    if (/^\d{4}$/.test(f.parts[0]!) && f.parts.length >= 3) {
      const rest = forms.get(f.parts.slice(1).join(' '));
      if (rest !== undefined) uf.union(idxOf(f), rest);
    }
  }

  // 6. People: variants without initials ("Donald J. Trump" ~ "Donald Trump").
  const personKey = (f: Form) => f.parts.filter((p) => !/^(?:[a-z]\.)+$/.test(p)).join(' ');
  const byPersonKey = new Map<string, Form>();
  for (const f of list) {
    if (f.parts.length < 2 || f.votes[0] <= 0) continue;
    const k = personKey(f);
    const g = byPersonKey.get(k);
    if (g) uf.union(idxOf(f), idxOf(g));
    else byPersonKey.set(k, f);
  }

  // 7. Group types.
  const groupsByRoot = new Map<number, Group>();
  for (let i = 0; i < list.length; i++) {
    const r = uf.find(i);
    let g = groupsByRoot.get(r);
    if (!g) groupsByRoot.set(r, (g = { root: r, forms: [], type: -1, confidence: 0, first: Number.MAX_SAFE_INTEGER }));
    g.forms.push(list[i]!);
    if (list[i]!.first < g.first) g.first = list[i]!.first;
  }
  const groups = [...groupsByRoot.values()].sort((a, b) => a.first - b.first || a.root - b.root);
  for (const g of groups) decideType(g, lex, lower);

  // 8. Surnames: one-word forms that end (or start) a person's full name.
  const personGroups = groups.filter((g) => g.type === 0);
  const surnameOwners = new Map<string, Group[]>();
  const addOwner = (k: string, g: Group) => {
    // Not a nationality, a place or a word the page writes in lower case ("Israeli", "Earnest"
    // is fine unless "earnest" appears).
    if (!k.includes(' ')) {
      const kf = lex.flags(k);
      if (kf & W_DEMONYM && !(kf & W_LAST)) return;
      if (lower.has(k)) return;
    }
    let arr = surnameOwners.get(k);
    if (!arr) surnameOwners.set(k, (arr = []));
    if (!arr.includes(g)) arr.push(g);
  };
  for (const g of personGroups) {
    for (const f of g.forms) {
      if (f.parts.length < 2) continue;
      const parts = f.parts;
      const last = parts[parts.length - 1]!;
      if (!/^(?:jr\.?|sr\.?|ii|iii|iv)$/.test(last)) {
        addOwner(last, g);
        // "Omar Hassan al-Bashir" -> "Bashir".
        const bare = last.replace(/^(?:al|el|ad|as|ash|at|ar|an)-/, '');
        if (bare !== last) addOwner(bare, g);
      } else if (parts.length >= 3) addOwner(parts[parts.length - 2]!, g);
      // "Luis de Miranda" -> "de miranda".
      if (parts.length >= 3 && NAME_PARTICLES.has(parts[parts.length - 2]!)) addOwner(`${parts[parts.length - 2]} ${last}`, g);
      // Family name first: "Yoon Suk Yeol", "Kim Yong-hyun", "Lee Jae-myung".
      const firstF = lex.flags(parts[0]!);
      const hyphenGiven = parts.length === 2 && /^[a-z]+-[a-z]+$/.test(parts[1]!);
      if (hyphenGiven || (parts.length === 3 && !(firstF & W_FIRST) && parts.every((p) => p.length <= 5))) addOwner(parts[0]!, g);
    }
  }
  for (const g of groups) {
    if (g.type === 0 && g.forms.some((f) => f.parts.length >= 2)) continue;
    if (g.forms.length !== 1) continue;
    const f = g.forms[0]!;
    if (f.parts.length > 2 || f.acronym) continue;
    const owners = surnameOwners.get(f.key);
    if (!owners || owners.length === 0) continue;
    if (g.type === 1 && f.best[1] >= EVIDENCE_SCORE[E_LEXICON]!) continue; // a known organisation
    if (owners.length === 1) {
      const o = owners[0]!;
      uf.union(o.root, g.root);
      o.forms.push(f);
      g.type = -2; // merged
    } else {
      g.type = -3; // shared surname: resolved per mention in the scan
    }
  }

  // 9. Scan: every mention of every form of the accepted groups.
  const accepted = groups.filter((g) => g.type >= 0);
  const minConfidence = input.options.minConfidence ?? 0.5;
  const wanted = new Set(input.options.types ?? TYPES);
  const formTargets = new Map<string, Group[]>();
  let maxParts = 1;
  const target = (key: string, g: Group) => {
    let arr = formTargets.get(key);
    if (!arr) formTargets.set(key, (arr = []));
    if (!arr.includes(g)) arr.push(g);
    const n = key.split(' ').length;
    if (n > maxParts) maxParts = n;
  };
  for (const g of accepted) {
    for (const f of g.forms) target(f.key, g);
  }
  for (const [k, owners] of surnameOwners) {
    for (const o of owners) if (o.type === 0) target(k, o);
  }
  const prefixes = new Set<string>();
  for (const k of formTargets.keys()) {
    let i = k.indexOf(' ');
    while (i > 0) {
      prefixes.add(k.slice(0, i));
      i = k.indexOf(' ', i + 1);
    }
  }
  const found = scan(docs, formTargets, prefixes, Math.min(maxParts, 12), lex, lower, list, forms);

  // 10. Candidates.
  const out: Candidate[] = [];
  const byGroup = new Map<Group, Found[]>();
  for (const x of found) {
    let arr = byGroup.get(x.group);
    if (!arr) byGroup.set(x.group, (arr = []));
    arr.push(x);
  }
  for (const g of accepted) {
    const hits = byGroup.get(g);
    if (!hits || hits.length === 0) continue;
    const type = TYPES[g.type]!;
    if (!wanted.has(type)) continue;
    let conf = g.confidence;
    if (conf >= minConfidence) {
      // Named several ways or often: a little surer (never enough to lift a weak guess).
      const keys = new Set(hits.map((h) => h.key));
      if (keys.size >= 2) conf += 0.05;
      if (hits.length >= 3) conf += 0.05;
    }
    conf = Math.max(0, Math.min(1, Math.round(conf * 100) / 100));
    if (conf < minConfidence) continue;
    out.push(buildCandidate(g.forms, hits, type, conf, docs));
  }
  out.sort((a, b) => b.count - a.count || posOrder(a) - posOrder(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out;

  function decideType(g: Group, lex: Lexicon, lowerSet: Set<string>): void {
    const votes: [number, number, number] = [0, 0, 0];
    const best: [number, number, number] = [0, 0, 0];
    let org = 0;
    let person = 0;
    let place = 0;
    let strong = 0;
    let defined = false;
    let acronymOnly = true;
    let count = 0;
    for (const f of g.forms) {
      for (let t = 0; t < 3; t++) {
        votes[t]! += f.votes[t]!;
        if (f.best[t]! > best[t]!) best[t] = f.best[t]!;
      }
      org += f.orgCue;
      person += f.personCue;
      place += f.placeCue;
      strong += f.strong;
      count += f.mentions.length;
      if (f.defined) defined = true;
      if (!isAcronymForm(f)) acronymOnly = false;
    }
    if (defined) {
      votes[1] += 2;
      best[1] = Math.max(best[1]!, 0.9);
    }
    const proper = g.forms.every((f) => f.votes[0] + f.votes[1] + f.votes[2] === 0);
    if (strong === 0 && !defined) {
      // Only seen in weak places (sentence starts, headlines): a name only with strong evidence,
      // or, outside headlines, a clear cue ("... tourists. (Reuters)").
      const bodyMention = g.forms.some((f) => f.mentions.some((m) => !m.headline && !m.common));
      if (Math.max(...best) < 0.8 && !(proper && bodyMention && (org >= 1.5 || person >= 2))) return;
    }
    if (acronymOnly) {
      // An undefined acronym: an organisation when it recurs or has a cue.
      if (!defined && count < 2 && org <= 0 && best[1] === 0) {
        // One undefined acronym: in news most are organisations ("where ASIO is involved").
        g.type = 1;
        g.confidence = 0.5;
        return;
      }
      g.type = 1;
      g.confidence = defined ? 0.95 : Math.min(0.8, 0.55 + 0.05 * count + 0.1 * Math.max(0, org));
      return;
    }
    if (proper) {
      // Type from the cues around it; places are dropped.
      const single = g.forms.every((f) => f.parts.length === 1);
      if (single) {
        const w = g.forms[0]!.parts[0]!;
        const wf = lex.flags(w);
        if (wf & W_COMMON && !(wf & W_FIRST) || lowerSet.has(w)) {
          if (org < 1.5 && person < 1.5) return;
        }
      }
      if (place > 0 && place >= org && place >= person) return;
      if (person > org && person >= 1) {
        g.type = 0;
        g.confidence = Math.min(0.85, 0.45 + 0.1 * person);
        return;
      }
      if (org > 0) {
        g.type = 1;
        g.confidence = Math.min(0.8, 0.4 + 0.1 * org + (count >= 2 ? 0.05 : 0));
        return;
      }
      if (!single) {
        g.type = 0;
        g.confidence = 0.45;
        return;
      }
      // No cue at all: not enough to call it an entity.
      g.type = 1;
      g.confidence = 0.4;
      return;
    }
    // Cues add to the votes of unknown forms.
    votes[0] += Math.max(0, person) * 0.2;
    votes[1] += Math.max(0, org) * 0.2;
    let t = 0;
    if (votes[1]! > votes[t]!) t = 1;
    if (votes[2]! > votes[t]!) t = 2;
    if (votes[t]! <= 0) return;
    g.type = t;
    let conf = best[t]! || 0.45;
    if (conf < 0.6) {
      const cue = t === 0 ? person : t === 1 ? org : 0;
      conf += Math.min(0.3, 0.1 * Math.max(0, cue));
    }
    if (place > 0 && t !== 2) conf -= Math.min(0.3, 0.1 * place);
    if (strong === 0) conf -= 0.2;
    g.confidence = conf;
  }
}

interface Group {
  root: number;
  forms: Form[];
  /** 0 person, 1 organisation, 2 event; -1 not an entity, -2 merged into a person, -3 shared surname. */
  type: number;
  confidence: number;
  first: number;
}

interface Found {
  group: Group;
  key: string;
  block: number;
  s: number;
  e: number;
  text: string;
  weak: boolean;
}

function posOrder(c: Candidate): number {
  const m = c.mentions[0];
  return m ? m.start.chunk * 1e7 + m.start.offset : 0;
}

/** Leftmost-longest scan of all forms over all blocks. */
function scan(
  docs: BlockTokens[],
  targets: Map<string, Group[]>,
  prefixes: Set<string>,
  maxParts: number,
  lex: Lexicon,
  lower: Set<string>,
  list: Form[],
  forms: Map<string, number>,
): Found[] {
  const out: Found[] = [];
  const lastSeen = new Map<Group, number>();
  let seq = 0;
  for (let b = 0; b < docs.length; b++) {
    const { block, tokens: T } = docs[b]!;
    const headline = block.headline;
    for (let i = 0; i < T.length; i++) {
      const t0 = T[i]!;
      const startOk =
        t0.shape === SHAPE_CAP || t0.shape === SHAPE_UPPER || t0.year || (t0.shape === SHAPE_LOWER && NAME_PARTICLES.has(t0.norm) && T[i + 1]?.shape === SHAPE_CAP);
      if (!startOk) continue;
      let key = '';
      let bestEnd = -1;
      let bestKey = '';
      for (let j = i; j < T.length && j - i < maxParts; j++) {
        const t = T[j]!;
        if (t.shape === 4) break;
        key = j === i ? t.norm : `${key} ${t.norm}`;
        if (targets.has(key) && matchShapeOk(T, i, j + 1, key, headline, lex, lower, list, forms)) {
          bestEnd = j + 1;
          bestKey = key;
        }
        if (!prefixes.has(key)) break;
      }
      if (bestEnd < 0) continue;
      // Not inside a longer capitalised name that is not ours ("Yahoo" in "Yahoo Japan" is fine;
      // "Fed" in "Fed up" is lower case anyway).
      const owners = targets.get(bestKey)!;
      let g = owners[0]!;
      if (owners.length > 1) {
        // Nearest owner named before; else the first named after.
        let bestPos = -1;
        for (const o of owners) {
          const p = lastSeen.get(o) ?? -1;
          if (p > bestPos) {
            bestPos = p;
            g = o;
          }
        }
      }
      const s = T[i]!.s;
      const e = T[bestEnd - 1]!.e;
      const full = bestKey.includes(' ') || owners.length === 1;
      if (full) lastSeen.set(g, seq);
      seq++;
      out.push({ group: g, key: bestKey, block: b, s, e, text: block.text.slice(s, e), weak: headline || T[i]!.initial });
      i = bestEnd - 1;
    }
  }
  // Shared surnames before any owner is named: give them to the first owner named later.
  return out;
}

function matchShapeOk(
  T: Token[],
  i: number,
  j: number,
  key: string,
  headline: boolean,
  lex: Lexicon,
  lower: Set<string>,
  list: Form[],
  forms: Map<string, number>,
): boolean {
  const first = T[i]!;
  if (j - i === 1) {
    const idx = forms.get(key);
    const f = idx !== undefined ? list[idx] : undefined;
    const acronym = f?.acronym ?? false;
    if (acronym && first.shape !== SHAPE_UPPER && !headline) return false;
    if (!acronym && first.shape === SHAPE_UPPER && !headline && first.text.length > 1) {
      // "MEK" written in capitals is an acronym; "OBAMA" in a capitals line is fine (headline).
      if (!/\./.test(first.text)) return false;
    }
    if (first.shape === SHAPE_NUM) return false;
    // A surname that is also a place ("Harrow"): not after "in", "from", "to"...
    const prev = T[i - 1];
    if (prev && prev.shape === SHAPE_LOWER && /^(?:in|from|to|near|across|into|at|of)$/.test(prev.norm) && lex.flags(key) & W_PLACE) {
      const f = list[forms.get(key) ?? -1];
      if (!f || f.votes[0] <= f.votes[1]) return false;
    }
    // A common word at a sentence start is not a mention ("Fed up", "House prices"), unless
    // what follows is what people do ("Park said").
    if (first.initial && !headline) {
      const wf = lex.flags(key);
      if ((wf & (W_COMMON | W_FUNCTION) && !(wf & W_FIRST)) || lower.has(key)) {
        const next = T[i + 1];
        const f = list[forms.get(key) ?? -1];
        const personLike = f ? f.votes[0] >= f.votes[1] : true;
        if (!(personLike && next && (first.poss || lex.isSpeechVerb(next.norm)))) return false;
      }
    }
    return true;
  }
  // Multi-word: the last word capitalised unless it is an event noun form ("2009 protests").
  const last = T[j - 1]!;
  if (last.shape === SHAPE_LOWER) {
    const idx = forms.get(key);
    const f = idx !== undefined ? list[idx] : undefined;
    if (!f || f.votes[2] <= 0) return false;
  }
  return true;
}

function buildCandidate(forms: Form[], hits: Found[], type: EntityType, confidence: number, docs: BlockTokens[]): Candidate {
  hits.sort((a, b) => a.block - b.block || a.s - b.s);
  // Writing of each key: the most frequent, strong places first.
  const writings = new Map<string, Map<string, number>>();
  for (const h of hits) {
    let w = writings.get(h.key);
    if (!w) writings.set(h.key, (w = new Map()));
    const text = h.text.replace(/\u00AD/g, '').replace(/\s+/g, ' ');
    w.set(text, (w.get(text) ?? 0) + (h.weak ? 1 : 100));
  }
  const writingOf = (key: string): string => {
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
  const keyCount = new Map<string, number>();
  for (const h of hits) keyCount.set(h.key, (keyCount.get(h.key) ?? 0) + (h.weak ? 0.1 : 1));
  const keys = [...keyCount.keys()];
  // Canonical name: people: most words, then most frequent; organisations: not an acronym,
  // most words...; events: most frequent, then most words.
  const words = (k: string) => k.split(' ').length;
  const yearPrefixed = (k: string) => /^\d{4} /.test(k) && keyCount.has(k.slice(5)) && words(k) >= 3;
  const isAcr = (k: string) => forms.some((f) => f.key === k && f.acronym) || /^[a-z0-9.]+$/.test(k) && writingOf(k) === writingOf(k).toUpperCase();
  keys.sort((a, b) => {
    const ca = keyCount.get(a)!;
    const cb = keyCount.get(b)!;
    if (type === 'event') {
      // "Iranian Revolution" rather than "1979 Iranian Revolution" when the page uses both.
      const ya = yearPrefixed(a) ? 1 : 0;
      const yb = yearPrefixed(b) ? 1 : 0;
      return ya - yb || cb - ca || words(b) - words(a) || (a < b ? -1 : 1);
    }
    if (type === 'organization') {
      const aa = isAcr(a) ? 1 : 0;
      const ab = isAcr(b) ? 1 : 0;
      if (aa !== ab) return aa - ab;
      return words(b) - words(a) || cb - ca || (a < b ? -1 : 1);
    }
    return words(b) - words(a) || cb - ca || (a < b ? -1 : 1);
  });
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
  const keyName = canonicalKey.replace(/^the /, '').replace(/'/g, "'");
  return {
    key: `${type}:${keyName}`,
    name,
    type,
    aliases: [...aliasSet].sort(),
    mentions,
    count: mentions.length,
    confidence,
  };
}
