/**
 * The content script's lifetime: a signal that aborts when the script is invalidated (the
 * extension was updated or reloaded under the page: WXT's `ctx.signal`) or the page reader is
 * disposed, and timers that die with it. WXT's own `ctx.setTimeout` adds an abort listener per
 * timer that is never removed, which a page that changes all day (a ticker: one flush timer per
 * change) would pile up; these timers forget themselves when they fire.
 */
type Timer = ReturnType<typeof setTimeout>;

export class Lifetime {
  private readonly controller = new AbortController();
  private readonly timers = new Set<Timer>();

  constructor(parent?: AbortSignal) {
    if (parent?.aborted) this.end();
    else parent?.addEventListener('abort', () => this.end(), { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get ended(): boolean {
    return this.controller.signal.aborted;
  }

  /** Run `fn` after `ms`, unless the lifetime ends first. Returns null once it has ended. */
  setTimeout(fn: () => void, ms: number): Timer | null {
    if (this.ended) return null;
    const id = setTimeout(() => {
      this.timers.delete(id);
      fn();
    }, ms);
    this.timers.add(id);
    return id;
  }

  clearTimeout(id: Timer | null): void {
    if (id === null) return;
    clearTimeout(id);
    this.timers.delete(id);
  }

  /**
   * Resolves after `ms`, or as soon as `signal` aborts or the lifetime ends (what waits is
   * released, never left hanging; it checks its own signal to know which).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted || this.ended) return resolve();
      const done = () => {
        this.clearTimeout(id);
        signal?.removeEventListener('abort', done);
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      const id = this.setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      this.signal.addEventListener('abort', done, { once: true });
    });
  }

  end(): void {
    if (this.ended) return;
    for (const id of this.timers) clearTimeout(id);
    this.timers.clear();
    this.controller.abort();
  }
}
