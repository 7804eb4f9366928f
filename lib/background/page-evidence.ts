/**
 * What the page says about who it is about, so that a word-like alias ("May", "Apple") counts
 * only where the page has named its entity, and a shared alias goes to the entity the page
 * names (docs/matching.md, "Names, not words"). Pure: no browser API, no storage.
 *
 * "Named" means matched by a form of its own: a name or alias that is not a common word and
 * that no other entity shares ("Theresa May", "MEK"). A page comes in parts (page.match, cut at
 * block boundaries, 128K characters each); the evidence of a scan is kept here per tab and
 * frame, so a part is judged with what its own text names and what the parts before it named
 * (the tab sends them in document order). A rescan of changed blocks (a live page) is judged
 * with the evidence of its page's last scan. What only a later part names does not reach an
 * earlier part's marks: a part is 128K characters, so this touches only very long pages, and it
 * errs on the safe side (a mark left out, never a wrong one).
 */
import type { TermMatch } from '../text/types';

/** Why a common-word alias was kept, for the card: [alias, the name seen, where]. */
export type MatchReason = [alias: string, named: string, where: 'above' | 'below' | ''];

export interface Named {
  /** The text as the page wrote it ("Theresa May"). */
  text: string;
  /** The part it was seen in, and its match's index there. */
  part: number;
  index: number;
}

/** The evidence gathered on one page: entity key -> where it was first named. */
export type PageNamed = Map<string, Named>;

interface PageState {
  pageUrl: string;
  scan: string | null;
  part: number;
  named: PageNamed;
}

const MAX_PAGES = 64;
const MAX_NAMED = 10_000;

/** Per tab and frame, the evidence of the page it shows (a bounded LRU). */
export class PageEvidence {
  private readonly pages = new Map<string, PageState>();

  /**
   * The evidence for a part of a page: `scan` names a full scan and its part; a new scan (or a
   * new page) starts afresh. A part without a scan (a rescan of changed blocks) uses the page's.
   */
  forPart(frameKey: string | null, pageUrl: string, scan: { id: string; part: number } | undefined): { named: PageNamed; part: number } {
    if (frameKey === null) return { named: new Map(), part: 0 };
    let state = this.pages.get(frameKey);
    const fresh = !state || state.pageUrl !== pageUrl || (scan !== undefined && scan.id !== state.scan);
    if (fresh) {
      state = { pageUrl, scan: scan?.id ?? null, part: 0, named: new Map() };
    }
    this.pages.delete(frameKey);
    this.pages.set(frameKey, state!);
    while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
    const part = scan ? scan.part : ++state!.part + 100_000;
    if (scan) state!.part = scan.part;
    return { named: state!.named, part };
  }

  forget(frameKey: string): void {
    this.pages.delete(frameKey);
  }
}

/** The text of a match in the part's texts. */
export function matchText(texts: readonly string[], m: Pick<TermMatch, 'start' | 'end'>): string {
  if (m.start.chunk === m.end.chunk) return texts[m.start.chunk]?.slice(m.start.offset, m.end.offset) ?? '';
  let s = texts[m.start.chunk]?.slice(m.start.offset) ?? '';
  for (let k = m.start.chunk + 1; k < m.end.chunk; k++) s += texts[k] ?? '';
  return s + (texts[m.end.chunk]?.slice(0, m.end.offset) ?? '');
}

export interface JudgeOptions {
  /** Aliases the reader switched off on this site: (entity key, alias) -> true. */
  excluded?: (entityKey: string, alias: string) => boolean;
  /** Entity key -> creation time, for a shared alias no entity on the page is named by. */
  createdAt?: (entityKey: string) => number;
}

export interface Judged {
  matches: TermMatch[];
  /** Aligned with `matches`: why a common-word alias was kept (null for the others). */
  reasons: (MatchReason | null)[];
}

/**
 * Judge one part's matches with the page's evidence (and add this part's to it):
 *  1. an alias the reader switched off on this site is dropped (a shared one too: the words
 *     of the switch are "never match this alias here");
 *  2. a shared alias goes to the entity the page names (by a form of its own; the first named
 *     if several), else to the entity added to the glossary first;
 *  3. a common-word alias in a weak place (sentence start, headline, capitals) is kept only
 *     when the page names its entity; every kept common-word alias gets its reason.
 */
export function judgeMatches(matches: readonly TermMatch[], texts: readonly string[], named: PageNamed, part: number, options: JudgeOptions = {}): Judged {
  const kept: TermMatch[] = [];
  const excluded = options.excluded;
  // "Never match this alias here" drops the alias on the site whichever entity would get it:
  // every candidate of a shared alias is checked, not only the one the matcher listed first
  // (which depends on the glossary's order: a restored backup differed from the original).
  for (const m of matches) if (!excluded || !(excluded(m.entityId, m.alias) || m.others?.some((id) => excluded(id, m.alias)))) kept.push(m);
  // This part's evidence first: a name later in the part counts for a mention above it.
  kept.forEach((m, index) => {
    if (m.common || m.others || named.has(m.entityId) || named.size >= MAX_NAMED) return;
    named.set(m.entityId, { text: matchText(texts, m), part, index });
  });
  const out: Judged = { matches: [], reasons: [] };
  kept.forEach((m, index) => {
    let entityId = m.entityId;
    if (m.others) entityId = chooseShared([m.entityId, ...m.others], named, options.createdAt);
    const match = entityId === m.entityId ? m : { ...m, entityId };
    if (!m.common) {
      out.matches.push(match);
      out.reasons.push(null);
      return;
    }
    const evidence = named.get(entityId);
    if (m.weak && !evidence) return;
    out.matches.push(match);
    const where = !evidence ? '' : evidence.part < part || (evidence.part === part && evidence.index < index) ? 'above' : 'below';
    out.reasons.push([m.alias, evidence?.text ?? '', where]);
  });
  return out;
}

function chooseShared(candidates: string[], named: PageNamed, createdAt?: (entityKey: string) => number): string {
  let best: string | null = null;
  let bestAt: Named | null = null;
  for (const c of candidates) {
    const n = named.get(c);
    if (n && (!bestAt || n.part < bestAt.part || (n.part === bestAt.part && n.index < bestAt.index))) {
      best = c;
      bestAt = n;
    }
  }
  if (best) return best;
  if (!createdAt) return candidates[0]!;
  return candidates.reduce((a, b) => (createdAt(b) < createdAt(a) ? b : a));
}
