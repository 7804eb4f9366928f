/**
 * Pairs the content script's host port with the extension frame it loaded, and hands messages
 * between them (the protocol: lib/messaging/frame.ts). What decides is what the browser says
 * about each port — its extension id, its tab, its URL — never what a message claims: a token
 * registered from tab 7 is claimed only by our frame page in tab 7, once.
 */
import { FRAME_HOST_PORT, FRAME_PAGE_PATH, FRAME_PORT, TOKEN_PATTERN, openableUrl } from '../messaging/frame';

/** The part of a runtime.Port the relay uses (browser.runtime.Port fits). */
export interface RelayPort {
  readonly name: string;
  readonly sender?: { id?: string; url?: string; tab?: { id?: number } };
  postMessage(message: unknown): void;
  disconnect(): void;
  readonly onMessage: { addListener(fn: (message: unknown) => void): void };
  readonly onDisconnect: { addListener(fn: () => void): void };
}

export interface FrameRelayOptions {
  /** Our extension's id (runtime.id). */
  ownId: string;
  /** Open a link of the frame: in the frame's tab, or a new tab next to it. */
  openLink(tabId: number, url: string, newTab: boolean): Promise<unknown>;
}

/** Tokens registered and not yet claimed, per tab at most this many (a page cannot fill memory). */
const MAX_PENDING_PER_TAB = 8;
/** Messages a host may queue before its frame claims the pair. */
const MAX_QUEUED = 32;

interface Pending {
  host: RelayPort;
  tabId: number;
  queue: unknown[];
  frame: RelayPort | null;
}

function isFramePage(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return (u.protocol === 'chrome-extension:' || u.protocol === 'moz-extension:') && u.pathname === FRAME_PAGE_PATH;
  } catch {
    return false;
  }
}

function isWebPage(url: string | undefined): boolean {
  return !!url && /^https?:/.test(url);
}

function field(message: unknown, name: string): unknown {
  return message && typeof message === 'object' ? (message as Record<string, unknown>)[name] : undefined;
}

export function createFrameRelay(options: FrameRelayOptions) {
  const pending = new Map<string, Pending>();

  const onHost = (port: RelayPort, tabId: number) => {
    let pair: Pending | null = null;
    let token = '';
    port.onDisconnect.addListener(() => {
      if (token) pending.delete(token);
      pair?.frame?.disconnect();
    });
    port.onMessage.addListener((message) => {
      if (!pair) {
        // The first message registers the token; anything else closes the port.
        const t = field(message, 't');
        const candidate = field(message, 'token');
        const already = [...pending.values()].filter((p) => p.tabId === tabId && !p.frame).length;
        if (t !== 'register' || typeof candidate !== 'string' || !TOKEN_PATTERN.test(candidate) || pending.has(candidate) || already >= MAX_PENDING_PER_TAB) {
          port.disconnect();
          return;
        }
        token = candidate;
        pair = { host: port, tabId, queue: [], frame: null };
        pending.set(token, pair);
        port.postMessage({ t: 'registered' });
        return;
      }
      if (pair.frame) pair.frame.postMessage(message);
      else if (pair.queue.length < MAX_QUEUED) pair.queue.push(message);
    });
  };

  const onFrame = (port: RelayPort, tabId: number) => {
    let pair: Pending | null = null;
    port.onDisconnect.addListener(() => pair?.host.disconnect());
    port.onMessage.addListener((message) => {
      if (!pair) {
        const token = field(message, 'token');
        const claimed = typeof token === 'string' ? pending.get(token) : undefined;
        if (field(message, 't') !== 'claim' || !claimed || claimed.frame) {
          port.disconnect();
          return;
        }
        // Spent, whoever claimed it: a token that reached another tab is void for ours too.
        pending.delete(token as string);
        if (claimed.tabId !== tabId) {
          port.disconnect();
          claimed.host.disconnect();
          return;
        }
        pair = claimed;
        pair.frame = port;
        for (const queued of pair.queue.splice(0)) port.postMessage(queued);
        return;
      }
      // Only there to keep this worker awake while the reader is in the frame.
      if (field(message, 't') === 'alive') return;
      if (field(message, 't') === 'open') {
        const url = openableUrl(field(message, 'url'));
        if (url) void options.openLink(tabId, url, field(message, 'newTab') === true).catch(() => {});
        return;
      }
      pair.host.postMessage(message);
    });
  };

  return function onConnect(port: RelayPort): void {
    if (port.name !== FRAME_HOST_PORT && port.name !== FRAME_PORT) return;
    const sender = port.sender;
    const tabId = sender?.tab?.id;
    if (!sender || sender.id !== options.ownId || typeof tabId !== 'number' || tabId < 0) {
      port.disconnect();
      return;
    }
    if (port.name === FRAME_HOST_PORT && isWebPage(sender.url)) onHost(port, tabId);
    else if (port.name === FRAME_PORT && isFramePage(sender.url)) onFrame(port, tabId);
    else port.disconnect();
  };
}
