import { describe, expect, it } from 'vitest';
import { COMMANDS, manifestCommands, shortcutStates } from '../../lib/commands';

describe('keyboard commands', () => {
  it('the manifest suggests at most four keys, none of them a key Chromium keeps for itself', () => {
    const commands = manifestCommands();
    const keys = Object.values(commands).map((c) => c.suggested_key.default);
    expect(keys.length).toBeLessThanOrEqual(4);
    expect(new Set(keys).size).toBe(keys.length);
    // Refused by Chromium 156 in a fresh profile (tests/e2e/shortcuts.spec.ts probes the real ones).
    for (const refused of ['Alt+Shift+N', 'Alt+Shift+P', 'Alt+Shift+A', 'Alt+Shift+B', 'Alt+Shift+T', 'Alt+Shift+I']) expect(keys).not.toContain(refused);
    expect(commands['next-mention']).toEqual({ suggested_key: { default: COMMANDS['next-mention'].suggestedKey }, description: COMMANDS['next-mention'].description });
  });

  it('reads commands.getAll(): ours in order, an empty shortcut is "not set", others ignored', () => {
    const states = shortcutStates([
      { name: '_execute_action', shortcut: '' },
      { name: 'save-note', shortcut: 'Alt+Shift+S' },
      { name: 'previous-mention', shortcut: '' },
      { name: 'next-mention', shortcut: ' Ctrl+Shift+1 ' },
      { name: 'someone-else', shortcut: 'Alt+Shift+X' },
    ]);
    expect(states).toEqual([
      { name: 'next-mention', label: 'Next mention', shortcut: 'Ctrl+Shift+1' },
      { name: 'previous-mention', label: 'Previous mention', shortcut: null },
      { name: 'save-note', label: 'Save the selection as a note', shortcut: 'Alt+Shift+S' },
    ]);
    // A browser that reports nothing (or a command missing) reads as not set, not as an error.
    expect(shortcutStates([]).map((s) => s.shortcut)).toEqual([null, null, null]);
  });
});
