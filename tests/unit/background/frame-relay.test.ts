/**
 * The pairing of a content script with its extension frame (lib/background/frame-relay.ts): only
 * our frame page, in the tab that registered the token, once, gets what the content script sends;
 * a page that frames the card page itself gets nothing; links open only as http(s), by the
 * background.
 */
import { describe, expect, it } from 'vitest';
import { createFrameRelay, type RelayPort } from '../../../lib/background/frame-relay';
import { FRAME_HOST_PORT, FRAME_PORT, newFrameToken } from '../../../lib/messaging/frame';

const OWN = 'own-extension-id';
const PAGE = 'https://news.example/article';
const CARD = 'chrome-extension://0d6c0c0e-dynamic/card.html#whatever';

class FakePort implements RelayPort {
  received: unknown[] = [];
  disconnected = false;
  #onMessage: ((m: unknown) => void)[] = [];
  #onDisconnect: (() => void)[] = [];
  constructor(
    readonly name: string,
    readonly sender: { id?: string; url?: string; tab?: { id?: number } },
  ) {}
  postMessage(m: unknown) {
    if (!this.disconnected) this.received.push(m);
  }
  disconnect() {
    if (this.disconnected) return;
    this.disconnected = true;
    for (const fn of this.#onDisconnect) fn();
  }
  onMessage = { addListener: (fn: (m: unknown) => void) => void this.#onMessage.push(fn) };
  onDisconnect = { addListener: (fn: () => void) => void this.#onDisconnect.push(fn) };
  /** A message from the other end. */
  send(m: unknown) {
    for (const fn of this.#onMessage) fn(m);
  }
}

function setUp() {
  const opened: [number, string, boolean][] = [];
  const connect = createFrameRelay({ ownId: OWN, openLink: async (tabId, url, newTab) => void opened.push([tabId, url, newTab]) });
  const host = (tab = 7, url = PAGE) => {
    const p = new FakePort(FRAME_HOST_PORT, { id: OWN, url, tab: { id: tab } });
    connect(p);
    return p;
  };
  const frame = (tab = 7, url = CARD, id = OWN) => {
    const p = new FakePort(FRAME_PORT, { id, url, tab: { id: tab } });
    connect(p);
    return p;
  };
  return { host, frame, opened };
}

describe('frame relay', () => {
  it('pairs our frame page in the registering tab, hands messages both ways, queued ones first', () => {
    const { host, frame } = setUp();
    const h = host();
    const token = newFrameToken();
    h.send({ t: 'register', token });
    expect(h.received).toEqual([{ t: 'registered' }]);
    h.send({ t: 'view', view: { kind: 'card' } });
    const f = frame();
    f.send({ t: 'claim', token });
    expect(f.received).toEqual([{ t: 'view', view: { kind: 'card' } }]);
    f.send({ t: 'pin', on: true });
    f.send({ t: 'alive' });
    expect(h.received).toEqual([{ t: 'registered' }, { t: 'pin', on: true }]);
    h.send({ t: 'focus' });
    expect(f.received.at(-1)).toEqual({ t: 'focus' });
    // Either end gone: the other is closed too.
    f.disconnect();
    expect(h.disconnected).toBe(true);
  });

  it('gives a frame page without the token, with a wrong one, or claiming twice nothing', () => {
    const { host, frame } = setUp();
    const h = host();
    const token = newFrameToken();
    h.send({ t: 'register', token });
    h.send({ t: 'view', view: { secret: 'SECRET-NOTE' } });
    // A page framing card.html itself: it has no token.
    const guess = frame();
    guess.send({ t: 'claim', token: newFrameToken() });
    expect(guess.disconnected).toBe(true);
    expect(guess.received).toEqual([]);
    const ours = frame();
    ours.send({ t: 'claim', token });
    expect(ours.received).toHaveLength(1);
    // Spent: a second claim of the same token gets nothing.
    const again = frame();
    again.send({ t: 'claim', token });
    expect(again.disconnected).toBe(true);
    expect(again.received).toEqual([]);
  });

  it('voids a token claimed from another tab (it leaked), for both', () => {
    const { host, frame } = setUp();
    const h = host(7);
    const token = newFrameToken();
    h.send({ t: 'register', token });
    h.send({ t: 'view', view: { secret: 'SECRET-NOTE' } });
    const elsewhere = frame(8);
    elsewhere.send({ t: 'claim', token });
    expect(elsewhere.received).toEqual([]);
    expect(elsewhere.disconnected).toBe(true);
    expect(h.disconnected).toBe(true);
    const late = frame(7);
    late.send({ t: 'claim', token });
    expect(late.received).toEqual([]);
  });

  it('accepts a host only from a web page of ours and a frame only from our card page', () => {
    const { host, frame } = setUp();
    expect(host(7, 'chrome-extension://x/options.html').disconnected).toBe(true);
    const h = host();
    const token = newFrameToken();
    h.send({ t: 'register', token });
    expect(frame(7, 'https://evil.example/card.html').disconnected).toBe(true);
    expect(frame(7, 'chrome-extension://x/options.html').disconnected).toBe(true);
    expect(frame(7, CARD, 'another-extension').disconnected).toBe(true);
    // A malformed registration closes the port.
    const bad = host();
    bad.send({ t: 'register', token: 'short' });
    expect(bad.disconnected).toBe(true);
  });

  it('opens a paired frame’s http(s) links in its own tab or a new one, and nothing else', async () => {
    const { host, frame, opened } = setUp();
    const h = host(7);
    const token = newFrameToken();
    h.send({ t: 'register', token });
    const f = frame(7);
    f.send({ t: 'claim', token });
    f.send({ t: 'open', url: 'https://news.example/other', newTab: false });
    f.send({ t: 'open', url: 'http://news.example/b', newTab: true });
    f.send({ t: 'open', url: 'javascript:alert(1)', newTab: false });
    f.send({ t: 'open', url: 'chrome-extension://x/options.html', newTab: false });
    expect(opened).toEqual([
      [7, 'https://news.example/other', false],
      [7, 'http://news.example/b', true],
    ]);
    // Not handed to the content script either.
    expect(h.received).toEqual([{ t: 'registered' }]);
    // An unpaired frame opens nothing.
    const stray = frame(7);
    stray.send({ t: 'open', url: 'https://news.example/x', newTab: false });
    expect(opened).toHaveLength(2);
  });
});
