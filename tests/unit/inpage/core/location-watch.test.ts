// @vitest-environment happy-dom
// A page can dispatch any event: only a real change of location.href makes the reader start over.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchLocation } from '../../../../lib/inpage/core/location-watch';

/** A window whose location and Navigation API the test controls. */
function fakeWindow(withNavigation: boolean) {
  const location = { href: 'https://news.example/spa/start' };
  const navigation = withNavigation ? new EventTarget() : undefined;
  return { win: { location, navigation } as unknown as Window, location, navigation };
}

afterEach(() => vi.useRealTimers());

describe('watchLocation', () => {
  it('ignores a page-dispatched currententrychange, even once the URL moved', () => {
    const { win, location, navigation } = fakeWindow(true);
    const changes: string[] = [];
    watchLocation(win, new AbortController().signal, () => changes.push(location.href));
    // Events a script dispatches are never trusted.
    navigation!.dispatchEvent(new Event('currententrychange'));
    location.href = 'https://news.example/spa/story-1';
    navigation!.dispatchEvent(new Event('currententrychange'));
    expect(changes).toEqual([]);
  });

  it('without the Navigation API, looks at location.href every second and reports each real change once', () => {
    vi.useFakeTimers();
    const { win, location } = fakeWindow(false);
    const changes: string[] = [];
    const stop = new AbortController();
    watchLocation(win, stop.signal, () => changes.push(location.href));
    vi.advanceTimersByTime(1_000);
    expect(changes).toEqual([]);
    location.href = 'https://news.example/spa/story-1';
    vi.advanceTimersByTime(1_000);
    vi.advanceTimersByTime(1_000);
    expect(changes).toEqual(['https://news.example/spa/story-1']);
    stop.abort();
    location.href = 'https://news.example/spa/story-2';
    vi.advanceTimersByTime(1_000);
    expect(changes).toHaveLength(1);
  });
});
