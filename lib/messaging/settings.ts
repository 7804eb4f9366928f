/**
 * The settings part of the protocol (extension pages only). Spread into `toBackground` in
 * protocol.ts.
 */
import { z } from 'zod';
import { SettingsPatch, VersionedSettings } from '../model/settings';
import { Version } from '../model/version';
import { Empty, type MessageTable } from './table';

export const settingsMessages = {
  'settings.get': {
    from: ['extension-page'],
    request: Empty,
    reply: VersionedSettings,
  },
  /**
   * Change some settings; open tabs are told to refresh. `baseVersion`: the settings' version
   * the page showed; settings changed since are not overwritten (docs/versioning.md).
   */
  'settings.update': {
    from: ['extension-page'],
    request: z.strictObject({ patch: SettingsPatch, baseVersion: Version.optional() }),
    reply: VersionedSettings,
  },
} as const satisfies MessageTable;
