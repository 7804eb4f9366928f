/**
 * The state of detection in one block (pass 1), and what every detection step asks of it: a
 * token's word flags (compromise's lexicon, cached per page), whether a word is common, could be
 * part of a person's name or is a title, where organisation heads stand in a span; and emit(),
 * the one way a step records a name, which runs the context cues (cues.ts) on it.
 */
import { COMMON_SUFFIX, W_COMMON, W_DATE, W_DEMONYM, W_EVENT_HEAD, W_FIRST, W_FREQUENT, W_FUNCTION, W_HONORIFIC, W_LAST, W_LAW_HEAD, W_ORG, W_ORG_HEAD, W_PERSON, W_PLACE, W_PLACE_HEAD, W_TITLE, W_TITLE_MOD, type Lexicon } from './lexicon';
import type { Kind, RawMention } from './raw-mention';
import { writtenForm } from '../fold';
import { SHAPE_CAP, SHAPE_LOWER, SHAPE_NUM, SHAPE_UPPER, type Block, type Token } from './tokenize';

/** A context cue: looks around the name [a, b) and adds to the mention's cue counts. */
export type CueRule = (ctx: BlockContext, a: number, b: number, m: RawMention) => void;

export interface BlockContext {
  lex: Lexicon;
  /** Words the page writes in lower case somewhere. */
  lower: Set<string>;
  /** Where the names go (the page's list: blocks append in order). */
  out: RawMention[];
  blockIndex: number;
  block: Block;
  tokens: Token[];
  /** The flags worked out for hyphenated words ("al-qaeda"), by token norm, shared by the page's blocks (a token keeps its own: Token.flags). */
  flagCache: Map<string, number>;
  /** The cues emit() runs on each name, in order. */
  cueRules: readonly CueRule[];
}

/** The lexicon's flags of a token (an abbreviation's dot dropped; hyphenated words by their phrase or last part). */
export function flagsOf(ctx: BlockContext, t: Token): number {
  if (t.flags >= 0) return t.flags;
  const norm = t.norm;
  let f = ctx.lex.flags(norm.endsWith('.') && norm.length > 2 ? norm.slice(0, -1) : norm);
  if (f === 0 && norm.includes('-')) {
    // "al-Qaeda": compromise's "al qaeda"; "Attorney-General": the last part decides titles and
    // heads. Worked out once a page per word (the only look-ups worth a cache of their own).
    const known = ctx.flagCache.get(norm);
    if (known !== undefined) f = known;
    else {
      f = ctx.lex.phraseFlags(norm.replace(/-/g, ' ')) & (W_ORG | W_PERSON | W_PLACE);
      if (f === 0) f = ctx.lex.flags(norm.slice(norm.lastIndexOf('-') + 1)) & (W_TITLE | W_ORG_HEAD | W_EVENT_HEAD);
      ctx.flagCache.set(norm, f);
    }
  }
  t.flags = f;
  return f;
}

/** A common word: compromise knows it as one, or the document writes it in lower case. */
export function isCommon(ctx: BlockContext, t: Token, f: number): boolean {
  if (f & W_COMMON || ctx.lower.has(t.norm)) return true;
  if (f & (W_FIRST | W_LAST | W_PERSON | W_ORG)) return false;
  return t.norm.length >= 6 && COMMON_SUFFIX.test(t.norm);
}

/** Capitalised or all capitals. */
export function isNameToken(t: Token | undefined): boolean {
  return !!t && (t.shape === SHAPE_CAP || t.shape === SHAPE_UPPER);
}

/** A title or an honorific ("President", "Mrs."). */
export function isTitleToken(ctx: BlockContext, t: Token): boolean {
  return (flagsOf(ctx, t) & (W_TITLE | W_HONORIFIC)) !== 0;
}

/** Could this token be part of a person's name? */
export function personish(ctx: BlockContext, t: Token): boolean {
  if (t.initialLetter && t.shape !== SHAPE_UPPER) return !(flagsOf(ctx, t) & W_HONORIFIC); // "J." yes, French "M." no
  if (t.initialLetter) return t.text.length <= 5; // H.W.
  if (t.shape !== SHAPE_CAP) return false;
  const f = flagsOf(ctx, t);
  if (f & (W_FIRST | W_LAST | W_PERSON)) return !(f & (W_TITLE | W_ORG_HEAD | W_EVENT_HEAD | W_DATE)) || !!(f & (W_FIRST | W_LAST));
  if (f & (W_TITLE | W_ORG_HEAD | W_EVENT_HEAD | W_LAW_HEAD | W_PLACE_HEAD | W_FUNCTION | W_DATE | W_PLACE | W_DEMONYM | W_TITLE_MOD)) return false;
  return true;
}

/** A score or a table figure: "2", "38", "2-1" (not a time or a decimal: "1:52.30", "44.01"). */
function isScore(t: Token | undefined): boolean {
  return !!t && t.shape === SHAPE_NUM && /^\d{1,3}(?:[-–]\d{1,3})?$/.test(t.text);
}

/**
 * The name [a, b) stands where a results line or a league table puts a team: right before a
 * score or its row's figures ("Leeds 1 Manchester United 2", "Leicester City 38 23 12"), or
 * right after a score ("Arsenal 2-1 Chelsea"). Teams there are clubs even when named after
 * their city; a time after a name ("Bode Miller 1:52.30") is a racer's.
 */
export function scoreAdjacent(ctx: BlockContext, a: number, b: number): boolean {
  if (!ctx.block.list) return false;
  const T = ctx.tokens;
  const n1 = T[b];
  if (isScore(n1) && !/^[:.,]$/.test(T[b + 1]?.text ?? '')) return true;
  // A score written with a colon ("FSV Waldau 05 2:2"); a time has more digits ("1:52.30").
  if (n1?.shape === SHAPE_NUM && /^\d$/.test(n1.text) && T[b + 1]?.text === ':' && /^\d$/.test(T[b + 2]?.text ?? '') && !/^[:.,]$/.test(T[b + 3]?.text ?? '')) return true;
  const p1 = T[a - 1];
  return isScore(p1) && /[-–]/.test(p1!.text);
}

/**
 * The name [a, b) in parentheses right after another name on a list line: a player's club in
 * a squad list ("Jamie Cole (Reading)"). A country there is the player's nation, not a club.
 */
export function affiliationInList(ctx: BlockContext, a: number, b: number): boolean {
  if (!ctx.block.list && !ctx.block.headline && /[.!?…]["”’»]?\s*$/.test(ctx.block.text)) return false; // prose, not a list item
  const T = ctx.tokens;
  // After a name, not after a common noun ("34. Spieltags (Auswahl)"); and not one of the
  // language's frequent words ("(Auswahl)": "selection"; English has no such flag: "(Reading)").
  if (b - a === 1 && flagsOf(ctx, T[a]!) & W_FREQUENT) return false;
  return T[a - 1]?.text === '(' && T[b]?.text === ')' && isNameToken(T[a - 2]) && !isCommon(ctx, T[a - 2]!, flagsOf(ctx, T[a - 2]!));
}

/** An organisation or event head among the tokens [a, k). */
export function hasHeadBefore(ctx: BlockContext, a: number, k: number): boolean {
  for (let q = a; q < k; q++) if (flagsOf(ctx, ctx.tokens[q]!) & (W_ORG_HEAD | W_EVENT_HEAD)) return true;
  return false;
}

/** An organisation head followed by "of", "for" or "on" among the tokens [a, k): "Ministry of ...", "Council on ...". */
export function hasConnectorAfterHead(ctx: BlockContext, a: number, k: number): boolean {
  const T = ctx.tokens;
  let sawHead = false;
  for (let q = a; q < k; q++) {
    const t = T[q]!;
    if (flagsOf(ctx, t) & W_ORG_HEAD) sawHead = true;
    else if (sawHead && t.shape === SHAPE_LOWER && ctx.lex.isOf(t.norm)) return true;
  }
  return false;
}

/** The lookup key of the tokens [a, b): their norms joined by a space. */
export function keyOf(ctx: BlockContext, a: number, b: number): string {
  const T = ctx.tokens;
  let k = T[a]!.norm;
  for (let q = a + 1; q < b; q++) k += ` ${T[q]!.norm}`;
  return k;
}

/** Record the name [a, b), with its cues. */
export function emit(ctx: BlockContext, a: number, b: number, kind: Kind, evidence: number, weak: boolean, extra?: Partial<RawMention>): RawMention {
  const T = ctx.tokens;
  const m: RawMention = {
    block: ctx.blockIndex,
    s: T[a]!.s,
    e: T[b - 1]!.e,
    key: keyOf(ctx, a, b),
    surface: writtenForm(ctx.block.text.slice(T[a]!.s, T[b - 1]!.e)),
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
  for (const cue of ctx.cueRules) cue(ctx, a, b, m);
  ctx.out.push(m);
  return m;
}
