/**
 * The per-site switch: turn the extension off (or back on) for the site of the current tab.
 * The site comes from the tab's content script (page.found → site): without the `tabs`
 * permission the popup cannot read the tab's URL. A site switched off is left alone entirely:
 * no text read, no marks, no notes saved there (docs/notes.md).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ask, ProtocolError } from '../../lib/messaging/client';
import { disabledEntriesFor, siteHostOf, type VersionedSettings } from '../../lib/model/settings';
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
      const next = await switchSite(state.host, state.off);
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

/**
 * Switch a site on (`wasOff`) or off, on the settings as stored: the list is read, changed and
 * written against the version read (docs/versioning.md). Changed elsewhere in between (another
 * page saved the settings), the change is made again on the new list: switching one site is
 * the same intent whatever else the list holds. A few tries, then the conflict's words.
 */
async function switchSite(host: string, wasOff: boolean, tries = 3): Promise<VersionedSettings> {
  const settings = await ask('settings.get', {});
  const matching = disabledEntriesFor(settings, host);
  // On: every entry that covers this host goes (a parent domain too); off: this host.
  const disabledSites = wasOff ? settings.disabledSites.filter((s) => !matching.includes(s)) : [...settings.disabledSites, host];
  try {
    return await ask('settings.update', { patch: { disabledSites }, baseVersion: settings.version ?? 0 });
  } catch (err) {
    if (tries > 1 && err instanceof ProtocolError && err.conflict?.kind === 'settings') return switchSite(host, wasOff, tries - 1);
    throw err;
  }
}
