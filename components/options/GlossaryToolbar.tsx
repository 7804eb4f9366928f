/** Search box, type filter and the "showing N of M" line above the list. */
import { useId } from 'preact/hooks';
import { ENTITY_TYPE_OPTIONS, ENTITY_TYPE_PLURALS, isEntityType } from '../shared/entity-types';
import { plural } from '../shared/format';
import type { GlossaryFilter, TypeFilter } from './filter';

interface GlossaryToolbarProps {
  filter: GlossaryFilter;
  onChange: (filter: GlossaryFilter) => void;
  shown: number;
  total: number;
}

export function GlossaryToolbar({ filter, onChange, shown, total }: GlossaryToolbarProps) {
  const uid = useId();
  const filtered = filter.query.trim() !== '' || filter.type !== 'all';
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
          placeholder="Search names and aliases"
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
      <p class="toolbar__count muted" aria-live="polite" data-testid="entity-count">
        {filtered ? `${shown.toLocaleString()} of ${plural(total, 'entity', 'entities')}` : plural(total, 'entity', 'entities')}
      </p>
    </div>
  );
}
