/**
 * Settings › Sync (docs/sync.md): the server, what syncs, "Test connection", "Sync now", the
 * status in words, and the records edited on two devices with a one-click choice. Turning sync
 * on asks the browser for the server's origin (an optional host permission); turning it off
 * gives it back unless a team glossary subscription uses the same origin (the background says).
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ask } from '../../lib/messaging/client';
import { originPattern, type SyncScope } from '../../lib/model/sync';
import type { SyncConflictView, SyncState } from '../../lib/messaging/sync';
import { errorMessage } from '../shared/errors';
import { useAction } from '../shared/useAction';
import { plural, timeAgo } from '../shared/format';

interface Form {
  enabled: boolean;
  serverUrl: string;
  database: string;
  username: string;
  password: string;
  scope: SyncScope;
}

const SCOPE_LABELS: [keyof SyncScope, string][] = [
  ['glossary', 'Glossary'],
  ['notes', 'Notes'],
  ['settings', 'Settings'],
  ['reading', 'Reading index (articles read and their mentions). Off: none are sent or received; those already on the server stay there'],
];

function formOf(state: SyncState): Form {
  const s = state.settings;
  return { enabled: s.enabled, serverUrl: s.serverUrl, database: s.database, username: s.username, password: '', scope: s.scope };
}

/** The status line: last sync, what waits, what was refused, the last problem and what to do. */
export function syncStatusWords(state: SyncState, now = Date.now()): string {
  const st = state.status;
  if (!state.settings.enabled) return 'Sync is off. Nothing leaves this browser.';
  const parts: string[] = [];
  if (st.running) parts.push('Syncing…');
  parts.push(st.lastSyncAt ? `Last synced ${timeAgo(now - st.lastSyncAt)}.` : 'Not synced yet.');
  if (st.pending) parts.push(`${plural(st.pending, 'change')} waiting to be sent.`);
  if (st.rejected) parts.push(`${plural(st.rejected, 'document')} from the server refused (invalid or too large): ${st.rejectedExamples.slice(0, 2).join('; ')}.`);
  if (st.message) parts.push(st.message);
  return parts.join(' ');
}

export function SyncSettings({ uid }: { uid: string }) {
  const [state, setState] = useState<SyncState | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const { busy, note, error, setNote, setError, run } = useAction();

  const load = (s: SyncState) => {
    setState(s);
    setForm((f) => f ?? formOf(s));
  };
  useEffect(() => {
    ask('sync.get', {}).then(load, (err: unknown) => setError(errorMessage(err)));
    // While a sync runs, the status line follows it.
    const timer = setInterval(() => void ask('sync.get', {}).then(setState, () => {}), 2000);
    return () => clearInterval(timer);
  }, []);

  if (!state || !form) return error ? <p class="field__error">{error}</p> : null;
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const settingsOf = (f: Form) => ({
    enabled: f.enabled,
    serverUrl: f.serverUrl.trim(),
    database: f.database.trim(),
    username: f.username.trim(),
    scope: f.scope,
    ...(f.password ? { password: f.password } : {}),
  });


  const save = (enabled: boolean) => {
    const next = { ...form, enabled };
    const pattern = originPattern(next.serverUrl.trim());
    // Asked in the click itself: the browser grants a permission only in answer to a gesture.
    const permission = enabled
      ? pattern
        ? browser.permissions.request({ origins: [pattern] })
        : Promise.resolve(false)
      : Promise.resolve(true);
    void run(async () => {
      if (enabled && !(await permission)) {
        setError(pattern ? `Sync needs your permission to reach ${new URL(next.serverUrl.trim()).host}. Nothing was changed.` : 'Enter the server address (http:// or https://) first.');
        return;
      }
      const s = await ask('sync.configure', { settings: settingsOf(next) });
      // Given back only when nothing else (a team glossary subscription) uses that origin.
      if (s.releaseOrigin) await browser.permissions.remove({ origins: [s.releaseOrigin] }).catch(() => false);
      setState(s);
      setForm({ ...formOf(s), password: '' });
      setNote(enabled ? 'Sync is on.' : 'Sync is off.');
    });
  };

  const test = () =>
    void run(async () => {
      const r = await ask('sync.test', { settings: settingsOf(form) });
      if (r.ok) setNote(`Connected: the database holds ${plural(r.docs, 'document')}.`);
      else setError(r.message);
    });

  const syncNow = () =>
    void run(async () => {
      setState(await ask('sync.now', {}));
    });

  const choose = (c: SyncConflictView, field: SyncConflictView['fields'][number]['field'], keep: 'mine' | 'other') =>
    void run(async () => {
      setState(await ask('sync.choose', { kind: c.kind, id: c.id, field, keep }));
    });

  const id = (s: string) => `${uid}-sync-${s}`;
  return (
    <section class="panel settings sync" aria-labelledby={id('title')} data-testid="sync-settings">
      <h2 id={id('title')} class="section-title">
        Sync
      </h2>
      <p class="field__hint">
        Keep your glossary, notes and settings on a CouchDB-compatible server you choose (Apache CouchDB, Cloudant, PouchDB Server), and on your other browsers. Nothing is sent until you turn sync on.
      </p>
      <div class="sync__grid">
        <label for={id('server')}>Server address</label>
        <input id={id('server')} class="input" type="url" placeholder="https://couch.example.org" value={form.serverUrl} onInput={(e) => set({ serverUrl: e.currentTarget.value })} />
        <label for={id('database')}>Database</label>
        <input id={id('database')} class="input" type="text" placeholder="my-glossary" value={form.database} onInput={(e) => set({ database: e.currentTarget.value })} />
        <label for={id('user')}>User name</label>
        <input id={id('user')} class="input" type="text" autocomplete="username" value={form.username} onInput={(e) => set({ username: e.currentTarget.value })} />
        <label for={id('password')}>Password</label>
        <input
          id={id('password')}
          class="input"
          type="password"
          autocomplete="current-password"
          placeholder={state.settings.hasPassword ? '(unchanged)' : ''}
          value={form.password}
          onInput={(e) => set({ password: e.currentTarget.value })}
        />
      </div>
      <fieldset class="fieldset">
        <legend>What syncs</legend>
        {SCOPE_LABELS.map(([key, label]) => (
          <label class="checkbox" key={key}>
            <input type="checkbox" checked={form.scope[key]} onChange={(e) => set({ scope: { ...form.scope, [key]: e.currentTarget.checked } })} />
            {label}
          </label>
        ))}
      </fieldset>
      <div class="sync__actions">
        {state.settings.enabled ? (
          <>
            <button type="button" class="btn btn--primary" disabled={busy} onClick={() => save(true)}>
              Save
            </button>
            <button type="button" class="btn" disabled={busy} onClick={() => save(false)}>
              Turn sync off
            </button>
          </>
        ) : (
          <button type="button" class="btn btn--primary" disabled={busy} onClick={() => save(true)}>
            Turn sync on
          </button>
        )}
        <button type="button" class="btn" disabled={busy} onClick={test}>
          Test connection
        </button>
        <button type="button" class="btn" disabled={busy || !state.settings.enabled} onClick={syncNow}>
          Sync now
        </button>
      </div>
      <p class="sync__status" role="status" data-testid="sync-status">
        {syncStatusWords(state)}
      </p>
      {note && (
        <p class="muted" data-testid="sync-note">
          {note}
        </p>
      )}
      {error && (
        <p class="field__error" role="alert" data-testid="sync-error">
          {error}
        </p>
      )}
      {state.conflicts.length > 0 && (
        <div class="sync__conflicts" data-testid="sync-conflicts">
          <h3>Edited on two devices</h3>
          <ul>
            {state.conflicts.map((c) => (
              <li key={c.kind + c.id}>
                <strong>{c.label}</strong>
                {c.fields.map((f) => (
                  <div class="sync__choice" key={f.field}>
                    <span class="muted">{f.field === 'name' ? 'Name' : f.field === 'notes' ? 'Notes' : 'Comment'}:</span>
                    <button type="button" class="btn btn--small" onClick={() => choose(c, f.field, 'mine')}>
                      Keep “{short(f.mine)}”
                    </button>
                    <button type="button" class="btn btn--small" onClick={() => choose(c, f.field, 'other')}>
                      Keep “{short(f.other)}”
                    </button>
                  </div>
                ))}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 80 ? `${t.slice(0, 79)}…` : t || '(empty)';
}
