/**
 * In an import preview: the entries whose aliases are common words, months, lists (a comma
 * where the separator is | or ;) or shared with another entity, with what the matcher will do.
 */
import type { ImportPreview } from '../../lib/messaging/knowledge';
import { aliasNoteLines } from './alias-notes';

const SHOWN = 50;

export function ImportAliasNotes({ notes }: { notes: NonNullable<ImportPreview['aliasNotes']> }) {
  if (notes.length === 0) return null;
  return (
    <details class="import-alias-notes" data-testid="import-alias-notes" open={notes.length <= 10}>
      <summary>
        {notes.length === 1 ? '1 entry has' : `${notes.length} entries have`} aliases worth a look (common words, months, commas, shared
        aliases)
      </summary>
      <ul>
        {notes.slice(0, SHOWN).map((n) => (
          <li key={n.index}>
            <strong>{n.name}</strong> (entry {n.index + 1}):
            <ul>
              {n.reviews.flatMap((r) => aliasNoteLines(r, n.name)).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {notes.length > SHOWN && <p class="muted">…and {notes.length - SHOWN} more.</p>}
    </details>
  );
}
