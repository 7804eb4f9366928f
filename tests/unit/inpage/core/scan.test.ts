// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { Scan, type ScanContext } from '../../../../lib/inpage/core/scan';
import { MarkLayer } from '../../../../lib/inpage/core/mark-layer';
import { ArticleZones } from '../../../../lib/inpage/core/article-zones';
import { CostMeter } from '../../../../lib/dom/time-slicer';
import type { PageAsk } from '../../../../lib/messaging/page-client';
import { fakeBackground, settle, type FakeBackground } from './fake-page';

function context(bg: FakeBackground, marks = new MarkLayer()): ScanContext {
  return {
    doc: document,
    ask: bg.ask as unknown as PageAsk,
    meter: new CostMeter(),
    marks,
    stats: { firstPaintMs: null, scans: 0, textNodes: 0, characters: 0 },
    startedAt: 0,
    pageUrl: () => 'https://news.example/a',
    ownElement: () => null,
    pageKind: () => ({ title: 'A', types: [] }),
  };
}

const marked = (marks: MarkLayer) => [...marks.all()].map((m) => `${m.entityId}:${m.range.toString()}`);

describe('Scan', () => {
  beforeEach(() => {
    document.body.innerHTML = '<p>Maryam Rajavi spoke.</p><p>Later, Rajavi and the MEK left.</p>';
  });

  it('reads the page, sends its text and turns the answer into marks', async () => {
    const bg = fakeBackground(['Rajavi', 'MEK']);
    const ctx = context(bg);
    const done = await new Scan(ctx, new AbortController().signal, { zones: new ArticleZones() }).run([document.body]);
    expect(done).toBe(true);
    expect(bg.requests.length).toBeGreaterThan(0);
    expect(bg.requests[0]!.pageUrl).toBe('https://news.example/a');
    expect(marked(ctx.marks).sort()).toEqual(['e0:Rajavi', 'e0:Rajavi', 'e1:MEK']);
    expect(ctx.stats.textNodes).toBe(2);
  });

  it('an aborted scan paints nothing more, even when the answers arrive afterwards', async () => {
    const bg = fakeBackground(['Rajavi']);
    bg.hold = true;
    const ctx = context(bg);
    const control = new AbortController();
    const run = new Scan(ctx, control.signal, { zones: new ArticleZones() }).run([document.body]);
    await settle();
    expect(bg.requests.length).toBeGreaterThan(0);
    control.abort();
    bg.release();
    expect(await run).toBe(false);
    expect(marked(ctx.marks)).toEqual([]);
  });

  it('an aborted scan releases at once what waits for the article zones, though their answer never comes', async () => {
    const bg = fakeBackground(['Rajavi']);
    bg.hold = true;
    const zones = new ArticleZones(true);
    const control = new AbortController();
    void new Scan(context(bg), control.signal, { zones, layout: { els: [], rows: [], chars: 0 } }).run([document.body]);
    await settle();
    let known = false;
    void zones.known.then(() => (known = true));
    await settle();
    expect(known).toBe(false);
    control.abort();
    await settle(1);
    expect(known).toBe(true);
  });

  it('a scan started after its signal aborted reads and sends nothing', async () => {
    const bg = fakeBackground(['Rajavi']);
    const control = new AbortController();
    control.abort();
    const zones = new ArticleZones(true);
    expect(await new Scan(context(bg), control.signal, { zones, layout: { els: [], rows: [], chars: 0 } }).run([document.body])).toBe(false);
    expect(bg.requests).toEqual([]);
    await zones.known;
  });

  it('leaves out a mention whose text changed while the background was answering', async () => {
    const bg = fakeBackground(['Rajavi']);
    bg.hold = true;
    const ctx = context(bg);
    const run = new Scan(ctx, new AbortController().signal, { zones: new ArticleZones() }).run([document.body]);
    await settle();
    document.querySelector('p')!.firstChild!.textContent = 'Someone else spoke.';
    bg.release();
    expect(await run).toBe(true);
    expect(marked(ctx.marks)).toEqual(['e0:Rajavi']);
    expect([...ctx.marks.all()][0]!.startNode.parentElement).toBe(document.querySelectorAll('p')[1]);
  });

  it('past the mark limits, mentions are counted but not drawn', async () => {
    document.body.innerHTML = '<p>Rajavi, Rajavi, Rajavi.</p><p>Rajavi and Rajavi.</p><p>Rajavi.</p>';
    const marks = new MarkLayer({ marks: 3, perNode: 2 });
    const ctx = context(fakeBackground(['Rajavi']), marks);
    await new Scan(ctx, new AbortController().signal, { zones: new ArticleZones() }).run([document.body]);
    // Two in the first node (its limit), one in the second (the page's limit), none after.
    expect([...marks.all()].map((m) => m.startNode.parentElement!.textContent)).toEqual(['Rajavi, Rajavi, Rajavi.', 'Rajavi, Rajavi, Rajavi.', 'Rajavi and Rajavi.']);
    expect(marks.counts()).toEqual(new Map([['e0', 6]]));
  });
  it('adds a part\'s marks to the page in batches of at most 128, however fast the slice is', async () => {
    document.body.innerHTML = '<p>Rajavi said.</p>'.repeat(300);
    const marks = new MarkLayer();
    const sizes: number[] = [];
    const add = marks.add.bind(marks);
    marks.add = (batch) => {
      sizes.push(batch.length);
      add(batch);
    };
    // A clock that never moves: the slice's time budget never runs out, only the count can stop a batch.
    const ctx = { ...context(fakeBackground(['Rajavi']), marks), meter: new CostMeter(() => 0) };
    await new Scan(ctx, new AbortController().signal, { zones: new ArticleZones() }).run([document.body]);
    expect([...marks.all()]).toHaveLength(300);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(128);
  });
});
