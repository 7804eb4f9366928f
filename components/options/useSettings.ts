/** The reader's settings, through settings.get / settings.update. */
import { useCallback, useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import type { Settings, SettingsPatch } from '../../lib/model/settings';
import { errorMessage } from '../shared/errors';
import { useReloadOnReturn } from '../shared/useReloadOnReturn';

export function useSettings() {
  const [settings, setSettings] = useState<Settings | null>(null);
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

  const update = useCallback(async (patch: SettingsPatch) => {
    const next = await ask('settings.update', { patch });
    setSettings(next);
    return next;
  }, []);

  return { settings, error, reload, update };
}
