/**
 * The in-page half that is loaded only when the reader needs it (lib/inpage/ui-loader.ts): the
 * tooltip card (Preact, floating-ui, the Markdown sanitiser), the note composer, saved quotes
 * (approximate matching) and the full validation of requests to the tab (zod). A page where the
 * reader never hovers a mark, saves a note or opens the popup never evaluates any of it.
 */
import '../zod-setup';
import { TooltipHost } from './tooltip-host';
import { NoteComposerHost } from './note-composer';
import { QuoteMarks } from './quote-marks';
import { parseRequest, toContent } from '../messaging/protocol';
import { ask } from '../messaging/client';

export const inpageUi = {
  TooltipHost,
  NoteComposerHost,
  QuoteMarks,
  /** The validating client (replies checked against their schemas). */
  ask,
  parseContentRequest: (raw: unknown) => parseRequest(toContent, raw),
};

export type InpageUi = typeof inpageUi;
