import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HIDE_GRACE_MS, HoverIntent, PREPARE_DELAY_MS, SHOW_DELAY_MS } from '../../../../lib/inpage/core/hover-intent';

describe('HoverIntent', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup() {
    const cb = { prepare: vi.fn(), show: vi.fn(), hide: vi.fn() };
    return { cb, hi: new HoverIntent<string>(cb) };
  }

  it('prepares, then shows, only when the pointer rests', () => {
    const { cb, hi } = setup();
    hi.pointerOver('a');
    vi.advanceTimersByTime(PREPARE_DELAY_MS - 1);
    expect(cb.prepare).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(cb.prepare).toHaveBeenCalledWith('a');
    vi.advanceTimersByTime(SHOW_DELAY_MS - PREPARE_DELAY_MS - 1);
    expect(cb.show).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(cb.show).toHaveBeenCalledWith('a');
  });

  it('does nothing when the pointer merely crosses a mark', () => {
    const { cb, hi } = setup();
    hi.pointerOver('a');
    vi.advanceTimersByTime(100);
    hi.pointerOver(null);
    vi.advanceTimersByTime(2000);
    expect(cb.prepare).not.toHaveBeenCalled();
    expect(cb.show).not.toHaveBeenCalled();
  });

  it('hides after the grace period, unless the pointer reaches the card', () => {
    const { cb, hi } = setup();
    hi.pointerOver('a');
    vi.advanceTimersByTime(SHOW_DELAY_MS);
    hi.pointerOver(null);
    vi.advanceTimersByTime(HIDE_GRACE_MS - 10);
    hi.pointerOnCard(true);
    vi.advanceTimersByTime(1000);
    expect(cb.hide).not.toHaveBeenCalled();
    hi.pointerOnCard(false);
    vi.advanceTimersByTime(HIDE_GRACE_MS);
    expect(cb.hide).toHaveBeenCalledTimes(1);
  });

  it('returning to the shown mark cancels the hide', () => {
    const { cb, hi } = setup();
    hi.pointerOver('a');
    vi.advanceTimersByTime(SHOW_DELAY_MS);
    hi.pointerOver(null);
    vi.advanceTimersByTime(100);
    hi.pointerOver('a');
    vi.advanceTimersByTime(1000);
    expect(cb.hide).not.toHaveBeenCalled();
    expect(cb.show).toHaveBeenCalledTimes(1);
  });

  it('showNow and hideNow act at once (keyboard, Escape)', () => {
    const { cb, hi } = setup();
    hi.showNow('b');
    expect(cb.show).toHaveBeenCalledWith('b');
    expect(hi.visible).toBe('b');
    hi.hideNow();
    expect(cb.hide).toHaveBeenCalledTimes(1);
    expect(hi.visible).toBeNull();
  });
});
