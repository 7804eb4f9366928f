/**
 * Pass 1 of discovery: in each block, find the runs of capitalised words, cut them into names
 * (titles, "and", "of", possessives, places), and say what each name looks like, with the cues
 * around it. The document-level decisions (types, aliases, grouping) are in resolve.ts.
 */
import {
  COMMON_SUFFIX,
  getLexicon,
  NAME_CONNECTORS,
  NAME_PARTICLES,
  W_COMMON,
  W_DATE,
  W_DEMONYM,
  W_EVENT_HEAD,
  W_FIRST,
  W_FUNCTION,
  W_HONORIFIC,
  W_LAST,
  W_LAW_HEAD,
  W_NOUN,
  W_ORG,
  W_ORG_HEAD,
  W_PERSON,
  W_PLACE,
  W_PLACE_HEAD,
  W_ROLE,
  W_TITLE,
  W_TITLE_MOD,
  type Lexicon,
} from './lexicon';
import { SHAPE_CAP, SHAPE_LOWER, SHAPE_NUM, SHAPE_PUNCT, SHAPE_UPPER, type Block, type BlockTokens, type Token } from './tokenize';

/** What a name's own words say it is. */
export const K_PERSON = 1;
export const K_ORG = 2;
export const K_EVENT = 3;
/** A capitalised name of unknown type (a single unknown word, or an unknown phrase). */
export const K_PROPER = 4;
/** An acronym (all capitals). */
export const K_ACRONYM = 5;
export type Kind = 1 | 2 | 3 | 4 | 5;

/** Why: the strongest evidence behind the kind (for confidence). */
export const E_TITLE = 1; // President Macron, Mrs. Maryam Rajavi, Facebook CEO
export const E_HEAD = 2; // ... Council, ... War
export const E_LEXICON = 3; // compromise knows the name
export const E_FIRST_NAME = 4; // starts with a first name
export const E_YEAR_EVENT = 5; // the 2009 protests
export const E_NAME_EVENT = 6; // the Free Iran rally
export const E_SHAPE = 7; // only its shape

export interface RawMention {
  block: number;
  /** Block offsets. */
  s: number;
  e: number;
  /** Token norms joined by a space: the lookup key of this form. */
  key: string;
  /** The name as written (soft hyphens removed), without title or possessive. */
  surface: string;
  tokens: number;
  kind: Kind;
  evidence: number;
  /** Not a reliable place: sentence start, headline, all-capitals line. */
  weak: boolean;
  /** In a headline or all-capitals line. */
  headline: boolean;
  /** Context cues (counts): organisation, person, place. */
  orgCue: number;
  personCue: number;
  placeCue: number;
  /** For events: the year written with it, if any. */
  year?: string;
  /** For events: the event noun ("protests", "war"), lower case. */
  eventNoun?: string;
  /** Index of the first token, for ordering. */
  order: number;
  /** One word written in capitals ("MEK", "EU"). */
  upper: boolean;
  /** A common word written with a capital ("the Government", "Labor"): needs a clear cue. */
  common?: boolean;
}


interface Ctx {
  lex: Lexicon;
  lower: Set<string>;
  out: RawMention[];
  blockIndex: number;
  block: Block;
  tokens: Token[];
  flagCache: Map<string, number>;
}

function flagsOf(ctx: Ctx, t: Token): number {
  let f = ctx.flagCache.get(t.norm);
  if (f === undefined) {
    f = ctx.lex.flags(t.norm.endsWith('.') && t.norm.length > 2 ? t.norm.slice(0, -1) : t.norm);
    if (f === 0 && t.norm.includes('-')) {
      // "al-Qaeda": compromise's "al qaeda"; "Attorney-General": the last part decides titles and heads.
      f = ctx.lex.phraseFlags(t.norm.replace(/-/g, ' ')) & (W_ORG | W_PERSON | W_PLACE);
      if (f === 0) {
        const last = t.norm.slice(t.norm.lastIndexOf('-') + 1);
        f = ctx.lex.flags(last) & (W_TITLE | W_ORG_HEAD | W_EVENT_HEAD);
      }
    }
    ctx.flagCache.set(t.norm, f);
  }
  return f;
}

/** A common word: compromise knows it as one, or the document writes it in lower case. */
function isCommon(ctx: Ctx, t: Token, f: number): boolean {
  if (f & W_COMMON || ctx.lower.has(t.norm)) return true;
  if (f & (W_FIRST | W_LAST | W_PERSON | W_ORG)) return false;
  return t.norm.length >= 6 && COMMON_SUFFIX.test(t.norm);
}

function isNameToken(t: Token | undefined): boolean {
  return !!t && (t.shape === SHAPE_CAP || t.shape === SHAPE_UPPER);
}

export function detectBlock(
  lex: Lexicon,
  lower: Set<string>,
  blockIndex: number,
  bt: BlockTokens,
  out: RawMention[],
  flagCache: Map<string, number>,
): void {
  const ctx: Ctx = { lex, lower, out, blockIndex, block: bt.block, tokens: bt.tokens, flagCache };
  const firstOut = out.length;
  const T = bt.tokens;
  const n = T.length;
  let i = 0;
  while (i < n) {
    const t = T[i]!;
    // Year events: "the 2009 protests", "the 1988 massacre", "the 2015 nuclear agreement".
    if (t.year) {
      const used = yearEvent(ctx, i);
      if (used > i) {
        i = used;
        continue;
      }
    }
    if (!isNameToken(t)) {
      // A particle may open a surname ("de Miranda"): handled at resolution (alias scan).
      i++;
      continue;
    }
    // A compound adjective: "L.A.-based", "U.S.-led".
    const h = T[i + 1];
    if (h && h.text === '-' && h.s === t.e && T[i + 2]?.shape === SHAPE_LOWER && T[i + 2]!.s === h.e) {
      i += 3;
      continue;
    }
    const j = extendRun(ctx, i);
    // Name + event noun: "the Free Iran rally", "the Madrid peace talks".
    const ev = nameEvent(ctx, i, j);
    if (ev > j) {
      i = ev;
      continue;
    }
    processRun(ctx, i, j);
    i = j;
  }
  coordinate(ctx, firstOut);
}

/**
 * Lists: a name listed with organisations ("the Christian Science Monitor, GlobalPost and The
 * National"; "Fethi Belaid/AFP/Getty Images") is likely one too; with people, a person.
 */
function coordinate(ctx: Ctx, from: number): void {
  const out = ctx.out;
  const T = ctx.tokens;
  for (let k = from; k + 1 < out.length; k++) {
    const x = out[k]!;
    const y = out[k + 1]!;
    // Only separators between them: ",", "/", "and", "or".
    let q = x.order + x.tokens;
    const yStart = y.order;
    let ok = q < yStart;
    while (ok && q < yStart) {
      const t = T[q]!;
      if (!(t.text === ',' || t.text === '/' || t.norm === 'and' || t.norm === 'or')) ok = false;
      q++;
    }
    if (!ok || yStart - (x.order + x.tokens) > 2) continue;
    const isOrg = (m: RawMention) => m.kind === K_ORG && m.evidence !== E_SHAPE;
    const isPerson = (m: RawMention) => m.kind === K_PERSON && m.evidence !== E_SHAPE;
    if (isOrg(x) && y.kind !== K_PERSON) y.orgCue += 1;
    if (isOrg(y) && x.kind !== K_PERSON) x.orgCue += 1;
    if (isPerson(x) && y.kind === K_PROPER) y.personCue += 0.5;
    if (isPerson(y) && x.kind === K_PROPER) x.personCue += 0.5;
  }
}

const POSS_CONTINUE_MAX = 4;

/** End (exclusive) of the run of name tokens starting at i. */
function extendRun(ctx: Ctx, i: number): number {
  const T = ctx.tokens;
  let j = i;
  for (;;) {
    const tok = T[j]!;
    j++;
    if (tok.poss) {
      // "People’s Mojahedin Organization", "World’s Fair": a common word's possessive inside a
      // name that ends with a head. Otherwise the possessive ends the name ("Iran’s").
      const f = flagsOf(ctx, tok);
      if (isCommon(ctx, tok, f) && !(f & (W_PLACE | W_FIRST | W_LAST | W_PERSON | W_ORG))) {
        let k = j;
        let head = false;
        while (k < T.length && k - j < POSS_CONTINUE_MAX && isNameToken(T[k]) && !T[k]!.initial) {
          const fk = flagsOf(ctx, T[k]!);
          if (fk & (W_ORG_HEAD | W_EVENT_HEAD)) head = true;
          if (T[k]!.poss) break;
          k++;
        }
        if (head) continue;
      }
      return j;
    }
    const next = T[j];
    if (!next || next.initial) return j;
    if (isNameToken(next)) continue;
    if (next.shape === SHAPE_LOWER) {
      // Connectors: "of", "for", "on", "and", "the" (after of/for/on), particles.
      const isConn = NAME_CONNECTORS.has(next.norm) || NAME_PARTICLES.has(next.norm);
      if (!isConn) return j;
      let k = j + 1;
      if ((next.norm === 'of' || next.norm === 'for' || next.norm === 'on') && T[k] && (T[k]!.norm === 'the' || T[k]!.norm === 'a') && T[k]!.shape === SHAPE_LOWER) k++;
      if ((next.norm === 'the' || next.norm === 'a') ) return j;
      const after = T[k];
      if (after && isNameToken(after) && !after.initial) {
        j = k;
        continue;
      }
      return j;
    }
    if (next.shape === SHAPE_NUM && /^(?:[IVX]+|\d)$/.test(next.text) === false) return j;
    return j;
  }
}

function isTitleToken(ctx: Ctx, t: Token): boolean {
  return (flagsOf(ctx, t) & (W_TITLE | W_HONORIFIC)) !== 0;
}

/** Could this token be part of a person's name? */
function personish(ctx: Ctx, t: Token): boolean {
  if (t.initialLetter && t.shape !== SHAPE_UPPER) return true;
  if (t.initialLetter) return t.text.length <= 5; // H.W.
  if (t.shape !== SHAPE_CAP) return false;
  const f = flagsOf(ctx, t);
  if (f & (W_FIRST | W_LAST | W_PERSON)) return !(f & (W_TITLE | W_ORG_HEAD | W_EVENT_HEAD | W_DATE)) || !!(f & (W_FIRST | W_LAST));
  if (f & (W_TITLE | W_ORG_HEAD | W_EVENT_HEAD | W_LAW_HEAD | W_PLACE_HEAD | W_FUNCTION | W_DATE | W_PLACE | W_DEMONYM | W_TITLE_MOD)) return false;
  return true;
}

/** Emit the names inside the run [i, j). */
function processRun(ctx: Ctx, i: number, j: number): void {
  const T = ctx.tokens;
  let a = i;
  let b = j;
  // Leading closed-class words ("The", "However", "In") and dates ("Tuesday"); trailing dates
  // ("Erin Cunningham March 18").
  while (a < b) {
    const t = T[a]!;
    const f = flagsOf(ctx, t);
    if (t.shape === SHAPE_LOWER || f & W_FUNCTION || (f & W_DATE && !(f & (W_FIRST | W_LAST)))) a++;
    else break;
  }
  while (b > a) {
    const t = T[b - 1]!;
    const f = flagsOf(ctx, t);
    if (t.shape === SHAPE_LOWER || (f & W_DATE && !(f & (W_FIRST | W_LAST)) && b - a > 1)) b--;
    else break;
  }
  if (a >= b) return;
  let initial = T[a]!.initial;
  if (initial && T[a]!.shape === SHAPE_CAP) {
    const t = T[a]!;
    const f = flagsOf(ctx, t);
    const next = T[a + 1];
    if (next && next.shape === SHAPE_LOWER && /^(?:of|for|on)$/.test(next.norm) && !(f & (W_ORG_HEAD | W_TITLE | W_HONORIFIC))) {
      // "Delegates of the Northwind Trade Council": the sentence's first word is not part of
      // the name after "of" (but "Bank of England" and "Ministry of ..." are names).
      a++;
      while (a < b && T[a]!.shape === SHAPE_LOWER) a++;
      if (a >= b) return;
      initial = false;
    } else if (isCommon(ctx, t, f) && !(f & (W_TITLE | W_HONORIFIC))) {
      // A sentence-initial common word ("Security forces", "Officials said", "Skip Ad"): not a
      // name by itself; kept when it starts a headed name ("Security Council") or a first name
      // starts a person's name ("Mark Zuckerberg").
      const fl = flagsOf(ctx, T[b - 1]!);
      const headInitial = f & W_ORG_HEAD && next?.shape === SHAPE_LOWER && /^(?:of|for|on)$/.test(next.norm) && b - a >= 3;
      const headed = (b - a >= 2 && (fl & (W_ORG_HEAD | W_EVENT_HEAD)) !== 0) || headInitial;
      const firstName = f & W_FIRST && a + 1 < b && next && personish(ctx, next) && !isCommon(ctx, next, flagsOf(ctx, next));
      if (!headed && !firstName) {
        a++;
        while (a < b && T[a]!.shape === SHAPE_LOWER) a++;
        if (a >= b) return;
        initial = false;
      }
    }
  }
  splitAtAnd(ctx, a, b, initial);
}

/** Cut at "and" where it joins two names ("Bob Menendez and Marco Rubio"), not inside one ("World Travel and Tourism Council"). */
function splitAtAnd(ctx: Ctx, a: number, b: number, initial: boolean, orgHint = 0): void {
  if (a >= b) return;
  const T = ctx.tokens;
  const lastF = flagsOf(ctx, T[b - 1]!);
  const headFinal = (lastF & (W_ORG_HEAD | W_EVENT_HEAD)) !== 0 && b - a >= 2;
  const firstF = flagsOf(ctx, T[a]!);
  const headInitial = (firstF & W_ORG_HEAD) !== 0 && b - a >= 3 && T[a + 1]!.shape === SHAPE_LOWER;
  for (let k = a + 1; k < b - 1; k++) {
    const t = T[k]!;
    if (t.shape !== SHAPE_LOWER || (t.norm !== 'and' && t.norm !== '&')) continue;
    let inside = false;
    if (headFinal) inside = !hasHeadBefore(ctx, a, k) || hasConnectorAfterHead(ctx, a, k);
    else if (headInitial || hasHeadBefore(ctx, a, k)) inside = hasConnectorAfterHead(ctx, a, k);
    if (!inside) {
      // "News Corporation and Fairfax": what is coordinated with an organisation is one too.
      const leftOrg = (flagsOf(ctx, T[k - 1]!) & W_ORG_HEAD) !== 0 && k - a >= 2;
      processPart(ctx, a, k, initial, 0);
      splitAtAnd(ctx, k + 1, b, false, leftOrg ? 1 : 0);
      return;
    }
  }
  processPart(ctx, a, b, initial, orgHint);
}

/** Titles: the person is the name-like tail after the last title ("President Barack Obama",
 * "US Secretary of State Rex Tillerson", "House Foreign Affairs Committee Chairman Ed Royce",
 * "Facebook CEO Mark Zuckerberg"); what is left before the title may be an organisation. */
function processPart(ctx: Ctx, a: number, b: number, initial: boolean, orgHint = 0): void {
  if (a >= b) return;
  const T = ctx.tokens;
  // "Senator Mitch McConnell of Kentucky": the place after "of" is not part of the name.
  if (b - a >= 4 && flagsOf(ctx, T[b - 1]!) & W_PLACE) {
    let q = b - 1;
    while (q > a && T[q]!.shape !== SHAPE_LOWER && flagsOf(ctx, T[q]!) & W_PLACE) q--;
    if (q > a + 1 && T[q]!.norm === 'of' && isTitleToken(ctx, T[a]!) && !(flagsOf(ctx, T[q - 1]!) & (W_ORG_HEAD | W_TITLE | W_TITLE_MOD))) {
      processPart(ctx, a, q, initial, orgHint);
      return;
    }
  }
  let k = b;
  let words = 0;
  while (k > a) {
    const t = T[k - 1]!;
    if (t.shape === SHAPE_LOWER) {
      if (k < b && NAME_PARTICLES.has(t.norm)) {
        k--;
        continue;
      }
      break;
    }
    if (words < 4 && personish(ctx, t)) {
      k--;
      words++;
      continue;
    }
    break;
  }
  while (k < b && T[k]!.shape === SHAPE_LOWER) k++;
  // A given name that is also a common word, right after a title: "Opposition Leader Bill Shorten".
  if (k < b && k - 2 >= a && !personish(ctx, T[k - 1]!) && T[k - 1]!.shape === SHAPE_CAP && isTitleToken(ctx, T[k - 2]!)) {
    const f = flagsOf(ctx, T[k - 1]!);
    if (!(f & (W_TITLE | W_TITLE_MOD | W_ORG_HEAD | W_EVENT_HEAD | W_FUNCTION | W_PLACE | W_DEMONYM))) k--;
  }
  let personFrom = -1;
  if (k < b && k > a) {
    const before = T[k - 1]!;
    const fb = flagsOf(ctx, before);
    let titled = (fb & (W_TITLE | W_HONORIFIC)) !== 0;
    if (!titled && fb & W_TITLE_MOD) {
      for (let q = k - 2; q >= a && q >= k - 4; q--) if (isTitleToken(ctx, T[q]!)) titled = true;
    }
    if (titled) personFrom = k;
  }
  if (personFrom >= 0) {
    let l = personFrom;
    while (l > a) {
      const t = T[l - 1]!;
      const f = flagsOf(ctx, t);
      if (f & (W_TITLE | W_HONORIFIC | W_TITLE_MOD) || t.shape === SHAPE_LOWER) {
        if (f & W_ORG_HEAD && !(f & W_TITLE) && l - 1 > a) break; // "... Committee" ends the organisation
        l--;
        continue;
      }
      break;
    }
    const companyTitle = /^(?:ceo|cfo|coo|cto|chairman|chairwoman|founder|co-founder|chief|spokesman|spokeswoman|spokesperson)$/.test(T[personFrom - 1]!.norm);
    if (l > a) splitAndClassify(ctx, a, l, initial, companyTitle ? 2 : 0);
    push(ctx, personFrom, b, K_PERSON, E_TITLE, false).personCue += 2;
    return;
  }
  // Trailing titles without a name after them: "the Boeing CEO", "Zimbabwe President".
  let trailingCompanyTitle = false;
  while (b - a >= 2) {
    const t = T[b - 1]!;
    const f = flagsOf(ctx, t);
    if (!(f & (W_TITLE | W_HONORIFIC)) || f & (W_ORG_HEAD | W_EVENT_HEAD)) break;
    if (/^(?:ceo|cfo|coo|cto|chairman|chairwoman|founder|co-founder|chief|spokesman|spokeswoman|spokesperson|president|director)$/.test(t.norm)) trailingCompanyTitle = true;
    b--;
    while (b > a && flagsOf(ctx, T[b - 1]!) & W_TITLE_MOD && !(flagsOf(ctx, T[b - 1]!) & W_ORG_HEAD)) b--;
  }
  if (b <= a) return;
  if (trailingCompanyTitle) orgHint += 1;
  // Only titles ("Prime Minister", "Supreme Leader"): no name.
  let title = false;
  let other = false;
  for (let q = a; q < b; q++) {
    const f = flagsOf(ctx, T[q]!);
    if (f & (W_TITLE | W_HONORIFIC)) title = true;
    else if (!(f & W_TITLE_MOD) && T[q]!.shape !== SHAPE_LOWER) other = true;
  }
  if (title && !other) return;
  splitAndClassify(ctx, a, b, initial, orgHint);
}

function hasHeadBefore(ctx: Ctx, a: number, k: number): boolean {
  for (let q = a; q < k; q++) if (flagsOf(ctx, ctx.tokens[q]!) & (W_ORG_HEAD | W_EVENT_HEAD)) return true;
  return false;
}

/** Cut at "of" / "for" / "on" where they join two names ("Mitch McConnell of Kentucky") rather than build one ("Council on Foreign Relations"). */
function splitAndClassify(ctx: Ctx, a: number, b: number, initial: boolean, orgHint: number): void {
  if (a >= b) return;
  const T = ctx.tokens;
  const lastF = flagsOf(ctx, T[b - 1]!);
  const headFinal = (lastF & (W_ORG_HEAD | W_EVENT_HEAD)) !== 0 && b - a >= 2;
  for (let k = a + 1; k < b - 1; k++) {
    const t = T[k]!;
    if (t.shape !== SHAPE_LOWER) continue;
    const w = t.norm;
    if (w !== 'of' && w !== 'for' && w !== 'on') continue;
    // "of" also sits inside head-final names: "Century of Progress Exposition".
    const keep = hasHeadBefore(ctx, a, k) || (w === 'of' && headFinal);
    if (!keep) {
      splitAndClassify(ctx, a, k, initial, orgHint);
      let s = k + 1;
      while (s < b && T[s]!.shape === SHAPE_LOWER) s++;
      if (s < b) splitAndClassify(ctx, s, b, false, 0);
      return;
    }
  }
  classifySegment(ctx, a, b, initial, orgHint);
}

function hasConnectorAfterHead(ctx: Ctx, a: number, k: number): boolean {
  const T = ctx.tokens;
  let sawHead = false;
  for (let q = a; q < k; q++) {
    const t = T[q]!;
    if (flagsOf(ctx, t) & W_ORG_HEAD) sawHead = true;
    else if (sawHead && t.shape === SHAPE_LOWER && (t.norm === 'of' || t.norm === 'for' || t.norm === 'on')) return true;
  }
  return false;
}

function surfaceOf(ctx: Ctx, a: number, b: number): string {
  const T = ctx.tokens;
  return ctx.block.text.slice(T[a]!.s, T[b - 1]!.e).replace(/\u00AD/g, '').replace(/\s+/g, ' ');
}

function keyOf(ctx: Ctx, a: number, b: number): string {
  const T = ctx.tokens;
  let k = T[a]!.norm;
  for (let q = a + 1; q < b; q++) k += ` ${T[q]!.norm}`;
  return k;
}

function push(ctx: Ctx, a: number, b: number, kind: Kind, evidence: number, weak: boolean, extra?: Partial<RawMention>): RawMention {
  const T = ctx.tokens;
  const m: RawMention = {
    block: ctx.blockIndex,
    s: T[a]!.s,
    e: T[b - 1]!.e,
    key: keyOf(ctx, a, b),
    surface: surfaceOf(ctx, a, b),
    tokens: b - a,
    kind,
    evidence,
    weak,
    headline: ctx.block.headline,
    orgCue: 0,
    personCue: 0,
    placeCue: 0,
    order: a,
    upper: b - a === 1 && T[a]!.shape === SHAPE_UPPER,
    ...extra,
  };
  cues(ctx, a, b, m);
  ctx.out.push(m);
  return m;
}

/** Decide what the segment [a, b) is. */
function classifySegment(ctx: Ctx, a: number, b: number, initial: boolean, orgHint: number): void {
  const T = ctx.tokens;
  const lex = ctx.lex;
  while (a < b && (T[a]!.shape === SHAPE_LOWER || flagsOf(ctx, T[a]!) & W_FUNCTION)) a++;
  while (b > a && T[b - 1]!.shape === SHAPE_LOWER) b--;
  if (a >= b) return;
  const n = b - a;
  // A single word at a sentence start proves nothing; a longer name does (its first word was
  // checked not to be a common word).
  const weak = ctx.block.headline || (initial && n === 1 && T[a]!.initial);
  const first = T[a]!;
  const last = T[b - 1]!;
  const ff = flagsOf(ctx, first);
  const lf = flagsOf(ctx, last);
  // "The Post", "The National": a capitalised "The" inside a sentence opens a title.
  const prev = T[a - 1];
  const theCap = !!prev && prev.norm === 'the' && prev.shape === SHAPE_CAP && !prev.initial && !ctx.block.headline;

  // Phrases compromise knows ("barack obama", "al qaeda", "amnesty international").
  if (n >= 2 && n <= lex.maxPhraseWords) {
    const pf = lex.phraseFlags(keyOf(ctx, a, b).replace(/-/g, ' ').replace(/\./g, ''));
    if (pf & W_PERSON) return void push(ctx, a, b, K_PERSON, E_LEXICON, weak);
    if (pf & W_ORG) return void push(ctx, a, b, K_ORG, E_LEXICON, weak);
    if (pf & W_PLACE) return;
  }

  if (n === 1) return classifyWord(ctx, a, weak, orgHint, theCap);

  // Laws and places: not ours.
  if (lf & W_LAW_HEAD && !(lf & (W_ORG_HEAD | W_EVENT_HEAD))) return;
  if (lf & W_PLACE_HEAD && !(lf & (W_ORG_HEAD | W_EVENT_HEAD))) return;

  // Events: "Arab Spring", "Iran-Iraq War", "World War II", "Paris Motor Show".
  let eventEnd = b;
  if (/^(?:i|ii|iii|iv|v|1|2)$/.test(last.norm) && n >= 3 && flagsOf(ctx, T[b - 2]!) & W_EVENT_HEAD) eventEnd = b - 1;
  const ef = flagsOf(ctx, T[eventEnd - 1]!);
  if (ef & W_EVENT_HEAD && !(ff & (W_TITLE | W_HONORIFIC))) {
    return void push(ctx, a, b, K_EVENT, E_HEAD, weak, { eventNoun: normEventNoun(T[eventEnd - 1]!.norm) });
  }
  // Organisations: "... Council", "Ministry of ...", "University of ...".
  const headInitial = ff & W_ORG_HEAD && n >= 3 && T[a + 1]!.shape === SHAPE_LOWER && /^(?:of|for|on)$/.test(T[a + 1]!.norm);
  if (lf & W_ORG_HEAD || headInitial || hasConnectorAfterHead(ctx, a, b)) return void push(ctx, a, b, K_ORG, E_HEAD, weak, { orgCue: orgHint });

  let placeTokens = 0;
  let commonTokens = 0;
  let upperTokens = 0;
  let nameTokens = 0;
  let personOk = first.shape === SHAPE_CAP || first.initialLetter;
  for (let q = a; q < b; q++) {
    const t = T[q]!;
    if (t.shape === SHAPE_LOWER) {
      if (!NAME_PARTICLES.has(t.norm)) personOk = false;
      continue;
    }
    nameTokens++;
    const f = flagsOf(ctx, t);
    if (f & W_PLACE && !(f & (W_FIRST | W_LAST | W_PERSON))) placeTokens++;
    if (isCommon(ctx, t, f) && !(f & (W_FIRST | W_LAST | W_PERSON))) commonTokens++;
    if (t.shape === SHAPE_UPPER && !t.initialLetter) upperTokens++;
    if (!personish(ctx, t) && !(f & (W_FIRST | W_LAST))) personOk = false;
  }
  if (ff & W_DEMONYM && !(ff & (W_FIRST | W_LAST))) return; // "Iranian Resistance", "Tunisian Islamists"
  if (lex.isGroupWord(last.norm)) return; // "a Virginia Democrat"
  if (lf & W_DEMONYM && !(lf & (W_FIRST | W_LAST))) return; // "Arab Israeli citizens"
  // People: "Maryam Rajavi", "Donald J. Trump", "Osama bin Laden", "Kim Yong-hyun".
  const firstName = (ff & W_FIRST) !== 0 && !(ff & W_PLACE);
  // Many surnames are place names too ("Edwin Harrow", "George Washington").
  if (firstName && placeTokens > 0 && !(lf & W_DEMONYM)) {
    let placesAfterFirst = 0;
    let nonPersonish = false;
    for (let q = a + 1; q < b; q++) {
      const t = T[q]!;
      if (t.shape === SHAPE_LOWER) continue;
      const f = flagsOf(ctx, t);
      if (f & W_PLACE) placesAfterFirst++;
      else if (!personish(ctx, t)) nonPersonish = true;
    }
    if (!nonPersonish && placesAfterFirst === placeTokens && upperTokens === 0 && nameTokens <= 4) {
      return void push(ctx, a, b, K_PERSON, E_FIRST_NAME, weak);
    }
  }
  if (personOk && nameTokens >= 2 && nameTokens <= 4 && upperTokens === 0 && placeTokens === 0) {
    const lastCommon = isCommon(ctx, last, lf) && !(lf & (W_LAST | W_PERSON));
    if (firstName && !lastCommon) return void push(ctx, a, b, K_PERSON, E_FIRST_NAME, weak);
    if (lf & (W_LAST | W_PERSON)) return void push(ctx, a, b, K_PERSON, E_LEXICON, weak);
    if (commonTokens === 0) {
      // Shaped like a name, nothing known: a person unless the context says otherwise.
      return void push(ctx, a, b, K_PROPER, E_SHAPE, weak, { personCue: 1, orgCue: orgHint });
    }
  }
  if (placeTokens > 0) return;
  if (upperTokens > 0 && commonTokens < n) return void push(ctx, a, b, K_ORG, E_SHAPE, weak, { orgCue: orgHint });
  if (commonTokens >= nameTokens) return;
  // An unknown capitalised phrase: its type comes from cues and the rest of the page.
  push(ctx, a, b, K_PROPER, E_SHAPE, weak, { orgCue: orgHint });
}

/** One capitalised word (or acronym). */
function classifyWord(ctx: Ctx, a: number, weak: boolean, orgHint: number, theCap: boolean): void {
  const T = ctx.tokens;
  const lex = ctx.lex;
  const t = T[a]!;
  const f = flagsOf(ctx, t);
  if (t.shape === SHAPE_UPPER) {
    const bare = t.norm.replace(/\./g, '');
    if (bare.length < 2 || bare.length > 7) return;
    if (lex.isNotAcronym(bare) || lex.isNotAcronym(t.norm)) return;
    const bf = lex.flags(bare);
    if (bf & (W_PLACE | W_DEMONYM)) return;
    if (bf & W_ORG) return void push(ctx, a, a + 1, K_ORG, E_LEXICON, weak);
    // An all-capitals common word ("ADVERTISING", "AS"): a name only if the page defines it.
    if (bf & (W_COMMON | W_FUNCTION) && !t.initialLetter) return void push(ctx, a, a + 1, K_ACRONYM, E_SHAPE, true);
    if (t.initialLetter && !/^(?:[a-z]\.){2,4}$/.test(t.norm)) return;
    return void push(ctx, a, a + 1, K_ACRONYM, E_SHAPE, weak, { orgCue: orgHint });
  }
  if (t.initialLetter) return;
  if (theCap) {
    // "The Post", "The National", "The Atlantic": a publication or a body.
    if (!(f & (W_PLACE | W_DEMONYM | W_FIRST | W_LAST | W_PERSON))) return void push(ctx, a - 1, a + 1, K_PROPER, E_SHAPE, weak, { orgCue: 1.5 + orgHint });
  }
  if (f & (W_PLACE | W_DEMONYM) && !(f & (W_ORG | W_PERSON | W_LAST))) return;
  if (f & W_DATE && !(f & (W_FIRST | W_LAST))) return;
  if (lex.isGroupWord(t.norm)) return;
  // An adjective of nationality or religion before a noun: "the Turkish president".
  const next = T[a + 1];
  if (
    /(?:ish|ese|ian|ean|an|ic)$/.test(t.norm) &&
    next &&
    next.shape === SHAPE_LOWER &&
    !(flagsOf(ctx, next) & W_FUNCTION) &&
    !lex.isSpeechVerb(next.norm) &&
    !t.poss
  ) {
    return;
  }
  if (f & W_ORG) return void push(ctx, a, a + 1, K_ORG, E_LEXICON, weak, { orgCue: orgHint });
  if (f & W_ORG_HEAD && /^(?:congress|senate|parliament|house|fed|knesset|duma)$/.test(t.norm)) {
    if (weak) return;
    return void push(ctx, a, a + 1, K_ORG, E_HEAD, weak);
  }
  const common = isCommon(ctx, t, f);
  if (f & (W_TITLE | W_HONORIFIC | W_LAW_HEAD | W_PLACE_HEAD | W_EVENT_HEAD | W_ORG_HEAD) && common) return;
  if (common && !(f & (W_LAST | W_PERSON))) {
    // A capitalised common word mid-sentence ("Caption", "the Government"): a name only if the
    // page names it so elsewhere, or the context is clear.
    return void push(ctx, a, a + 1, K_PROPER, E_SHAPE, weak, { orgCue: orgHint, common: true });
  }
  if (f & (W_LAST | W_PERSON)) return void push(ctx, a, a + 1, K_PERSON, E_LEXICON, weak);
  // Plural groups of people: "Tunisians", "Islamists".
  if (/(?:ists|ians|ites|ans)$/.test(t.norm)) return;
  // Unknown, or only a first name ("Grace", "Roman"): the context and the page decide.
  push(ctx, a, a + 1, K_PROPER, E_SHAPE, weak, { orgCue: orgHint + (/-\p{Lu}{2,}/u.test(t.text) ? 1 : 0) });
}

const EVENT_SYNONYM: Record<string, string> = {
  protest: 'protests', protests: 'protests', uprising: 'protests', uprisings: 'protests', demonstrations: 'protests', unrest: 'protests',
  revolt: 'protests', riots: 'protests', rebellion: 'protests', insurrection: 'protests',
  election: 'election', elections: 'election', vote: 'election', referendum: 'election',
  agreement: 'agreement', agreements: 'agreement', deal: 'agreement', accord: 'agreement', accords: 'agreement', treaty: 'agreement',
  war: 'war', wars: 'war', conflict: 'war',
  massacre: 'massacre', massacres: 'massacre', genocide: 'massacre',
  rally: 'rally', rallies: 'rally',
};

export function normEventNoun(w: string): string {
  return EVENT_SYNONYM[w] ?? w;
}

/** "the 2009 protests", "the 2015 nuclear agreement", "the 1939 World’s Fair". Returns the token after it, or i. */
function yearEvent(ctx: Ctx, i: number): number {
  const T = ctx.tokens;
  const lex = ctx.lex;
  const prev = T[i - 1];
  const detOk =
    !!prev &&
    ((prev.shape !== SHAPE_PUNCT && /^(?:the|a|an|this|that|its|his|her|their|our|whose)$/.test(prev.norm)) || (prev.poss && prev.shape !== SHAPE_PUNCT));
  if (!detOk) return i;
  // Year + lower-case modifiers + event noun.
  let k = i + 1;
  let mods = 0;
  while (k < T.length && mods <= 2) {
    const t = T[k]!;
    if (t.shape !== SHAPE_LOWER) break;
    if (lex.isEventNoun(t.norm)) {
      push(ctx, i, k + 1, K_EVENT, E_YEAR_EVENT, ctx.block.headline, { year: T[i]!.text, eventNoun: normEventNoun(t.norm) });
      return k + 1;
    }
    const f = flagsOf(ctx, t);
    if (f & W_FUNCTION) break;
    mods++;
    k++;
  }
  // Year + capitalised event name: "1939 World’s Fair", "1979 Iranian Revolution".
  const nt = T[i + 1];
  if (nt && isNameToken(nt) && !nt.initial) {
    const j = extendRun(ctx, i + 1);
    const ef = flagsOf(ctx, T[j - 1]!);
    if (ef & W_EVENT_HEAD) {
      push(ctx, i, j, K_EVENT, E_YEAR_EVENT, ctx.block.headline, { year: T[i]!.text, eventNoun: normEventNoun(T[j - 1]!.norm) });
      push(ctx, i + 1, j, K_EVENT, E_HEAD, ctx.block.headline, { eventNoun: normEventNoun(T[j - 1]!.norm) });
      return j;
    }
  }
  return i;
}

/** "the Free Iran rally", "the Madrid peace talks", "the Iran nuclear deal": returns the token after it, or j. */
function nameEvent(ctx: Ctx, i: number, j: number): number {
  const T = ctx.tokens;
  const lex = ctx.lex;
  const prev = T[i - 1];
  const detOk =
    !!prev &&
    ((prev.shape !== SHAPE_PUNCT && /^(?:the|this|that|its|his|her|their|our|last|next)$/.test(prev.norm)) || (prev.poss && prev.shape !== SHAPE_PUNCT));
  if (!detOk) return j;
  // The name must not be a date, a person with a title, or one all-capitals word.
  for (let q = i; q < j; q++) {
    const f = flagsOf(ctx, T[q]!);
    if (f & (W_DATE | W_TITLE | W_HONORIFIC) && !(f & W_PLACE)) return j;
  }
  let k = j;
  let mods = 0;
  while (k < T.length && mods <= 1) {
    const t = T[k]!;
    if (t.shape !== SHAPE_LOWER) return j;
    if (lex.isEventNoun(t.norm)) {
      if (lex.eventNounNeedsModifier(t.norm) && mods === 0) return j;
      // Skip the run's own leading closed-class words ("the The ...").
      push(ctx, i, k + 1, K_EVENT, E_NAME_EVENT, ctx.block.headline, { eventNoun: normEventNoun(t.norm) });
      return k + 1;
    }
    const f = flagsOf(ctx, t);
    if (f & W_FUNCTION || !(f & W_COMMON) && !ctx.lower.has(t.norm)) return j;
    mods++;
    k++;
  }
  return j;
}

const ORG_VERBS_BEFORE = /^(?:acquire|acquired|acquiring|buy|bought|buying|sell|sold|join|joined|joins|joining|at|according|by)$/;
const PLACE_PREPS_BEFORE = /^(?:in|from|near|to|across|into|towards|toward|throughout|outside|inside|around|visit|visited|visiting)$/;
const ORG_APPOSITION = /^(?:organization|organisation|group|party|company|firm|agency|movement|militia|faction|network|newspaper|broadcaster|coalition|alliance|union|association|foundation|institute|charity|bank|startup|club|body|council|committee|outlet|website|publication|magazine|channel|engine|app|retailer|carrier|airline|insurer|automaker|carmaker|conglomerate|publisher|studio|label|maker|manufacturer)$/;

/** Context cues around the name [a, b). */
function cues(ctx: Ctx, a: number, b: number, m: RawMention): void {
  const T = ctx.tokens;
  const lex = ctx.lex;
  const p1 = T[a - 1];
  const p2 = T[a - 2];
  const n1 = T[b];
  const n2 = T[b + 1];
  const last = T[b - 1]!;
  // "the BBC", "the MEK": a name after "the" that heads its phrase (not "the Bardo museum").
  if (p1 && p1.norm === 'the' && p1.shape !== SHAPE_PUNCT && !last.poss && !m.common) {
    const nf = n1 && n1.shape === SHAPE_LOWER ? flagsOf(ctx, n1) : 0;
    if (!(nf & W_NOUN) || nf & W_ROLE) m.orgCue += 1;
  }
  // "the search engine Mozilla", "the newspaper Le Monde".
  if (p1 && p1.shape === SHAPE_LOWER && ORG_APPOSITION.test(p1.norm)) m.orgCue += 1.5;
  if (p1 && p1.shape === SHAPE_LOWER) {
    const f = flagsOf(ctx, p1);
    if (f & (W_ROLE | W_TITLE | W_HONORIFIC) && !(f & W_FUNCTION)) m.personCue += 2;
    if (p1.norm === 'by') {
      if (m.kind === K_PERSON || m.personCue > 0) m.personCue += 1;
      else m.orgCue += 0.5;
    } else if (ORG_VERBS_BEFORE.test(p1.norm)) m.orgCue += p1.norm === 'at' ? 0.5 : 1;
    if (PLACE_PREPS_BEFORE.test(p1.norm)) m.placeCue += p1.norm === 'in' ? 0.5 : 1;
    if (p1.norm === 'to' && p2?.norm === 'according') {
      m.placeCue -= 1;
      m.orgCue += 1;
    }
    if (p1.norm === 'of' && p2 && p2.shape === SHAPE_LOWER && lex.isOrgOfNoun(p2.norm)) m.orgCue += 1;
  }
  if (p1 && p1.text === ',' && p2 && p2.shape === SHAPE_LOWER && flagsOf(ctx, p2) & W_ROLE) m.personCue += 1;
  // Photo credits and alternatives: "Thomas Coex/AFP/Getty Images", "PMOI/MEK".
  if (m.kind === K_ACRONYM && ((p1 && p1.text === '/') || (n1 && n1.text === '/'))) m.orgCue += 0.5;
  if (last.poss) {
    if (n1 && n1.shape === SHAPE_LOWER) {
      if (lex.isOrgNounAfter(n1.norm)) m.orgCue += 1.5;
      if (/^(?:capital|economy|coast|border|people|citizens|population|prime|parliament|army|military)$/.test(n1.norm)) m.placeCue += 1;
      if (/^(?:wife|husband|son|daughter|father|mother|brother|sister|family|death|life|career|childhood|widow)$/.test(n1.norm)) m.personCue += 2;
    }
    return;
  }
  if (!n1) return;
  if (n1.shape === SHAPE_LOWER) {
    // A name right before a noun is used as a modifier ("Arab Israeli citizens", "the Yahoo
    // deal"): people seldom are.
    const nf = flagsOf(ctx, n1);
    if (nf & W_NOUN && !(nf & (W_ROLE | W_FUNCTION))) m.personCue -= 1;
    if (lex.isOrgNounAfter(n1.norm)) m.orgCue += 1.5;
    if (lex.isPlaceNounAfter(n1.norm) || lex.isFacilityNoun(n1.norm)) m.placeCue += 1;
    if (lex.isSpeechVerb(n1.norm)) {
      m.personCue += 0.5;
      m.placeCue -= 0.5;
    }
    if (n1.norm === 'who') m.personCue += 2;
    if (n1.norm === 'which') m.orgCue += 0.5;
  } else if (n1.text === ',' && n2) {
    if (n2.norm === 'who') m.personCue += 2;
    else if (n2.norm === 'which') m.orgCue += 0.5;
    else if (n2.shape === SHAPE_NUM && /^\d{2}$/.test(n2.text) && T[b + 2]?.text === ',') m.personCue += 2; // "Yoon, 63,"
    else if (n2.shape === SHAPE_LOWER && /^(?:the|a|an|its|his|her)$/.test(n2.norm)) {
      // ", the IRGC commander", ", a member of", ", an al-Qaeda-linked organization".
      for (let q = b + 2; q < T.length && q <= b + 6; q++) {
        const t = T[q]!;
        if (t.shape === SHAPE_PUNCT) break;
        if (t.shape !== SHAPE_LOWER) continue;
        if (ORG_APPOSITION.test(t.norm)) {
          m.orgCue += 2;
          break;
        }
        const f = flagsOf(ctx, t);
        if (f & W_ROLE) {
          m.personCue += 1.5;
          break;
        }
        if (f & W_FUNCTION) break;
      }
    }
  } else if (n1.shape === SHAPE_CAP || n1.shape === SHAPE_UPPER) {
    const f = flagsOf(ctx, n1);
    if (/^(?:ceo|inc\.?|corp\.?|ltd\.?|plc)$/.test(n1.norm)) m.orgCue += 2;
    else if (f & W_TITLE && !(f & W_FIRST)) m.orgCue += 0.5;
  } else if (n1.text === '(' && n2 && n2.shape === SHAPE_UPPER) {
    m.orgCue += 0.5; // "National Council of Resistance of Iran (NCRI)"
  } else if (n1.text === ')' && p1?.text === '(' && b - a === 1) {
    // A credit at the end of a caption: "... most of them foreign tourists. (Reuters)".
    let q = b + 1;
    while (q < T.length && T[q]!.shape === SHAPE_PUNCT) q++;
    if (q >= T.length && T[a - 2]?.shape === SHAPE_PUNCT) m.orgCue += 1.5;
  }
}
