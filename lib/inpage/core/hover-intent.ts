/**
 * When a hover becomes a preview. The delays follow Wikipedia's Page Previews, which arrived at
 * them through user research (mediawiki-extensions-Popups, src/constants.js):
 */
/** Pointer resting this long on a mark starts preparing the card (fetch its data). */
export const PREPARE_DELAY_MS = 150;
/** ...and this long shows it: shorter feels twitchy when the pointer merely crosses text. */
export const SHOW_DELAY_MS = 500;
/** After leaving mark or card, this grace lets the pointer travel to the card without it closing. */
export const HIDE_GRACE_MS = 300;

export interface HoverIntentCallbacks<K> {
  prepare(key: K): void;
  show(key: K): void;
  hide(): void;
}

type Timer = ReturnType<typeof setTimeout>;

/**
 * A small state machine fed with "the pointer is now over key K (or nothing)" and "the pointer
 * is over the card". It owns the timers; callers own what preparing and showing mean.
 */
export class HoverIntent<K> {
  #target: K | null = null;
  #shown: K | null = null;
  readonly #timers: Record<'prepare' | 'show' | 'hide', Timer | null> = { prepare: null, show: null, hide: null };
  #overCard = false;
  readonly #cb: HoverIntentCallbacks<K>;
  readonly #delays;

  constructor(
    cb: HoverIntentCallbacks<K>,
    delays = { prepare: PREPARE_DELAY_MS, show: SHOW_DELAY_MS, hide: HIDE_GRACE_MS },
  ) {
    this.#cb = cb;
    this.#delays = delays;
  }

  /** The pointer is over `key` (a mark), or over nothing of ours (null). */
  pointerOver(key: K | null): void {
    if (key === this.#target) return;
    this.#target = key;
    this.#clear('prepare');
    this.#clear('show');
    if (key === null) {
      if (this.#shown !== null && !this.#overCard) this.#scheduleHide();
      return;
    }
    if (key === this.#shown) {
      this.#clear('hide');
      return;
    }
    this.#timers.prepare = setTimeout(() => this.#cb.prepare(key), this.#delays.prepare);
    this.#timers.show = setTimeout(() => {
      this.#clear('hide');
      this.#shown = key;
      this.#cb.show(key);
    }, this.#delays.show);
  }

  /** The pointer entered (true) or left (false) the card: entering cancels the hide grace. */
  pointerOnCard(on: boolean): void {
    this.#overCard = on;
    if (on) this.#clear('hide');
    else if (this.#shown !== null && this.#target !== this.#shown) this.#scheduleHide();
  }

  /** Show now, without delay (keyboard navigation). */
  showNow(key: K): void {
    this.#clear('prepare');
    this.#clear('show');
    this.#clear('hide');
    this.#target = key;
    this.#shown = key;
    this.#cb.prepare(key);
    this.#cb.show(key);
  }

  hideNow(): void {
    this.#clear('prepare');
    this.#clear('show');
    this.#clear('hide');
    this.#target = null;
    if (this.#shown !== null) {
      this.#shown = null;
      this.#cb.hide();
    }
  }

  get visible(): K | null {
    return this.#shown;
  }

  #scheduleHide() {
    this.#clear('hide');
    this.#timers.hide = setTimeout(() => {
      this.#shown = null;
      this.#cb.hide();
    }, this.#delays.hide);
  }

  #clear(which: 'prepare' | 'show' | 'hide') {
    const t = this.#timers[which];
    if (t !== null) clearTimeout(t);
    this.#timers[which] = null;
  }

  dispose() {
    this.#clear('prepare');
    this.#clear('show');
    this.#clear('hide');
  }
}
