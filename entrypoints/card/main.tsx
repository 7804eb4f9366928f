/**
 * The extension frame's page: the entity card or the note composer, rendered in our own origin
 * inside an iframe the content script puts in the page (lib/inpage/ui/extension-frame.ts). It
 * claims the one-time token of its URL's fragment on a port to the background, which pairs it
 * with the content script of the same tab (lib/background/frame-relay.ts); everything it shows
 * arrives on that port, never through window messages (it listens to none). Its links open
 * through the background, not as the page's navigation.
 */
import '../../lib/zod-setup';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { EntityCard, type CardActions } from '../../components/tooltip/EntityCard';
import { NoteComposer } from '../../components/inpage/NoteComposer';
import { FRAME_PORT } from '../../lib/messaging/frame';
import type { FrameCall, FrameView, FromFrame, ToFrame } from '../../lib/inpage/ui/frame-messages';
import cardCss from '../../components/tooltip/tooltip.css?inline';
import composerCss from '../../components/inpage/composer.css?inline';
import './frame.css';

const app = document.getElementById('app')!;
const style = document.head.appendChild(document.createElement('style'));
const token = location.hash.slice(1);
const port = browser.runtime.connect({ name: FRAME_PORT });
let view: FrameView = { kind: 'none' };

const post = (message: FromFrame | { t: 'claim'; token: string } | { t: 'open'; url: string; newTab: boolean } | { t: 'alive' }) => port.postMessage(message);

let nextCall = 1;
const calls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
function call<T>(c: FrameCall): Promise<T> {
  const id = nextCall++;
  return new Promise<T>((resolve, reject) => {
    calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
    post({ t: 'call', id, call: c });
  });
}

const cardActions: CardActions = {
  addNote: (entityId, comment, tags, appendToEntity, entityVersion) => call({ op: 'addNote', entityId, comment, tags, appendToEntity, entityVersion }),
  pin: (on) => post({ t: 'pin', on }),
  excludeAlias: (entityId, alias) => call({ op: 'excludeAlias', entityId, alias }),
};
const annotate = (comment: string, tags: string[]) => call<void>({ op: 'annotate', comment, tags });
const close = () => post({ t: 'close' });

function show(next: FrameView) {
  if (next.kind !== 'none' && next.kind !== view.kind) style.textContent = next.kind === 'card' ? cardCss : composerCss;
  if (next.kind === 'composer' && (view.kind !== 'composer' || view.key !== next.key)) render(null, app);
  view = next;
  if (next.kind === 'card') render(<EntityCard state={next.state} actions={next.actions ? cardActions : undefined} />, app);
  else if (next.kind === 'composer') render(<NoteComposer key={next.key} model={next.model} annotate={annotate} close={close} />, app);
  else render(null, app);
}

port.onMessage.addListener((raw: unknown) => {
  const message = raw as ToFrame;
  if (message.t === 'view') show(message.view);
  else if (message.t === 'focus') {
    const field = view.kind === 'composer' ? app.querySelector('textarea') : null;
    (field ?? app).focus({ preventScroll: true });
  } else if (message.t === 'result') {
    const pending = calls.get(message.id);
    calls.delete(message.id);
    if (message.ok) pending?.resolve(message.value);
    else pending?.reject(new Error(message.error));
  }
});
port.onDisconnect.addListener(() => {
  render(null, app);
  for (const pending of calls.values()) pending.reject(new Error('The page was closed or the extension restarted.'));
  calls.clear();
});
post({ t: 'claim', token });
post({ t: 'ready' });

// While something is shown (a reader may write a note for minutes), a message every 20 s keeps
// the extension's worker — and so this pair of ports — from being stopped as idle (Chromium
// stops a worker after 30 s without events, closing its ports).
setInterval(() => {
  if (view.kind !== 'none') post({ t: 'alive' });
}, 20_000);

// Escape closes the card (focus goes back to the page) or the composer.
document.addEventListener('keydown', (e) => {
  if (e.isTrusted && e.key === 'Escape') post({ t: 'escape' });
});

// Links open through the extension: the background navigates this tab (or opens a new one),
// so the page's scripts never see where a card's link leads.
const onLink = (e: MouseEvent) => {
  const link = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
  if (!link) return;
  e.preventDefault();
  if (!e.isTrusted || (e.type === 'auxclick' && e.button !== 1)) return;
  post({ t: 'open', url: link.href, newTab: e.button === 1 || e.ctrlKey || e.metaKey || e.shiftKey });
};
document.addEventListener('click', onLink, true);
document.addEventListener('auxclick', onLink, true);
