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
