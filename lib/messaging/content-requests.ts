/**
 * The requests a tab's in-page core answers at once, without loading the in-page UI and the
 * protocol's schemas: the ones that carry nothing (their payload must be an empty object) and
 * the page.refresh nudge (whose payload is checked but not used: it only makes the tab ask the
 * background again). Every other request to a tab is validated with zod by the lazily loaded
 * half (lib/inpage/ui/ui.ts) before anything acts on it. Kept in step with `toContent` in
 * protocol.ts by a unit test.
 */
import { CHANNEL } from './envelope';
import type { ContentType } from './protocol';

export const EMPTY_CONTENT_REQUESTS = ['page.found', 'page.stats', 'page.identify', 'quotes.status'] as const satisfies readonly ContentType[];

export type LightRequest = { type: (typeof EMPTY_CONTENT_REQUESTS)[number] } | { type: 'page.refresh'; revision: number };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * The request if it is one of ours that the core answers itself; null when it needs the full
 * validation (or is not a light one); 'invalid' when it is a light type with a wrong shape.
 */
export function parseLightRequest(raw: unknown): LightRequest | null | 'invalid' {
  if (!isPlainObject(raw) || raw.channel !== CHANNEL || typeof raw.type !== 'string') return null;
  const keys = Object.keys(raw);
  if (keys.length !== 3 || !('payload' in raw)) return null;
  const { type, payload } = raw;
  if ((EMPTY_CONTENT_REQUESTS as readonly string[]).includes(type)) {
    return isPlainObject(payload) && Object.keys(payload).length === 0 ? { type: type as LightRequest['type'] } as LightRequest : 'invalid';
  }
  if (type === 'page.refresh') {
    const ok = isPlainObject(payload) && Object.keys(payload).length === 1 && Number.isInteger(payload.revision);
    return ok ? { type: 'page.refresh', revision: payload.revision as number } : 'invalid';
  }
  return null;
}
