/**
 * How many bytes a string takes in a runtime message. Chromium serialises every extension
 * message as JSON and refuses one over 64 MiB of UTF-8 ("Message exceeded maximum allowed size
 * of 64MiB"): a limit in characters does not say whether a file fits (a character of CJK text is
 * 3 bytes, an escaped quote 2, a control character or a lone surrogate 6).
 */

/** The UTF-8 length of `JSON.stringify(text)`, counted without building it. */
export function messageBytes(text: string): number {
  let bytes = 2; // the quotes around it
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) bytes += 2; // \" \\
    else if (c < 0x20) bytes += c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4; // a pair: one 4-byte character
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) bytes += 6; // a lone surrogate: written as \udxxx
    else bytes += 3;
  }
  return bytes;
}

/**
 * The most an import's file text may take in its message (import.preview, import.commit): below
 * Chromium's 64 MiB (67,108,864 bytes) with room for the envelope and the reader's choices.
 */
export const MAX_IMPORT_BYTES = 60_000_000;

/** "72.0 MB": a size as the reader reads it (decimal megabytes, as file managers show). */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
