/**
 * "Merge…" on an entity's page: find another entity by name or alias, confirm, and merge it
 * into this one (entity.merge, one step).
 */
import { useId, useMemo, useState } from 'preact/hooks';
import { shownAliases, type Entity } from '../../lib/model/entity';
import type { GlossaryRow } from '../../lib/messaging/knowledge';
import { TypeBadge } from '../shared/TypeBadge';
import { errorMessage } from '../shared/errors';
import { fold } from './filter';
import { ErrorLine } from '../shared/ErrorLine';

export function MergePicker({ entity, rows, onCancel, onMerge }: { entity: Entity; rows: GlossaryRow[]; onCancel: () => void; onMerge: (other: Entity) => Promise<void> }) {
  const uid = useId();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Entity | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const candidates = useMemo(() => {
    const q = fold(query);
    if (!q) return [];
    return rows
      // A team glossary's entity is read-only: never merged (docs/sync-team-glossary.md).
      .filter((r) => r.entity.id !== entity.id && !r.entity.source && fold([r.entity.name, ...r.entity.aliases.map((a) => a.text)].join('\n')).includes(q))
      .slice(0, 8)
      .map((r) => r.entity);
  }, [rows, query, entity.id]);

  return (
    <section class="panel merge" aria-label={`Merge into ${entity.name}`} data-testid="merge-panel">
      <h2 class="section-title">Merge another entity into {entity.name}</h2>
      <p class="field__hint">
        Its name and aliases become aliases of {entity.name}, its notes, tags and references are added, and the articles that
        mentioned it are counted here. It is then removed. All in one step.
      </p>
      <label for={`${uid}-q`}>Find the entity to merge</label>
      <input id={`${uid}-q`} class="input" type="search" autocomplete="off" value={query} onInput={(e) => { setQuery(e.currentTarget.value); setChosen(null); }} />
      {candidates.length > 0 && !chosen && (
        <ul class="merge__candidates" role="listbox" aria-label="Matching entities">
          {candidates.map((c) => (
            <li key={c.id}>
              <button type="button" class="merge__candidate" role="option" aria-selected="false" onClick={() => setChosen(c)}>
                {c.name} <TypeBadge type={c.type} />
                {shownAliases(c.aliases).length > 0 && <span class="muted"> · {shownAliases(c.aliases).slice(0, 3).map((a) => a.text).join(', ')}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <div class="merge__confirm" role="group" aria-label="Confirm merge">
          <p>
            Merge <strong>{chosen.name}</strong> into <strong>{entity.name}</strong>? {chosen.name} will no longer exist on its own.
          </p>
          <ErrorLine class="field__error" error={error} />
          <button
            type="button"
            class="btn btn--primary"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                await onMerge(chosen);
              } catch (err) {
                setError(errorMessage(err));
              } finally {
                setBusy(false);
              }
            }}
          >
            {busy ? 'Merging…' : `Merge ${chosen.name}`}
          </button>{' '}
          <button type="button" class="btn btn--ghost" onClick={() => setChosen(null)} disabled={busy}>
            Choose another
          </button>
        </div>
      )}
      <p>
        <button type="button" class="link-button" onClick={onCancel}>
          Cancel
        </button>
      </p>
    </section>
  );
}
