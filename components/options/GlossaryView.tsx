/** The glossary: add, import and export, and the searchable, sortable, virtualised list. */
import { useMemo, useState } from 'preact/hooks';
import type { Entity, EntityInput, MatchDefaults } from '../../lib/model/entity';
import type { GlossaryRow } from '../../lib/messaging/knowledge';
import { EntityForm } from './EntityForm';
import { EntityRow } from './EntityRow';
import { GlossaryToolbar } from './GlossaryToolbar';
import { ImportExport } from './ImportExport';
import { VirtualList } from './VirtualList';
import { DEFAULT_QUERY, filterRows, indexRows, tagCounts, type GlossaryQuery } from './filter';
import { navigate } from './route';

/** Height of one list row (px); rows are laid out to fit it (entrypoints/options/glossary.css). */
export const ROW_HEIGHT = 92;

interface GlossaryViewProps {
  rows: GlossaryRow[] | null;
  loadError: string | null;
  defaults: MatchDefaults;
  onCreate: (input: EntityInput) => Promise<Entity>;
  onDelete: (row: GlossaryRow) => Promise<void>;
  onImported: () => void;
}

export function GlossaryView({ rows, loadError, defaults, onCreate, onDelete, onImported }: GlossaryViewProps) {
  const [filter, setFilter] = useState<GlossaryQuery>(DEFAULT_QUERY);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);

  const index = useMemo(() => (rows ? indexRows(rows) : null), [rows]);
  const shown = useMemo(() => (index ? filterRows(index, filter) : []), [index, filter]);
  const tags = useMemo(() => (rows ? tagCounts(rows) : []), [rows]);

  const create = async (input: EntityInput) => {
    await onCreate(input);
    setAdding(false);
  };

  return (
    <>
      <div class="page-head">
        <div class="page-head__text">
          <h1>Glossary</h1>
          <p class="muted">
            The people, organizations, places and events marked on the pages you read, with your notes. Everything stays in
            this browser.
          </p>
        </div>
        <div class="page-head__actions">
          <button type="button" class="btn btn--primary" onClick={() => setAdding(true)} disabled={adding || rows === null}>
            Add entity
          </button>
          <ImportExport onImported={onImported} empty={!rows?.length} />
        </div>
      </div>

      {adding && (
        <section class="panel" data-testid="new-entity">
          <EntityForm onSubmit={create} onCancel={() => setAdding(false)} defaults={defaults} tagSuggestions={tags.map((t) => t.tag)} />
        </section>
      )}

      {rows === null ? (
        !loadError && (
          <p class="loading muted" role="status">
            Loading the glossary…
          </p>
        )
      ) : (
        <section class="glossary" aria-label="Glossary">
          {rows.length > 0 && <GlossaryToolbar filter={filter} onChange={setFilter} shown={shown.length} total={rows.length} tags={tags} />}
          {rows.length === 0 ? (
            <div class="empty" data-testid="glossary-empty">
              <p class="empty__title">Your glossary is empty.</p>
              <p class="muted">
                Add the people, organizations, places and events you follow, with the other names the news uses for them.
                The extension marks them on the pages you read and shows your notes when you hover them. You can also import a
                glossary file, a CSV from a spreadsheet, or a backup.
              </p>
            </div>
          ) : shown.length === 0 ? (
            <div class="empty" data-testid="glossary-no-match">
              <p class="empty__title">Nothing matches.</p>
              <p class="muted">
                No entity has that name, alias or tag.{' '}
                <button type="button" class="link-button" onClick={() => setFilter(DEFAULT_QUERY)}>
                  Clear the search
                </button>
              </p>
            </div>
          ) : (
            <VirtualList
              items={shown}
              rowHeight={ROW_HEIGHT}
              label="Glossary entries"
              testId="glossary-list"
              getKey={(r) => r.entity.id}
              renderRow={(r) => (
                <EntityRow
                  row={r}
                  busy={deleting === r.entity.id}
                  onEdit={() => navigate({ page: 'entity', id: r.entity.id, edit: true })}
                  onDelete={async () => {
                    setDeleting(r.entity.id);
                    try {
                      await onDelete(r);
                    } finally {
                      setDeleting(null);
                    }
                  }}
                />
              )}
            />
          )}
        </section>
      )}
    </>
  );
}
