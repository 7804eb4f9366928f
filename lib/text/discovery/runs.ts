/**
 * Runs: the stretches of capitalised words that may hold names, joined by connectors ("of",
 * "for", "on", "and", "the" after them) and name particles ("de", "bin", "van"). A possessive
 * ends a run ("Iran’s") unless it is a common word inside a name that ends with a head
 * ("People’s Mojahedin Organization", "World’s Fair"). The first step of detection (pass 1);
 * cutting a run into names is split-run.ts.
 */
import { isCommon, isNameToken, flagsOf, type BlockContext } from './block-context';
import { NAME_CONNECTORS, NAME_PARTICLES, W_EVENT_HEAD, W_FIRST, W_LAST, W_ORG, W_ORG_HEAD, W_PERSON, W_PLACE } from './lexicon';
import { SHAPE_LOWER } from './tokenize';

/** How far after a possessive a head may end the name ("People’s Mojahedin Organization"). */
const POSS_CONTINUE_MAX = 4;

/** End (exclusive) of the run of name tokens starting at i. */
export function extendRun(ctx: BlockContext, i: number): number {
  const T = ctx.tokens;
  let j = i;
  for (;;) {
    const tok = T[j]!;
    j++;
    if (tok.poss) {
      if (possessiveInsideName(ctx, j)) continue;
      return j;
    }
    const next = T[j];
    if (!next || next.initial) return j;
    if (isNameToken(next)) continue;
    if (next.shape !== SHAPE_LOWER) return j;
    // Connectors: "of", "for", "on", "and", "the" (after of/for/on), particles.
    const isConn = NAME_CONNECTORS.has(next.norm) || NAME_PARTICLES.has(next.norm) || ctx.lex.isAnd(next.norm) || ctx.lex.isOf(next.norm);
    if (!isConn) return j;
    let k = j + 1;
    if ((next.norm === 'of' || next.norm === 'for' || next.norm === 'on') && T[k] && (T[k]!.norm === 'the' || T[k]!.norm === 'a') && T[k]!.shape === SHAPE_LOWER) k++;
    if (next.norm === 'the' || next.norm === 'a') return j;
    const after = T[k];
    if (!after || !isNameToken(after) || after.initial) return j;
    j = k;
  }
}

/** The possessive token before j is a common word, and a head ends the name within a few words. */
function possessiveInsideName(ctx: BlockContext, j: number): boolean {
  const T = ctx.tokens;
  const tok = T[j - 1]!;
  const f = flagsOf(ctx, tok);
  if (!isCommon(ctx, tok, f) || f & (W_PLACE | W_FIRST | W_LAST | W_PERSON | W_ORG)) return false;
  // A head before the possessive ends a name of its own: "Stanford University’s Center on ...".
  if (f & W_ORG_HEAD) return false;
  let head = false;
  for (let k = j; k < T.length && k - j < POSS_CONTINUE_MAX && isNameToken(T[k]) && !T[k]!.initial; k++) {
    if (flagsOf(ctx, T[k]!) & (W_ORG_HEAD | W_EVENT_HEAD)) head = true;
    if (T[k]!.poss) break;
  }
  return head;
}
