import { describe, expect, it } from 'vitest';
import { timeAgo } from '../../../components/shared/format';

describe('timeAgo', () => {
  it('says how long ago in the status lines\' words, rounding to the unit', () => {
    expect(timeAgo(-5_000)).toBe('just now');
    expect(timeAgo(59_000)).toBe('just now');
    expect(timeAgo(90_000)).toBe('2 min ago');
    expect(timeAgo(59 * 60_000)).toBe('59 min ago');
    expect(timeAgo(3 * 3_600_000)).toBe('3 h ago');
    expect(timeAgo(47 * 3_600_000)).toBe('47 h ago');
    expect(timeAgo(3 * 86_400_000)).toBe('3 days ago');
  });
});
