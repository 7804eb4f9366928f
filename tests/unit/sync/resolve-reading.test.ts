/**
 * The reading index's conflict rules (lib/sync/resolve.ts, docs/sync.md#conflicts), pure: the
 * leaves CouchDB kept of one article document, and what they resolve to.
 */
import { describe, expect, it } from 'vitest';
import { afterForgetting, mergeDocs, resolveLeaves, rowsAfterPull } from '../../../lib/sync/resolve';
import { ARTICLE_DOC_BUDGET, ArticleDoc, articleDocOf, checkIncomingDoc, MAX_SYNC_DOC_CHARS, type ArticleMention } from '../../../lib/model/sync';

const URL = 'https://news.test/2025/iran';
const T = Date.UTC(2025, 0, 1);
const row = (entityId: string, lastSeen: number, count = 1, snippet = `about ${entityId}`): ArticleMention => ({ entityId, count, snippet, lastSeen });
const doc = (firstSeen: number, lastSeen: number, mentions: ArticleMention[], title = 'Iran'): ArticleDoc => ({
  kind: 'article',
  record: { url: URL, title, site: 'News', firstSeen, lastSeen },
  mentions,
});

describe('reading index: conflict rules', () => {
  it('the same article read on two devices: one article, rows united by entity, earliest first read, latest last read', () => {
    const onA = doc(T + 10, T + 50, [row('e1', T + 50, 3), row('e2', T + 50)], 'Title on A');
    const onB = doc(T + 5, T + 30, [row('e2', T + 30, 7), row('e3', T + 30)], 'Title on B');
    for (const [x, y] of [[onA, onB], [onB, onA]] as const) {
      const merged = mergeDocs(x, y) as ArticleDoc;
      expect(merged.record).toEqual({ url: URL, title: 'Title on A', site: 'News', firstSeen: T + 5, lastSeen: T + 50 });
      // e2 both read: the later-seen row (A's), whichever is the primary.
      expect(merged.mentions).toEqual([row('e1', T + 50, 3), row('e2', T + 50), row('e3', T + 30)]);
    }
    // Through the leaves, in either revision order: the same content.
    const r1 = resolveLeaves([{ rev: '2-a', doc: onA }, { rev: '2-b', doc: onB }]);
    const r2 = resolveLeaves([{ rev: '2-b', doc: onB }, { rev: '2-a', doc: onA }]);
    expect(r1).toEqual(r2);
  });

  it('forgotten on one device, read again on the other after: the later reading alone survives', () => {
    const readAgain = doc(T, T + 100, [row('e1', T + 100, 2), row('e2', T + 20)]);
    const r = resolveLeaves([{ rev: '3-b', doc: readAgain }, { rev: '3-a', doc: null, forgottenAt: T + 50 }]);
    expect(r.kind).toBe('keep');
    const kept = (r as { doc: ArticleDoc }).doc;
    // e2 was last seen before the deletion: forgotten; the first reading is no earlier than what survives.
    expect(kept.mentions).toEqual([row('e1', T + 100, 2)]);
    expect(kept.record.firstSeen).toBe(T + 100);
    expect(kept.record.lastSeen).toBe(T + 100);
  });

  it('forgotten on one device, read on the other only before the deletion: the deletion wins', () => {
    const readBefore = doc(T, T + 40, [row('e1', T + 40)]);
    expect(resolveLeaves([{ rev: '3-b', doc: readBefore }, { rev: '3-a', doc: null, forgottenAt: T + 50 }])).toEqual({ kind: 'deleted', forgottenAt: T + 50 });
    // A plain deletion (no time: not the reader's forgetting) loses to the reading, as every edit beats a delete.
    expect(resolveLeaves([{ rev: '3-b', doc: readBefore }, { rev: '3-a', doc: null }])).toEqual({ kind: 'keep', doc: readBefore });
    expect(afterForgetting(readBefore, T + 40)).toBeNull();
  });

  it('a pulled document replaces this device’s rows, except past a cut, where the rows it does not know stay', () => {
    const local = [row('e1', T, 9), row('e2', T, 5), row('e3', T, 1)];
    // Not cut: e3 is gone from the article (the page changed, the entity was deleted elsewhere).
    expect(rowsAfterPull(doc(T, T, [row('e1', T, 9), row('e2', T, 6)]), local).map((m) => m.entityId)).toEqual(['e1', 'e2']);
    // Cut after e2: e3 (ranked after it) is unknown to the document and stays.
    const cut = { ...doc(T, T, [row('e1', T, 9), row('e2', T, 6)]), cut: true as const };
    expect(rowsAfterPull(cut, local)).toEqual([row('e1', T, 9), row('e2', T, 6), row('e3', T, 1)]);
    // A row ranked before the cut's last that the document lacks was removed.
    const cut2 = { ...doc(T, T, [row('e1', T, 9), row('e3', T, 1)]), cut: true as const };
    expect(rowsAfterPull(cut2, local).map((m) => m.entityId)).toEqual(['e1', 'e3']);
  });

  it('an article with thousands of mentions: its document keeps the most mentioned rows under the limit, marked cut, and passes the incoming check', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row(`ent${String(i).padStart(5, '0')}`, T, 1 + (i % 50), 'x'.repeat(300)));
    const d = articleDocOf(doc(T, T, []).record, rows);
    expect(d.cut).toBe(true);
    expect(JSON.stringify(d).length).toBeLessThanOrEqual(ARTICLE_DOC_BUDGET);
    expect(d.mentions.length).toBeGreaterThan(400);
    expect(Math.min(...d.mentions.map((m) => m.count))).toBeGreaterThanOrEqual(40);
    // Deterministic, and in entity-id order.
    expect(articleDocOf(doc(T, T, []).record, [...rows].reverse())).toEqual(d);
    expect(d.mentions.map((m) => m.entityId)).toEqual([...d.mentions.map((m) => m.entityId)].sort());
    const check = checkIncomingDoc({ _id: `a:${URL}`, _rev: '1-x', ...d });
    expect(check.ok).toBe(true);
    // A small one is whole.
    expect(articleDocOf(doc(T, T, []).record, rows.slice(0, 3)).cut).toBeUndefined();
  });

  it('incoming article documents: the store’s own schemas, the id, one row per entity, the size limit', () => {
    const good = doc(T, T, [row('e1', T)]);
    expect(checkIncomingDoc({ _id: `a:${URL}`, ...good }).ok).toBe(true);
    expect(checkIncomingDoc({ _id: 'a:https://other.test/', ...good }).ok).toBe(false);
    expect(checkIncomingDoc({ _id: `a:${URL}`, ...good, mentions: [row('e1', T), row('e1', T)] }).ok).toBe(false);
    expect(checkIncomingDoc({ _id: `a:${URL}`, ...good, mentions: [{ ...row('e1', T), count: 0 }] }).ok).toBe(false);
    expect(checkIncomingDoc({ _id: `a:${URL}`, ...good, record: { ...good.record, url: 'javascript:alert(1)' } }).ok).toBe(false);
    expect(checkIncomingDoc({ _id: `a:${URL}`, ...good, mentions: [{ ...row('e1', T), snippet: 'x'.repeat(MAX_SYNC_DOC_CHARS) }] }).ok).toBe(false);
  });
});
