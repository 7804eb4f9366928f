// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { MarkStore, compareMarks, type Mark } from '../../../lib/dom/mark-store';
import { markOn } from '../inpage/core/fake-page';

describe('MarkStore', () => {
  let marks: Mark[];
  beforeEach(() => {
    document.body.innerHTML = '<h1>Rajavi</h1><p>Rajavi met the MEK; Rajavi left.</p><p>The MEK.</p>';
    marks = [markOn('Rajavi', 'e0', 0), markOn('Rajavi', 'e0', 1), markOn('MEK', 'e1', 0), markOn('Rajavi', 'e0', 2), markOn('MEK', 'e1', 1, false)];
    marks[1]!.snippet = 'second';
    marks[3]!.snippet = 'third';
    marks[0]!.snippet = 'headline';
  });

  it('sorts marks in document order', () => {
    expect([...marks].reverse().sort(compareMarks)).toEqual(marks);
  });

  it('counts the article mentions and keeps the snippet of each entity\'s first one', () => {
    const store = new MarkStore();
    store.add([...marks].reverse());
    expect(store.size).toBe(5);
    expect(store.counts()).toEqual(new Map([['e0', 3], ['e1', 1]]));
    expect(store.snippets()).toEqual(new Map([['e0', 'headline']]));
  });

  it('removes the marks of a block, or of text that left the document', () => {
    const store = new MarkStore();
    store.add(marks);
    const [, p2] = document.querySelectorAll('p');
    expect(store.removeWithin(document.querySelector('p')!)).toEqual([marks[1], marks[2], marks[3]]);
    p2!.remove();
    expect(store.removeDisconnected()).toEqual([marks[4]]);
    expect([...store.all()]).toEqual([marks[0]]);
    expect(store.size).toBe(1);
  });

  it('under each density, draws what `shown` allows', () => {
    const store = new MarkStore();
    store.add(marks);
    const article = (m: Mark) => m.article;
    expect(store.visible('all', article)).toHaveLength(4);
    expect(store.visible('first-per-paragraph', article)).toEqual([marks[0], marks[1], marks[2]]);
    expect(store.visible('first-on-page', () => true)).toEqual([marks[0], marks[2]]);
  });
});
