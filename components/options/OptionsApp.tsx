/**
 * The options page: the reader's glossary. Later issues add the entity page, articles view
 * and settings as further sections of this page; the glossary is the first one.
 */
import { useMemo, useState } from 'preact/hooks';
import type { Entity, EntityInput } from '../../lib/model/entity';
import { Banner, ErrorBanner } from '../shared/Banner';
import { EntityForm } from './EntityForm';
import { EntityList } from './EntityList';
import { GlossaryToolbar } from './GlossaryToolbar';
import { ImportExport } from './ImportExport';
import { filterEntities, type GlossaryFilter } from './filter';
import { useGlossary } from './useGlossary';

type Editor = { kind: 'new' } | { kind: 'edit'; id: string } | null;

export function OptionsApp() {
  const glossary = useGlossary();
  const [filter, setFilter] = useState<GlossaryFilter>({ query: '', type: 'all' });
  const [editor, setEditor] = useState<Editor>(null);
  const [status, setStatus] = useState<string | null>(null);

  const all = glossary.entities;
  const shown = useMemo(() => (all ? filterEntities(all, filter) : []), [all, filter]);

  const openEditor = (next: Editor) => {
    setStatus(null);
    setEditor(next);
  };

  const createEntity = async (input: EntityInput) => {
    const entity = await glossary.create(input);
    setEditor(null);
    setStatus(`Added “${entity.name}” to the glossary.`);
  };

  const saveEntity = async (id: string, input: EntityInput) => {
    const entity = await glossary.update(id, input);
    setEditor(null);
    setStatus(`Saved “${entity.name}”.`);
  };

  const deleteEntity = async (entity: Entity) => {
    await glossary.remove(entity.id);
    if (editor?.kind === 'edit' && editor.id === entity.id) setEditor(null);
    setStatus(`Deleted “${entity.name}”.`);
  };

  return (
    <div class="page">
      <header class="masthead">
        <div class="masthead__inner">
          <span class="masthead__brand">News Context Reader</span>
        </div>
      </header>

      <main class="content">
        <div class="page-head">
          <div class="page-head__text">
            <h1>Glossary</h1>
            <p class="muted">
              The people, organizations and events marked on the pages you read, with your notes. Everything stays in
              this browser.
            </p>
          </div>
          <div class="page-head__actions">
            <button
              type="button"
              class="btn btn--primary"
              onClick={() => openEditor({ kind: 'new' })}
              disabled={editor?.kind === 'new' || all === null}
            >
              Add entity
            </button>
            <ImportExport importText={glossary.importText} exportFile={glossary.exportFile} empty={!all?.length} />
          </div>
        </div>

        {glossary.loadError && (
          <ErrorBanner title="Could not load the glossary." onRetry={() => void glossary.reload()} testId="load-error">
            {glossary.loadError}
          </ErrorBanner>
        )}

        {status && (
          <Banner kind="info" testId="status" onDismiss={() => setStatus(null)}>
            {status}
          </Banner>
        )}

        {editor?.kind === 'new' && (
          <section class="panel" data-testid="new-entity">
            <EntityForm onSubmit={createEntity} onCancel={() => setEditor(null)} />
          </section>
        )}

        {all === null ? (
          !glossary.loadError && (
            <p class="loading muted" role="status">
              Loading the glossary…
            </p>
          )
        ) : (
          <section class="glossary" aria-label="Glossary">
            {all.length > 0 && (
              <GlossaryToolbar filter={filter} onChange={setFilter} shown={shown.length} total={all.length} />
            )}
            <EntityList
              entities={shown}
              totalCount={all.length}
              editingId={editor?.kind === 'edit' ? editor.id : null}
              onEdit={(id) => openEditor({ kind: 'edit', id })}
              onCancelEdit={() => setEditor(null)}
              onSave={saveEntity}
              onDelete={deleteEntity}
              onClearFilter={() => setFilter({ query: '', type: 'all' })}
            />
          </section>
        )}
      </main>
    </div>
  );
}
