/**
 * The extension's keyboard commands (manifest `commands`): one definition for the manifest
 * (wxt.config.ts), the background's listeners and the pages that show which keys are set.
 *
 * Suggested keys are only suggestions: a browser assigns one on install only when nothing of its
 * own or of another extension uses it. Chromium refuses any key that is one of its own
 * accelerators (CommandService::CanAutoAssign → chrome::IsChromeAccelerator): Alt+Shift+N opens
 * Split View on Windows and Linux since Chrome 140, and Alt+Shift+P is refused too (checked in
 * Chromium 156), so those two were "Not set" out of the box. J and K are unused by Chromium and
 * Firefox with Alt+Shift, and are "next" and "previous" in feed readers and mail (Gmail,
 * Feedly). At most four commands may suggest a key (we suggest three). The reader can change
 * any of them in the browser's shortcuts page; tests/e2e/shortcuts.spec.ts checks that a fresh
 * Chromium profile gets all three.
 */

export interface CommandDefinition {
  /** The suggested key, in the manifest's notation. */
  suggestedKey: string;
  /** Shown in the browser's shortcuts page. */
  description: string;
  /** Short name for our own pages. */
  label: string;
}

export const COMMANDS = {
  'next-mention': {
    suggestedKey: 'Alt+Shift+J',
    description: 'Go to the next marked mention and show its card',
    label: 'Next mention',
  },
  'previous-mention': {
    suggestedKey: 'Alt+Shift+K',
    description: 'Go to the previous marked mention and show its card',
    label: 'Previous mention',
  },
  'save-note': {
    suggestedKey: 'Alt+Shift+S',
    description: 'Save the selected text as a note',
    label: 'Save the selection as a note',
  },
} as const satisfies Record<string, CommandDefinition>;

export type CommandName = keyof typeof COMMANDS;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function isCommandName(name: string | undefined): name is CommandName {
  return name !== undefined && Object.hasOwn(COMMANDS, name);
}

/** The manifest's `commands` object. */
export function manifestCommands(): Record<CommandName, { suggested_key: { default: string }; description: string }> {
  return Object.fromEntries(
    COMMAND_NAMES.map((name) => [name, { suggested_key: { default: COMMANDS[name].suggestedKey }, description: COMMANDS[name].description }]),
  ) as Record<CommandName, { suggested_key: { default: string }; description: string }>;
}

export interface ShortcutState {
  name: CommandName;
  label: string;
  /** The key as the browser shows it ("Alt+Shift+J"), or null when none is set. */
  shortcut: string | null;
}

/**
 * Our commands in their usual order, with the keys `commands.getAll()` reports: a suggested key
 * the browser refused reads as an empty shortcut, which is "not set" (null).
 */
export function shortcutStates(commands: readonly { name?: string; shortcut?: string }[]): ShortcutState[] {
  const keys = new Map<CommandName, string>();
  for (const c of commands) if (isCommandName(c.name) && c.shortcut?.trim()) keys.set(c.name, c.shortcut.trim());
  return COMMAND_NAMES.map((name) => ({ name, label: COMMANDS[name].label, shortcut: keys.get(name) ?? null }));
}
