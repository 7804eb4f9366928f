/** A URL as a link target only when it is http(s); anything else is shown as plain text. */
export function httpHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
