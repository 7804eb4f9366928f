/**
 * User Timing entries of the background (`ncr:` names): when it was ready to answer, how it
 * loaded the glossary (from the stored image or by compiling it) and how long page.start and
 * page.match took. They show in DevTools' Performance panel, and the cold-start benchmark
 * (scripts/bench/cold.ts) reads them from the service worker for its breakdown. Nothing is
 * sent anywhere. Bounded: past KEEP entries of one name the older ones are cleared.
 */

const KEEP = 64;
const counts = new Map<string, number>();

function userTiming(): Performance | null {
  const p = (globalThis as { performance?: Performance }).performance;
  return p && typeof p.mark === 'function' && typeof p.measure === 'function' ? p : null;
}

/** performance.now(), or 0 where there is no clock (timings are then not recorded). */
export function timingNow(): number {
  return userTiming()?.now() ?? 0;
}

/** A point in time, e.g. `ncr:background-ready`. */
export function timingMark(name: string): void {
  try {
    userTiming()?.mark(name);
  } catch {
    /* timings never break the extension */
  }
}

/** A duration from `start` (timingNow()) to now, with a little detail for the reader of the timeline. */
export function timingMeasure(name: string, start: number, detail?: Record<string, string | number | boolean>): void {
  const p = userTiming();
  if (!p) return;
  try {
    const n = (counts.get(name) ?? 0) + 1;
    if (n > KEEP) {
      p.clearMeasures(name);
      counts.set(name, 1);
    } else {
      counts.set(name, n);
    }
    p.measure(name, { start, end: p.now(), ...(detail ? { detail } : {}) });
  } catch {
    /* an engine without User Timing level 3 options: no entry */
  }
}
