/** Save text as a file through the browser's downloads (a blob link; no permission needed). */
export function download(content: string | Uint8Array<ArrayBuffer>, filename: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: typeof content === 'string' ? `${mime};charset=utf-8` : mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
