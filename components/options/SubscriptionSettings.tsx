/**
 * Settings › Team glossaries (docs/sync-team-glossary.md): subscribe, read-only, to a team's
 * CouchDB database or to a published glossary file; each subscription's status in words,
 * "Refresh" and "Unsubscribe". Adding one asks the browser for its origin (an optional host
 * permission, in the click); unsubscribing gives it back unless sync or another subscription
 * still uses that origin (the background says which).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ask } from '../../lib/messaging/client';
import { originPattern } from '../../lib/model/sync';
import type { SubscriptionsState, SubscriptionView } from '../../lib/messaging/subscriptions';
import { errorMessage } from '../shared/errors';
import { useAction } from '../shared/useAction';
import { plural, timeAgo } from '../shared/format';

interface Form {
  kind: 'couch' | 'file';
  name: string;
  serverUrl: string;
  database: string;
  username: string;
  password: string;
  url: string;
}

const EMPTY: Form = { kind: 'couch', name: '', serverUrl: '', database: '', username: '', password: '', url: '' };

/** One subscription's status line: what it holds, when it was refreshed, what was skipped, the last problem. */
export function subscriptionStatusWords(s: SubscriptionView, now = Date.now()): string {
  const st = s.status;
  const parts = [`${plural(st.entities, 'entity', 'entities')}.`];
  if (st.lastRefreshAt) parts.push(`Refreshed ${timeAgo(now - st.lastRefreshAt)}${st.lastResult === 'unchanged' ? ' (no change)' : ''}.`);
  else parts.push('Not refreshed yet.');
  if (st.skipped) parts.push(`${plural(st.skipped, 'entry', 'entries')} skipped (invalid or too large): ${st.skippedExamples.slice(0, 2).join('; ')}.`);
  if (st.message) parts.push(st.message);
  return parts.join(' ');
}

export function SubscriptionSettings({ uid }: { uid: string }) {
  const [state, setState] = useState<SubscriptionsState | null>(null);
  const [form, setForm] = useState<Form>(EMPTY);
  const { busy, note, error, setNote, setError, run } = useAction();

  useEffect(() => {
    ask('subscription.list', {}).then(setState, (err: unknown) => setError(errorMessage(err)));
  }, []);

  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });

  const add = () => {
    const address = (form.kind === 'couch' ? form.serverUrl : form.url).trim();
    const pattern = originPattern(address);
    // Asked in the click itself: the browser grants a permission only in answer to a gesture.
    const permission = pattern ? browser.permissions.request({ origins: [pattern] }) : Promise.resolve(false);
    void run(async () => {
      if (!(await permission)) {
        setError(pattern ? `The subscription needs your permission to reach ${new URL(address).host}. Nothing was added.` : 'Enter the address (https://) first.');
        return;
      }
      const input =
        form.kind === 'couch'
          ? { kind: 'couch' as const, name: form.name, serverUrl: form.serverUrl.trim(), database: form.database.trim(), username: form.username.trim(), password: form.password }
          : { kind: 'file' as const, name: form.name, url: form.url.trim() };
      const s = await ask('subscription.add', { input }).catch(async (err: unknown) => {
        // Nothing was added: the permission asked for it goes back (unless something else uses it).
        const { releaseOrigin } = await ask('subscription.releasable', { address }).catch(() => ({ releaseOrigin: null }));
        if (releaseOrigin) await browser.permissions.remove({ origins: [releaseOrigin] }).catch(() => false);
        throw err;
      });
      setState(s);
      setForm(EMPTY);
      setNote(`Subscribed to “${input.name.trim()}”.`);
    });
  };

  const remove = (s: SubscriptionView) =>
    void run(async () => {
      const r = await ask('subscription.remove', { id: s.id });
      if (r.releaseOrigin) await browser.permissions.remove({ origins: [r.releaseOrigin] }).catch(() => false);
      setState({ subscriptions: r.subscriptions });
      setNote(`Unsubscribed from “${s.name}”: ${plural(r.removed, 'entity', 'entities')} removed.`);
    });

  const refresh = (s: SubscriptionView) =>
    void run(async () => {
      setState(await ask('subscription.refresh', { id: s.id }));
    });

  const id = (s: string) => `${uid}-subscription-${s}`;
  return (
    <section class="panel settings subscriptions" aria-labelledby={id('title')} data-testid="subscription-settings">
      <h2 id={id('title')} class="section-title">
        Team glossaries
      </h2>
      <p class="field__hint">
        Subscribe, read-only, to a glossary your team keeps: a CouchDB database its editors write, or a glossary file published at an https address (checked once a day). Its entities are marked on pages and shown as “Team: …”; your own notes stay yours. Nothing is requested until you add one.
      </p>
      {state && state.subscriptions.length > 0 && (
        <ul class="subscriptions__list" data-testid="subscription-list">
          {state.subscriptions.map((s) => (
            <li key={s.id} data-testid="subscription" data-subscription-id={s.id}>
              <strong>{s.name}</strong> <span class="muted">{s.kind === 'couch' ? `${s.serverUrl} › ${s.database}` : s.url}</span>
              <p class="sync__status" data-testid="subscription-status">
                {subscriptionStatusWords(s)}
              </p>
              <button type="button" class="btn btn--small" disabled={busy} onClick={() => refresh(s)}>
                Refresh
              </button>{' '}
              <button type="button" class="btn btn--small btn--ghost" disabled={busy} onClick={() => remove(s)}>
                Unsubscribe
              </button>
            </li>
          ))}
        </ul>
      )}
      <fieldset class="fieldset">
        <legend>Add a team glossary</legend>
        <label class="checkbox">
          <input type="radio" name={id('kind')} checked={form.kind === 'couch'} onChange={() => set({ kind: 'couch' })} />
          A CouchDB database
        </label>
        <label class="checkbox">
          <input type="radio" name={id('kind')} checked={form.kind === 'file'} onChange={() => set({ kind: 'file' })} />
          A published glossary file
        </label>
        <div class="sync__grid">
          <label for={id('name')}>Name shown</label>
          <input id={id('name')} class="input" type="text" placeholder="Foreign desk" value={form.name} onInput={(e) => set({ name: e.currentTarget.value })} />
          {form.kind === 'couch' ? (
            <>
              <label for={id('server')}>Server address</label>
              <input id={id('server')} class="input" type="url" placeholder="https://couch.example.org" value={form.serverUrl} onInput={(e) => set({ serverUrl: e.currentTarget.value })} />
              <label for={id('database')}>Database</label>
              <input id={id('database')} class="input" type="text" placeholder="team-glossary" value={form.database} onInput={(e) => set({ database: e.currentTarget.value })} />
              <label for={id('user')}>User name</label>
              <input id={id('user')} class="input" type="text" autocomplete="off" value={form.username} onInput={(e) => set({ username: e.currentTarget.value })} />
              <label for={id('password')}>Password</label>
              <input id={id('password')} class="input" type="password" autocomplete="off" value={form.password} onInput={(e) => set({ password: e.currentTarget.value })} />
            </>
          ) : (
            <>
              <label for={id('url')}>File address</label>
              <input id={id('url')} class="input" type="url" placeholder="https://example.org/glossary.json" value={form.url} onInput={(e) => set({ url: e.currentTarget.value })} />
            </>
          )}
        </div>
        <button type="button" class="btn btn--primary" disabled={busy} onClick={add}>
          Subscribe
        </button>
      </fieldset>
      <p class="field__note" data-testid="subscription-note">
        {note}
      </p>
      {error && (
        <p class="field__error" role="alert" data-testid="subscription-error">
          {error}
        </p>
      )}
    </section>
  );
}
