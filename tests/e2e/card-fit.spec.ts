/**
 * The hover card always fits the viewport (issue 13 §4): in short windows (1280×650, 1280×757,
 * 800×500) with a tall card (notes and 20 other articles), the card's box is inside the
 * viewport, its body scrolls inside it, and "Add note" — then, with the form open, its Save
 * button — is on screen and under the pointer without scrolling the card: a real click saves.
 *
 * The card is in a closed shadow root: its geometry is read through the DevTools protocol
 * (DOM.resolveNode on the card element), as assistive technology would reach it.
 */
import type { Page } from '@playwright/test';
import { test, expect, send, pointOfText } from './fixtures';
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

/** The card's geometry, read inside its closed shadow root through CDP. */
async function cardGeometry(page: Page): Promise<CardGeometry | null> {
  type Node = { nodeType: number; nodeName: string; backendNodeId: number; attributes?: string[]; children?: Node[]; shadowRoots?: Node[] };
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
    const find = (n: Node): Node | null => {
      const cls = n.attributes?.[n.attributes.indexOf('class') + 1];
      if (n.nodeName === 'DIV' && n.attributes?.includes('class') && cls?.split(' ').includes('card')) return n;
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) {
        const f = find(c);
        if (f) return f;
      }
      return null;
    };
    const card = find(root);
    if (!card) return null;
    const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: card.backendNodeId })) as { object: { objectId: string } };
    const { result } = (await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      returnByValue: true,
      functionDeclaration: `function () {
        const box = (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
        const root = this.getRootNode();
        const body = this.querySelector('.card-body');
        return {
          viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
          card: box(this.getBoundingClientRect()),
          cardOverflows: this.scrollHeight > this.clientHeight + 1,
          cardScrollTop: this.scrollTop,
          body: body ? { scrollHeight: body.scrollHeight, clientHeight: body.clientHeight, scrollTop: body.scrollTop } : null,
          buttons: [...this.querySelectorAll('button')].map((b) => {
            const r = b.getBoundingClientRect();
            const at = root.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
            return { text: b.textContent.trim(), box: box(r), hit: !!at && b.contains(at) };
          }),
        };
      }`,
    })) as { result: { value: CardGeometry } };
    return result.value;
  } finally {
    await cdp.detach();
  }
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
