/** Search box, type and tag filters, sort, and the "showing N of M" line above the list. */
import { useId } from 'preact/hooks';
import { ENTITY_TYPE_OPTIONS, ENTITY_TYPE_PLURALS, isEntityType } from '../shared/entity-types';
import { plural } from '../shared/format';
import { DEFAULT_DIR, type GlossaryQuery, type SortKey, type TypeFilter } from './filter';

interface GlossaryToolbarProps {
  filter: GlossaryQuery;
  onChange: (filter: GlossaryQuery) => void;
  shown: number;
  total: number;
  tags: { key: string; tag: string; count: number }[];
}

const SORT_LABELS: Record<SortKey, string> = { name: 'Name', type: 'Type', mentions: 'Mentions', lastSeen: 'Last seen' };

export function GlossaryToolbar({ filter, onChange, shown, total, tags }: GlossaryToolbarProps) {
  const uid = useId();
  const filtered = filter.query.trim() !== '' || filter.type !== 'all' || filter.tag !== '';
  return (
    <div class="toolbar" role="search">
      <div class="toolbar__search">
        <label for={`${uid}-q`} class="sr-only">
          Search glossary
        </label>
        <input
          id={`${uid}-q`}
          class="input"
          type="search"
          placeholder="Search names, aliases and #tags"
          autocomplete="off"
          value={filter.query}
          onInput={(e) => onChange({ ...filter, query: e.currentTarget.value })}
        />
      </div>
      <div class="toolbar__type">
        <label for={`${uid}-type`} class="sr-only">
          Filter by type
        </label>
        <select
          id={`${uid}-type`}
          class="select"
          value={filter.type}
          onChange={(e) => {
            const v = e.currentTarget.value;
            onChange({ ...filter, type: (isEntityType(v) ? v : 'all') as TypeFilter });
          }}
        >
          <option value="all">All types</option>
          {ENTITY_TYPE_OPTIONS.map((t) => (
            <option key={t} value={t}>
              {ENTITY_TYPE_PLURALS[t]}
            </option>
          ))}
        </select>
      </div>
      <div class="toolbar__type">
        <label for={`${uid}-tag`} class="sr-only">
          Filter by tag
        </label>
        <select id={`${uid}-tag`} class="select" value={filter.tag} onChange={(e) => onChange({ ...filter, tag: e.currentTarget.value })} disabled={tags.length === 0 && !filter.tag}>
          <option value="">All tags</option>
          {tags.map((t) => (
            <option key={t.key} value={t.key}>
              #{t.tag} ({t.count})
            </option>
          ))}
        </select>
      </div>
      <div class="toolbar__sort">
        <label for={`${uid}-sort`} class="sr-only">
          Sort by
        </label>
        <select
          id={`${uid}-sort`}
          class="select"
          value={filter.sort}
          onChange={(e) => {
            const sort = e.currentTarget.value as SortKey;
            onChange({ ...filter, sort, dir: DEFAULT_DIR[sort] });
          }}
        >
          {(Object.keys(SORT_LABELS) as SortKey[]).map((k) => (
            <option key={k} value={k}>
              Sort: {SORT_LABELS[k]}
            </option>
          ))}
        </select>
        <button
          type="button"
          class="btn btn--ghost btn--small"
          aria-label={filter.dir === 'asc' ? 'Ascending; switch to descending' : 'Descending; switch to ascending'}
          title={filter.dir === 'asc' ? 'Ascending' : 'Descending'}
          onClick={() => onChange({ ...filter, dir: filter.dir === 'asc' ? 'desc' : 'asc' })}
        >
          {filter.dir === 'asc' ? '↑' : '↓'}
        </button>
      </div>
      <p class="toolbar__count muted" aria-live="polite" data-testid="entity-count">
        {filtered ? `${shown.toLocaleString()} of ${plural(total, 'entity', 'entities')}` : plural(total, 'entity', 'entities')}
      </p>
    </div>
  );
}
