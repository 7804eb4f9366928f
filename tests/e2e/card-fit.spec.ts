/**
 * The hover card always fits the viewport (issue 13 §4): in short windows (1280×650, 1280×757,
 * 800×500) with a tall card (notes and 20 other articles), the card's box is inside the
 * viewport, its body scrolls inside it, and "Add note" — then, with the form open, its Save
 * button — is on screen and under the pointer without scrolling the card: a real click saves.
 *
 * The card renders in an extension frame of a fixed size (lib/inpage/ui/card-fit.ts): its
 * geometry is read inside the frame and placed by the frame's box in the page.
 */
import type { Page } from '@playwright/test';
import { test, expect, send, pointOfText } from './fixtures';
import { extensionFrames } from './shadow';
import { overlayTexts } from './content-world';

const SHOTS = process.env.NCR_SCREENSHOTS;
const ISO = (ms: number) => new Date(ms).toISOString();
const T0 = Date.UTC(2024, 4, 1, 12);

/** Maryam Rajavi (named on seed-article.html) with notes and 20 other articles read: a tall card. */
function tallCardBackup() {
  const articles = Array.from({ length: 20 }, (_, n) => ({
    url: `https://news.example.org/story-${n}`,
    title: `A rather long story headline number ${n} about the opposition abroad`,
    site: 'Example News',
    firstSeen: ISO(T0 + n * 3600_000),
    lastSeen: ISO(T0 + n * 3600_000),
  }));
  return {
    format: 'news-context-reader/backup',
    version: 1,
    entities: [
      {
        id: 'rajavi',
        name: 'Maryam Rajavi',
        type: 'person',
        aliases: ['Rajavi', 'Mrs Rajavi'],
        notes: 'Leader of the **NCRI**; president-elect of its parliament in exile.\n\n- Based near Paris\n- Speaks at the annual *Free Iran* rally',
        createdAt: ISO(T0),
        updatedAt: ISO(T0),
      },
    ],
    articles,
    mentions: articles.map((a, n) => ({ entityId: 'rajavi', url: a.url, count: 1 + (n % 3), snippet: 'Rajavi said.', lastSeen: a.lastSeen })),
  };
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
interface CardGeometry {
  viewport: { width: number; height: number };
  card: Box;
  /** The card itself scrolls (its fixed parts do not fit): should not happen here. */
  cardOverflows: boolean;
  cardScrollTop: number;
  /** The part that scrolls inside the card (absent: the card has none). */
  body: { scrollHeight: number; clientHeight: number; scrollTop: number } | null;
  /** Each button: its box, and whether a hit test at its centre finds it (nothing covers it). */
  buttons: { text: string; box: Box; hit: boolean }[];
}

/**
 * The card's geometry in the page's viewport: read inside the extension frame it renders in
 * (Playwright reaches our out-of-process frame), offset by the frame's place in the page.
 */
async function cardGeometry(page: Page): Promise<CardGeometry | null> {
  for (const frame of extensionFrames(page)) {
    const inFrame = await frame
      .evaluate(() => {
        const card = document.querySelector<HTMLElement>('.card');
        if (!card) return null;
        const box = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
        const body = card.querySelector('.card-body');
        return {
          card: box(card.getBoundingClientRect()),
          cardOverflows: card.scrollHeight > card.clientHeight + 1,
          cardScrollTop: card.scrollTop,
          body: body ? { scrollHeight: body.scrollHeight, clientHeight: body.clientHeight, scrollTop: body.scrollTop } : null,
          buttons: [...card.querySelectorAll('button')].map((b) => {
            const r = b.getBoundingClientRect();
            const at = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
            return { text: (b.textContent ?? '').trim(), box: box(r), hit: !!at && b.contains(at) };
          }),
        };
      })
      .catch(() => null);
    if (!inFrame) continue;
    const frameBox = await (await frame.frameElement()).boundingBox();
    if (!frameBox) continue;
    const viewport = await page.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight }));
    const shift = (b: Box): Box => ({ left: b.left + frameBox.x, right: b.right + frameBox.x, top: b.top + frameBox.y, bottom: b.bottom + frameBox.y });
    // What the page's viewport shows of the frame: a button cut off by the frame's edge is not reachable.
    const frameEdge = { left: frameBox.x, top: frameBox.y, right: frameBox.x + frameBox.width, bottom: frameBox.y + frameBox.height };
    const within = (b: Box) => b.left >= frameEdge.left - 0.5 && b.right <= frameEdge.right + 0.5 && b.top >= frameEdge.top - 0.5 && b.bottom <= frameEdge.bottom + 0.5;
    const card = shift(inFrame.card);
    return {
      viewport,
      card,
      cardOverflows: inFrame.cardOverflows,
      cardScrollTop: inFrame.cardScrollTop,
      body: inFrame.body,
      buttons: inFrame.buttons.map((b) => ({ ...b, box: shift(b.box), hit: b.hit && within(shift(b.box)) })),
    };
  }
  return null;
}

function expectInside(box: Box, viewport: { width: number; height: number }) {
  expect(box.top).toBeGreaterThanOrEqual(0);
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.bottom).toBeLessThanOrEqual(viewport.height);
  expect(box.right).toBeLessThanOrEqual(viewport.width);
}

/** The button's geometry, expected on screen and not covered, without scrolling anything. */
function visibleButton(g: CardGeometry, text: string) {
  const button = g.buttons.find((b) => b.text === text);
  expect(button, `a "${text}" button in the card`).toBeTruthy();
  expectInside(button!.box, g.viewport);
  expect(button!.box.top).toBeGreaterThanOrEqual(g.card.top);
  expect(button!.box.bottom).toBeLessThanOrEqual(g.card.bottom);
  expect(button!.hit, `"${text}" is not covered`).toBe(true);
  return button!;
}

for (const [width, height] of [
  [1280, 650],
  [1280, 757],
  [800, 500],
] as const) {
  test(`${width}×${height}: the card fits the viewport and "Add note" and its Save button are reachable without scrolling the card`, async ({
    context,
    extensionPage,
    server,
  }) => {
    const preview = await send(extensionPage, 'import.preview', { text: JSON.stringify(tallCardBackup()) });
    expect(preview.value?.valid, JSON.stringify(preview.value && !preview.value.valid ? preview.value.errors : undefined)).toBe(true);
    if (!preview.value.valid) return;
    expect((await send(extensionPage, 'import.commit', { token: preview.value.token, choices: { default: 'merge', restoreSettings: false } })).ok).toBe(true);

    const page = await context.newPage();
    await page.setViewportSize({ width, height });
    await page.goto(server.url('seed-article.html'));
    await expect.poll(async () => Object.keys(await overlayTexts(page)).length).toBeGreaterThan(0);
    // The mention mid-screen: neither side has room for the whole card.
    const at = await pointOfText(page, 'Maryam Rajavi');
    await page.mouse.move(at.x - 30, at.y);
    await page.mouse.move(at.x, at.y);
    await expect.poll(async () => (await cardGeometry(page))?.buttons.map((b) => b.text) ?? []).toContain('Add note');

    // Reading: inside the viewport, the body scrolls inside (20 articles do not fit), "Add note" in view.
    await expect.poll(async () => (await cardGeometry(page))!.card.top).toBeGreaterThanOrEqual(0);
    let g = (await cardGeometry(page))!;
    expectInside(g.card, g.viewport);
    expect(g.cardOverflows).toBe(false);
    expect(g.body!.scrollHeight).toBeGreaterThan(g.body!.clientHeight);
    const add = visibleButton(g, 'Add note');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/card-${width}x${height}.png` });

    // Writing: a real click on "Add note"; the form opens with Save in view, no scrolling.
    await page.mouse.click((add.box.left + add.box.right) / 2, (add.box.top + add.box.bottom) / 2);
    await expect.poll(async () => (await cardGeometry(page))?.buttons.map((b) => b.text) ?? []).toContain('Save note');
    await page.keyboard.type('Seen at the rally');
    await page.waitForTimeout(300); // let the placement settle after the form grew
    g = (await cardGeometry(page))!;
    expectInside(g.card, g.viewport);
    expect(g.cardOverflows).toBe(false);
    expect(g.cardScrollTop).toBe(0);
    expect(g.body!.scrollTop).toBe(0);
    const save = visibleButton(g, 'Save note');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/card-${width}x${height}-note.png` });
    await page.mouse.click((save.box.left + save.box.right) / 2, (save.box.top + save.box.bottom) / 2);
    await expect.poll(async () => (await send(extensionPage, 'notes.query', {})).value.items.map((i: { note: { comment: string } }) => i.note.comment)).toEqual([
      'Seen at the rally',
    ]);
  });
}
