/**
 * One extension frame in the page: a host element with a closed shadow root holding an iframe of
 * our own page (entrypoints/card), paired with it through the background (lib/messaging/frame.ts).
 * What the frame shows is in another origin: the page's find(), selection, copy and key events
 * do not reach it, and its size is fixed (lib/inpage/ui/card-fit.ts). The content script speaks
 * to it only through the pair, never through the frame's window (the page can post there too).
 */
import { browser } from 'wxt/browser';
import { FRAME_HOST_PORT, FRAME_PAGE_PATH, newFrameToken } from '../../messaging/frame';
import { mountShadowHost } from './shadow-host';
import type { FrameSize } from './card-fit';
import type { FromFrame, ToFrame } from './frame-messages';

/** The frame's look in the shadow root: a rounded box with a shadow, nothing of the page's. */
const FRAME_CSS = `
  iframe { display: block; border: 0; margin: 0; padding: 0; border-radius: 10px; background: transparent;
    color-scheme: normal; box-shadow: 0 8px 28px rgba(0, 0, 0, 0.18), 0 1px 3px rgba(0, 0, 0, 0.08); }
`;

type Port = ReturnType<typeof browser.runtime.connect>;

export class ExtensionFrame {
  readonly host: HTMLElement;
  readonly #container: HTMLElement;
  readonly #doc: Document;
  #iframe: HTMLIFrameElement | null = null;
  #port: Port | null;
  #gone = false;
  #readyResolve!: () => void;
  /** Resolves once the frame is paired and listening (never, if it is not). */
  readonly ready: Promise<void>;

  constructor(
    doc: Document,
    placement: string,
    size: FrameSize,
    private readonly onMessage: (message: FromFrame) => void,
    private readonly onGone: () => void,
  ) {
    this.#doc = doc;
    this.ready = new Promise((resolve) => (this.#readyResolve = resolve));
    const { host, container } = mountShadowHost(doc, FRAME_CSS, placement, () => {});
    host.style.setProperty('visibility', 'hidden', 'important');
    this.host = host;
    this.#container = container;
    this.resize(size);
    const token = newFrameToken();
    const port = browser.runtime.connect({ name: FRAME_HOST_PORT });
    this.#port = port;
    port.onMessage.addListener((raw: unknown) => {
      const message = raw as FromFrame | { t: 'registered' };
      if (message?.t === 'registered') return this.#load(token);
      if (message?.t === 'ready') this.#readyResolve();
      this.onMessage(message as FromFrame);
    });
    port.onDisconnect.addListener(() => {
      this.#port = null;
      this.destroy();
    });
    port.postMessage({ t: 'register', token });
  }

  /** The token is registered: load the frame page, which claims it. */
  #load(token: string) {
    if (this.#gone) return;
    const iframe = this.#doc.createElement('iframe');
    iframe.setAttribute('title', 'News Context Reader');
    iframe.src = `${browser.runtime.getURL(FRAME_PAGE_PATH)}#${token}`;
    this.#iframe = iframe;
    this.#applySize();
    this.#container.append(iframe);
    // Chromium does not hit-test a frame made while its tab was hidden until the frame is laid
    // out again: once the tab shows, take it out of the layout and back (clicks in it then reach it).
    if (this.#doc.visibilityState === 'hidden') {
      const relayout = () => {
        if (this.#doc.visibilityState !== 'visible') return;
        this.#doc.removeEventListener('visibilitychange', relayout);
        iframe.style.display = 'none';
        void iframe.offsetWidth;
        iframe.style.display = 'block';
      };
      this.#doc.addEventListener('visibilitychange', relayout);
    }
  }

  #size: FrameSize = { width: 0, height: 0 };

  resize(size: FrameSize): void {
    this.#size = size;
    this.#applySize();
  }

  /** The host has the frame's size from the start (placement measures it before the frame loads). */
  #applySize() {
    for (const el of [this.#container, this.#iframe]) {
      if (!el) continue;
      el.style.width = `${this.#size.width}px`;
      el.style.height = `${this.#size.height}px`;
    }
  }

  get alive(): boolean {
    return !this.#gone;
  }

  post(message: ToFrame): void {
    this.#port?.postMessage(message);
  }

  visible(on: boolean): void {
    this.host.style.setProperty('visibility', on ? 'visible' : 'hidden', 'important');
  }

  /** Move focus into the frame (keyboard users; the composer's comment field). */
  focus(): void {
    this.#iframe?.focus({ preventScroll: true });
    this.post({ t: 'focus' });
  }

  destroy(): void {
    if (this.#gone) return;
    this.#gone = true;
    const port = this.#port;
    this.#port = null;
    port?.disconnect();
    this.host.remove();
    this.onGone();
  }
}
