/**
 * "Edited on two devices" on an entity's own page (docs/sync.md#conflicts): both texts of each
 * field two devices wrote at once, and the one-click choice Settings › Sync offers (the same
 * `sync.choose`: the choice syncs and clears it on every device). Shows nothing otherwise.
 */
import { useEffect, useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import type { SyncConflictView } from '../../lib/messaging/sync';
import { errorMessage } from '../shared/errors';

export function EditedOnTwoDevices({ id, onChosen }: { id: string; onChosen: () => void }) {
  const [conflict, setConflict] = useState<SyncConflictView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    ask('sync.get', {}).then(
      (state) => live && setConflict(state.conflicts.find((c) => c.kind === 'entity' && c.id === id) ?? null),
      () => {}, // Sync's state unreadable: the page shows the entity as stored, as without sync.
    );
    return () => {
      live = false;
    };
  }, [id]);
  if (!conflict) return null;
  const choose = async (field: SyncConflictView['fields'][number]['field'], keep: 'mine' | 'other') => {
    setError(null);
    try {
      const state = await ask('sync.choose', { kind: 'entity', id, field, keep });
      setConflict(state.conflicts.find((c) => c.kind === 'entity' && c.id === id) ?? null);
      onChosen();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section class="panel sync__conflicts" data-testid="entity-conflict" aria-label="Edited on two devices">
      <h2 class="section-title">Edited on two devices</h2>
      <p class="muted">Two devices changed this entity without seeing each other. Both texts are kept until you choose one.</p>
      {conflict.fields.map((f) => (
        <div class="sync__choice" key={f.field}>
          <h3>{f.field === 'name' ? 'Name' : 'Notes'}</h3>
          {[
            ['mine', f.mine],
            ['other', f.other],
          ].map(([keep, text]) => (
            <div key={keep}>
              <p class="entity-conflict__text">{text || '(empty)'}</p>
              <button type="button" class="btn btn--small" onClick={() => void choose(f.field, keep as 'mine' | 'other')}>
                Keep this {f.field === 'name' ? 'name' : 'text'}
              </button>
            </div>
          ))}
        </div>
      ))}
      {error && (
        <p class="field__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
