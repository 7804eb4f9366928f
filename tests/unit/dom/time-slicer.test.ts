import { describe, expect, it } from 'vitest';
import { CostMeter, processSliced } from '../../../lib/dom/time-slicer';

/** A clock that moves only when told: each step "costs" `stepMs`. */
function clock() {
  const c = { now: 0 };
  return { c, meter: new CostMeter(() => c.now) };
}

describe('CostMeter', () => {
  it('adds up main-thread time and keeps the longest task', () => {
    const { c, meter } = clock();
    meter.measure(() => (c.now += 3));
    meter.beginSlice();
    c.now += 5;
    expect(meter.sliceElapsed()).toBe(5);
    meter.endSlice();
    expect(meter.mainThreadMs).toBe(8);
    expect(meter.longestTaskMs).toBe(5);
  });
});

describe('processSliced', () => {
  it('processes everything in slices of the budget (at least one item each)', async () => {
    const { c, meter } = clock();
    const seen: number[] = [];
    await processSliced([1, 2, 3, 4, 5], (n) => (seen.push(n), (c.now += 3)), meter, () => false, 4);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    // 3 ms per item, 4 ms budget: two items per slice, three slices.
    expect(meter.longestTaskMs).toBe(6);
    expect(meter.mainThreadMs).toBe(15);
  });

  it('stops at the next slice once cancelled', async () => {
    const { c, meter } = clock();
    const seen: number[] = [];
    await processSliced([1, 2, 3, 4, 5], (n) => (seen.push(n), (c.now += 4)), meter, () => seen.length >= 2, 4);
    expect(seen).toEqual([1, 2]);
  });
});
