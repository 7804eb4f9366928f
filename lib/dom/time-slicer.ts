/**
 * Runs the content script's work in short slices so the page stays responsive: a slice stops
 * once it has used SLICE_BUDGET_MS, yields to the browser (input, rendering, the page's own
 * scripts), then continues. Also keeps the cost figures the benchmark reads (page.stats).
 */

/** A slice's budget. A frame at 60 Hz is 16.7 ms; a few ms leaves the page most of it. */
export const SLICE_BUDGET_MS = 4;

type SchedulerWithYield = { yield?: () => Promise<void> };

/** Give the browser a turn. scheduler.yield keeps our place in line; otherwise a macrotask. */
export function yieldToBrowser(): Promise<void> {
  const s = (globalThis as { scheduler?: SchedulerWithYield }).scheduler;
  if (s && typeof s.yield === 'function') return s.yield();
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

export class CostMeter {
  mainThreadMs = 0;
  longestTaskMs = 0;
  #sliceStart = 0;
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Time a synchronous piece of work as (part of) one task. */
  measure<T>(work: () => T): T {
    const t0 = this.#now();
    try {
      return work();
    } finally {
      this.record(this.#now() - t0);
    }
  }

  record(ms: number): void {
    this.mainThreadMs += ms;
    if (ms > this.longestTaskMs) this.longestTaskMs = ms;
  }

  beginSlice(): void {
    this.#sliceStart = this.#now();
  }

  /** Time used by the current slice so far. */
  sliceElapsed(): number {
    return this.#now() - this.#sliceStart;
  }

  endSlice(): void {
    this.record(this.#now() - this.#sliceStart);
  }
}

/**
 * Process `items` with `step`, in slices of at most `budgetMs` each (at least one item per
 * slice), yielding between slices. Stops early when `cancelled()` turns true.
 */
export async function processSliced<T>(
  items: readonly T[],
  step: (item: T) => void,
  meter: CostMeter,
  cancelled: () => boolean = () => false,
  budgetMs = SLICE_BUDGET_MS,
): Promise<void> {
  let i = 0;
  while (i < items.length) {
    if (cancelled()) return;
    meter.beginSlice();
    do {
      step(items[i++]!);
    } while (i < items.length && meter.sliceElapsed() < budgetMs);
    meter.endSlice();
    if (i < items.length) await yieldToBrowser();
  }
}
