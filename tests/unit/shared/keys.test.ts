import { describe, expect, it } from 'vitest';
import { isSaveShortcut, saveShortcutLabel } from '../../../components/shared/keys';

const key = (init: Partial<KeyboardEvent>) => ({ key: 'Enter', ctrlKey: false, metaKey: false, isComposing: false, ...init }) as KeyboardEvent;

describe('the in-page forms’ save shortcut', () => {
  it('is Ctrl+Enter or Cmd+Enter, not plain Enter, not while an input method composes', () => {
    expect(isSaveShortcut(key({ ctrlKey: true }))).toBe(true);
    expect(isSaveShortcut(key({ metaKey: true }))).toBe(true);
    expect(isSaveShortcut(key({}))).toBe(false);
    expect(isSaveShortcut(key({ key: 's', ctrlKey: true }))).toBe(false);
    expect(isSaveShortcut(key({ ctrlKey: true, isComposing: true }))).toBe(false);
  });
  it('is written the Mac way on a Mac', () => {
    expect(saveShortcutLabel('MacIntel')).toBe('⌘+Enter');
    expect(saveShortcutLabel('Linux x86_64')).toBe('Ctrl+Enter');
    expect(saveShortcutLabel('Win32')).toBe('Ctrl+Enter');
  });
});
