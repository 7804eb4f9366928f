/**
 * Which stored entities an import entry duplicates (by id, name or alias; import.ts says the
 * policy), shared by the preview and the commit so both ask the same questions.
 */
import { canonicalEntity } from '../model/entity';
import type { ImportBundle } from '../model/import-file';
import { sameEntityContent } from '../model/merge';
import { fromStored } from './entity-records';
import { aliasKeysOf } from './keys';
import type { StoredEntity } from './schema';

export interface Matched {
  idMatch: StoredEntity | undefined;
  identical: boolean;
  others: { entity: StoredEntity; key: string }[];
}

export function indexGlossary(existing: StoredEntity[]) {
  const byId = new Map(existing.map((e) => [e.id, e]));
  const byKey = new Map<string, StoredEntity[]>();
  for (const e of existing) {
    for (const k of aliasKeysOf(e)) {
      const list = byKey.get(k);
      if (list) list.push(e);
      else byKey.set(k, [e]);
    }
  }
  // Oldest first: the one a merge goes to when several match.
  for (const list of byKey.values()) list.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  return { byId, byKey };
}

export function matchEntry(entry: ImportBundle['entities'][number], index: ReturnType<typeof indexGlossary>): Matched {
  // Into an empty glossary (a backup restored to a new profile) nothing can match.
  if (index.byId.size === 0) return { idMatch: undefined, identical: false, others: [] };
  const idMatch = entry.id !== undefined ? index.byId.get(entry.id) : undefined;
  const others: Matched['others'] = [];
  const seen = new Set<string>(idMatch ? [idMatch.id] : []);
  for (const key of aliasKeysOf(entry)) {
    for (const e of index.byKey.get(key) ?? []) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      others.push({ entity: e, key });
    }
  }
  // Identical to the entity with its id, or (without an id match) to the one entity it
  // matches: nothing to ask, nothing to write (a file imported twice).
  const content = canonicalEntity(entry);
  const identical = idMatch
    ? sameEntityContent(fromStored(idMatch), content)
    : others.length === 1 && sameEntityContent(fromStored(others[0]!.entity), content);
  return { idMatch, identical, others };
}
