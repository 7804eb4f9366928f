/**
 * The settings part of the protocol (extension pages only). Spread into `toBackground` in
 * protocol.ts.
 */
import { z } from 'zod';
import { Settings, SettingsPatch } from '../model/settings';
import { Empty, type MessageTable } from './table';

export const settingsMessages = {
  'settings.get': {
    from: ['extension-page'],
    request: Empty,
    reply: Settings,
  },
  /** Change some settings; open tabs are told to refresh. */
  'settings.update': {
    from: ['extension-page'],
    request: z.strictObject({ patch: SettingsPatch }),
    reply: Settings,
  },
} as const satisfies MessageTable;
