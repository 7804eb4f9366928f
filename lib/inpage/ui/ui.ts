/**
 * The in-page half that is loaded only when the reader needs it (lib/inpage/core/ui-loader.ts): the
 * tooltip card (Preact, floating-ui, the Markdown sanitiser), the note composer, saved quotes
 * (approximate matching) and the full validation of requests to the tab (zod). A page where the
 * reader never hovers a mark, saves a note or opens the popup never evaluates any of it.
 */
import '../../zod-setup';
import { TooltipHost } from './tooltip-host';
import { NoteComposerHost } from './note-composer';
import { QuoteMarks } from './quote-marks';
import { parseRequest, toContent } from '../../messaging/protocol';
import { ask } from '../../messaging/client';
import { compareMarks, type Mark } from '../../dom/mark-store';
import type { PageMetadata } from '../../dom/page-metadata';
import type { CardState } from '../core/card-state';

/** The selection as a quote, with the entities whose marks it touches ("Save note"). */
function captureMentions(quotes: QuoteMarks, selection: Selection | null, marks: Iterable<Mark>) {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const captured = quotes.captureSelection(selection);
  if (!captured) return null;
  const entityIds = new Set<string>();
  for (const m of marks) {
    if (captured.range.compareBoundaryPoints(Range.START_TO_END, m.range) > 0 && captured.range.compareBoundaryPoints(Range.END_TO_START, m.range) < 0) {
      entityIds.add(m.entityId);
    }
  }
  return { selector: captured.selector, entityIds: [...entityIds] };
}

/** The card's "Add note": a note about the entity on this page (lib/messaging/notes.ts). */
async function attachNote(meta: PageMetadata, entityId: string, comment: string, tags: string[], appendToEntity: boolean, entityVersion?: number) {
  const reply = await ask('note.attach', {
    entityId,
    comment,
    tags,
    appendToEntity,
    // The version the card showed: notes changed since are not appended to (docs/versioning.md).
    ...(entityVersion !== undefined ? { entityVersion } : {}),
    page: { title: meta.title, site: meta.site, canonicalHref: meta.canonicalHref, ogUrl: meta.ogUrl },
  });
  return { appended: reply.appended };
}

/**
 * Keyboard stepping over the drawn marks (sorted): where the next step lands from `current`
 * (-1: none yet). The first step lands in the article, not in the site's menu.
 */
function stepTarget(marks: readonly Mark[], current: number, direction: 'next' | 'previous'): number {
  const i =
    current === -1
      ? direction === 'next'
        ? Math.max(0, marks.findIndex((m) => m.article))
        : marks.findLastIndex((m) => m.article)
      : current + (direction === 'next' ? 1 : -1);
  return (i + marks.length) % marks.length;
}

/** The first drawn mark of an entity, in the article if it has one there (the popup's "go to"). */
function firstMark(marks: readonly Mark[], entityId: string): Mark | undefined {
  const own = marks.filter((m) => m.entityId === entityId).sort(compareMarks);
  return own.find((m) => m.article) ?? own[0];
}

/** Scroll (every scrolling ancestor) so the mention sits mid-screen, unless it is well in view. */
function scrollRangeIntoView(win: Window, range: Range) {
  const rect = range.getBoundingClientRect();
  const margin = win.innerHeight / 5;
  if (rect.top >= margin && rect.bottom <= win.innerHeight - margin && rect.left >= 0 && rect.right <= win.innerWidth) return;
  range.startContainer.parentElement?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' as ScrollBehavior });
}

/** The card's content for an entity; `retry`: the request failed and may be asked again. */
async function fetchCard(meta: PageMetadata, entityId: string, shownAs: string): Promise<{ state: CardState; retry: boolean }> {
  try {
    const reply = await ask('entity.card', { entityId, pageUrl: meta.pageUrl, canonicalHref: meta.canonicalHref, ogUrl: meta.ogUrl });
    return {
      state: reply
        ? {
            status: 'ready',
            entity: reply.entity,
            alsoIn: reply.alsoIn,
            ...(reply.editedOnTwoDevices ? { editedOnTwoDevices: true, otherTexts: reply.otherTexts ?? {} } : {}),
            ...(reply.alsoFrom?.length ? { alsoFrom: reply.alsoFrom } : {}),
          }
        : { status: 'error', name: shownAs, message: 'This entity is no longer in your glossary.' },
      retry: false,
    };
  } catch (err) {
    return { state: { status: 'error', name: shownAs, message: `Could not load: ${err instanceof Error ? err.message : String(err)}` }, retry: true };
  }
}

export const inpageUi = {
  captureMentions,
  fetchCard,
  stepTarget,
  firstMark,
  scrollRangeIntoView,
  attachNote,
  TooltipHost,
  NoteComposerHost,
  QuoteMarks,
  /** The validating client (replies checked against their schemas). */
  ask,
  parseContentRequest: (raw: unknown) => parseRequest(toContent, raw),
};

export type InpageUi = typeof inpageUi;
