/**
 * Strings a page states about itself (title, site name) are data, stored as the page gave them
 * but bounded: white space (line breaks, tabs) collapsed to single spaces, control characters
 * other than bidi marks removed, and at most `max` UTF-16 units, cut before a lone half of a
 * surrogate pair and ended with "…". Bidi controls (U+202A–U+202E, U+2066–U+2069) are kept: the
 * title is the page's own, and where it is shown it is isolated (`<bdi>`), so it cannot turn the
 * extension's text around it.
 */
// C0 and C1 controls and DEL, except tab, line feed and carriage return (white space, collapsed below).
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function pageString(raw: string, max: number): string {
  const s = raw.replace(CONTROLS, '').replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  const cut = s.slice(0, Math.max(0, max - 1));
  return `${/[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut}…`;
}
