import { describe, expect, it } from 'vitest';
import { CHANNEL, envelope, parseRequest, toBackground, toContent } from '../../../lib/messaging/protocol';

describe('parseRequest', () => {
  it('accepts a well-formed request and types its payload', () => {
    const r = parseRequest(toBackground, envelope('entity.delete', { id: 'abc_1' }));
    expect(r).toEqual({ ok: true, request: { type: 'entity.delete', payload: { id: 'abc_1' } } });
  });

  it('fills defaults of nested schemas', () => {
    const r = parseRequest(toBackground, envelope('entity.create', { input: { name: ' MEK ', type: 'organization' } }));
    expect(r.ok).toBe(true);
    if (r.ok && r.request.type === 'entity.create') {
      expect(r.request.payload.input).toEqual({ name: 'MEK', type: 'organization', aliases: [], notes: '' });
    }
  });

  it.each([
    ['not an object', 'hello', /malformed message/],
    ['null', null, /malformed message/],
    ['wrong channel', { channel: 'other', type: 'entity.list', payload: {} }, /malformed message/],
    ['extra envelope key', { channel: CHANNEL, type: 'entity.list', payload: {}, x: 1 }, /malformed message/],
    ['unknown type', envelope('entity.drop', {}), /unknown message type: "entity.drop"/],
    ['prototype key as type', envelope('__proto__', {}), /unknown message type/],
    ['toString as type', envelope('toString', {}), /unknown message type/],
    ['missing payload field', envelope('entity.delete', {}), /invalid entity.delete: id:/],
    ['wrong payload type', envelope('entity.delete', { id: 5 }), /invalid entity.delete: id:/],
    ['extra payload key', envelope('entity.list', { all: true }), /invalid entity.list/],
    ['bad entity type', envelope('entity.create', { input: { name: 'x', type: 'planet' } }), /input.type/],
    ['empty name', envelope('entity.create', { input: { name: '   ', type: 'person' } }), /input.name: must not be empty/],
    ['id with odd characters', envelope('entity.delete', { id: '../x' }), /id:/],
  ])('rejects %s with a readable reason', (_label, raw, reason) => {
    const r = parseRequest(toBackground, raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(reason);
  });

  it('validates content-bound requests with their own table', () => {
    expect(parseRequest(toContent, envelope('page.found', {})).ok).toBe(true);
    expect(parseRequest(toContent, envelope('entity.list', {})).ok).toBe(false);
  });
});
