/**
 * The in-page composer's place in the page: a host element created when the background shows
 * it (after "Save note"), a closed shadow root like the tooltip's, fixed to the bottom corner of
 * the viewport. The Preact component (components/inpage/NoteComposer.tsx) only renders.
 *
 * What the reader types stays out of the page's reach as far as a page can be kept out: the
 * fields are in a closed shadow root, and the events they raise stop at the host (docs/security.md
 * says what a page listening in the capture phase can still see).
 */
import { h, render } from 'preact';
import { NoteComposer, type ComposerModel } from '../../../components/inpage/NoteComposer';
import { mountShadowHost } from './shadow-host';
import composerCss from '../../../components/inpage/composer.css?inline';
import type { RequestOf, ToContent } from '../../messaging/protocol';

type Ask = typeof import('../../messaging/client').ask;
type ShowRequest = RequestOf<ToContent, 'composer.show'>;


/** The hint "select some text first" goes away by itself after this long. */
const HINT_MS = 5_000;


export class NoteComposerHost {
  private host: HTMLElement | null = null;
  private container: HTMLElement | null = null;
  private focusBefore: Element | null = null;
  private hintTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly doc: Document,
    private readonly ask: Ask,
  ) {}

  /** The host element, so text collection can leave it out. */
  get element(): Element | null {
    return this.host;
  }

  show(request: ShowRequest): boolean {
    if (!this.doc.documentElement) return false;
    this.mount();
    if (this.hintTimer) clearTimeout(this.hintTimer);
    this.hintTimer = null;
    let model: ComposerModel;
    let annotate: (comment: string, tags: string[]) => Promise<void> = async () => {};
    if (request.kind === 'saved') {
      model = { kind: 'saved', quote: request.selector.exact, entities: request.entities, expiresAt: request.expiresAt };
      const grant = request.grant;
      annotate = async (comment, tags) => {
        await this.ask('note.annotate', { grant, comment, tags });
      };
      const active = this.doc.activeElement;
      if (active && active !== this.host) this.focusBefore = active;
    } else {
      model = { kind: 'no-selection', shortcut: request.shortcut };
      this.hintTimer = setTimeout(() => this.close(), HINT_MS);
    }
    // A new note replaces whatever the composer showed (keyed, so its fields start empty).
    render(null, this.container!);
    render(h(NoteComposer, { key: request.kind === 'saved' ? request.noteId : 'hint', model, annotate, close: () => this.close() }), this.container!);
    return true;
  }

  close(): void {
    if (this.hintTimer) clearTimeout(this.hintTimer);
    this.hintTimer = null;
    if (this.container) render(null, this.container);
    this.host?.remove();
    this.host = this.container = null;
    const back = this.focusBefore;
    this.focusBefore = null;
    if (back && back.isConnected && typeof (back as HTMLElement).focus === 'function') (back as HTMLElement).focus({ preventScroll: true });
  }

  private mount() {
    if (this.host && this.host.isConnected) return;
    // Fixed to the bottom corner of the viewport, like a toast.
    const { host, container } = mountShadowHost(this.doc, composerCss, 'bottom: 16px; right: 16px', () => this.close());
    this.host = host;
    this.container = container;
  }

}
