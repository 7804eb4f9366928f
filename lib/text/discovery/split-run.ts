/**
 * Cutting a run of capitalised words (runs.ts) into names, the second step of detection:
 * leading closed-class words and dates go ("However", "The", "Tuesday"); a sentence-initial
 * common word goes ("Security forces", "Officials said") unless the run is a headed name
 * ("Security Council") or starts with a first name ("Mark Zuckerberg"); "and" splits two names
 * ("Bob Menendez and Marco Rubio") but not one ("World Travel and Tourism Council"). Each part
 * then goes to titles.ts.
 */
import { flagsOf, hasConnectorAfterHead, hasHeadBefore, isCommon, personish, type BlockContext } from './block-context';
import { W_DATE, W_EVENT_HEAD, W_FIRST, W_FREQUENT, W_FUNCTION, W_HONORIFIC, W_LAST, W_ORG_HEAD, W_PERSON, W_TITLE } from './lexicon';
import { EVENT_FIRST } from './classify-phrase';
import { splitAtTitles } from './titles';
import { SHAPE_CAP, SHAPE_LOWER, SHAPE_UPPER } from './tokenize';

/** Cut the run [i, j) into names and classify them. */
export function splitRun(ctx: BlockContext, i: number, j: number): void {
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
  // A list line's label before a competitor ("GK Ilse Brandvold", "NOR Anja Kessel"): a
  // position or a nation code, not part of the name.
  if (ctx.block.list && b - a >= 3 && T[a]!.shape === SHAPE_UPPER && !T[a]!.initialLetter && T[a]!.text.length <= 3 && flagsOf(ctx, T[a + 1]!) & W_FIRST) a++;
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
      const headInitial = f & W_ORG_HEAD && ((next?.shape === SHAPE_LOWER && ctx.lex.isOf(next.norm) && b - a >= 3) || (ctx.lex.headFirst && b - a >= 2));
      const headed = (b - a >= 2 && (fl & (W_ORG_HEAD | W_EVENT_HEAD)) !== 0) || headInitial;
      const firstName = f & W_FIRST && a + 1 < b && next && personish(ctx, next) && !isCommon(ctx, next, flagsOf(ctx, next));
      const eventFirst = EVENT_FIRST.has(t.norm) && a + 1 < b;
      if (!headed && !firstName && !eventFirst) {
        a++;
        while (a < b && T[a]!.shape === SHAPE_LOWER) a++;
        if (a >= b) return;
        initial = false;
      }
    }
  }
  // Outside English, the language's common nouns before a given name are a role's last words,
  // not the name: "ministro delle Infrastrutture Graziano Delrio", "Rekordmeister von ... Oliver Kahn".
  // After a role and "of" ("ministro degli Esteri Paolo Gentiloni", "ministre de l'Intérieur X")
  // the capitalised words before the given name are the portfolio.
  const p1 = T[a - 1];
  const p2 = T[a - 2]?.norm.endsWith("'") ? T[a - 3] : T[a - 2];
  const portfolio = !!p1 && p1.shape === SHAPE_LOWER && (ctx.lex.isOf(p1.norm) || p1.norm.endsWith("'")) && !!p2 && (flagsOf(ctx, p2) & W_TITLE) !== 0;
  for (let q = a; q + 1 < b; q++) {
    const f = flagsOf(ctx, T[q]!);
    if (T[q]!.shape === SHAPE_LOWER) continue;
    if (!(f & W_FREQUENT || portfolio) || f & (W_FIRST | W_LAST | W_PERSON | W_ORG_HEAD | W_EVENT_HEAD)) break;
    const next = T[q + 1]!;
    // The given name, or (after a portfolio) the last two name-shaped words.
    const nameFrom = (flagsOf(ctx, next) & W_FIRST && !(flagsOf(ctx, next) & W_FREQUENT)) || (portfolio && q + 3 === b && personish(ctx, next) && personish(ctx, T[b - 1]!));
    if (next.shape !== SHAPE_LOWER && nameFrom) {
      a = q + 1;
      initial = false;
      break;
    }
  }
  splitAtAnd(ctx, a, b, initial);
}

/** Cut at "and" where it joins two names ("Bob Menendez and Marco Rubio"), not inside one ("World Travel and Tourism Council"). */
export function splitAtAnd(ctx: BlockContext, a: number, b: number, initial: boolean, orgHint = 0): void {
  if (a >= b) return;
  const T = ctx.tokens;
  const lastF = flagsOf(ctx, T[b - 1]!);
  const headFinal = (lastF & (W_ORG_HEAD | W_EVENT_HEAD)) !== 0 && b - a >= 2;
  const firstF = flagsOf(ctx, T[a]!);
  const headInitial = (firstF & W_ORG_HEAD) !== 0 && b - a >= 3 && T[a + 1]!.shape === SHAPE_LOWER;
  for (let k = a + 1; k < b - 1; k++) {
    const t = T[k]!;
    if (t.shape !== SHAPE_LOWER || !ctx.lex.isAnd(t.norm)) continue;
    let inside = false;
    if (headFinal) inside = !hasHeadBefore(ctx, a, k) || hasConnectorAfterHead(ctx, a, k);
    else if (headInitial || hasHeadBefore(ctx, a, k)) inside = hasConnectorAfterHead(ctx, a, k);
    if (!inside) {
      // "News Corporation and Fairfax": what is coordinated with an organisation is one too.
      const leftOrg = (flagsOf(ctx, T[k - 1]!) & W_ORG_HEAD) !== 0 && k - a >= 2;
      splitAtTitles(ctx, a, k, initial, 0);
      splitAtAnd(ctx, k + 1, b, false, leftOrg ? 1 : 0);
      return;
    }
  }
  splitAtTitles(ctx, a, b, initial, orgHint);
}
