import { describe, expect, it } from 'vitest';
import { storageProtection } from '../../../components/options/storage-protection';

describe('storageProtection (Settings › Storage)', () => {
  it('Chromium with unlimitedStorage keeps the data although persisted() answers false', () => {
    expect(storageProtection({ browser: 'chrome', unlimitedStorage: true, persisted: false })).toBe('kept');
    expect(storageProtection({ browser: 'chrome', unlimitedStorage: true, persisted: null })).toBe('kept');
  });
  it('Firefox keeps it once persisted (granted without a prompt with unlimitedStorage), not before', () => {
    expect(storageProtection({ browser: 'firefox', unlimitedStorage: true, persisted: true })).toBe('kept');
    expect(storageProtection({ browser: 'firefox', unlimitedStorage: true, persisted: false })).toBe('may-be-deleted');
  });
  it('without unlimitedStorage only persistence keeps it', () => {
    expect(storageProtection({ browser: 'chrome', unlimitedStorage: false, persisted: false })).toBe('may-be-deleted');
    expect(storageProtection({ browser: 'chrome', unlimitedStorage: false, persisted: true })).toBe('kept');
    expect(storageProtection({ browser: 'chrome', unlimitedStorage: false, persisted: null })).toBe('unknown');
  });
});
