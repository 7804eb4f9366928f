/**
 * Importing a file in two steps: preview (what is new, what duplicates what is already
 * stored) and commit (with the reader's choice per duplicate: merge, skip or keep both).
 * The commit is one transaction over every store: all of the file or nothing.
 *
 * A duplicate is an entry whose id is a stored entity's id, or whose name or an alias equals a
 * stored entity's name or alias (normalizeName: case, spacing and apostrophe style ignored).
 * An entry identical to the stored entity with its id is not a question: it is left as is.
 *
 * Choices:
 *  - merge: the stored entity absorbs the entry (mergeEntityFields: its aliases, tags and links
 *    added, notes appended; the stored name, type and id stay). The entry's reading rows attach
 *    to the stored entity.
 *  - skip: the stored entity is left as it is; the entry's reading rows (backup files) still
 *    attach to it: the reading happened.
 *  - keep: the entry is added as a separate entity (with a new id when its id is taken).
 * Reading index: an article already stored keeps the earliest firstSeen and the latest
 * lastSeen (title and site of the later visit); a mention row already stored keeps the higher
 * count (the same reading recorded twice is not two readings). Saved notes are matched by id;
 * one already stored is left alone. Settings are replaced only when asked (restoreSettings).
 */
import type { ImportBundle } from '../model/import-file';
import type { Duplicate, DuplicateMatch, ImportPreview } from '../model/import-plan';
import type { Database } from './db';
import { normalizeName } from './keys';
import { indexGlossary, matchEntry, type Matched } from './import-match';

export { commitImport } from './import-commit';
export type { DuplicateChoice, ImportChoices, ImportOutcome, ImportPreview } from '../model/import-plan';

function describeMatches(entry: ImportBundle['entities'][number], m: Matched): DuplicateMatch[] {
  const out: DuplicateMatch[] = [];
  if (m.idMatch) out.push({ id: m.idMatch.id, name: m.idMatch.name, type: m.idMatch.type, by: 'id', text: m.idMatch.id });
  const nameKey = normalizeName(entry.name);
  for (const { entity, key } of m.others.slice(0, 5)) {
    const text = [entry.name, ...entry.aliases.map((a) => a.text)].find((t) => normalizeName(t) === key) ?? key;
    out.push({ id: entity.id, name: entity.name, type: entity.type, by: key === nameKey && entity.nameKey === key ? 'name' : 'alias', text });
  }
  return out;
}

/** What importing this bundle would do, and which entries need a choice. Reads only. */
export async function previewImport(db: Database, bundle: ImportBundle, maxListed = 1000): Promise<ImportPreview> {
  const existing = await db.getAll('entities');
  const index = indexGlossary(existing);
  const duplicates: Duplicate[] = [];
  let duplicateCount = 0;
  let unchanged = 0;
  let newEntities = 0;
  bundle.entities.forEach((entry, i) => {
    const m = matchEntry(entry, index);
    if (m.identical) unchanged++;
    else if (!m.idMatch && m.others.length === 0) newEntities++;
    else {
      duplicateCount++;
      if (duplicates.length < maxListed) duplicates.push({ index: i, name: entry.name, type: entry.type, matches: describeMatches(entry, m) });
    }
  });
  return {
    kind: bundle.kind,
    counts: {
      entities: bundle.entities.length,
      articles: bundle.articles.length,
      mentions: bundle.mentions.length,
      notes: bundle.notes.length,
      settings: bundle.settings !== null,
    },
    newEntities,
    unchanged,
    duplicates,
    duplicateCount,
  };
}
