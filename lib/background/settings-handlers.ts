/** Handlers of the settings messages (lib/messaging/settings.ts). */
import type { settingsMessages } from '../messaging/settings';
import type { AreaDeps, HandlersOf } from './handler-types';
import { getSettings, updateSettings } from '../storage/settings';

export function createSettingsHandlers(deps: AreaDeps): HandlersOf<typeof settingsMessages> {
  const { db, afterSettingsWrite } = deps;
  return {
    async 'settings.get'() {
      return getSettings(await db());
    },

    /** Open tabs are told to refresh (marks, sites switched off, suggestions). */
    async 'settings.update'({ patch, baseVersion }) {
      const settings = await updateSettings(await db(), patch, baseVersion);
      await afterSettingsWrite();
      return settings;
    },
  };
}
