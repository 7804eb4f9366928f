/**
 * The words for what the matcher will do with an alias (alias.review, import previews): one
 * sentence per thing worth saying. Pure: shared by the entity form and the import preview.
 */
import type { AliasReview } from '../../lib/messaging/names';

export function aliasNoteLines(r: AliasReview, entityName: string): string[] {
  const lines: string[] = [];
  const q = `‘${r.text}’`;
  if (r.common) {
    lines.push(
      `${q} is also a common word: it is marked only with its capital, and at the start of a sentence or in a headline only when the page also names ${entityName || 'the entity'} in full.` +
        (r.hasFullName ? '' : ' Add a fuller alias (a full name) that the page can name it by.'),
    );
  }
  if (r.month) lines.push(`${q} is a month: never marked next to a day or a year (“${r.text} 5”, “5 ${r.text}”, “${r.text} 2024”) or after “in”, “since”, “last”.`);
  if (r.listLike) lines.push(`${q} holds a comma, so it is one alias. To give several, separate them with | or ;.`);
  if (r.sharedWith.length) {
    const others = r.sharedWith.map((s) => s.name).join(', ');
    const winner = r.defaultWinner?.name || entityName || 'this entity';
    lines.push(`${q} is also an alias of ${others}. On a page, it goes to the one the page names in full; if it names none of them, to ${winner} (added first).`);
  }
  return lines;
}
