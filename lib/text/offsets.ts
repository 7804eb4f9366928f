/**
 * Offsets in text joined from chunks, back to chunk positions: the matcher and discovery both
 * match a block as one string and report positions in the page's chunks.
 */

/**
 * The chunk of `starts[lo..hi]` (each chunk's first offset, ascending) holding offset `off`: for
 * a start, the chunk holding its character (empty chunks skipped); for an end (`isEnd`), the
 * chunk holding the character before it.
 */
export function chunkIndexAt(starts: ArrayLike<number>, lo: number, hi: number, off: number, isEnd: boolean): number {
  const last = hi;
  // Last chunk whose start is < off (end) or <= off (start).
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    const b = starts[mid]!;
    if (isEnd ? b < off : b <= off) lo = mid;
    else hi = mid - 1;
  }
  // Skip empty chunks so a start lands on the chunk that holds the character.
  let k = lo;
  if (!isEnd) while (k < last && starts[k + 1]! <= off) k++;
  return k;
}
