/**
 * Turning failures into words a reader can act on. Error replies from the background arrive
 * as ProtocolError with a precise message (e.g. "entities[3].name: must not be empty"); those
 * are shown as they are. Transport failures get a plain explanation instead of browser jargon.
 */
export function errorMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  if (isNoReceiver(err)) {
    return 'The extension is not responding. Try closing and reopening this page.';
  }
  return raw.trim() || 'Something went wrong.';
}

/** True when a message could not be delivered (no listener at the other end). */
export function isNoReceiver(err: unknown): boolean {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : '';
  return /receiving end does not exist|could not establish connection|message manager disconnected/i.test(raw);
}
