/**
 * The in-page composer's place in the page: an extension frame (lib/inpage/ui/extension-frame.ts)
 * created when the background shows it (after "Save note"), fixed to the bottom corner of the
 * viewport, of a fixed size. The composer renders in the frame (entrypoints/card,
 * components/inpage/NoteComposer.tsx): what the reader types there, selects or copies is in
 * another origin, out of the page's reach (its key listeners included). The comment goes to the
 * background from here, with the one-time grant of the save.
 */
import type { ComposerModel } from '../../../components/inpage/NoteComposer';
import type { RequestOf, ToContent } from '../../messaging/protocol';
import { ExtensionFrame } from './extension-frame';
import { COMPOSER_FRAME, HINT_FRAME, frameSize } from './card-fit';
import type { FromFrame } from './frame-messages';

type Ask = typeof import('../../messaging/client').ask;
type ShowRequest = RequestOf<ToContent, 'composer.show'>;

/** The hint "select some text first" goes away by itself after this long. */
const HINT_MS = 5_000;

export class NoteComposerHost {
  private frame: ExtensionFrame | null = null;
  private focusBefore: Element | null = null;
  private hintTimer: ReturnType<typeof setTimeout> | null = null;
  private annotate: (comment: string, tags: string[]) => Promise<void> = async () => {};

  constructor(
    private readonly doc: Document,
    private readonly ask: Ask,
  ) {}

  /** The host element, so text collection can leave it out. */
  get element(): Element | null {
    return this.frame?.host ?? null;
  }

  show(request: ShowRequest): boolean {
    if (!this.doc.documentElement) return false;
    if (this.hintTimer) clearTimeout(this.hintTimer);
    this.hintTimer = null;
    let model: ComposerModel;
    if (request.kind === 'saved') {
      model = { kind: 'saved', quote: request.selector.exact, entities: request.entities, expiresAt: request.expiresAt };
      const grant = request.grant;
      this.annotate = async (comment, tags) => {
        await this.ask('note.annotate', { grant, comment, tags });
      };
      const active = this.doc.activeElement;
      if (active && active !== this.frame?.host) this.focusBefore = active;
    } else {
      model = { kind: 'no-selection', shortcut: request.shortcut };
      this.annotate = async () => {};
      this.hintTimer = setTimeout(() => this.close(), HINT_MS);
    }
    // A new note replaces whatever the composer showed (a new frame, its fields empty).
    this.frame?.destroy();
    const root = this.doc.documentElement;
    const size = frameSize(request.kind === 'saved' ? COMPOSER_FRAME : HINT_FRAME, { width: root.clientWidth, height: root.clientHeight });
    const frame = new ExtensionFrame(
      this.doc,
      'bottom: 16px; right: 16px',
      size,
      (message) => this.onFrameMessage(frame, message),
      () => {
        if (this.frame === frame) this.frame = null;
      },
    );
    this.frame = frame;
    frame.post({ t: 'view', view: { kind: 'composer', key: request.kind === 'saved' ? request.noteId : 'hint', model } });
    void frame.ready.then(() => {
      if (this.frame !== frame) return;
      frame.visible(true);
      // The comment field takes focus, as it did in the page: the reader types at once.
      if (request.kind === 'saved') frame.focus();
    });
    return true;
  }

  close(): void {
    if (this.hintTimer) clearTimeout(this.hintTimer);
    this.hintTimer = null;
    const frame = this.frame;
    this.frame = null;
    frame?.destroy();
    const back = this.focusBefore;
    this.focusBefore = null;
    if (back && back.isConnected && typeof (back as HTMLElement).focus === 'function') (back as HTMLElement).focus({ preventScroll: true });
  }

  private onFrameMessage(frame: ExtensionFrame, message: FromFrame) {
    if (this.frame !== frame) return;
    if (message.t === 'close' || message.t === 'escape') return this.close();
    if (message.t === 'call' && message.call.op === 'annotate') {
      const { comment, tags } = message.call;
      void this.annotate(String(comment), Array.isArray(tags) ? tags.map(String) : []).then(
        () => frame.post({ t: 'result', id: message.id, ok: true, value: null }),
        (err: unknown) => frame.post({ t: 'result', id: message.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
    }
  }
}
