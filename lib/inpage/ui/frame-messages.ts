/**
 * What the content script and its extension frame (entrypoints/card) say to each other, through
 * the background's pair of ports (lib/messaging/frame.ts). The frame renders; the content script
 * decides what and when, and does what the frame's buttons ask (its page, its notes).
 */
import type { CardState } from '../core/card-state';
import type { ComposerModel } from '../../../components/inpage/NoteComposer';

export type FrameView =
  | { kind: 'card'; state: CardState; actions: boolean }
  | { kind: 'composer'; key: string; model: ComposerModel }
  | { kind: 'none' };

/** Content script → frame. */
export type ToFrame =
  | { t: 'view'; view: FrameView }
  /** Take focus (the keyboard opened the card). */
  | { t: 'focus' }
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: string };

/** What the frame's buttons ask the content script to do. */
export type FrameCall =
  | { op: 'addNote'; entityId: string; comment: string; tags: string[]; appendToEntity: boolean; entityVersion?: number }
  | { op: 'excludeAlias'; entityId: string; alias: string }
  | { op: 'annotate'; comment: string; tags: string[] };

/** Frame → content script. */
export type FromFrame =
  /** Paired and listening. */
  | { t: 'ready' }
  /** Keep the card open while the reader writes in it. */
  | { t: 'pin'; on: boolean }
  /** Escape pressed in the frame. */
  | { t: 'escape' }
  /** The composer's close button. */
  | { t: 'close' }
  | { t: 'call'; id: number; call: FrameCall };
