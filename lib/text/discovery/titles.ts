/**
 * Titles, the third step of detection: in a name with titles the person is the name-shaped tail
 * after the last title ("President Barack Obama", "US Secretary of State Rex Tillerson", "House
 * Foreign Affairs Committee Chairman Ed Royce", "Opposition Leader Bill Shorten"), with a strong
 * person cue; what is left before the title may be an organisation ("Facebook CEO Mark
 * Zuckerberg": Facebook, with an organisation cue). Titles with no name after them are dropped
 * ("the Boeing CEO", "Prime Minister"). What is left goes to classify-phrase.ts.
 */
import { emit, flagsOf, isTitleToken, personish, type BlockContext } from './block-context';
import { splitAtOf } from './classify-phrase';
import { NAME_PARTICLES, W_DEMONYM, W_EVENT_HEAD, W_FIRST, W_FUNCTION, W_HONORIFIC, W_LAST, W_ORG, W_ORG_HEAD, W_PLACE, W_TITLE, W_TITLE_MOD } from './lexicon';
import { E_FIRST_NAME, E_TITLE, K_PERSON } from './raw-mention';
import { SHAPE_CAP, SHAPE_LOWER } from './tokenize';

/** Titles a company's people hold: what stands before them is a company. */
const COMPANY_TITLE = /^(?:ceo|cfo|coo|cto|chairman|chairwoman|founder|co-founder|chief|spokesman|spokeswoman|spokesperson)$/;
/** The same, after a name with no person after them ("the Boeing CEO", "Zimbabwe President"). */
const TRAILING_COMPANY_TITLE = /^(?:ceo|cfo|coo|cto|chairman|chairwoman|founder|co-founder|chief|spokesman|spokeswoman|spokesperson|president|director)$/;

/** The name [a, b): the person after its last title, and what stands before that title. */
export function splitAtTitles(ctx: BlockContext, a: number, b: number, initial: boolean, orgHint = 0): void {
  if (a >= b) return;
  if (givenNameTitle(ctx, a, b)) return void emit(ctx, a, b, K_PERSON, E_FIRST_NAME, ctx.block.headline);
  const of = placeAfterTitledName(ctx, a, b);
  if (of >= 0) return splitAtTitles(ctx, a, of, initial, orgHint);
  const personFrom = personAfterTitle(ctx, a, b);
  if (personFrom >= 0) {
    const l = titleStart(ctx, a, personFrom);
    const companyTitle = COMPANY_TITLE.test(ctx.tokens[personFrom - 1]!.norm);
    if (l > a) splitAtOf(ctx, a, l, initial, companyTitle ? 2 : 0);
    emit(ctx, personFrom, b, K_PERSON, E_TITLE, false).personCue += 2;
    return;
  }
  withoutTrailingTitles(ctx, a, b, initial, orgHint);
}

/** Titles that are also given names: "Dean Whitmore" is a person, "Dean of Students" is not. */
const GIVEN_NAME_TITLES = new Set(['dean']);

/**
 * "Dean Whitmore": a title that is also a given name, opening a two- or three-word name with
 * nothing after it, on a page that never writes the title in lower case ("the dean said").
 */
function givenNameTitle(ctx: BlockContext, a: number, b: number): boolean {
  const T = ctx.tokens;
  const t = T[a]!;
  if (!GIVEN_NAME_TITLES.has(t.norm) || t.shape !== SHAPE_CAP || ctx.lower.has(t.norm)) return false;
  if (b - a < 2 || b - a > 3) return false;
  for (let q = a + 1; q < b; q++) if (!personish(ctx, T[q]!)) return false;
  return T[a - 1]?.norm !== 'the';
}

/** "Senator Mitch McConnell of Kentucky": the index of the "of" before a trailing place, or -1. */
function placeAfterTitledName(ctx: BlockContext, a: number, b: number): number {
  const T = ctx.tokens;
  if (b - a < 4 || !(flagsOf(ctx, T[b - 1]!) & W_PLACE)) return -1;
  let q = b - 1;
  while (q > a && T[q]!.shape !== SHAPE_LOWER && flagsOf(ctx, T[q]!) & W_PLACE) q--;
  const ofAfterName = q > a + 1 && T[q]!.norm === 'of' && isTitleToken(ctx, T[a]!) && !(flagsOf(ctx, T[q - 1]!) & (W_ORG_HEAD | W_TITLE | W_TITLE_MOD));
  return ofAfterName ? q : -1;
}

/** Where the person's name starts when a title stands right before its name-shaped tail, or -1. */
function personAfterTitle(ctx: BlockContext, a: number, b: number): number {
  const T = ctx.tokens;
  // The name-shaped tail: up to four words that may be part of a person's name, and particles.
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
  if (k >= b || k <= a) return -1;
  // A title right before it, or a title modifier a few words after a title ("Secretary of State").
  const fb = flagsOf(ctx, T[k - 1]!);
  let titled = (fb & (W_TITLE | W_HONORIFIC)) !== 0;
  if (!titled && fb & W_TITLE_MOD) {
    for (let q = k - 2; q >= a && q >= k - 4; q--) if (isTitleToken(ctx, T[q]!)) titled = true;
  }
  return titled ? k : -1;
}

/** The first word of the titles that end at `personFrom` ("US Secretary of State" -> "Secretary"). */
function titleStart(ctx: BlockContext, a: number, personFrom: number): number {
  const T = ctx.tokens;
  let l = personFrom;
  while (l > a) {
    const t = T[l - 1]!;
    const f = flagsOf(ctx, t);
    if (!(f & (W_TITLE | W_HONORIFIC | W_TITLE_MOD) || t.shape === SHAPE_LOWER)) break;
    if (f & W_ORG_HEAD && !(f & W_TITLE) && l - 1 > a) break; // "... Committee" ends the organisation
    l--;
  }
  return l;
}

/** Titles with no name after them go ("the Boeing CEO", "Zimbabwe President"); a name made of titles only is none. */
function withoutTrailingTitles(ctx: BlockContext, a: number, b: number, initial: boolean, orgHint: number): void {
  const T = ctx.tokens;
  let trailingCompanyTitle = false;
  while (b - a >= 2) {
    const t = T[b - 1]!;
    const f = flagsOf(ctx, t);
    if (!(f & (W_TITLE | W_HONORIFIC)) || f & (W_ORG_HEAD | W_EVENT_HEAD)) break;
    if (TRAILING_COMPANY_TITLE.test(t.norm)) trailingCompanyTitle = true;
    b--;
    while (b > a && flagsOf(ctx, T[b - 1]!) & W_TITLE_MOD && !(flagsOf(ctx, T[b - 1]!) & W_ORG_HEAD)) b--;
  }
  if (b <= a) return;
  // A given name alone before a title ("«Alphonse Président»", a series): a work's title, not a body.
  if (b - a === 1 && b < T.length && flagsOf(ctx, T[a]!) & W_FIRST && !(flagsOf(ctx, T[a]!) & (W_LAST | W_ORG))) return;
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
  splitAtOf(ctx, a, b, initial, orgHint);
}
