/**
 * A virtualised list (@tanstack/virtual-core): only the rows in view (plus a few) are in the
 * DOM, so 10,000 entities scroll and filter smoothly. Rows have a fixed height. The list is
 * its own scroll container, as tall as its rows up to `maxHeight` (a search that leaves one
 * row leaves a one-row panel); keyboard users move through rows with Tab as usual.
 */
import { useEffect, useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';

interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  getKey: (item: T) => string;
  renderRow: (item: T, index: number) => ComponentChildren;
  label: string;
  testId?: string;
  /** Most the scroll container may take (a CSS length); fewer rows take less. */
  maxHeight?: string;
}

export function VirtualList<T>({ items, rowHeight, getKey, renderRow, label, testId, maxHeight = 'min(68vh, 720px)' }: VirtualListProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [virtualizer] = useState(
    () =>
      new Virtualizer<HTMLDivElement, HTMLLIElement>({
        count: items.length,
        getScrollElement: () => scrollRef.current,
        estimateSize: () => rowHeight,
        scrollToFn: elementScroll,
        observeElementRect,
        observeElementOffset,
        overscan: 6,
        // A first render before the container is measured shows a screenful.
        initialRect: { width: 800, height: 720 },
        getItemKey: (i) => getKey(items[i]!),
        onChange: () => rerender(0),
      }),
  );
  virtualizer.setOptions({
    ...virtualizer.options,
    count: items.length,
    getItemKey: (i) => getKey(items[i]!),
    estimateSize: () => rowHeight,
  });

  useLayoutEffect(() => virtualizer._willUpdate());
  useEffect(() => virtualizer._didMount(), [virtualizer]);
  // A new filter starts at the top.
  const first = items[0];
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [items.length, first]);

  const virtualItems = virtualizer.getVirtualItems();
  const total = virtualizer.getTotalSize();
  return (
    <div ref={scrollRef} class="vlist" style={{ height: `min(${total}px, ${maxHeight})`, overflowY: 'auto' }} data-testid={testId ? `${testId}-scroller` : undefined}>
      <ul class="vlist__inner entity-list" aria-label={label} data-testid={testId} style={{ height: `${total}px`, position: 'relative' }}>
        {virtualItems.map((v) => (
          <li
            key={v.key as string}
            class="vlist__row"
            style={{ position: 'absolute', top: 0, left: 0, right: 0, height: `${rowHeight}px`, transform: `translateY(${v.start}px)` }}
            aria-setsize={items.length}
            aria-posinset={v.index + 1}
          >
            {renderRow(items[v.index]!, v.index)}
          </li>
        ))}
      </ul>
    </div>
  );
}
