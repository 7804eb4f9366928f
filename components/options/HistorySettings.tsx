/** Settings › "Reading history": record or not (and in private windows), how much is kept, and clearing it. */
import { useState } from 'preact/hooks';
import { Banner } from '../shared/Banner';
import { plural } from '../shared/format';
import type { SettingsSectionProps } from './MarksSettings';

interface HistorySettingsProps extends SettingsSectionProps {
  summary: { articles: number; mentions: number } | null;
  /** The history was cleared from here (the banner shows until dismissed). */
  cleared: boolean;
  onDismissCleared: () => void;
  /** Clears it: true once cleared, false when it failed (the page shows why). */
  clear: () => Promise<boolean>;
}

export function HistorySettings({ uid, settings, save, summary, cleared, onDismissCleared, clear }: HistorySettingsProps) {
  const [confirmClear, setConfirmClear] = useState(false);
  return (
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
        <Banner kind="success" testId="history-cleared" onDismiss={onDismissCleared}>
          Reading history cleared. Your glossary and notes are unchanged.
        </Banner>
      )}
      {confirmClear ? (
        <div class="confirm" role="group" aria-label="Confirm clearing the history">
          <span>Forget every article read and every mention? The glossary and your notes stay.</span>{' '}
          <button type="button" class="btn btn--danger btn--small" onClick={() => void clear().then((done) => done && setConfirmClear(false))}>
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
  );
}
