/**
 * Finding a saved quote again in a page that may have changed a little since it was saved
 * (a typo fixed, a sentence added, ads moved). A quote is kept as a text-quote selector: the
 * exact text, some context before and after, and where it was in the page's text. Pure: works
 * on strings; the DOM layer maps offsets to ranges (lib/dom/flat-text.ts).
 *
 * Matching follows the approach of Hypothesis's client (anchoring/match-quote.ts): approximate
 * search with Myers' bit-parallel algorithm (the approx-string-match package, by the same
 * authors), candidates scored by how well the quote, its prefix, its suffix and its position
 * agree with what was saved.
 */
import search from 'approx-string-match';

/** How much context is kept on each side of a quote. */
export const CONTEXT_CHARS = 32;

export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
  /** Start offset of the quote in the text it was taken from, and that text's length. */
  position: number;
  textLength: number;
}

export interface QuoteMatch {
  start: number;
  end: number;
  /** 0..1: 1 is the quote unchanged, with the same context. */
  score: number;
  exact: boolean;
}

export function describeQuote(text: string, start: number, end: number): QuoteSelector {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
    suffix: text.slice(end, Math.min(text.length, end + CONTEXT_CHARS)),
    position: start,
    textLength: text.length,
  };
}

/** Fraction of errors tolerated in a quote: a few words changed in a sentence still match. */
const MAX_ERROR_RATE = 0.25;
/** An inexact match needs its prefix or its suffix at least this similar to what was saved. */
const CONTEXT_AGREEMENT = 0.5;
/** Below this score a candidate is not the quote: "not found" is better than a wrong place. */
const MIN_SCORE = 0.5;

function similarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 1 : 0;
  const errors = search(b, a, a.length)[0]?.errors ?? a.length;
  return 1 - errors / a.length;
}

export function findQuote(text: string, selector: QuoteSelector): QuoteMatch | null {
  const { exact } = selector;
  if (!exact) return null;
  const expectedPos = selector.textLength > 0 ? (selector.position / selector.textLength) * text.length : selector.position;

  const contextScores = (start: number, end: number) => ({
    prefix: selector.prefix ? similarity(selector.prefix, text.slice(Math.max(0, start - selector.prefix.length - 8), start)) : 1,
    suffix: selector.suffix ? similarity(selector.suffix, text.slice(end, end + selector.suffix.length + 8)) : 1,
  });
  const score = (start: number, end: number, errors: number): number => {
    const quoteScore = 1 - errors / exact.length;
    const { prefix, suffix } = contextScores(start, end);
    const posScore = text.length > 0 ? 1 - Math.min(1, Math.abs(start - expectedPos) / text.length) : 1;
    // The quote itself matters most; context tells identical quotes apart; position breaks ties.
    return (50 * quoteScore + 20 * prefix + 20 * suffix + 2 * posScore) / 92;
  };

  // Exact occurrences first: cheap, and the common case.
  const exactHits: QuoteMatch[] = [];
  for (let i = text.indexOf(exact); i !== -1 && exactHits.length < 200; i = text.indexOf(exact, i + 1)) {
    exactHits.push({ start: i, end: i + exact.length, score: score(i, i + exact.length, 0), exact: true });
  }
  if (exactHits.length) return best(exactHits);

  const maxErrors = Math.max(1, Math.floor(exact.length * MAX_ERROR_RATE));
  const candidates = search(text, exact, maxErrors)
    // An inexact quote must also be where it was: some of its context still around it.
    .filter((m) => {
      const c = contextScores(m.start, m.end);
      return c.prefix >= CONTEXT_AGREEMENT || c.suffix >= CONTEXT_AGREEMENT;
    })
    .map((m) => ({ start: m.start, end: m.end, score: score(m.start, m.end, m.errors), exact: false }));
  const top = best(candidates);
  return top && top.score >= MIN_SCORE ? top : null;
}

function best(list: QuoteMatch[]): QuoteMatch | null {
  let top: QuoteMatch | null = null;
  for (const c of list) if (!top || c.score > top.score) top = c;
  return top;
}
