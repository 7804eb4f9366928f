import { describe, expect, it } from 'vitest';
import { RecordLimits, siteOf } from '../../../lib/background/record-limits';

describe('RecordLimits: how fast pages may add new records', () => {
  it('a tab gets a burst, then one every refill interval', () => {
    const limits = new RecordLimits({ burst: 3, refillMs: 30_000 }, { burst: 100, refillMs: 1 });
    const allowed = (t: number, i: number) => limits.allowNew(1, `https://a.example/${i}`, t);
    expect([0, 1, 2, 3, 4].map((i) => allowed(1_000 + i, i))).toEqual([true, true, true, false, false]);
    expect(allowed(20_000, 5)).toBe(false);
    expect(allowed(31_000, 6)).toBe(true);
    expect(allowed(32_000, 7)).toBe(false);
    // Another tab has its own.
    expect(limits.allowNew(2, 'https://a.example/8', 32_000)).toBe(true);
  });

  it('a site is limited across its tabs, by registrable domain', () => {
    const limits = new RecordLimits({ burst: 100, refillMs: 1 }, { burst: 2, refillMs: 60_000 });
    expect(limits.allowNew(1, 'https://www.evil.example/a', 0)).toBe(true);
    expect(limits.allowNew(2, 'https://news.evil.example/b', 0)).toBe(true);
    expect(limits.allowNew(3, 'https://evil.example/c', 0)).toBe(false);
    expect(limits.allowNew(3, 'https://other.example/c', 0)).toBe(true);
    expect(siteOf('https://a.b.example.co.uk/x')).toBe('example.co.uk');
    expect(siteOf('http://127.0.0.1:8080/x')).toBe('127.0.0.1');
  });

  it('allowPage: a page already allowed for the tab is free', () => {
    const limits = new RecordLimits({ burst: 1, refillMs: 60_000 }, { burst: 100, refillMs: 1 });
    expect(limits.allowPage(1, 'https://a.example/x', 0)).toBe(true);
    expect(limits.allowPage(1, 'https://a.example/x', 1)).toBe(true);
    expect(limits.allowPage(1, 'https://a.example/y', 2)).toBe(false);
  });
});
