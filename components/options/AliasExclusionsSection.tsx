/**
 * Settings › "Aliases switched off on some sites": what the card's "Never match this alias on
 * this site" stored (alias.exclusions), each with Remove, and Undo for the last removal.
 */
import { useEffect, useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import type { AliasExclusion } from '../../lib/model/alias-exclusion';

type List = { exclusions: AliasExclusion[]; names: Record<string, string> };

export function AliasExclusionsSection({ uid }: { uid: string }) {
  const [list, setList] = useState<List | null>(null);
  const [removed, setRemoved] = useState<AliasExclusion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () => ask('alias.exclusions', {}).then(setList, (e: unknown) => setError(String(e)));
  useEffect(() => {
    void load();
    // The card may add one while this page is open elsewhere: reload on return.
    const onFocus = () => void load();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);
  const remove = async (x: AliasExclusion) => {
    try {
      setList(await ask('alias.include', { site: x.site, entityId: x.entityId, alias: x.alias }));
      setRemoved(x);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const undo = async () => {
    if (!removed) return;
    try {
      await ask('alias.exclude', { site: removed.site, entityId: removed.entityId, alias: removed.alias });
      setRemoved(null);
      await load();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section class="panel settings" aria-labelledby={`${uid}-alias-exclusions`} data-testid="alias-exclusions">
      <h2 id={`${uid}-alias-exclusions`} class="section-title">
        Aliases switched off on some sites
      </h2>
      <p class="field__hint">Set from a mark’s card (“Never match … on this site”): on that site the alias is not matched; the entity’s other names still are.</p>
      {list && list.exclusions.length > 0 ? (
        <ul class="sites">
          {list.exclusions.map((x) => {
            const who = list.names[x.entityId] ?? 'a deleted entity';
            return (
              <li key={`${x.site} ${x.entityId} ${x.alias}`}>
                <span>
                  ‘{x.alias}’ as {who} on {x.site}
                </span>
                <button type="button" class="btn btn--small btn--ghost" aria-label={`Match ‘${x.alias}’ as ${who} on ${x.site} again`} onClick={() => void remove(x)}>
                  Remove
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="muted">None.</p>
      )}
      {removed && (
        <p role="status">
          ‘{removed.alias}’ is matched on {removed.site} again.{' '}
          <button type="button" class="btn btn--small" onClick={() => void undo()}>
            Undo
          </button>
        </p>
      )}
      {error && <p class="field__error">{error}</p>}
    </section>
  );
}
