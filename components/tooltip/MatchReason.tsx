/**
 * Why a word-like alias was matched ("Matched ‘May’ as Theresa May because ‘Theresa May’
 * appears above"), with the one-click "Never match ‘May’ on this site" (docs/matching.md,
 * "Names, not words"). Renders only; the click goes through the card's actions.
 */
import { useState } from 'preact/hooks';
import type { Entity } from '../../lib/model/entity';

import type { MatchWhy } from '../../lib/inpage/core/card-state';

export function MatchReason({ entity, why, exclude }: { entity: Entity; why: MatchWhy; exclude?: (entityId: string, alias: string) => Promise<string> }) {
  const [alias, named, where] = why;
  const [state, setState] = useState<{ status: 'idle' | 'busy' } | { status: 'done'; site: string } | { status: 'error'; message: string }>({ status: 'idle' });
  const text =
    named && (where === 'above' || where === 'below')
      ? `Matched ‘${alias}’ as ${entity.name} because ‘${named}’ appears ${where}.`
      : `Matched ‘${alias}’ as ${entity.name}: a common word, here with a capital inside a sentence.`;
  const onClick = () => {
    if (!exclude) return;
    setState({ status: 'busy' });
    exclude(entity.id, alias).then(
      (site) => setState({ status: 'done', site }),
      (err: unknown) => setState({ status: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  };
  return (
    <div class="match-reason" data-testid="match-reason">
      <p>{text}</p>
      {state.status === 'done' ? (
        <p class="muted" role="status">
          ‘{alias}’ is no longer matched as {entity.name} on {state.site}. Undo it in Options › Settings.
        </p>
      ) : (
        exclude && (
          <button type="button" class="match-reason__exclude" disabled={state.status === 'busy'} onClick={onClick}>
            Never match ‘{alias}’ on this site
          </button>
        )
      )}
      {state.status === 'error' && <p class="error">{state.message}</p>}
    </div>
  );
}
