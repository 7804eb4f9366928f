/**
 * What a candidate must satisfy to be a mention of one alias: its case mode and diacritic rule,
 * not a month next to a date, not inside a web address; and what a match then says (a common
 * word in a weak position, other entities sharing the alias). The matcher (matcher.ts) finds the
 * candidates; this decides. Pure.
 */
import type { TermMatch } from './types';
import {
  FLAG_COMMON,
  FLAG_DIACRITIC_SENSITIVE,
  FLAG_MODE_MASK,
  FLAG_MONTH,
  FLAG_TITLE_OK,
  MODE_ACRONYM,
  MODE_CAPS,
  MODE_EXACT,
} from './compiled';
import { normalizeText, type NormalizeMode } from './normalize';
import { acronymCaseOk, type BlockContext } from './case-rules';
import { capitalsMatch, inWebAddress, isAllCapitals, isMonthUse, isSentenceStart } from './context';
import { nodeOfKey, type Segment } from './segment';

export class AliasRules {
  private readonly forms = new Map<string, string>();

  constructor(
    private readonly segs: Segment[],
    /** Per segment: aliases ignored (suppressed entity), or null. */
    private readonly disabled: (Uint8Array | null)[],
    /** The block being matched (offsets below are offsets in its text). */
    private readonly block: BlockContext,
  ) {}

  private aliasText(seg: Segment, a: number): string {
    let t = seg.aliasTexts[a];
    if (t === undefined) t = seg.aliasTexts[a] = seg.text.slice(seg.aliasOffset[a]!, seg.aliasOffset[a + 1]!);
    return t;
  }

  private aliasForm(si: number, a: number, mode: NormalizeMode): string {
    const key = `${si}:${a}:${mode.fold ? 1 : 0}${mode.strip ? 1 : 0}`;
    let f = this.forms.get(key);
    if (f === undefined) {
      f = normalizeText(this.aliasText(this.segs[si]!, a), mode);
      this.forms.set(key, f);
    }
    return f;
  }

  /** The first alias of `node` that accepts the text [start, end) of the block, or -1. */
  pick(si: number, node: number, start: number, end: number): number {
    const seg = this.segs[si]!;
    const dis = this.disabled[si];
    for (let a = seg.outStart[node]!; a < seg.outStart[node + 1]!; a++) {
      if (dis && dis[a]) continue;
      if (this.accepts(si, a, start, end)) return a;
    }
    return -1;
  }

  /** Whether alias `a` of segment `si` accepts the text [start, end) of the block. */
  private accepts(si: number, a: number, start: number, end: number): boolean {
    const seg = this.segs[si]!;
    const flags = seg.aliasFlags[a]!;
    if (flags === 0) return !this.inAddress(si, a, start, end);
    const slice = this.block.slice(start, end);
    const mode = flags & FLAG_MODE_MASK;
    const sensitive = (flags & FLAG_DIACRITIC_SENSITIVE) !== 0;
    if (mode === MODE_EXACT) {
      const m = { fold: false, strip: !sensitive };
      if (normalizeText(slice, m) !== this.aliasForm(si, a, m)) return false;
    } else {
      if (sensitive) {
        const m = { fold: true, strip: false };
        if (normalizeText(slice, m) !== this.aliasForm(si, a, m)) return false;
      }
      if (mode === MODE_ACRONYM) {
        if (!acronymCaseOk(slice, (flags & FLAG_TITLE_OK) !== 0, this.block)) return false;
      } else if (mode === MODE_CAPS) {
        if (!capitalsMatch(this.aliasText(seg, a), slice)) return false;
      }
    }
    if ((flags & FLAG_MONTH) !== 0 && isMonthUse(this.block.text, this.block.start, this.block.end, start, end)) return false;
    return !this.inAddress(si, a, start, end);
  }

  /**
   * Other entities whose alias with the same normalised text also accepts [start, end) (two
   * entities sharing "May"): the background chooses between them with what the page says.
   * Runs once per emitted match, and finds nothing but for shared aliases.
   */
  private othersFor(si: number, a: number, start: number, end: number): string[] | null {
    let out: string[] | null = null;
    const entity = this.segs[si]!.entities[this.segs[si]!.aliasEntity[a]!]!;
    let key: string | null = null;
    for (let sj = 0; sj < this.segs.length; sj++) {
      const seg = this.segs[sj]!;
      let node: number;
      if (sj === si) node = seg.aliasNode[a]!;
      else {
        key ??= normalizeText(this.aliasText(this.segs[si]!, a));
        node = nodeOfKey(seg, key);
        if (node < 0) continue;
      }
      const dis = this.disabled[sj];
      for (let b = seg.outStart[node]!; b < seg.outStart[node + 1]!; b++) {
        if ((sj === si && b === a) || (dis && dis[b])) continue;
        const other = seg.entities[seg.aliasEntity[b]!]!;
        if (other === entity || out?.includes(other)) continue;
        if (this.accepts(sj, b, start, end)) (out ??= []).push(other);
      }
    }
    return out;
  }

  /** A candidate inside a web address written in the text (an alias with a dot of its own is exempt). */
  private inAddress(si: number, a: number, start: number, end: number): boolean {
    const b = this.block;
    if (!inWebAddress(b.text, b.start, b.end, start, end)) return false;
    return !this.aliasText(this.segs[si]!, a).includes('.');
  }

  /**
   * A common-word alias ("May") where its capital proves nothing: at a sentence start, in a
   * headline, or written in capitals ("MAY"). The background then asks for evidence.
   */
  private weakPosition(alias: string, start: number, end: number): boolean {
    const b = this.block;
    if (isSentenceStart(b.text, b.start, start)) return true;
    if (b.isHeadline()) return true;
    return !isAllCapitals(alias) && isAllCapitals(b.slice(start, end));
  }

  /** The match of alias `a` of segment `si` at [start, end) of the block. */
  match(si: number, a: number, start: number, end: number): TermMatch {
    const seg = this.segs[si]!;
    const alias = this.aliasText(seg, a);
    const m: TermMatch = {
      entityId: seg.entities[seg.aliasEntity[a]!]!,
      alias,
      start: this.block.position(start, false),
      end: this.block.position(end, true),
    };
    if ((seg.aliasFlags[a]! & FLAG_COMMON) !== 0) {
      m.common = true;
      if (this.weakPosition(alias, start, end)) m.weak = true;
    }
    if (this.segs.length > 1 || seg.outStart[seg.aliasNode[a]! + 1]! - seg.outStart[seg.aliasNode[a]!]! > 1) {
      const others = this.othersFor(si, a, start, end);
      if (others) m.others = others;
    }
    return m;
  }
}
