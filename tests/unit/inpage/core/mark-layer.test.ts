// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MarkLayer } from '../../../../lib/inpage/core/mark-layer';
import { Overlay } from '../../../../lib/dom/overlay';
import type { Mark } from '../../../../lib/dom/mark-store';
import { markOn } from './fake-page';

/** The looks handed to the overlay (lib/dom/overlay.ts), counted by look. */
function looks(overlay: Overlay): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [, look] of overlay.entries()) out[look] = (out[look] ?? 0) + 1;
  return out;
}

const texts = (marks: Iterable<Mark>) => [...marks].map((m) => `${m.entityId}@${m.range.startOffset}`);

describe('MarkLayer', () => {
  beforeEach(() => {
    document.body.innerHTML = '<nav>Rajavi</nav><p>Rajavi met the MEK. Rajavi left.</p><p>The MEK, Rajavi.</p>';
  });
  afterEach(() => vi.unstubAllGlobals());

  function layer(...args: ConstructorParameters<typeof MarkLayer>) {
    const marks = new MarkLayer(...args);
    const nav = markOn('Rajavi', 'e0', 0, false);
    const all = [nav, markOn('Rajavi', 'e0', 1), markOn('MEK', 'e1', 0), markOn('Rajavi', 'e0', 2), markOn('MEK', 'e1', 1), markOn('Rajavi', 'e0', 3)];
    return { marks, all, nav };
  }

  it('admits mentions up to the page limit and the per-node limit, and counts the rest of the article', () => {
    const { marks } = layer({ marks: 3, perNode: 2 });
    const [a, b] = [document.querySelector('p')!.firstChild as Text, document.querySelectorAll('p')[1]!.firstChild as Text];
    expect(marks.admit(a, 'e0', true, 0)).toBe(true);
    expect(marks.admit(a, 'e1', true, 1)).toBe(true);
    // The node's limit.
    expect(marks.admit(a, 'e0', true, 2)).toBe(false);
    // The page's limit counts marks not yet added (`pending`).
    expect(marks.admit(b, 'e1', true, 3)).toBe(false);
    expect(marks.admit(b, 'e1', false, 3)).toBe(false);
    expect(marks.admit(b, 'e1', true, 2)).toBe(true);
    // Counted past the limits: the article's only (the furniture's one is not).
    expect(marks.counts()).toEqual(new Map([['e0', 1], ['e1', 1]]));
  });

  it('draws the article only unless furniture is asked for; counts only the article', () => {
    const overlay = new Overlay(document);
    const { marks, all, nav } = layer(undefined, overlay);
    marks.add(all);
    marks.commit();
    expect(marks.drawnMarks()).not.toContain(nav);
    expect(marks.paintedCount).toBe(5);
    // The entity's type is "person" (markOn): one look for all, drawn by the overlay.
    expect(looks(overlay)).toEqual({ 'underline person': 5 });
    expect(marks.counts()).toEqual(new Map([['e0', 3], ['e1', 2]]));
    marks.setRules('all', true);
    marks.redraw();
    marks.commit();
    expect(marks.paintedCount).toBe(6);
  });

  it('draws the first mention per paragraph, or per page, under those densities', () => {
    const { marks, all } = layer();
    marks.setRules('first-per-paragraph', false);
    marks.add(all);
    expect(texts(marks.drawnMarks()).sort()).toEqual(['e0@0', 'e0@9', 'e1@15', 'e1@4']);
    marks.setRules('first-on-page', false);
    marks.redraw();
    expect(texts(marks.drawnMarks()).sort()).toEqual(['e0@0', 'e1@15']);
  });

  it('steps through the drawn marks in document order, from the one shown', () => {
    const { marks, all } = layer();
    marks.add([...all].reverse());
    const next = (cur: readonly Mark[], i: number) => (i + 1) % cur.length;
    const seen: string[] = [];
    let shown: Mark | null = null;
    for (let i = 0; i < 6; i++) {
      shown = marks.step(shown, 'next', next)!;
      seen.push(`${shown.entityId}:${shown.range.startContainer.parentElement!.tagName}@${shown.range.startOffset}`);
    }
    expect(seen).toEqual(['e0:P@0', 'e1:P@15', 'e0:P@20', 'e1:P@4', 'e0:P@9', 'e0:P@0']);
    marks.clear();
    expect(marks.step(null, 'next', next)).toBeNull();
  });

  it('drops the marks of changed blocks and of text that left the page', () => {
    const { marks, all } = layer();
    marks.add(all);
    const [first, second] = document.querySelectorAll('p');
    expect(texts(marks.removeChanged({ roots: [first!], removals: false }))).toEqual(['e0@0', 'e1@15', 'e0@20']);
    second!.remove();
    expect(texts(marks.removeChanged({ roots: [], removals: true }))).toEqual(['e1@4', 'e0@9']);
    expect(marks.drawnMarks()).toEqual([]);
  });

  it('keeps suggestions off glossary marks', () => {
    const { marks, all } = layer();
    marks.add(all);
    const skip = marks.suggestionSkip();
    const p = document.querySelector('p')!.firstChild as Text;
    const at = (start: number, end: number) => {
      const r = document.createRange();
      r.setStart(p, start);
      r.setEnd(p, end);
      return r;
    };
    expect(skip(at(2, 4))).toBe(true);
    expect(skip(at(7, 10))).toBe(false);
  });
});
