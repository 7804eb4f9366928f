/**
 * The wire envelope of every message, without zod: the in-page core (the part of the content
 * script every page loads) needs the envelope but must not pay for the protocol's schemas
 * (lib/messaging/protocol.ts re-exports these and validates with them).
 */

/** `channel` keeps our messages apart from anything else on runtime messaging. */
export const CHANNEL = 'ncr/1';

export interface Envelope {
  channel: typeof CHANNEL;
  type: string;
  payload: unknown;
}

/** `conflict`: an edit refused as "changed elsewhere" (lib/model/conflict.ts, checked in protocol.ts). */
export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: string; conflict?: unknown };

export function envelope(type: string, payload: unknown): Envelope {
  return { channel: CHANNEL, type, payload };
}

/** Whether a value is a reply of ours ({ ok: true, value } or { ok: false, error }). */
export function isReply(raw: unknown): raw is Reply {
  if (!raw || typeof raw !== 'object') return false;
  const r = raw as { ok?: unknown; error?: unknown };
  return r.ok === true ? 'value' in r : r.ok === false && typeof r.error === 'string';
}
