/**
 * Under the entity form's aliases: what the matcher will do with each name and alias (common
 * words, months, commas, aliases shared with other entities), asked of the background as the
 * reader types (alias.review; the word list lives there only).
 */
import { useEffect, useState } from 'preact/hooks';
import type { Alias } from '../../lib/model/entity';
import { ask } from '../../lib/messaging/client';
import type { AliasReview } from '../../lib/messaging/names';
import { aliasNoteLines } from './alias-notes';

const DEBOUNCE_MS = 250;

export function AliasNotes({ id, name, aliases }: { id?: string; name: string; aliases: Alias[] }) {
  const [reviews, setReviews] = useState<AliasReview[]>([]);
  const key = JSON.stringify([id, name, aliases]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      if (!name.trim() && aliases.length === 0) return setReviews([]);
      ask('alias.review', { entity: { ...(id ? { id } : {}), name: name.trim().slice(0, 200), aliases } }).then(
        (r) => live && setReviews(r),
        () => live && setReviews([]),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  const lines = reviews.flatMap((r) => aliasNoteLines(r, name.trim()));
  if (lines.length === 0) return null;
  return (
    <ul class="alias-notes" data-testid="alias-notes" aria-live="polite">
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}
