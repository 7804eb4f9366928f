/**
 * Filtering and ordering of the glossary list. Pure functions: the options page calls them
 * from useMemo, and a later virtualised list (10,000 entities) can keep using them.
 */
import type { Entity, EntityType } from '../../lib/model/entity';
import { byName } from '../shared/sort';

export type TypeFilter = EntityType | 'all';

export interface GlossaryFilter {
  query: string;
  type: TypeFilter;
}

/** Lower case, accents dropped, spaces collapsed: "Ça  va" -> "ca va". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Everything the search box looks at for one entity, folded once. */
export function searchKey(entity: Pick<Entity, 'name' | 'aliases'>): string {
  return [entity.name, ...entity.aliases.map((a) => a.text)].map(fold).join('\n');
}

/** The entities to show, sorted by name. The query matches any part of the name or an alias. */
export function filterEntities(entities: readonly Entity[], filter: GlossaryFilter): Entity[] {
  const q = fold(filter.query);
  const out = entities.filter(
    (e) => (filter.type === 'all' || e.type === filter.type) && (q === '' || searchKey(e).includes(q)),
  );
  return out.sort(byName);
}
