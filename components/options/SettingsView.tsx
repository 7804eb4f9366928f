/**
 * Settings: how marks look, keyboard shortcuts, matching defaults, sites where the extension is
 * off, the reading history (record or not, clear), and storage (what keeps the data, a backup,
 * space used).
 */
import { AliasExclusionsSection } from './AliasExclusionsSection';
import { useEffect, useId, useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import { MARK_DENSITIES, MARK_STYLES, SUGGESTION_MODES, SiteHost, type Settings, type SettingsPatch } from '../../lib/model/settings';
import { Banner } from '../shared/Banner';
import { errorMessage } from '../shared/errors';
import { plural } from '../shared/format';
import { useShortcuts } from '../shared/shortcuts';
import { ShortcutsPanel } from './ShortcutsPanel';
import { StoragePanel } from './StoragePanel';

const STYLE_LABELS: Record<(typeof MARK_STYLES)[number], string> = { underline: 'Underline', background: 'Highlight', dotted: 'Dotted underline' };
const DENSITY_LABELS: Record<(typeof MARK_DENSITIES)[number], string> = {
  all: 'Every mention',
  'first-per-paragraph': 'The first mention in each paragraph',
  'first-on-page': 'The first mention on the page',
};

const SUGGESTION_LABELS: Record<(typeof SUGGESTION_MODES)[number], string> = {
  underline: 'Mark them with a quiet dotted line, and list them in the popup',
  popup: 'Only list them in the popup',
  off: 'Off: do not look for them',
};

interface SettingsViewProps {
  settings: Settings | null;
  error: string | null;
  update: (patch: SettingsPatch) => Promise<Settings>;
  onHistoryCleared: () => void;
}

export function SettingsView({ settings, error, update, onHistoryCleared }: SettingsViewProps) {
  const uid = useId();
  const shortcuts = useShortcuts();
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [site, setSite] = useState('');
  const [siteError, setSiteError] = useState<string | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [cleared, setCleared] = useState(false);
  const [summary, setSummary] = useState<{ entities: number; articles: number; mentions: number; notes: number } | null>(null);

  useEffect(() => {
    ask('storage.summary', {}).then(setSummary, () => {});
  }, [cleared]);

  const save = async (patch: SettingsPatch) => {
    setSaveError(null);
    try {
      await update(patch);
      setSaved(true);
      setTimeout(() => setSaved(false), 1500);
    } catch (err) {
      setSaveError(errorMessage(err));
    }
  };

  if (!settings) {
    return error ? <Banner kind="error" title="Could not load the settings.">{error}</Banner> : <p class="loading muted" role="status">Loading…</p>;
  }

  const addSite = async () => {
    const raw = site.trim();
    let host = raw;
    try {
      if (/^[a-z]+:\/\//i.test(raw)) host = new URL(raw).host;
    } catch {
      /* validated below */
    }
    host = host.replace(/^www\./i, '');
    const r = SiteHost.safeParse(host);
    if (!r.success) {
      setSiteError('Type a site such as example.com.');
      return;
    }
    setSiteError(null);
    await save({ disabledSites: [...settings.disabledSites, r.data] });
    setSite('');
  };

  const clearHistory = async () => {
    try {
      await ask('reading.clear', {});
      setConfirmClear(false);
      setCleared(true);
      onHistoryCleared();
    } catch (err) {
      setSaveError(errorMessage(err));
    }
  };

  return (
    <>
      <div class="page-head">
        <div class="page-head__text">
          <h1>Settings</h1>
          <p class="muted">Changes apply at once, to the pages you have open too.</p>
        </div>
        <p class="settings__saved muted" aria-live="polite" data-testid="settings-saved">
          {saved ? 'Saved.' : ''}
        </p>
      </div>
      {saveError && (
        <Banner kind="error" title="Could not save." onDismiss={() => setSaveError(null)} testId="settings-error">
          {saveError}
        </Banner>
      )}

      <section class="panel settings" aria-labelledby={`${uid}-marks`}>
        <h2 id={`${uid}-marks`} class="section-title">Marks on the page</h2>
        <fieldset class="fieldset">
          <legend>Style</legend>
          {MARK_STYLES.map((s) => (
            <label key={s} class="radio">
              <input type="radio" name={`${uid}-style`} value={s} checked={settings.markStyle === s} onChange={() => void save({ markStyle: s })} />
              <span class={`mark-sample mark-sample--${s}`}>{STYLE_LABELS[s]}</span>
            </label>
          ))}
        </fieldset>
        <fieldset class="fieldset">
          <legend>Which mentions are marked</legend>
          {MARK_DENSITIES.map((d) => (
            <label key={d} class="radio">
              <input type="radio" name={`${uid}-density`} value={d} checked={settings.markDensity === d} onChange={() => void save({ markDensity: d })} />
              {DENSITY_LABELS[d]}
            </label>
          ))}
        </fieldset>
        <label class="checkbox">
          <input type="checkbox" checked={settings.markFurniture} onChange={(e) => void save({ markFurniture: e.currentTarget.checked })} />
          Also mark menus, sidebars and comments
        </label>
        <p class="field__hint">
          On an article, only the article — headline, standfirst, captions, text — is marked and goes to your reading history. With this on,
          mentions in the page's menus, share bars, "more in" lists, footers and comments are marked too, but never recorded.
        </p>
        <fieldset class="fieldset">
          <legend>Names not in your glossary (suggestions)</legend>
          {SUGGESTION_MODES.map((m) => (
            <label key={m} class="radio">
              <input type="radio" name={`${uid}-suggestions`} value={m} checked={settings.suggestions === m} onChange={() => void save({ suggestions: m })} />
              {SUGGESTION_LABELS[m]}
            </label>
          ))}
          {settings.dismissedSuggestions.length > 0 && (
            <p class="field__hint">
              {plural(settings.dismissedSuggestions.length, 'name')} dismissed as “not an entity”.{' '}
              <button type="button" class="btn btn--small" onClick={() => void save({ dismissedSuggestions: [] })}>
                Suggest them again
              </button>
            </p>
          )}
        </fieldset>
      </section>

      <ShortcutsPanel states={shortcuts} />

      <section class="panel settings" aria-labelledby={`${uid}-matching`}>
        <h2 id={`${uid}-matching`} class="section-title">Matching</h2>
        <p class="field__hint">Defaults for every name and alias that does not set its own option (the “Aa” and “é” buttons on an alias).</p>
        <label class="checkbox">
          <input type="checkbox" checked={settings.defaultExactCase} onChange={(e) => void save({ defaultExactCase: e.currentTarget.checked })} />
          Match capitalisation exactly (“Apple” does not match “apple”)
        </label>
        <label class="checkbox">
          <input type="checkbox" checked={settings.defaultDiacriticSensitive} onChange={(e) => void save({ defaultDiacriticSensitive: e.currentTarget.checked })} />
          Tell accented letters apart (“Côte” does not match “Cote”)
        </label>
      </section>

      <section class="panel settings" aria-labelledby={`${uid}-sites`}>
        <h2 id={`${uid}-sites`} class="section-title">Sites where the extension is off</h2>
        <p class="field__hint">On these sites (and their subdomains) nothing is read, marked or recorded.</p>
        {settings.disabledSites.length > 0 ? (
          <ul class="sites" data-testid="disabled-sites">
            {settings.disabledSites.map((s) => (
              <li key={s}>
                <span>{s}</span>
                <button type="button" class="btn btn--small btn--ghost" aria-label={`Turn the extension back on for ${s}`} onClick={() => void save({ disabledSites: settings.disabledSites.filter((x) => x !== s) })}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">None: the extension works on every site.</p>
        )}
        <div class="sites__add">
          <label for={`${uid}-site`} class="sr-only">
            Site to switch off
          </label>
          <input
            id={`${uid}-site`}
            class="input"
            type="text"
            placeholder="example.com"
            value={site}
            aria-invalid={siteError ? 'true' : undefined}
            onInput={(e) => setSite(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void addSite();
              }
            }}
          />
          <button type="button" class="btn" onClick={() => void addSite()} disabled={!site.trim()}>
            Switch off
          </button>
        </div>
        {siteError && <p class="field__error">{siteError}</p>}
      </section>

      <AliasExclusionsSection uid={uid} />

      <section class="panel settings" aria-labelledby={`${uid}-history`}>
        <h2 id={`${uid}-history`} class="section-title">Reading history</h2>
        <label class="checkbox">
          <input type="checkbox" checked={settings.recordHistory} onChange={(e) => void save({ recordHistory: e.currentTarget.checked })} />
          Record the articles I read that mention my glossary
        </label>
        <label class="checkbox">
          <input type="checkbox" checked={settings.recordPrivate} disabled={!settings.recordHistory} onChange={(e) => void save({ recordPrivate: e.currentTarget.checked })} />
          Also in private windows
        </label>
        {summary && (
          <p class="muted" data-testid="history-summary">
            {plural(summary.articles, 'article')} and {plural(summary.mentions, 'mention row')} recorded.
          </p>
        )}
        {cleared && (
          <Banner kind="success" testId="history-cleared" onDismiss={() => setCleared(false)}>
            Reading history cleared. Your glossary and notes are unchanged.
          </Banner>
        )}
        {confirmClear ? (
          <div class="confirm" role="group" aria-label="Confirm clearing the history">
            <span>Forget every article read and every mention? The glossary and your notes stay.</span>{' '}
            <button type="button" class="btn btn--danger btn--small" onClick={() => void clearHistory()}>
              Yes, clear the history
            </button>{' '}
            <button type="button" class="btn btn--ghost btn--small" onClick={() => setConfirmClear(false)}>
              Keep it
            </button>
          </div>
        ) : (
          <button type="button" class="btn" onClick={() => setConfirmClear(true)}>
            Clear reading history…
          </button>
        )}
      </section>

      <StoragePanel summary={summary} revision={cleared ? 1 : 0} />
    </>
  );
}
