/**
 * Issue 15, attack 9b: the import limit is in the bytes messaging carries. messageBytes must be
 * the UTF-8 length of the text's JSON form, as Chromium serialises a message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageBytes } from '../../../lib/messaging/size';

const utf8JsonBytes = (s: string) => new TextEncoder().encode(JSON.stringify(s)).length;

describe('messageBytes', () => {
  it('is the UTF-8 length of JSON.stringify(text): CJK, quotes, controls, pairs, lone surrogates', () => {
    for (const s of ['', 'abc', '\u6f22'.repeat(10), '"\\', '\n\t\u0001', '\uD83D\uDE00', 'x\uD800', '\uDC00y', 'é']) {
      expect(messageBytes(s), JSON.stringify(s)).toBe(utf8JsonBytes(s));
    }
  });

  it('agrees on any string', () => {
    const unit = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.constantFrom('"', '\\', '\n', '\uD83D\uDE00'));
    fc.assert(fc.property(fc.string({ unit }), (s) => {
        expect(messageBytes(s)).toBe(utf8JsonBytes(s));
      }), { numRuns: 2000 });
  });

  it('counts 24 million CJK characters as 72 MB: over the limit the characters check let through', () => {
    expect(messageBytes('\u6f22'.repeat(1000)) - 2).toBe(3000);
  });
});
