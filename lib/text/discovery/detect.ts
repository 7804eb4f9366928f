/**
 * Pass 1 of discovery, per block: find the names and say what each looks like, with the cues
 * around it. It walks the block's tokens once; at each place it tries, in order:
 *   1. a year event ("the 2009 protests": events.ts);
 *   2. a run of capitalised words (runs.ts), unless it is a compound adjective ("U.S.-led");
 *      a run followed by an event noun is an event ("the Free Iran rally": events.ts);
 *   3. otherwise the run is cut into names (split-run.ts → titles.ts → classify-phrase.ts →
 *      classify-word.ts), each recorded with its context cues (cues.ts);
 * then names listed together share their type (cueLists). Abbreviation definitions are found
 * per block too (abbreviations.ts). The page-level decisions (types, aliases, grouping) are
 * pass 2, resolve.ts.
 */
import { findDefinitions, type AbbreviationDefinition } from './abbreviations';
import { isNameToken, type BlockContext, type CueRule } from './block-context';
import { CUE_RULES, cueLists } from './cues';
import { nameEvent, yearEvent } from './events';
import { getLexicon, type Lexicon } from './lexicon';
import type { RawMention } from './raw-mention';
import { extendRun } from './runs';
import { splitRun } from './split-run';
import { SHAPE_LOWER, type BlockTokens } from './tokenize';

/** What pass 1 finds on a page: its names in reading order, and its abbreviation definitions. */
export interface PageNames {
  mentions: RawMention[];
  definitions: AbbreviationDefinition[];
}

/** Pass 1 over the page's blocks (readBlocks); `lower`: the words it writes in lower case (lowerWordsOf). */
export function detectPage(docs: readonly BlockTokens[], lower: Set<string>, cueRules: readonly CueRule[] = CUE_RULES, lex: Lexicon = getLexicon()): PageNames {
  const names: PageNames = { mentions: [], definitions: [] };
  const flagCache = new Map<string, number>();
  for (let b = 0; b < docs.length; b++) {
    detectBlock(lex, lower, b, docs[b]!, names.mentions, flagCache, cueRules);
    findDefinitions(b, docs[b]!.block, docs[b]!.tokens, names.definitions);
  }
  return names;
}

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
