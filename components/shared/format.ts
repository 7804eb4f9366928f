/** Formatting shared by the popup and the options page. Locale is the browser's. */

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "12 Mar 2025" (locale-dependent). */
export function formatDate(epochMs: number): string {
  return dateFormat.format(new Date(epochMs));
}

/** "12 Mar 2025, 14:03" (locale-dependent). */
export function formatDateTime(epochMs: number): string {
  return dateTimeFormat.format(new Date(epochMs));
}

/** How long ago, in words, for a status line: "just now", "5 min ago", "3 h ago", "2 days ago". */
export function timeAgo(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} days ago`;
}

/** For <time dateTime=…>. */
export function isoDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** "1 entity", "3 entities". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** The first non-blank line of a text, shortened to `max` characters. */
export function firstLine(text: string, max = 200): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/** "example.org" from a URL; the input itself when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
