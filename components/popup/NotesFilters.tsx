/** The notes list's search field and its filters by entity, tag and site (the facets of every note). */
import type { NotesFacets } from '../../lib/messaging/notes';
import type { NotesFilters as Filters } from './useNotesQuery';

interface NotesFiltersProps {
  filters: Filters;
  facets: NotesFacets | null | undefined;
  setFilters: (filters: Filters) => void;
}

export function NotesFilters({ filters, facets, setFilters }: NotesFiltersProps) {
  return (
    <div class="notes-search">
      <input
        class="input"
        type="search"
        placeholder="Search notes"
        title="Searches quotes, comments, tags, entity names and page titles"
        aria-label="Search notes"
        value={filters.query}
        onInput={(e) => setFilters({ ...filters, query: (e.currentTarget as HTMLInputElement).value })}
        data-testid="notes-search"
      />
      <div class="notes-filters">
        {facets && facets.entities.length > 0 && (
          <FacetSelect
            label="Filter by entity"
            all="All entities"
            value={filters.entityId}
            options={facets.entities.map((e) => ({ value: e.id, label: `${e.name} (${e.count})` }))}
            onChange={(entityId) => setFilters({ ...filters, entityId })}
            testId="filter-entity"
          />
        )}
        {facets && facets.tags.length > 0 && (
          <FacetSelect
            label="Filter by tag"
            all="All tags"
            value={filters.tag}
            options={facets.tags.map((t) => ({ value: t.tag, label: `#${t.tag} (${t.count})` }))}
            onChange={(tag) => setFilters({ ...filters, tag })}
            testId="filter-tag"
          />
        )}
        {/* One site is no choice. */}
        {facets && facets.sites.length > 1 && (
          <FacetSelect
            label="Filter by site"
            all="All sites"
            value={filters.site}
            options={facets.sites.map((s) => ({ value: s.site, label: `${s.site} (${s.count})` }))}
            onChange={(site) => setFilters({ ...filters, site })}
            testId="filter-site"
          />
        )}
      </div>
    </div>
  );
}

interface FacetSelectProps {
  label: string;
  /** The first option's text: no filter. */
  all: string;
  value: string | null;
  options: readonly { value: string; label: string }[];
  onChange: (value: string | null) => void;
  testId: string;
}

/** One filter: "all", then each value with its count; choosing "all" gives null. */
function FacetSelect({ label, all, value, options, onChange, testId }: FacetSelectProps) {
  return (
    <select class="select" aria-label={label} value={value ?? ''} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value || null)} data-testid={testId}>
      <option value="">{all}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
