import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Lifetime } from '../../../../lib/inpage/core/lifetime';

describe('Lifetime', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('its timers do nothing once the content script is invalidated', () => {
    const ctx = new AbortController();
    const life = new Lifetime(ctx.signal);
    const fn = vi.fn();
    life.setTimeout(fn, 10);
    life.setTimeout(fn, 30);
    vi.advanceTimersByTime(20);
    expect(fn).toHaveBeenCalledTimes(1);
    ctx.abort();
    expect(life.signal.aborted).toBe(true);
    vi.advanceTimersByTime(20);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('sleep resolves after its time, or at once when its signal aborts', async () => {
    const life = new Lifetime();
    const scan = new AbortController();
    let slept = false;
    void life.sleep(1_000, scan.signal).then(() => (slept = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(slept).toBe(false);
    scan.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(slept).toBe(true);
    let second = false;
    void life.sleep(50).then(() => (second = true));
    await vi.advanceTimersByTimeAsync(50);
    expect(second).toBe(true);
    let third = false;
    void life.sleep(50).then(() => (third = true));
    life.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(third).toBe(true);
  });
});
