/**
 * Watches the page for added and changed text (infinite scroll, live blogs, comments, SPA
 * re-renders). The MutationObserver callback only queues: it records which block elements
 * changed and asks for a flush; the work happens later, in slices (lib/inpage/core/page-reader.ts).
 */
import { blockAround } from './collect-text';

/** Past this many changed blocks in one flush, one full rescan is cheaper than many small ones. */
export const FULL_RESCAN_THRESHOLD = 300;

/**
 * Attributes that can show or hide text ("Read more", tabs, accordions, <details>). Their
 * changes dirty the element's block, at most once per element per REVEAL_COOLDOWN_MS, and only
 * for elements holding a modest amount of text (a class toggled on <body> on every scroll must
 * not rescan the page each time).
 */
const REVEAL_ATTRIBUTES = ['class', 'style', 'hidden', 'open', 'aria-hidden', 'aria-expanded'];
const REVEAL_COOLDOWN_MS = 1_000;
const REVEAL_MAX_TEXT = 50_000;

export interface PendingChanges {
  /** Block elements whose text changed (outermost only), or null when a full rescan is due. */
  roots: Element[] | null;
  /** Nodes were removed somewhere: marks on detached text must go. */
  removals: boolean;
}

export class ChangeWatcher {
  readonly #observer: MutationObserver;
  #dirty = new Set<Element>();
  readonly #lastReveal = new WeakMap<Element, number>();
  #full = false;
  #removals = false;
  readonly #root: Element;
  readonly #ignore: () => Element | null;
  readonly #onPending: () => void;

  constructor(
    root: Element,
    /** Our own UI (the tooltip host): its changes are ignored. */
    ignore: () => Element | null,
    /** Called (at most once until take()) when there is something to do. */
    onPending: () => void,
  ) {
    this.#root = root;
    this.#ignore = ignore;
    this.#onPending = onPending;
    this.#observer = new MutationObserver((records) => this.#queue(records));
  }

  start(): void {
    this.#observer.observe(this.#root, {
      childList: true,
      characterData: true,
      subtree: true,
      attributes: true,
      attributeFilter: REVEAL_ATTRIBUTES,
    });
  }

  stop(): void {
    this.#observer.disconnect();
    this.#dirty.clear();
  }

  #queue(records: MutationRecord[]): void {
    const own = this.#ignore();
    const wasIdle = this.#dirty.size === 0 && !this.#full && !this.#removals;
    for (const r of records) {
      if (own && (r.target === own || own.contains(r.target))) continue;
      if (r.type === 'childList') {
        if (r.removedNodes.length) this.#removals = true;
        if (r.addedNodes.length === 0) continue;
        // A block added whole is its own root; inline nodes dirty the block around them.
        for (const n of r.addedNodes) {
          if (own && n === own) continue;
          if (n.nodeType === Node.ELEMENT_NODE || n.nodeType === Node.TEXT_NODE) this.#mark(blockAround(n) ?? this.#root);
        }
      } else if (r.type === 'characterData') {
        this.#mark(blockAround(r.target) ?? this.#root);
      } else if (r.type === 'attributes') {
        this.#maybeRevealed(r.target as Element);
      }
      if (this.#full) break;
    }
    if (this.#dirty.size > FULL_RESCAN_THRESHOLD) this.#full = true;
    if (wasIdle && (this.#dirty.size > 0 || this.#full || this.#removals)) this.#onPending();
  }

  #maybeRevealed(el: Element): void {
    if (el === this.#root || el.contains(this.#root)) return;
    const now = performance.now();
    const last = this.#lastReveal.get(el);
    if (last !== undefined && now - last < REVEAL_COOLDOWN_MS) return;
    this.#lastReveal.set(el, now);
    if ((el.textContent?.length ?? 0) > REVEAL_MAX_TEXT) return;
    const block = blockAround(el);
    if (block && block !== this.#root && !block.contains(this.#root)) this.#dirty.add(block);
  }

  #mark(block: Element): void {
    if (block === this.#root || block.contains(this.#root)) this.#full = true;
    else this.#dirty.add(block);
  }

  /** The queued changes, reduced to outermost blocks; the queue is emptied. */
  take(): PendingChanges {
    const removals = this.#removals;
    const full = this.#full;
    const dirty = [...this.#dirty];
    this.#dirty = new Set();
    this.#full = false;
    this.#removals = false;
    if (full) return { roots: null, removals };
    const connected = dirty.filter((b) => b.isConnected);
    const outermost = connected.filter((b) => !connected.some((o) => o !== b && o.contains(b)));
    return { roots: outermost, removals };
  }
}
