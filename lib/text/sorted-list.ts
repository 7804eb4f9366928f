/**
 * A word list stored as one string of sorted keys, each between two newlines (common-words-data.ts,
 * discovery/language-words-data.ts): looked up by bisection over character offsets, so nothing is
 * built when a script starts (a lookup costs ~15 string comparisons).
 */
export function sortedListHas(list: string, key: string): boolean {
  if (!key || key.includes('\n')) return false;
  let lo = 0;
  let hi = list.length - 1; // the final newline
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // The word that starts after the last newline at or before mid.
    let start = list.lastIndexOf('\n', mid) + 1;
    if (start <= lo) {
      start = list.indexOf('\n', mid) + 1;
      if (start === 0 || start >= hi) return false;
    }
    const end = list.indexOf('\n', start);
    const word = list.slice(start, end);
    if (word === key) return true;
    if (word < key) lo = end;
    else hi = start - 1;
  }
  return false;
}
