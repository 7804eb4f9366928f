/**
 * Pass 1 of discovery, per block: find the names and say what each looks like, with the cues
 * around it. It walks the block's tokens once; at each place it tries, in order:
 *   1. a year event ("the 2009 protests": events.ts);
 *   2. a run of capitalised words (runs.ts), unless it is a compound adjective ("U.S.-led");
 *      a run followed by an event noun is an event ("the Free Iran rally": events.ts);
 *   3. otherwise the run is cut into names (split-run.ts → titles.ts → classify-phrase.ts →
 *      classify-word.ts), each recorded with its context cues (cues.ts);
 * then names listed together share their type (cueLists). The page-level decisions (types,
 * aliases, grouping) are pass 2, resolve.ts.
 */
import { isNameToken, type BlockContext, type CueRule } from './block-context';
import { CUE_RULES, cueLists } from './cues';
import { nameEvent, yearEvent } from './events';
import type { Lexicon } from './lexicon';
import type { RawMention } from './raw-mention';
import { extendRun } from './runs';
import { splitRun } from './split-run';
import { SHAPE_LOWER, type BlockTokens } from './tokenize';

/** Append the names of block `blockIndex` to `out`. `flagCache` is shared by the page's blocks. */
export function detectBlock(
  lex: Lexicon,
  lower: Set<string>,
  blockIndex: number,
  bt: BlockTokens,
  out: RawMention[],
  flagCache: Map<string, number>,
  cueRules: readonly CueRule[] = CUE_RULES,
): void {
  const ctx: BlockContext = { lex, lower, out, blockIndex, block: bt.block, tokens: bt.tokens, flagCache, cueRules };
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
      // A particle may open a surname ("de Miranda"): handled at resolution (mention scan).
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
    splitRun(ctx, i, j);
    i = j;
  }
  cueLists(ctx, firstOut);
}
