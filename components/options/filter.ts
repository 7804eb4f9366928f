/**
 * Filtering and ordering of the glossary list. Pure functions: the options page calls them on
 * every keystroke, so everything that can be computed once per list (folded search text, sort
 * orders) is, by indexRows; filterRows is then a single pass over at most 100,000 rows.
 */
import type { Entity, EntityType } from '../../lib/model/entity';
import { tagKey } from '../../lib/model/entity';
import { byName } from '../shared/sort';

export type TypeFilter = EntityType | 'all';

export interface GlossaryFilter {
  query: string;
  type: TypeFilter;
}

export type SortKey = 'name' | 'type' | 'mentions' | 'lastSeen';
export type SortDir = 'asc' | 'desc';

export interface GlossaryQuery extends GlossaryFilter {
  /** A tag key (tagKey), or '' for any. */
  tag: string;
  sort: SortKey;
  dir: SortDir;
}

export const DEFAULT_QUERY: GlossaryQuery = { query: '', type: 'all', tag: '', sort: 'name', dir: 'asc' };

/** The natural direction of each sort: names A–Z, most mentions and most recent first. */
export const DEFAULT_DIR: Record<SortKey, SortDir> = { name: 'asc', type: 'asc', mentions: 'desc', lastSeen: 'desc' };

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
export function searchKey(entity: Pick<Entity, 'name' | 'aliases'> & Partial<Pick<Entity, 'tags'>>): string {
  return [entity.name, ...entity.aliases.map((a) => a.text), ...(entity.tags ?? []).map((t) => `#${t}`)].map(fold).join('\n');
}

/** The entities to show, sorted by name. The query matches any part of the name or an alias. */
export function filterEntities(entities: readonly Entity[], filter: GlossaryFilter): Entity[] {
  const q = fold(filter.query);
  const out = entities.filter(
    (e) => (filter.type === 'all' || e.type === filter.type) && (q === '' || searchKey(e).includes(q)),
  );
  return out.sort(byName);
}

/** A list row: the entity and its reading statistics (the glossary.rows reply). */
export interface RowData {
  entity: Entity;
  mentions: number;
  articles: number;
  lastSeen: number | null;
}

export interface IndexedRows<R extends RowData = RowData> {
  rows: readonly R[];
  keys: string[];
  tagKeys: string[][];
  /** Row positions in each sort order (ascending). */
  order: Record<SortKey, Int32Array>;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const TYPE_ORDER: Record<EntityType, number> = { person: 0, organization: 1, event: 2, place: 3, other: 4 };

/** Once per list: folded search keys and the four sort orders. */
export function indexRows<R extends RowData>(rows: readonly R[]): IndexedRows<R> {
  const n = rows.length;
  const keys = rows.map((r) => searchKey(r.entity));
  const tagKeys = rows.map((r) => (r.entity.tags ?? []).map(tagKey));
  // Names are compared once: every other order breaks ties by name.
  const nameRank = new Int32Array(n);
  const byNameOrder = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => collator.compare(rows[a]!.entity.name, rows[b]!.entity.name) || a - b);
  byNameOrder.forEach((row, rank) => (nameRank[row] = rank));
  const sorted = (cmp: (a: R, b: R) => number) =>
    Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => cmp(rows[a]!, rows[b]!) || nameRank[a]! - nameRank[b]!);
  return {
    rows,
    keys,
    tagKeys,
    order: {
      name: byNameOrder,
      type: sorted((a, b) => TYPE_ORDER[a.entity.type] - TYPE_ORDER[b.entity.type]),
      mentions: sorted((a, b) => a.mentions - b.mentions),
      lastSeen: sorted((a, b) => (a.lastSeen ?? -1) - (b.lastSeen ?? -1)),
    },
  };
}

/** Per keystroke: the rows to show, in order. One pass; no sorting. */
export function filterRows<R extends RowData>(index: IndexedRows<R>, q: GlossaryQuery): R[] {
  const query = fold(q.query);
  const tag = q.tag ? tagKey(q.tag) : '';
  const order = index.order[q.sort];
  const out: R[] = [];
  const n = order.length;
  for (let k = 0; k < n; k++) {
    const i = order[q.dir === 'asc' ? k : n - 1 - k]!;
    const row = index.rows[i]!;
    if (q.type !== 'all' && row.entity.type !== q.type) continue;
    if (tag && !index.tagKeys[i]!.includes(tag)) continue;
    if (query && !index.keys[i]!.includes(query)) continue;
    out.push(row);
  }
  return out;
}

/** Every tag in the list with its number of entities, most used first. */
export function tagCounts(rows: readonly RowData[]): { key: string; tag: string; count: number }[] {
  const counts = new Map<string, { key: string; tag: string; count: number }>();
  for (const r of rows) {
    for (const t of r.entity.tags ?? []) {
      const key = tagKey(t);
      const c = counts.get(key);
      if (c) c.count++;
      else counts.set(key, { key, tag: t, count: 1 });
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || collator.compare(a.tag, b.tag));
}
