/**
 * The background's matches for one part of the page's text, turned into marks one at a time
 * (the scan calls next() until its slice of a few milliseconds is used). A match is left out
 * when it belongs to the next part (past a cut inside a block) or to the previous one (the
 * overlap), past the mark limits, when its text changed while the background was answering
 * (the rescan the change triggers finds it), or when CSS hides its text.
 */
import type { Mark } from '../../dom/mark-store';
import { snippetInPart, type TextPart } from '../../dom/text-reader';
import { comparePositions, type PartPosition } from '../../text/parts';
import type { ReplyOf, ToBackground } from '../../messaging/protocol';
import type { LayoutRecorder } from '../../dom/collect-text';
import type { ArticleZones } from './article-zones';

export type MatchReply = ReplyOf<ToBackground, 'page.match'>;

/** What decides whether a mention is drawn (lib/inpage/core/mark-layer.ts). */
export interface MarkRules {
  admit(node: Text, entityId: string, article: boolean, pending: number): boolean;
  shows(node: Text): boolean;
}

export class PartMarks {
  #i = 0;
  /** Where the last match kept ended (the next part skips what overlaps it). */
  lastEnd: PartPosition | null = null;
  /** Why a word-like alias was matched, by match number (shown in the card). */
  readonly #why: Map<number, [string, string, string]>;
  // The background's snippet is of each entity's first mention; when that one is hidden, the
  // first one drawn gets its own.
  readonly #seen = new Set<number>();
  readonly #ownSnippet = new Set<number>();
  readonly #withSnippet = new Set<number>();
  /** Text index -> still as read (each text is compared once, however many mentions it holds). */
  readonly #checked = new Map<number, boolean>();
  readonly #doc: Document;
  readonly #part: TextPart;
  readonly #reply: MatchReply;
  readonly #zones: ArticleZones;
  readonly #rules: MarkRules;
  readonly #skipBefore: PartPosition | null;
  readonly #layout: LayoutRecorder | undefined;

  constructor(
    doc: Document,
    part: TextPart,
    reply: MatchReply,
    zones: ArticleZones,
    rules: MarkRules,
    /** Matches before this were kept by the previous part (it was cut inside a block). */
    skipBefore: PartPosition | null,
    /** The layout the part was read with, if any (its pieces' owners number its elements). */
    layout?: LayoutRecorder,
  ) {
    this.#doc = doc;
    this.#part = part;
    this.#reply = reply;
    this.#zones = zones;
    this.#rules = rules;
    this.#skipBefore = skipBefore;
    this.#layout = layout;
    this.#why = new Map(reply.reasons?.map(([n, ...r]) => [n, r]));
  }

  get done(): boolean {
    return this.#i + 4 >= this.#reply.matches.length;
  }

  /** The next match as a mark, or null when it is not drawn. `pending`: marks not yet added. */
  next(pending: number): Mark | null {
    const { matches, entities, snippets } = this.#reply;
    const part = this.#part;
    const e = matches[this.#i]!;
    const sc = matches[this.#i + 1]!;
    const so = matches[this.#i + 2]!;
    const ec = matches[this.#i + 3]!;
    const eo = matches[this.#i + 4]!;
    const n = this.#i / 5;
    this.#i += 5;
    if (part.cut && comparePositions({ text: sc, offset: so }, part.cut) >= 0) return null;
    if (this.#skipBefore && comparePositions({ text: sc, offset: so }, this.#skipBefore) < 0) return null;
    this.lastEnd = { text: ec, offset: eo };
    const entity = entities[e];
    const a = part.pieces[sc];
    const b = part.pieces[ec];
    if (!entity || !a || !b) return null;
    const article = this.#zones.holdsPiece(a, this.#layout);
    if (!this.#rules.admit(a.node, entity.id, article, pending)) return null;
    if (!this.#seen.has(e)) this.#seen.add(e);
    else if (!this.#withSnippet.has(e)) this.#ownSnippet.add(e);
    if (!unchanged(part, sc, this.#checked) || (ec !== sc && !unchanged(part, ec, this.#checked))) return null;
    if (!this.#rules.shows(a.node) || (b.node !== a.node && !this.#rules.shows(b.node))) return null;
    const range = this.#doc.createRange();
    try {
      range.setStart(a.node, a.base + so);
      range.setEnd(b.node, b.base + eo);
    } catch {
      return null;
    }
    const mark: Mark = { entityId: entity.id, type: entity.type, range, block: a.block, startNode: a.node, endNode: b.node, article };
    const reason = this.#why.get(n);
    if (reason) mark.why = reason;
    // The reading index's snippet is of a mention in the article.
    if (article && !this.#withSnippet.has(e)) {
      this.#withSnippet.add(e);
      mark.snippet = this.#ownSnippet.has(e) ? snippetInPart(part, sc, so, ec, eo) : (snippets[e] ?? '');
    }
    return mark;
  }
}

/** Whether the text the part read at `i` is still in the page as it was. */
function unchanged(part: TextPart, i: number, checked: Map<number, boolean>): boolean {
  let same = checked.get(i);
  if (same === undefined) {
    const piece = part.pieces[i]!;
    const text = part.texts[i]!;
    const data = piece.node.isConnected ? piece.node.data : null;
    same = data !== null && (piece.base === 0 && data.length === text.length ? data === text : data.startsWith(text, piece.base));
    checked.set(i, same);
  }
  return same;
}
