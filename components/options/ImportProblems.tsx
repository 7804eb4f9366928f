/** An import's outcome and problems in words: a line for what was imported, a list for what was wrong. */
import type { ImportOutcome } from '../../lib/messaging/knowledge';
import { plural } from '../shared/format';

export function describeOutcome(o: ImportOutcome): string {
  const parts = [`${o.entities.added} new`, `${o.entities.merged} merged`, `${o.entities.skipped} skipped`];
  if (o.entities.unchanged) parts.push(`${o.entities.unchanged} unchanged`);
  let text = `Imported ${parts.join(', ')}.`;
  if (o.articles.added + o.articles.updated > 0 || o.mentions > 0) {
    text += ` Reading history: ${plural(o.articles.added, 'new article')}, ${plural(o.mentions, 'mention row')}.`;
  }
  if (o.notes.added) text += ` ${plural(o.notes.added, 'saved note')}.`;
  if (o.settingsRestored) text += ' Settings restored.';
  return text;
}

/**
 * The background's message is "The file was not imported, nothing changed. a; b; c", each
 * problem naming its path. Several problems read better as a list.
 */
export function splitImportError(message: string): { lead: string; problems: string[] } {
  const m = /^(.*?nothing (?:was )?changed\.)\s*(.*)$/is.exec(message);
  const lead = m ? m[1]!.trim() : 'Nothing was changed.';
  const rest = (m ? m[2]! : message).trim();
  const problems = rest ? rest.split('; ').map((p) => p.trim()).filter(Boolean) : [];
  return { lead, problems };
}

export function ImportProblems({ errors, lead = 'The file was not imported, nothing changed.' }: { errors: string[]; lead?: string }) {
  if (errors.length <= 1) {
    return (
      <>
        {errors[0] && <span class="import-problem">{errors[0]}.</span>} {lead}
      </>
    );
  }
  return (
    <>
      {lead} {errors.length} problems:
      <ul class="import-problems">
        {errors.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
    </>
  );
}
