/**
 * Events without a head word, a step of detection tried before names: a year with an event noun
 * after a determiner ("the 2009 protests", "the 2015 nuclear agreement", "the 1939 World’s
 * Fair"), and a name with a lower-case event noun ("the Free Iran rally", "the Madrid peace
 * talks"; deal/agreement/talks need a modifier, so "the Yahoo deal" is not an event). Event
 * nouns are normalised to one per kind so the same year and kind join in resolution.
 */
import { emit, flagsOf, isNameToken, type BlockContext } from './block-context';
import { W_COMMON, W_DATE, W_EVENT_HEAD, W_FUNCTION, W_HONORIFIC, W_PLACE, W_TITLE } from './lexicon';
import { E_HEAD, E_NAME_EVENT, E_YEAR_EVENT, K_EVENT } from './raw-mention';
import { extendRun } from './runs';
import { SHAPE_LOWER, SHAPE_PUNCT } from './tokenize';

const EVENT_SYNONYM: Record<string, string> = {
  protest: 'protests', protests: 'protests', uprising: 'protests', uprisings: 'protests', demonstrations: 'protests', unrest: 'protests',
  revolt: 'protests', riots: 'protests', rebellion: 'protests', insurrection: 'protests',
  election: 'election', elections: 'election', vote: 'election', referendum: 'election',
  agreement: 'agreement', agreements: 'agreement', deal: 'agreement', accord: 'agreement', accords: 'agreement', treaty: 'agreement',
  war: 'war', wars: 'war', conflict: 'war',
  massacre: 'massacre', massacres: 'massacre', genocide: 'massacre',
  rally: 'rally', rallies: 'rally',
};

/** Event nouns that make a name an event without a determiner before it ("a NATO summit", "Vilnius summit"). */
const STANDALONE_EVENT_NOUNS = new Set(['summit', 'summits', 'election', 'elections', 'referendum', 'earthquake', 'tsunami', 'hurricane', 'olympics', 'games', 'massacre', 'genocide', 'disaster', 'spill']);

/** One name for synonymous event nouns, so that "the 2009 protests" and "the 2009 uprising" join. */
export function normEventNoun(w: string): string {
  return EVENT_SYNONYM[w] ?? w;
}

/** "the 2009 protests", "the 2015 nuclear agreement", "the 1939 World’s Fair". Returns the token after it, or i. */
export function yearEvent(ctx: BlockContext, i: number): number {
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
      emit(ctx, i, k + 1, K_EVENT, E_YEAR_EVENT, ctx.block.headline, { year: T[i]!.text, eventNoun: normEventNoun(t.norm) });
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
    // Year + name + event noun: "the 2008 Bucharest summit", "the 2011 Tohoku earthquake".
    // "the 2016 Ruritania presidential election": up to two lower-case modifiers between.
    if (!(ef & W_EVENT_HEAD)) {
      for (let q = j; q < T.length && q <= j + 2; q++) {
        const t = T[q]!;
        if (t.shape !== SHAPE_LOWER || flagsOf(ctx, t) & W_FUNCTION) break;
        if (lex.isEventNoun(t.norm)) {
          if (lex.eventNounNeedsModifier(t.norm) && q === j) break;
          emit(ctx, i, q + 1, K_EVENT, E_YEAR_EVENT, ctx.block.headline, { year: T[i]!.text, eventNoun: normEventNoun(t.norm) });
          return q + 1;
        }
      }
    }
    if (ef & W_EVENT_HEAD) {
      emit(ctx, i, j, K_EVENT, E_YEAR_EVENT, ctx.block.headline, { year: T[i]!.text, eventNoun: normEventNoun(T[j - 1]!.norm) });
      emit(ctx, i + 1, j, K_EVENT, E_HEAD, ctx.block.headline, { eventNoun: normEventNoun(T[j - 1]!.norm) });
      return j;
    }
  }
  return i;
}

/** "the Free Iran rally", "the Madrid peace talks", "the Iran nuclear deal": returns the token after it, or j. */
export function nameEvent(ctx: BlockContext, i: number, j: number): number {
  const T = ctx.tokens;
  const lex = ctx.lex;
  // A sentence's own "The" opens the run: it is the determiner ("The Chernobyl disaster").
  const theFirst = j - i >= 2 && T[i]!.norm === 'the';
  if (theFirst) i++;
  const prev = T[i - 1];
  const detOk =
    theFirst ||
    (!!prev &&
      ((prev.shape !== SHAPE_PUNCT && /^(?:the|this|that|its|his|her|their|our|last|next)$/.test(prev.norm)) || (prev.poss && prev.shape !== SHAPE_PUNCT)));
  // Without a determiner, only a noun that names one occasion by itself: "at a NATO summit",
  // "after Vilnius summit talks" (not "Paris deal").
  const bare = !detOk;
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
      if (bare && (mods > 0 || !STANDALONE_EVENT_NOUNS.has(t.norm) || T[i]!.initial)) return j;
      emit(ctx, i, k + 1, K_EVENT, E_NAME_EVENT, ctx.block.headline, { eventNoun: normEventNoun(t.norm) });
      return k + 1;
    }
    const f = flagsOf(ctx, t);
    if (f & W_FUNCTION || (!(f & W_COMMON) && !ctx.lower.has(t.norm))) return j;
    mods++;
    k++;
  }
  return j;
}
