/**
 * The card and the note composer render in an extension frame (entrypoints/card) inside a host
 * element with a CLOSED shadow root, which page scripts cannot enter. Tests read them the way
 * assistive technology and devtools do: the frame through Playwright's frames (out-of-process,
 * our own origin), closed roots through the Chrome DevTools Protocol, whose DOM domain pierces
 * them.
 */
import type { Frame, Page } from '@playwright/test';

/** The extension's frames in the page (the card's and the composer's). */
export function extensionFrames(page: Page): Frame[] {
  return page.frames().filter((f) => /^(chrome|moz)-extension:\/\//.test(f.url()));
}

/**
 * Text of what a frame shows, as `textOf` reads a tree (a line after each block); '' when it
 * shows nothing. Runs in the frame (our page), never in the page's world.
 */
export async function frameText(frame: Frame): Promise<string> {
  const text = await frame
    .evaluate(() => {
      const walk = (node: Node): string => {
        if (node.nodeType === 3) return (node as Text).data;
        if (node.nodeName === 'STYLE' || node.nodeName === 'SCRIPT') return '';
        let out = '';
        for (const c of node.childNodes) out += walk(c);
        return /^(DIV|P|LI|H\d|HEADER|SECTION|UL)$/.test(node.nodeName) ? `${out}\n` : out;
      };
      const app = document.getElementById('app');
      return app ? walk(app) : '';
    })
    .catch(() => '');
  return text.replace(/\n+/g, '\n').trim();
}

/** The first extension frame showing something, with its text. */
export async function shownFrame(page: Page): Promise<{ frame: Frame; text: string } | null> {
  for (const frame of extensionFrames(page)) {
    const text = await frameText(frame);
    if (text) return { frame, text };
  }
  return null;
}

interface CdpNode {
  nodeId: number;
  backendNodeId: number;
  nodeType: number;
  nodeName: string;
  nodeValue: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: (CdpNode & { shadowRootType?: string })[];
}

function textOf(node: CdpNode): string {
  if (node.nodeType === 3) return node.nodeValue;
  if (node.nodeName === 'STYLE') return '';
  let out = '';
  for (const c of node.children ?? []) out += textOf(c);
  for (const s of node.shadowRoots ?? []) out += textOf(s);
  if (/^(DIV|P|LI|H\d|HEADER|SECTION|UL)$/.test(node.nodeName)) out = `${out}\n`;
  return out;
}

function findAll(node: CdpNode, pred: (n: CdpNode) => boolean, out: CdpNode[] = []): CdpNode[] {
  if (pred(node)) out.push(node);
  for (const c of node.children ?? []) findAll(c, pred, out);
  for (const s of node.shadowRoots ?? []) findAll(s, pred, out);
  return out;
}

async function documentTree(page: Page): Promise<{ root: CdpNode; cdp: import('@playwright/test').CDPSession }> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  return { root, cdp };
}

/** The overlay's host (lib/dom/overlay-drawer.ts): its closed root holds the marks' boxes, no UI. */
function isOverlayHost(n: CdpNode): boolean {
  const a = n.attributes ?? [];
  return /mix-blend-mode: *multiply *!important/.test(a[a.indexOf('style') + 1] ?? '');
}

/** Closed shadow roots of the extension's UI in the page (the hosts of its frames have one each; the marks' overlay is left out). */
export async function closedShadowRoots(page: Page): Promise<CdpNode[]> {
  const { root, cdp } = await documentTree(page);
  await cdp.detach();
  const overlayRoots = new Set(findAll(root, isOverlayHost).flatMap((h) => h.shadowRoots ?? []));
  return findAll(root, (n) => (n as { shadowRootType?: string }).shadowRootType === 'closed' && !overlayRoots.has(n));
}

/** Visible text of the tooltip card, or null when none is shown. */
export async function tooltipText(page: Page): Promise<string | null> {
  const shown = await shownFrame(page);
  if (shown) return shown.text;
  const roots = await closedShadowRoots(page);
  for (const r of roots) {
    const text = textOf(r).replace(/\n+/g, '\n').trim();
    if (text) return text;
  }
  return null;
}

/** Links inside the tooltip: text, href, and a point to click them at. */
export async function tooltipLinks(page: Page): Promise<{ text: string; href: string; x: number; y: number }[]> {
  const shown = await shownFrame(page);
  if (shown) {
    const box = await (await shown.frame.frameElement()).boundingBox();
    const links = await shown.frame.evaluate(() =>
      [...document.querySelectorAll('a')].map((a) => {
        const r = a.getBoundingClientRect();
        return { text: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '', x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 };
      }),
    );
    return links.map((l) => ({ ...l, x: l.x + (box?.x ?? 0), y: l.y + (box?.y ?? 0) }));
  }
  const { root, cdp } = await documentTree(page);
  try {
    const roots = findAll(root, (n) => (n as { shadowRootType?: string }).shadowRootType === 'closed');
    const links: { text: string; href: string; x: number; y: number }[] = [];
    for (const r of roots) {
      for (const a of findAll(r, (n) => n.nodeName === 'A')) {
        const attrs = a.attributes ?? [];
        const href = attrs[attrs.indexOf('href') + 1] ?? '';
        const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: a.backendNodeId })) as {
          model: { content: number[] };
        };
        const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
        links.push({ text: textOf(a).trim(), href, x: (x1 + x3) / 2, y: (y1 + y3) / 2 });
      }
    }
    return links;
  } finally {
    await cdp.detach();
  }
}

/** Click the button whose text is `text`, in an extension frame or inside any shadow root (closed ones too), at its centre. */
export async function clickInShadow(page: Page, text: string): Promise<void> {
  for (const frame of extensionFrames(page)) {
    const at = await frame
      .evaluate((text) => {
        const b = [...document.querySelectorAll('button')].find((x) => (x.textContent ?? '').trim() === text);
        if (!b) return null;
        const r = b.getBoundingClientRect();
        return { x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 };
      }, text)
      .catch(() => null);
    if (!at) continue;
    const box = await (await frame.frameElement()).boundingBox();
    await page.mouse.click(at.x + (box?.x ?? 0), at.y + (box?.y ?? 0));
    return;
  }
  const { root, cdp } = await documentTree(page);
  try {
    const [button] = findAll(root, (n) => n.nodeName === 'BUTTON' && textOf(n).trim() === text);
    if (!button) throw new Error(`no button "${text}"`);
    const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: button.backendNodeId })) as { model: { content: number[] } };
    const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  } finally {
    await cdp.detach();
  }
}
