/**
 * The content script's lifetime: a signal that aborts when the script is invalidated (the
 * extension was updated or reloaded under the page: WXT's `ctx.signal`) or the page reader is
 * disposed, and timers that do nothing once it has ended. WXT's own `ctx.setTimeout` adds an
 * abort listener per timer that is never removed, which a page that changes all day (a ticker:
 * one flush timer per change) would pile up; these check the signal when they fire instead.
 */
export class Lifetime {
  readonly #controller = new AbortController();

  constructor(parent?: AbortSignal) {
    if (parent?.aborted) this.end();
    else parent?.addEventListener('abort', () => this.end(), { once: true });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Run `fn` after `ms`, unless the lifetime has ended by then (clearTimeout cancels it). */
  setTimeout(fn: () => void, ms: number): ReturnType<typeof setTimeout> {
    return setTimeout(() => this.signal.aborted || fn(), ms);
  }

  /**
   * Resolves after `ms`, or as soon as `signal` (by default the lifetime's own) aborts: what
   * waits is released, never left hanging; it checks its own signal to know which.
   */
  sleep(ms: number, signal = this.signal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const id = setTimeout(resolve, ms);
      signal.addEventListener('abort', () => (clearTimeout(id), resolve()), { once: true });
    });
  }

  end(): void {
    this.#controller.abort();
  }
}
