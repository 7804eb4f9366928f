/**
 * The sentence around a mention, for the reading index ("where did I read about X?").
 * Pure: works on the block's text and the mention's offsets in it.
 */
const SENTENCE_END = /[.!?。！？…]["”’)\]]?\s/g;

export function snippetAround(blockText: string, start: number, end: number, max = 240): string {
  // Sentence start: after the last sentence end before the mention.
  let from = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(blockText); m && m.index < start; m = SENTENCE_END.exec(blockText)) {
    from = m.index + m[0].length;
  }
  // Sentence end: the first sentence end after the mention.
  SENTENCE_END.lastIndex = end;
  const after = SENTENCE_END.exec(blockText);
  const to = after ? after.index + after[0].length : blockText.length;
  let text = blockText.slice(from, to).replace(/\s+/g, ' ').trim();
  if (text.length > max) {
    // Too long a sentence: a window centred on the mention, cut at word boundaries.
    const mid = Math.floor((start + end) / 2) - from;
    let a = Math.max(0, mid - Math.floor(max / 2));
    let b = Math.min(text.length, a + max);
    a = Math.max(0, b - max);
    const wordA = text.lastIndexOf(' ', a) + 1;
    const wordB = text.indexOf(' ', b);
    text = (a > 0 ? '…' : '') + text.slice(a > 0 ? Math.max(wordA, a) : 0, wordB === -1 ? b : Math.min(wordB, b)).trim() + (b < text.length ? '…' : '');
  }
  return text.slice(0, max + 2);
}

/** Context kept on each side of a mention when its block is long (a snippet is one sentence). */
const BLOCK_CONTEXT = 2_000;

/**
 * The sentence around a mention given in texts (a page's text nodes): the texts of its block are
 * joined (only BLOCK_CONTEXT characters on each side in a long block) and cut by snippetAround.
 * `startsBlock(i)`: text i begins a new block (text 0 always does).
 */
export function snippetInTexts(
  texts: readonly string[],
  startsBlock: (i: number) => boolean,
  startText: number,
  startOffset: number,
  endText: number,
  endOffset: number,
): string {
  let first = startText;
  while (first > 0 && !startsBlock(first)) first--;
  let block = '';
  let start = 0;
  let end = 0;
  for (let i = first; i < texts.length && (i <= endText || !startsBlock(i)); i++) {
    if (i === startText) start = block.length + startOffset;
    if (i === endText) end = block.length + endOffset;
    block += texts[i];
    if (i > endText && block.length > end + BLOCK_CONTEXT) break;
  }
  const from = Math.max(0, start - BLOCK_CONTEXT);
  return snippetAround(block.slice(from, end + BLOCK_CONTEXT), start - from, end - from);
}
