/**
 * Settings: how marks look, keyboard shortcuts, matching defaults, sites where the extension is
 * off, the reading history (record or not, clear), sync (docs/sync.md), and storage (what keeps the data, a backup,
 * space used).
 */
import { AliasExclusionsSection } from './AliasExclusionsSection';
import { useEffect, useId, useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import type { Settings, SettingsPatch } from '../../lib/model/settings';
import { Banner } from '../shared/Banner';
import { errorMessage } from '../shared/errors';
import { useShortcuts } from '../shared/shortcuts';
import { HistorySettings } from './HistorySettings';
import { MarksSettings } from './MarksSettings';
import { NotesFormats } from './NotesFormats';
import { ShortcutsPanel } from './ShortcutsPanel';
import { SiteSettings } from './SiteSettings';
import { StoragePanel } from './StoragePanel';
import { SyncSettings } from './SyncSettings';
import { SubscriptionSettings } from './SubscriptionSettings';

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
  const section = { uid, settings, save };

  const clearHistory = async () => {
    try {
      await ask('reading.clear', {});
      setCleared(true);
      onHistoryCleared();
      return true;
    } catch (err) {
      setSaveError(errorMessage(err));
      return false;
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

      <MarksSettings {...section} />

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

      <SiteSettings {...section} />

      <AliasExclusionsSection uid={uid} />

      <HistorySettings {...section} summary={summary} cleared={cleared} onDismissCleared={() => setCleared(false)} clear={clearHistory} />

      <NotesFormats uid={uid} />

      <SyncSettings uid={uid} />

      <SubscriptionSettings uid={uid} />

      <StoragePanel summary={summary} revision={cleared ? 1 : 0} />
    </>
  );
}
