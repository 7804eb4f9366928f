/**
 * The text of a tab's latest scans, kept briefly so discovery can read it without the tab
 * sending it twice: the tab's page.match parts carry a scan id, and its discover.page names
 * that scan. In memory only (the service worker's), a few scans at most, the oldest dropped
 * first; a scan not found (the service worker restarted meanwhile) makes the tab send its text.
 */
import { uniqueChunks, type PartLayout } from '../text/parts';
import type { TextChunk } from '../text/types';

/** Scans kept (tabs scanning at once) and characters kept in all. */
const MAX_SCANS = 8;
const MAX_CHARS = 6_000_000;

interface Scan {
  parts: Map<number, TextChunk[]>;
  chars: number;
}

export class ScanTexts {
  private readonly scans = new Map<string, Scan>();
  private chars = 0;

  constructor(
    private readonly maxScans = MAX_SCANS,
    private readonly maxChars = MAX_CHARS,
  ) {}

  /** Keep one part of a scan (each of its characters once: overlaps left out). */
  keep(key: string, index: number, part: PartLayout): void {
    let scan = this.scans.get(key);
    if (!scan) {
      scan = { parts: new Map(), chars: 0 };
      this.scans.set(key, scan);
    }
    const { chunks } = uniqueChunks(part);
    let chars = 0;
    for (const c of chunks) chars += c.text.length;
    const old = scan.parts.get(index);
    if (old) for (const c of old) (scan.chars -= c.text.length), (this.chars -= c.text.length);
    scan.parts.set(index, chunks);
    scan.chars += chars;
    this.chars += chars;
    this.evict(key);
  }

  /** A scan's text, its parts in order, and forget it; null when it is not (wholly) here. */
  take(key: string): TextChunk[] | null {
    const scan = this.scans.get(key);
    if (!scan) return null;
    this.drop(key);
    const out: TextChunk[] = [];
    for (let i = 0; i < scan.parts.size; i++) {
      const chunks = scan.parts.get(i);
      if (!chunks) return null; // a part never arrived
      for (const c of chunks) out.push(c);
    }
    if (out[0]) out[0] = { text: out[0].text, blockStart: true };
    return out;
  }

  get size(): number {
    return this.scans.size;
  }

  private drop(key: string) {
    const scan = this.scans.get(key);
    if (!scan) return;
    this.chars -= scan.chars;
    this.scans.delete(key);
  }

  private evict(keep: string) {
    // One scan over the limit on its own is not kept at all (and costs the others nothing).
    if ((this.scans.get(keep)?.chars ?? 0) > this.maxChars) return this.drop(keep);
    for (const key of this.scans.keys()) {
      if (this.scans.size <= this.maxScans && this.chars <= this.maxChars) return;
      if (key !== keep) this.drop(key);
    }
  }
}

/** The key of a tab's scan: the same page in another tab or frame is another scan. */
export function scanKey(sender: { tab?: { id?: number }; frameId?: number }, scan: string): string | null {
  const tab = sender.tab?.id;
  return tab === undefined ? null : `${tab}:${sender.frameId ?? 0}:${scan}`;
}
