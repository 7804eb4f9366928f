/**
 * The reader's settings, through settings.get / settings.update. A change is sent against the
 * version shown (docs/versioning.md): when the settings changed elsewhere meanwhile (the popup's
 * site switch, another options tab), nothing is written, the page shows the stored settings and
 * says so, and the reader makes the change again on what is really there.
 */
import { useCallback, useState } from 'preact/hooks';
import { ask, ProtocolError } from '../../lib/messaging/client';
import type { SettingsPatch, VersionedSettings } from '../../lib/model/settings';
import { errorMessage } from '../shared/errors';
import { useReloadOnReturn } from '../shared/useReloadOnReturn';

export function useSettings() {
  const [settings, setSettings] = useState<VersionedSettings | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setSettings(await ask('settings.get', {}));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  // The popup (or another options tab) may have changed a setting meanwhile: a list edited
  // here (switched-off sites) must start from the stored one, not from what this tab saw.
  useReloadOnReturn(reload, { focus: true });

  const update = useCallback(
    async (patch: SettingsPatch) => {
      try {
        const next = await ask('settings.update', { patch, baseVersion: settings?.version ?? 0 });
        setSettings(next);
        return next;
      } catch (err) {
        if (err instanceof ProtocolError && err.conflict?.kind === 'settings') setSettings(err.conflict.current);
        throw err;
      }
    },
    [settings],
  );

  return { settings, error, reload, update };
}
