/**
 * The options page: the reader's glossary, each entity's page ("what have I read about X"),
 * the articles read, and settings. Sections are addressed by the URL's hash (route.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import type { Entity, EntityInput } from '../../lib/model/entity';
import { matchDefaultsOf } from '../../lib/model/settings';
import type { DeletedEntity, GlossaryRow } from '../../lib/messaging/knowledge';
import { Banner, ErrorBanner } from '../shared/Banner';
import { errorMessage } from '../shared/errors';
import { ArticlesView } from './ArticlesView';
import { EntityPage } from './EntityPage';
import { GlossaryView } from './GlossaryView';
import { SettingsView } from './SettingsView';
import { hrefOf, navigate, useRoute, type Route } from './route';
import { useGlossary } from './useGlossary';
import { useSettings } from './useSettings';
import { versionOf } from '../../lib/model/version';

/** How long "Undo" stays offered after a delete. */
export const UNDO_MS = 15_000;

type Status = { text: string; undo?: DeletedEntity } | null;

const NAV: { route: Route; label: string }[] = [
  { route: { page: 'glossary' }, label: 'Glossary' },
  { route: { page: 'articles' }, label: 'Articles' },
  { route: { page: 'settings' }, label: 'Settings' },
];

export function OptionsApp() {
  const route = useRoute();
  const glossary = useGlossary();
  const settings = useSettings();
  const [status, setStatus] = useState<Status>(null);
  const [undoError, setUndoError] = useState<string | null>(null);

  // Opening the options page pulls what other devices changed (docs/sync.md); nothing when sync is off.
  useEffect(() => void ask('sync.now', {}).catch(() => {}), []);

  useEffect(() => {
    if (!status?.undo) return;
    const t = setTimeout(() => setStatus((s) => (s === status ? null : s)), UNDO_MS);
    return () => clearTimeout(t);
  }, [status]);

  useEffect(() => {
    const titles: Record<Route['page'], string> = { glossary: 'Glossary', entity: 'Entity', articles: 'Articles', settings: 'Settings' };
    document.title = `${titles[route.page]} · News Context Reader`;
  }, [route.page]);

  const defaults = settings.settings ? matchDefaultsOf(settings.settings) : { exactCase: false, diacriticSensitive: false };

  const create = async (input: EntityInput) => {
    const entity = await glossary.create(input);
    setStatus({ text: `Added “${entity.name}” to the glossary.` });
    return entity;
  };

  const update = async (id: string, input: EntityInput, baseVersion: number) => {
    const entity = await glossary.update(id, input, baseVersion);
    setStatus({ text: `Saved “${entity.name}”.` });
    return entity;
  };

  const remove = async (entity: Entity) => {
    try {
      const removed = await glossary.remove(entity.id, versionOf(entity));
      setUndoError(null);
      setStatus({ text: `Deleted “${entity.name}”.`, undo: removed ?? undefined });
      if (route.page === 'entity') navigate({ page: 'glossary' });
    } catch (err) {
      setStatus({ text: `Could not delete “${entity.name}”: ${errorMessage(err)}` });
    }
  };

  const undo = async (removed: DeletedEntity) => {
    try {
      const entity = await glossary.restore(removed);
      setStatus({ text: `Restored “${entity.name}”.` });
    } catch (err) {
      setUndoError(errorMessage(err));
    }
  };

  const merge = async (keep: Entity, other: Entity) => {
    const merged = await glossary.merge(keep, other);
    setStatus({ text: `Merged “${other.name}” into “${merged.name}”.` });
  };

  return (
    <div class="page">
      <Masthead page={route.page} />

      <main class="content">
        {glossary.loadError && (
          <ErrorBanner title="Could not load the glossary." onRetry={() => void glossary.reload()} testId="load-error">
            {glossary.loadError}
          </ErrorBanner>
        )}

        {status && <StatusBanner status={status} undoError={undoError} onUndo={(removed) => void undo(removed)} onDismiss={() => setStatus(null)} />}

        {route.page === 'glossary' && (
          <GlossaryView
            rows={glossary.rows}
            loadError={glossary.loadError}
            defaults={defaults}
            onCreate={create}
            onDelete={(row: GlossaryRow) => remove(row.entity)}
            onImported={() => {
              void glossary.reload();
              void settings.reload();
            }}
          />
        )}
        {route.page === 'entity' && (
          <EntityPage id={route.id} edit={route.edit} rows={glossary.rows} defaults={defaults} onUpdate={update} onDelete={remove} onMerge={merge} onCreate={glossary.create} onRefreshRows={() => void glossary.reload()} />
        )}
        {route.page === 'articles' && <ArticlesView />}
        {route.page === 'settings' && (
          <SettingsView
            settings={settings.settings}
            error={settings.error}
            update={settings.update}
            onHistoryCleared={() => void glossary.reload()}
          />
        )}
      </main>
    </div>
  );
}

function Masthead({ page }: { page: Route['page'] }) {
  return (
    <header class="masthead">
      <div class="masthead__inner">
        <span class="masthead__brand">News Context Reader</span>
        <nav class="tabs" aria-label="Sections">
          {NAV.map((n) => {
            // An entity's page belongs to the glossary.
            const current = n.route.page === page || (n.route.page === 'glossary' && page === 'entity');
            return (
              <a key={n.label} class={`tabs__tab${current ? ' is-current' : ''}`} href={hrefOf(n.route)} aria-current={current ? 'page' : undefined}>
                {n.label}
              </a>
            );
          })}
        </nav>
      </div>
    </header>
  );
}

interface StatusBannerProps {
  status: NonNullable<Status>;
  undoError: string | null;
  onUndo: (removed: DeletedEntity) => void;
  onDismiss: () => void;
}

/** What the last change did ("Deleted X.", with Undo for a while). */
function StatusBanner({ status, undoError, onUndo, onDismiss }: StatusBannerProps) {
  return (
    <Banner kind="info" testId="status" onDismiss={onDismiss}>
      {status.text}
      {status.undo && (
        <>
          {' '}
          <button type="button" class="link-button" onClick={() => onUndo(status.undo!)}>
            Undo
          </button>
        </>
      )}
      {undoError && <span class="field__error"> Could not undo: {undoError}</span>}
    </Banner>
  );
}
