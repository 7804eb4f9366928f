/** Keyboard conventions shared by the in-page forms (note composer, the card's "Add note"). */

/**
 * Ctrl+Enter, or Cmd+Enter on macOS: "save" from any field of a form (a textarea takes plain
 * Enter as a new line). Not while an input method is composing: Enter then confirms the text.
 */
export function isSaveShortcut(e: KeyboardEvent): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing;
}

/** How the shortcut is written for this computer ("⌘+Enter" on a Mac). */
export function saveShortcutLabel(platform: string = globalThis.navigator?.platform ?? ''): string {
  return /^(Mac|iPhone|iPad|iPod)/.test(platform) ? '⌘+Enter' : 'Ctrl+Enter';
}
