/**
 * The per-site switch: turn the extension off (or back on) for the site of the current tab.
 * The site comes from the tab's content script (page.found → site): without the `tabs`
 * permission the popup cannot read the tab's URL. A site switched off is left alone entirely:
 * no text read, no marks, no notes saved there (docs/notes.md).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import { disabledEntriesFor, siteHostOf } from '../../lib/model/settings';
import { errorMessage } from '../shared/errors';

export type SiteSwitchState =
  | { status: 'hidden' }
  | { status: 'ready'; host: string; off: boolean; busy: boolean; error: string | null };

/** The host key settings use for a page host ("www." dropped, lower-case). */
export function siteKeyOf(site: string): string | null {
  return siteHostOf(`https://${site}/`);
}

export function useSiteSwitch(site: string | null, onChanged: () => void) {
  const [state, setState] = useState<SiteSwitchState>({ status: 'hidden' });
  const host = site ? siteKeyOf(site) : null;

  useEffect(() => {
    if (!host) return setState({ status: 'hidden' });
    let live = true;
    void ask('settings.get', {}).then(
      (settings) => live && setState({ status: 'ready', host, off: disabledEntriesFor(settings, host).length > 0, busy: false, error: null }),
      () => live && setState({ status: 'hidden' }),
    );
    return () => {
      live = false;
    };
  }, [host]);

  const toggle = useCallback(async () => {
    if (state.status !== 'ready' || state.busy) return;
    setState({ ...state, busy: true, error: null });
    try {
      const settings = await ask('settings.get', {});
      const matching = disabledEntriesFor(settings, state.host);
      // On: every entry that covers this host goes (a parent domain too); off: this host.
      const disabledSites = state.off ? settings.disabledSites.filter((s) => !matching.includes(s)) : [...settings.disabledSites, state.host];
      const next = await ask('settings.update', { patch: { disabledSites } });
      setState({ status: 'ready', host: state.host, off: disabledEntriesFor(next, state.host).length > 0, busy: false, error: null });
      onChanged();
    } catch (err) {
      setState({ ...state, busy: false, error: errorMessage(err) });
    }
  }, [state, onChanged]);

  return { state, toggle };
}

export function SiteSwitch({ state, onToggle }: { state: SiteSwitchState; onToggle: () => void }) {
  if (state.status !== 'ready') return null;
  const on = !state.off;
  return (
    <div class="site-switch" data-testid="site-switch">
      <span class="site-switch__label" id="site-switch-label">
        {on ? 'On' : 'Off'} for <strong>{state.host}</strong>
      </span>
      <button
        type="button"
        role="switch"
        class="switch"
        aria-checked={on}
        aria-labelledby="site-switch-label"
        disabled={state.busy}
        onClick={onToggle}
        data-testid="site-switch-button"
      >
        <span class="switch__knob" aria-hidden="true" />
      </button>
      {state.error && (
        <span class="site-switch__error" role="alert">
          {state.error}
        </span>
      )}
    </div>
  );
}
