/**
 * Owns the card's place in the page: an extension frame (lib/inpage/ui/extension-frame.ts) of a
 * fixed size (lib/inpage/ui/card-fit.ts), created while the reader is still deciding (the show
 * delay) and kept for the next cards, placed next to the hovered mark with @floating-ui/dom:
 * flip picks the side with room, shift keeps it in the viewport, over the mark if need be;
 * autoUpdate follows scrolling and resizing. The card itself renders in the frame
 * (entrypoints/card); what its buttons ask comes back here.
 */
import { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
import type { CardActions } from '../../../components/tooltip/EntityCard';
import type { CardState } from '../core/card-state';
import { ExtensionFrame } from './extension-frame';
import { CARD_FRAME, CARD_VIEWPORT_MARGIN, frameSize } from './card-fit';
import type { FrameCall, FromFrame } from './frame-messages';

export interface TooltipEvents {
  pointerOnCard(on: boolean): void;
  escape(): void;
  /** The card's "Add note" (absent: the card offers none). */
  addNote?: CardActions['addNote'];
  /** The card's "Never match this alias on this site". */
  excludeAlias?: CardActions['excludeAlias'];
}

export class TooltipHost {
  private frame: ExtensionFrame | null = null;
  private stopAutoUpdate: (() => void) | null = null;
  /** Bumped by every show and hide: a show that waited for the frame is stale once it changed. */
  private generation = 0;
  /** While the reader writes a note in the card, it stays open (hover rules pause). */
  private pinnedNow = false;
  private unpinned: (() => void)[] = [];

  constructor(
    private readonly doc: Document,
    private readonly events: TooltipEvents,
  ) {
    // Made while the reader is still deciding (the card controller creates this host when the
    // show delay starts), so the first card opens at once. A frame lost later (the extension's
    // worker restarted) is made again by the next show.
    this.prepare();
  }

  get pinned(): boolean {
    return this.pinnedNow;
  }

  private setPinned(on: boolean) {
    this.pinnedNow = on;
    if (!on) for (const resolve of this.unpinned.splice(0)) resolve();
  }

  /** Resolves once the reader is no longer writing in the card. */
  whenUnpinned(): Promise<void> {
    return this.pinnedNow ? new Promise((resolve) => this.unpinned.push(resolve)) : Promise.resolve();
  }

  /** The host element, so the text collector can leave it out. */
  get element(): Element | null {
    return this.frame?.host ?? null;
  }

  isOpen(): boolean {
    return this.stopAutoUpdate !== null;
  }

  /** Load the frame ahead of the card (during the show delay), so the card opens at once. */
  prepare(): void {
    this.ensureFrame();
  }

  show(anchor: Range, state: CardState, focus = false): void {
    const frame = this.ensureFrame();
    const generation = ++this.generation;
    // Follow the text's direction: on a right-to-left page the card aligns to the right of the
    // mention (floating-ui mirrors "-start" placements when the floating element is RTL). The
    // card's own text runs in its own direction (the frame's page says dir="auto").
    const anchorEl = anchor.startContainer.parentElement;
    const dir = anchorEl ? getComputedStyle(anchorEl).direction : 'ltr';
    frame.host.style.setProperty('direction', dir === 'rtl' ? 'rtl' : 'ltr', 'important');
    this.render(state);
    this.stopAutoUpdate?.();
    const reference = {
      getBoundingClientRect: () => {
        // Anchor on the first line of a mark that wraps, like a native tooltip would.
        const rects = anchor.getClientRects();
        return rects.length ? rects[0]! : anchor.getBoundingClientRect();
      },
      getClientRects: () => anchor.getClientRects(),
      contextElement: anchor.startContainer.parentElement ?? undefined,
    };
    const update = () => {
      const root = this.doc.documentElement;
      frame.resize(frameSize(CARD_FRAME, { width: root.clientWidth, height: root.clientHeight }));
      void computePosition(reference, frame.host, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [offset(6), flip({ padding: CARD_VIEWPORT_MARGIN }), shift({ padding: CARD_VIEWPORT_MARGIN, crossAxis: true })],
      }).then(({ x, y }) => {
        if (!frame.alive) return;
        frame.host.style.setProperty('transform', `translate(${Math.round(x)}px, ${Math.round(y)}px)`, 'important');
      });
    };
    this.stopAutoUpdate = autoUpdate(reference, frame.host, update);
    // Shown once the frame listens (loaded during the show delay, it already does).
    void frame.ready.then(() => {
      if (generation !== this.generation || this.frame !== frame) return;
      frame.visible(true);
      if (focus) frame.focus();
    });
  }

  /** Re-render in place (data arrived for the card already shown). */
  update(state: CardState): void {
    if (this.frame && this.isOpen()) this.render(state);
  }

  private render(state: CardState) {
    this.frame?.post({ t: 'view', view: { kind: 'card', state, actions: !!this.events.addNote } });
  }

  hide(): void {
    this.generation++;
    this.setPinned(false);
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = null;
    if (!this.frame) return;
    this.frame.visible(false);
    this.frame.post({ t: 'view', view: { kind: 'none' } });
  }

  destroy(): void {
    this.hide();
    this.frame?.destroy();
    this.frame = null;
  }

  private ensureFrame(): ExtensionFrame {
    if (this.frame?.alive && this.frame.host.isConnected) return this.frame;
    this.frame?.destroy();
    const frame = new ExtensionFrame(
      this.doc,
      'top: 0; left: 0',
      frameSize(CARD_FRAME, { width: this.doc.documentElement.clientWidth, height: this.doc.documentElement.clientHeight }),
      (message) => this.onFrameMessage(frame, message),
      () => {
        // The pair is gone (the extension restarted its worker, or was updated): a new frame
        // is made for the next card.
        if (this.frame !== frame) return;
        this.frame = null;
        this.stopAutoUpdate?.();
        this.stopAutoUpdate = null;
        this.setPinned(false);
      },
    );
    frame.host.addEventListener('pointerenter', (e) => e.isTrusted && this.events.pointerOnCard(true));
    frame.host.addEventListener('pointerleave', (e) => e.isTrusted && !this.pinnedNow && this.events.pointerOnCard(false));
    this.frame = frame;
    return frame;
  }

  private onFrameMessage(frame: ExtensionFrame, message: FromFrame) {
    switch (message.t) {
      case 'pin':
        this.setPinned(message.on === true);
        return;
      case 'escape':
        this.events.escape();
        return;
      case 'call':
        void this.call(message.call).then(
          (value) => frame.post({ t: 'result', id: message.id, ok: true, value }),
          (err: unknown) => frame.post({ t: 'result', id: message.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
        );
        return;
      default:
        return;
    }
  }

  private async call(call: FrameCall): Promise<unknown> {
    if (call.op === 'addNote' && this.events.addNote) {
      const version = typeof call.entityVersion === 'number' ? call.entityVersion : undefined;
      return this.events.addNote(String(call.entityId), String(call.comment), Array.isArray(call.tags) ? call.tags.map(String) : [], call.appendToEntity === true, version);
    }
    if (call.op === 'excludeAlias' && this.events.excludeAlias) return this.events.excludeAlias(String(call.entityId), String(call.alias));
    throw new Error('not available here');
  }
}
