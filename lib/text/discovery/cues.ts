/**
 * Context cues of detection: the words around a name that say person, organisation or place.
 * Each rule looks at one kind of context and adds to the mention's cue counts; emit()
 * (block-context.ts) runs CUE_RULES, in order, on every name. cueLists() runs once per block,
 * after all its names: names listed together share a type. Resolution sums the cues of all of
 * an entity's mentions (forms.ts, type-groups.ts). A language's own cues are a list of its own.
 */
import { affiliationInList, flagsOf, isCommon, scoreAdjacent, type BlockContext, type CueRule } from './block-context';
import { W_FIRST, W_FUNCTION, W_HONORIFIC, W_NOUN, W_ROLE, W_TITLE } from './lexicon';
import { E_SHAPE, K_ACRONYM, K_ORG, K_PERSON, K_PROPER, type RawMention } from './raw-mention';
import { SHAPE_CAP, SHAPE_LOWER, SHAPE_NUM, SHAPE_PUNCT, SHAPE_UPPER } from './tokenize';

const ORG_VERBS_BEFORE = /^(?:acquire|acquired|acquiring|buy|bought|buying|sell|sold|join|joined|joins|joining|at|according|by)$/;
/** Nouns that name what an organisation is: "the search engine X", "X, an ... organization". */
const ORG_APPOSITION = /^(?:organization|organisation|group|party|company|firm|agency|movement|militia|faction|network|newspaper|broadcaster|coalition|alliance|union|association|foundation|institute|charity|bank|startup|club|body|council|committee|outlet|website|publication|magazine|channel|engine|app|retailer|carrier|airline|insurer|automaker|carmaker|conglomerate|publisher|studio|label|maker|manufacturer|brokerage|lender|insurer|team|side|operator|developer|supplier|regulator|watchdog)$/;
/** Nouns of places before "of" / "di" / "de": "the province of X", "provincia di X", "ville de X". */
const PLACE_OF_NOUNS = /^(?:city|town|village|province|region|county|state|district|municipality|capital|ville|commune|region|departement|province|citta|comune|provincia|regione|frazione|ciudad|municipio|provincia|departamento|cidade|municipio|estado|provincia|regiao|stadt|gemeinde)$/;
const PLACE_POSSESSIONS = /^(?:capital|economy|coast|border|people|citizens|population|prime|parliament|army|military)$/;
const PERSON_POSSESSIONS = /^(?:wife|husband|son|daughter|father|mother|brother|sister|family|death|life|career|childhood|widow)$/;

/** "the BBC", "the MEK": a name after "the" that heads its phrase (not "the Gaza city council": a noun follows). */
export const cueTheName: CueRule = (ctx, a, b, m) => {
  const T = ctx.tokens;
  const p1 = T[a - 1];
  const n1 = T[b];
  if (p1 && p1.norm === 'the' && p1.shape !== SHAPE_PUNCT && !T[b - 1]!.poss && !m.common) {
    const nf = n1 && n1.shape === SHAPE_LOWER ? flagsOf(ctx, n1) : 0;
    if (!(nf & W_NOUN) || nf & W_ROLE) m.orgCue += 1;
  }
};

/** "the search engine Mozilla", "the newspaper Le Monde". */
export const cueTypeNounBefore: CueRule = (ctx, a, _b, m) => {
  const p1 = ctx.tokens[a - 1];
  if (p1 && p1.shape === SHAPE_LOWER && ORG_APPOSITION.test(p1.norm)) m.orgCue += 1.5;
};

/** The lower-case word before: a role ("the philosopher X", "his wife X"), "by", "acquired", "in", "according to", "a buyout of X". */
export const cueWordBefore: CueRule = (ctx, a, _b, m) => {
  const T = ctx.tokens;
  const p1 = T[a - 1];
  const p2 = T[a - 2];
  if (!p1 || p1.shape !== SHAPE_LOWER) return;
  const f = flagsOf(ctx, p1);
  if (f & (W_ROLE | W_TITLE | W_HONORIFIC) && !(f & W_FUNCTION)) m.personCue += 2;
  if (p1.norm === 'by') {
    if (m.kind === K_PERSON || m.personCue > 0) m.personCue += 1;
    else m.orgCue += 0.5;
  } else if (ORG_VERBS_BEFORE.test(p1.norm)) m.orgCue += p1.norm === 'at' ? 0.5 : 1;
  m.placeCue += ctx.lex.placePreposition(p1.norm);
  if (p1.norm === 'to' && p2?.norm === 'according') {
    m.placeCue -= 1;
    m.orgCue += 1;
  }
  // "the province of X", "in provincia di X", "la ville de X": a place.
  if (p2 && ctx.lex.isOf(p1.norm) && PLACE_OF_NOUNS.test(p2.norm)) m.placeCue += 1.5;
  // "shares of X", "Shares of X rose" (the noun may open the sentence).
  if (p1.norm === 'of' && p2 && p2.shape !== SHAPE_PUNCT && ctx.lex.isOrgOfNoun(p2.norm)) m.orgCue += 1;
};

/** A role and a comma before: "its chief executive, X". */
export const cueRoleAndComma: CueRule = (ctx, a, _b, m) => {
  const p1 = ctx.tokens[a - 1];
  const p2 = ctx.tokens[a - 2];
  if (p1 && p1.text === ',' && p2 && p2.shape === SHAPE_LOWER && flagsOf(ctx, p2) & W_ROLE) m.personCue += 1;
};

/** Photo credits and alternatives: "Thomas Coex/AFP/Getty Images", "PMOI/MEK". */
export const cueSlash: CueRule = (ctx, a, b, m) => {
  const p1 = ctx.tokens[a - 1];
  const n1 = ctx.tokens[b];
  if (m.kind === K_ACRONYM && ((p1 && p1.text === '/') || (n1 && n1.text === '/'))) m.orgCue += 0.5;
};

/** What a possessive name has: "X’s shareholders", "X’s capital", "X’s wife". */
export const cuePossession: CueRule = (ctx, _a, b, m) => {
  const n1 = ctx.tokens[b];
  if (!ctx.tokens[b - 1]!.poss || !n1 || n1.shape !== SHAPE_LOWER) return;
  if (ctx.lex.isOrgNounAfter(n1.norm)) m.orgCue += 1.5;
  if (PLACE_POSSESSIONS.test(n1.norm)) m.placeCue += 1;
  if (PERSON_POSSESSIONS.test(n1.norm)) m.personCue += 2;
};

/** The lower-case word after (not a possessive): "X party", "X city", "X said", "X, who" without the comma. */
export const cueWordAfter: CueRule = (ctx, _a, b, m) => {
  const n1 = ctx.tokens[b];
  if (ctx.tokens[b - 1]!.poss || !n1 || n1.shape !== SHAPE_LOWER) return;
  const lex = ctx.lex;
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
  // "the Zorbal news agency", "a Velkaro insurance company": a noun, then what the name is.
  const n2 = ctx.tokens[b + 1];
  if (n2 && n2.shape === SHAPE_LOWER && nf & W_NOUN && !(nf & W_FUNCTION) && !lex.isSpeechVerb(n1.norm) && lex.isOrgNounAfter(n2.norm) && !lex.isOrgNounAfter(n1.norm)) m.orgCue += 1.5;
  // "Velkaro said in a statement": bodies speak in statements; a one-word name there is more
  // often a company or an agency than a person.
  if (m.kind !== K_PERSON && b - _a === 1 && lex.isSpeechVerb(n1.norm)) {
    const w1 = ctx.tokens[b + 1];
    const w3 = ctx.tokens[b + 3];
    if (w1?.norm === 'in' && (w3?.norm === 'statement' || w3?.norm === 'filing' || w3?.norm === 'release')) m.orgCue += 1.5;
    else if (w1?.norm === 'on' && (ctx.tokens[b + 2]?.norm === 'its' || ctx.tokens[b + 2]?.norm === 'their')) m.orgCue += 1.5;
  }
};

/** After a comma: "X, who", "X, which", "X, 63,", ", the IRGC commander", ", an al-Qaeda-linked organization". */
export const cueApposition: CueRule = (ctx, _a, b, m) => {
  const T = ctx.tokens;
  const n1 = T[b];
  const n2 = T[b + 1];
  if (T[b - 1]!.poss || !n1 || n1.text !== ',' || !n2) return;
  if (n2.norm === 'who') m.personCue += 2;
  else if (n2.norm === 'which') m.orgCue += 0.5;
  else if (n2.shape === SHAPE_NUM && /^\d{2}$/.test(n2.text) && T[b + 2]?.text === ',') m.personCue += 2; // "Yoon, 63,"
  else if (n2.shape === SHAPE_LOWER && /^(?:the|a|an|its|his|her)$/.test(n2.norm)) {
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
};

/** A capitalised word after: "X CEO", "X Inc.", "X President". */
export const cueNameAfter: CueRule = (ctx, _a, b, m) => {
  const n1 = ctx.tokens[b];
  if (ctx.tokens[b - 1]!.poss || !n1 || (n1.shape !== SHAPE_CAP && n1.shape !== SHAPE_UPPER)) return;
  const f = flagsOf(ctx, n1);
  if (/^(?:ceo|inc\.?|corp\.?|ltd\.?|plc)$/.test(n1.norm)) m.orgCue += 2;
  else if (f & W_TITLE && !(f & W_FIRST)) m.orgCue += 0.5;
};

/** Parentheses: "National Council of Resistance of Iran (NCRI)"; a caption's credit "... tourists. (Reuters)". */
export const cueParentheses: CueRule = (ctx, a, b, m) => {
  const T = ctx.tokens;
  const n1 = T[b];
  const n2 = T[b + 1];
  if (T[b - 1]!.poss || !n1) return;
  if (n1.text === '(' && n2 && n2.shape === SHAPE_UPPER) m.orgCue += 0.5;
  else if (n1.text === ')' && T[a - 1]?.text === '(' && b - a === 1) {
    let q = b + 1;
    while (q < T.length && T[q]!.shape === SHAPE_PUNCT) q++;
    // Not a common word in brackets: "Ergebnisse des 34. Spieltags (Auswahl)".
    if (q >= T.length && T[a - 2]?.shape === SHAPE_PUNCT && !isCommon(ctx, T[a]!, flagsOf(ctx, T[a]!))) m.orgCue += 1.5;
  }
};

/** A team's place on a list line ("Fulham 2 Reading 1", "Jamie Cole (Reading)"): a club, unless a person's name. */
export const cueTeamSlot: CueRule = (ctx, a, b, m) => {
  if (m.kind === K_PERSON || m.orgCue >= 2) return;
  if (scoreAdjacent(ctx, a, b) || affiliationInList(ctx, a, b)) m.orgCue += 2;
};

/** The cues every name gets, in order (some read what an earlier one added: "by X" asks whether X has a person cue). */
export const CUE_RULES: readonly CueRule[] = [
  cueTheName,
  cueTypeNounBefore,
  cueWordBefore,
  cueRoleAndComma,
  cueSlash,
  cuePossession,
  cueWordAfter,
  cueApposition,
  cueNameAfter,
  cueParentheses,
  cueTeamSlot,
];

/**
 * Lists: a name listed with organisations ("the Christian Science Monitor, GlobalPost and The
 * National"; "Fethi Belaid/AFP/Getty Images") is likely one too; with people, a person. Runs on
 * the names of one block, from `from` in ctx.out.
 */
export function cueLists(ctx: BlockContext, from: number): void {
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
    if (isTypedOrg(x) && y.kind !== K_PERSON) y.orgCue += 1;
    if (isTypedOrg(y) && x.kind !== K_PERSON) x.orgCue += 1;
    if (isTypedPerson(x) && y.kind === K_PROPER) y.personCue += 0.5;
    if (isTypedPerson(y) && x.kind === K_PROPER) x.personCue += 0.5;
  }
}

/** An organisation by its words, not only by its shape. */
const isTypedOrg = (m: RawMention) => m.kind === K_ORG && m.evidence !== E_SHAPE;
/** A person by its words, not only by its shape. */
const isTypedPerson = (m: RawMention) => m.kind === K_PERSON && m.evidence !== E_SHAPE;
