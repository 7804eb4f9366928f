/**
 * The content script's brain for one page: fetch the compiled glossary, read the visible
 * text, find mentions, paint them, report them to the reading index, and preview an entity
 * when the reader rests the pointer on one of its mentions.
 *
 * It talks to the extension only through the message protocol (`ask`); it never touches the
 * page's storage, and it never changes the page's DOM except for the tooltip host, which is
 * created on the first preview.
 */
import type { EntityType } from '../model/entity';
import type { PageMention } from '../model/article';
import type { CompiledGlossary } from '../text/compiled';
import type { TermMatch } from '../text/types';
import { createMatcher, type Matcher } from '../text/matcher';
import { snippetAround } from '../text/snippet';
import { collectText, type CollectedText } from '../dom/collect-text';
import { rangeOfMatch } from '../dom/ranges';
import { MarkPainter } from '../dom/highlights';
import { MarkIndex } from '../dom/hit-test';
import { readPageMetadata } from '../dom/page-metadata';
import { HoverIntent } from './hover-intent';
import { TooltipHost } from './tooltip-host';
import type { CardState } from '../../components/tooltip/EntityCard';
import type { ReplyOf, ToBackground } from '../messaging/protocol';

export interface Mark {
  entityId: string;
  type: EntityType;
  range: Range;
}

type Ask = typeof import('../messaging/client').ask;

export class PageReader {
  private revision: number | null = null;
  private matcher: Matcher | null = null;
  private entityInfo = new Map<string, { name: string; type: EntityType }>();
  private marks: Mark[] = [];
  private index: MarkIndex<Mark> | null = null;
  private readonly painter = new MarkPainter();
  private readonly tooltip: TooltipHost;
  private readonly hover: HoverIntent<Mark>;
  private cards = new Map<string, Promise<CardState>>();
  private lastPointer: { x: number; y: number } | null = null;
  private pointerFrame = 0;
  private disposed = false;

  constructor(
    private readonly doc: Document,
    private readonly win: Window,
    private readonly ask: Ask,
  ) {
    this.tooltip = new TooltipHost(doc, {
      pointerOnCard: (on) => this.hover.pointerOnCard(on),
      escape: () => this.hover.hideNow(),
    });
    this.hover = new HoverIntent<Mark>({
      prepare: (mark) => void this.card(mark.entityId),
      show: (mark) => this.showCard(mark),
      hide: () => this.tooltip.hide(),
    });
  }

  /** Fetch the glossary (if it changed) and scan the page. */
  async refresh(): Promise<void> {
    const reply = await this.ask('glossary.get', { knownRevision: this.revision });
    if (this.disposed) return;
    if (reply.compiled && reply.entities) {
      this.load(reply.revision, reply.compiled, reply.entities);
      this.cards.clear();
    } else if (reply.revision !== this.revision) {
      return;
    }
    this.scan();
    await this.report();
  }

  private load(revision: number, compiled: CompiledGlossary, entities: { id: string; name: string; type: EntityType }[]) {
    this.revision = revision;
    this.entityInfo = new Map(entities.map((e) => [e.id, { name: e.name, type: e.type }]));
    this.matcher = entities.length > 0 ? createMatcher(compiled) : null;
  }

  /** Read the visible text, find mentions, paint them. */
  scan(): void {
    this.hover.hideNow();
    if (!this.matcher || !this.doc.body) {
      this.setMarks([], null);
      return;
    }
    const text = collectText(this.doc.body, { exclude: this.tooltip.element });
    const matches = this.matcher.findMatches(text.chunks);
    const marks: Mark[] = [];
    for (const m of matches) {
      const info = this.entityInfo.get(m.entityId);
      const range = info && rangeOfMatch(this.doc, text.nodes, m);
      if (info && range) marks.push({ entityId: m.entityId, type: info.type, range });
    }
    this.setMarks(marks, { text, matches });
  }

  private found: { text: CollectedText; matches: TermMatch[] } | null = null;

  private setMarks(marks: Mark[], found: { text: CollectedText; matches: TermMatch[] } | null) {
    this.marks = marks;
    this.found = found;
    this.index = marks.length ? new MarkIndex(marks) : null;
    if (marks.length) this.painter.paint(marks);
    else this.painter.clear();
  }

  /** Entity id -> number of mentions on the page, for the popup. */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.marks) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
    return counts;
  }

  /** Mentions with a snippet around the first one, for the reading index. */
  pageMentions(): PageMention[] {
    if (!this.found) return [];
    const { text, matches } = this.found;
    const out = new Map<string, PageMention>();
    for (const m of matches) {
      const existing = out.get(m.entityId);
      if (existing) {
        existing.count++;
        continue;
      }
      if (!this.entityInfo.has(m.entityId)) continue;
      out.set(m.entityId, { entityId: m.entityId, count: 1, snippet: this.snippet(text, m) });
    }
    return [...out.values()];
  }

  private snippet(text: CollectedText, m: TermMatch): string {
    // The block holding the mention: from its block start to the next one.
    let first = m.start.chunk;
    while (first > 0 && !text.chunks[first]!.blockStart) first--;
    let last = m.end.chunk;
    while (last + 1 < text.chunks.length && !text.chunks[last + 1]!.blockStart) last++;
    let block = '';
    let start = 0;
    let end = 0;
    for (let c = first; c <= last; c++) {
      if (c === m.start.chunk) start = block.length + m.start.offset;
      if (c === m.end.chunk) end = block.length + m.end.offset;
      block += text.chunks[c]!.text;
    }
    return snippetAround(block, start, end);
  }

  private async report(): Promise<void> {
    const mentions = this.pageMentions();
    if (mentions.length === 0) return;
    const meta = readPageMetadata(this.doc, this.win.location);
    await this.ask('page.report', { ...meta, mentions });
  }

  private card(entityId: string): Promise<CardState> {
    let p = this.cards.get(entityId);
    if (!p) {
      const meta = readPageMetadata(this.doc, this.win.location);
      p = this.ask('entity.card', { entityId, pageUrl: meta.pageUrl, canonicalHref: meta.canonicalHref })
        .then((reply): CardState =>
          reply
            ? { status: 'ready', entity: reply.entity, alsoIn: reply.alsoIn }
            : { status: 'error', name: this.entityInfo.get(entityId)?.name ?? '', message: 'This entity is no longer in your glossary.' },
        )
        .catch((err: unknown): CardState => {
          this.cards.delete(entityId);
          return { status: 'error', name: this.entityInfo.get(entityId)?.name ?? '', message: `Could not load: ${String(err instanceof Error ? err.message : err)}` };
        });
      this.cards.set(entityId, p);
    }
    return p;
  }

  private showCard(mark: Mark) {
    const info = this.entityInfo.get(mark.entityId);
    this.tooltip.show(mark.range, { status: 'loading', name: info?.name ?? '', type: info?.type ?? 'other' });
    void this.card(mark.entityId).then((state) => {
      if (this.hover.visible === mark) this.tooltip.update(state);
    });
  }

  /** One document-level listener resolves hovers by hit-testing, once per animation frame. */
  onPointerMove = (e: PointerEvent | MouseEvent): void => {
    if (!this.index) return;
    this.lastPointer = { x: e.clientX, y: e.clientY };
    if (this.pointerFrame) return;
    this.pointerFrame = this.win.requestAnimationFrame(() => {
      this.pointerFrame = 0;
      const p = this.lastPointer;
      if (!p || !this.index) return;
      // Over the card itself: leave the decision to the card's enter/leave events.
      const target = this.doc.elementFromPoint(p.x, p.y);
      if (target && target === this.tooltip.element) return;
      this.hover.pointerOver(this.index.at(this.doc, p.x, p.y));
    });
  };

  onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.hover.visible) this.hover.hideNow();
  };

  dispose(): void {
    this.disposed = true;
    this.hover.dispose();
    this.painter.clear();
    this.tooltip.destroy();
  }
}
