/**
 * The reader's settings, through settings.get / settings.update. A change is sent against the
 * version shown (docs/versioning.md): when the settings changed elsewhere meanwhile (the popup's
 * site switch, another options tab), nothing is written, the page shows the stored settings and
 * says so, and the reader makes the change again on what is really there.
 */
import { useCallback, useRef, useState } from 'preact/hooks';
import { ask, ProtocolError } from '../../lib/messaging/client';
import type { SettingsPatch, VersionedSettings } from '../../lib/model/settings';
import { errorMessage } from '../shared/errors';
import { useReloadOnReturn } from '../shared/useReloadOnReturn';

export function useSettings() {
  const [settings, setSettings] = useState<VersionedSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The version this page last saw, known as soon as a reply arrives (not at the next render),
  // and one change at a time: two quick clicks here are not "changed elsewhere" to each other.
  const version = useRef(0);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const show = (next: VersionedSettings) => {
    version.current = next.version ?? 0;
    setSettings(next);
  };

  const reload = useCallback(async () => {
    try {
      show(await ask('settings.get', {}));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  // The popup (or another options tab) may have changed a setting meanwhile: a list edited
  // here (switched-off sites) must start from the stored one, not from what this tab saw.
  useReloadOnReturn(reload, { focus: true });

  const update = useCallback((patch: SettingsPatch) => {
    const run = queue.current.then(async () => {
      try {
        const next = await ask('settings.update', { patch, baseVersion: version.current });
        show(next);
        return next;
      } catch (err) {
        if (err instanceof ProtocolError && err.conflict?.kind === 'settings') show(err.conflict.current);
        throw err;
      }
    });
    queue.current = run.catch(() => {});
    return run;
  }, []);

  return { settings, error, reload, update };
}
