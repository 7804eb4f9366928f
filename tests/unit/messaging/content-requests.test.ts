import { describe, expect, it } from 'vitest';
import { EMPTY_CONTENT_REQUESTS, parseLightRequest } from '../../../lib/messaging/content-requests';
import { CHANNEL, envelope, toContent } from '../../../lib/messaging/protocol';

describe('requests the in-page core answers without the full schemas', () => {
  it('are exactly the payload-less ones of toContent (kept in step with the protocol)', () => {
    for (const type of EMPTY_CONTENT_REQUESTS) {
      expect(toContent[type].request.safeParse({}).success).toBe(true);
      expect(toContent[type].request.safeParse({ x: 1 }).success).toBe(false);
    }
  });

  it('accepts the empty ones and page.refresh in their exact shape', () => {
    expect(parseLightRequest(envelope('page.found', {}))).toEqual({ type: 'page.found' });
    expect(parseLightRequest(envelope('page.refresh', { revision: 3 }))).toEqual({ type: 'page.refresh', revision: 3 });
  });

  it.each([
    ['extra payload key', envelope('page.stats', { x: 1 })],
    ['payload not an object', envelope('page.identify', 'x')],
    ['array payload', envelope('quotes.status', [])],
    ['refresh without revision', envelope('page.refresh', {})],
    ['refresh with a fractional revision', envelope('page.refresh', { revision: 1.5 })],
    ['refresh with extra key', envelope('page.refresh', { revision: 1, x: 2 })],
  ])('refuses %s', (_label, raw) => {
    expect(parseLightRequest(raw)).toBe('invalid');
  });

  it.each([
    ['another type (validated in full elsewhere)', envelope('mention.step', { direction: 'next' })],
    ['another channel', { channel: 'x', type: 'page.found', payload: {} }],
    ['an extra envelope key', { channel: CHANNEL, type: 'page.found', payload: {}, x: 1 }],
    ['not an object', 'page.found'],
    ['null', null],
  ])('leaves %s to the full validation', (_label, raw) => {
    expect(parseLightRequest(raw)).toBeNull();
  });
});
