/**
 * The tooltip lives in a CLOSED shadow root, which page scripts — and Playwright's locators —
 * cannot enter. Tests read it the way assistive technology and devtools do: through the Chrome
 * DevTools Protocol, whose DOM domain pierces closed roots.
 */
import type { Page } from '@playwright/test';

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

/** Closed shadow roots of the extension's UI in the page (the tooltip host has one; the marks' overlay is left out). */
export async function closedShadowRoots(page: Page): Promise<CdpNode[]> {
  const { root, cdp } = await documentTree(page);
  await cdp.detach();
  const overlayRoots = new Set(findAll(root, isOverlayHost).flatMap((h) => h.shadowRoots ?? []));
  return findAll(root, (n) => (n as { shadowRootType?: string }).shadowRootType === 'closed' && !overlayRoots.has(n));
}

/** Visible text of the tooltip card, or null when none is shown. */
export async function tooltipText(page: Page): Promise<string | null> {
  const roots = await closedShadowRoots(page);
  for (const r of roots) {
    const text = textOf(r).replace(/\n+/g, '\n').trim();
    if (text) return text;
  }
  return null;
}

/** Links inside the tooltip: text, href, and a point to click them at. */
export async function tooltipLinks(page: Page): Promise<{ text: string; href: string; x: number; y: number }[]> {
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

/** Click the button whose text is `text`, inside any shadow root (closed ones too), at its centre. */
export async function clickInShadow(page: Page, text: string): Promise<void> {
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
