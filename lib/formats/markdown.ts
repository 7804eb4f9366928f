/**
 * Markdown text that says what it says: escaping for CommonMark/GFM, link destinations, block
 * quotes. Shared by the notes' Markdown export (lib/notes/export.ts) and the Markdown vault.
 */

/**
 * Backslash-escape what CommonMark (and GFM) could read as markup — emphasis, code, links,
 * HTML, entities, strike-through, and block markers at the start of a line — and nothing else,
 * so the file stays readable as plain text.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>~|]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/^(\s*)([#+\-=])/gm, '$1\\$2')
    .replace(/^(\s*)(\d+)([.)])/gm, '$1$2\\$3');
}

/** A link destination that cannot end early: white space, <, >, ( and ) percent-encoded. */
export function markdownUrl(url: string): string {
  return url.replace(/[\s<>()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Lines of text as a Markdown block quote (blank lines kept inside it). */
export function blockQuote(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map((line) => (line.trim() ? `> ${escapeMarkdown(line.trim())}` : '>'))
    .join('\n');
}
