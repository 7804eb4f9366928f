/**
 * Settings › Keyboard shortcuts: the keys the browser gave each command (commands.getAll()),
 * "Not set" where it gave none, and the way to the browser's shortcuts page, where keys are
 * chosen (an extension cannot set them itself).
 */
import { useId, useState } from 'preact/hooks';
import { openShortcutSettings, shortcutsPageName, type ShortcutState } from '../shared/shortcuts';
import { errorMessage } from '../shared/errors';

export function ShortcutsPanel({ states }: { states: ShortcutState[] | null }) {
  const uid = useId();
  const [openError, setOpenError] = useState<string | null>(null);
  // No commands API (Firefox for Android): nothing to show or set.
  if (!states) return null;
  const missing = states.filter((s) => !s.shortcut);
  const open = async () => {
    setOpenError(null);
    try {
      await openShortcutSettings();
    } catch (err) {
      setOpenError(errorMessage(err));
    }
  };
  return (
    <section class="panel settings" aria-labelledby={`${uid}-keys`} data-testid="shortcuts">
      <h2 id={`${uid}-keys`} class="section-title">Keyboard shortcuts</h2>
      <dl class="shortcuts">
        {states.map((s) => (
          <div key={s.name} class="shortcuts__row" data-testid="shortcut" data-command={s.name}>
            <dt>{s.label}</dt>
            <dd>{s.shortcut ? <kbd class="kbd">{s.shortcut}</kbd> : <span class="shortcuts__unset">Not set</span>}</dd>
          </div>
        ))}
      </dl>
      <p class="field__hint">
        {missing.length > 0
          ? 'The browser gives a shortcut only a key that nothing else uses (the browser itself or another extension). Choose a key for the ones not set in the browser’s shortcuts page.'
          : 'Keys are chosen in the browser’s shortcuts page.'}
      </p>
      <button type="button" class={`btn${missing.length > 0 ? ' btn--primary' : ''}`} onClick={() => void open()} data-testid="open-shortcuts">
        {missing.length > 0 ? 'Set the missing shortcuts…' : 'Change shortcuts…'}
      </button>
      {openError && (
        <p class="field__error" role="alert">
          Could not open the shortcuts page ({openError}). Open {shortcutsPageName()} yourself.
        </p>
      )}
    </section>
  );
}
