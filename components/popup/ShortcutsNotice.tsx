/**
 * The popup's word about keyboard shortcuts, shown only when the browser left one of ours
 * without a key (it assigns a suggested key only when nothing else uses it): which ones, and a
 * button to the browser's shortcuts page.
 */
import { useState } from 'preact/hooks';
import { openShortcutSettings, shortcutsPageName, type ShortcutState } from '../shared/shortcuts';

export function ShortcutsNotice({ states, onOpened }: { states: ShortcutState[] | null; onOpened: () => void }) {
  const [failed, setFailed] = useState(false);
  const missing = states?.filter((s) => !s.shortcut) ?? [];
  if (missing.length === 0) return null;
  return (
    <div class="shortcuts-notice" role="status" data-testid="shortcuts-notice">
      <p>
        No keyboard shortcut is set for: {missing.map((s) => s.label.toLowerCase()).join(', ')}.
        {failed && ` Open ${shortcutsPageName()} to set one.`}
      </p>
      <button
        type="button"
        class="btn btn--small"
        onClick={() => void openShortcutSettings().then(onOpened, () => setFailed(true))}
        data-testid="set-shortcuts"
      >
        Set shortcuts
      </button>
    </div>
  );
}

/** "Alt+Shift+J / Alt+Shift+K step through them", for the list of what the page mentions. */
export function stepKeys(states: ShortcutState[] | null): { next: string; previous: string } | null {
  const next = states?.find((s) => s.name === 'next-mention')?.shortcut;
  const previous = states?.find((s) => s.name === 'previous-mention')?.shortcut;
  return next && previous ? { next, previous } : null;
}
