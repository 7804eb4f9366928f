/**
 * Classifying a one-word name (detection's last step, from classify-phrase.ts): an acronym
 * (not a common word or a country: "US", "CEO", "TV" are not), a publication after a
 * capitalised "The", an organisation or person compromise knows, a body like "Congress", or an
 * unknown proper noun whose type comes from cues and the rest of the page. Places, dates,
 * nationalities and plural groups of people ("Islamists") are dropped.
 */
import { affiliationInList, emit, flagsOf, isCommon, isNameToken, scoreAdjacent, type BlockContext } from './block-context';
import { W_COUNTRY, W_COMMON, W_DATE, W_DEMONYM, W_EVENT_HEAD, W_FIRST, W_FUNCTION, W_HONORIFIC, W_LAST, W_LAW_HEAD, W_ORG, W_ORG_HEAD, W_PERSON, W_PLACE, W_PLACE_HEAD, W_TITLE } from './lexicon';
import { E_HEAD, E_LEXICON, E_SHAPE, K_ACRONYM, K_ORG, K_PERSON, K_PROPER } from './raw-mention';
import { SHAPE_LOWER, SHAPE_PUNCT, SHAPE_UPPER } from './tokenize';

/** The one-word name at a; `theCap`: a capitalised "The" stands before it inside a sentence. */
export function classifyWord(ctx: BlockContext, a: number, weak: boolean, orgHint: number, theCap: boolean): void {
  const T = ctx.tokens;
  const lex = ctx.lex;
  const t = T[a]!;
  const f = flagsOf(ctx, t);
  if (t.shape === SHAPE_UPPER) {
    const bare = t.norm.replace(/\./g, '');
    // A nation's three-letter code after a competitor on a results line: "Anna Schmidt (AUT)".
    if (ctx.block.list && bare.length === 3 && !t.initialLetter && isNameToken(T[a - 1]?.text === '(' ? T[a - 2] : T[a - 1])) return;
    if (bare.length < 2 || bare.length > 7) return;
    if (lex.isNotAcronym(bare) || lex.isNotAcronym(t.norm)) return;
    const bf = lex.flags(bare);
    if (bf & (W_PLACE | W_DEMONYM)) return;
    if (bf & W_ORG) return void emit(ctx, a, a + 1, K_ORG, E_LEXICON, weak);
    // An all-capitals common word ("ADVERTISING", "AS"): a name only if the page defines it.
    if (bf & (W_COMMON | W_FUNCTION) && !t.initialLetter) return void emit(ctx, a, a + 1, K_ACRONYM, E_SHAPE, true);
    if (t.initialLetter && !/^(?:[a-z]\.){2,4}$/.test(t.norm)) return;
    // Dotted initials in brackets closing a paragraph: the writer's signature ("… du film. (A.H.)").
    if (t.initialLetter && T[a - 1]?.text === '(' && T[a + 1]?.text === ')' && T.slice(a + 2).every((x) => x.shape === SHAPE_PUNCT)) return;
    return void emit(ctx, a, a + 1, K_ACRONYM, E_SHAPE, weak, { orgCue: orgHint });
  }
  if (t.initialLetter) return;
  if (theCap) {
    // "The Post", "The National", "The Atlantic": a publication or a body.
    if (!(f & (W_PLACE | W_DEMONYM | W_FIRST | W_LAST | W_PERSON))) return void emit(ctx, a - 1, a + 1, K_PROPER, E_SHAPE, weak, { orgCue: 1.5 + orgHint });
  }
  if (f & W_PLACE && !(f & (W_COUNTRY | W_DEMONYM)) && (scoreAdjacent(ctx, a, a + 1) || affiliationInList(ctx, a, a + 1))) {
    // A club named after its city, where a results line or a squad list puts a team.
    return void emit(ctx, a, a + 1, K_PROPER, E_SHAPE, weak, { orgCue: 2 });
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
  if (f & W_ORG) return void emit(ctx, a, a + 1, K_ORG, E_LEXICON, weak, { orgCue: orgHint });
  if (f & W_ORG_HEAD && /^(?:congress|senate|parliament|house|fed|knesset|duma)$/.test(t.norm)) {
    if (weak) return;
    return void emit(ctx, a, a + 1, K_ORG, E_HEAD, weak);
  }
  const common = isCommon(ctx, t, f);
  if (f & (W_TITLE | W_HONORIFIC | W_LAW_HEAD | W_PLACE_HEAD | W_EVENT_HEAD | W_ORG_HEAD) && common) return;
  if (common && !(f & (W_LAST | W_PERSON))) {
    // A capitalised common word mid-sentence ("Caption", "the Government"): a name only if the
    // page names it so elsewhere, or the context is clear.
    return void emit(ctx, a, a + 1, K_PROPER, E_SHAPE, weak, { orgCue: orgHint, common: true });
  }
  if (f & (W_LAST | W_PERSON)) return void emit(ctx, a, a + 1, K_PERSON, E_LEXICON, weak);
  // Plural groups of people: "Tunisians", "Islamists".
  if (/(?:ists|ians|ites|ans)$/.test(t.norm)) return;
  // Unknown, or only a first name ("Grace", "Roman"): the context and the page decide.
  emit(ctx, a, a + 1, K_PROPER, E_SHAPE, weak, { orgCue: orgHint + (/-\p{Lu}{2,}/u.test(t.text) ? 1 : 0) });
}
