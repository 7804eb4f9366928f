import { describe, expect, it } from 'vitest';
import { T0, freshDb } from '../storage/helpers';
import { glossaryTerms } from '../../../lib/background/glossary-cache';
import { listEntities } from '../../../lib/storage/entities';
import { dumpAll } from '../../../lib/storage/export';
import type { Database } from '../../../lib/storage/db';
import { EXTENSION_PAGE, contentOf, makeBackground } from './harness';
import { META_SYNC_CONFLICTS } from '../../../lib/storage/sync-records';

const content = contentOf('https://news.example/a', false, 3);

async function setup(dbOverride?: Database) {
  const db = dbOverride ?? (await freshDb()).db;
  let t = T0;
  const bg = makeBackground({ db, now: () => ++t });
  const ask = async (type: string, payload: unknown, sender: object = EXTENSION_PAGE) => bg.send(type, payload, sender);
  return { db, ask, refreshTabs: bg.refreshTabs };
}

describe('knowledge messages through the router', () => {
  it('only extension pages may use them', async () => {
    const { ask } = await setup();
    for (const [type, payload] of [['glossary.rows', {}], ['export.file', { kind: 'backup' }], ['reading.clear', {}], ['import.preview', { text: '{}' }]] as const) {
      const r = await ask(type, payload, content);
      expect(r).toEqual({ ok: false, error: `${type} is not allowed from a web page` });
    }
  });

  it('page.report files a page under og:url and keeps its stated publication date; the card then leaves that article out', async () => {
    const { ask, db } = await setup();
    const created = await ask('entity.create', { input: { name: 'MEK', type: 'organization' } });
    const id = (created as { value: { id: string } }).value.id;
    const report = {
      pageUrl: 'https://m.example.com/story?utm_source=x',
      canonicalHref: null,
      ogUrl: 'https://www.example.com/world/story',
      publishedTime: '2024-04-30T08:00:00+02:00',
      title: 'Story',
      site: 'Example',
      mentions: [{ entityId: id, count: 2, snippet: 'The MEK' }],
    };
    // Sent by the page the browser says it is (a report naming another page is not filed).
    const tab = contentOf(report.pageUrl, false, 3);
    expect(await ask('page.report', report, content)).toEqual({ ok: true, value: { recorded: false, url: null } });
    expect(await ask('page.report', report, tab)).toEqual({ ok: true, value: { recorded: true, url: 'https://www.example.com/world/story' } });
    const reading = (await ask('entity.reading', { entityId: id })) as { value: { articles: { url: string; publishedAt: number }[] } };
    expect(reading.value.articles).toEqual([expect.objectContaining({ url: 'https://www.example.com/world/story', publishedAt: Date.UTC(2024, 3, 30, 6) })]);
    // The card of an entity the background matched on that tab's page.
    const cardOf = () => ask('entity.card', { entityId: id, pageUrl: report.pageUrl, canonicalHref: null, ogUrl: report.ogUrl }, tab) as Promise<{ value: { alsoIn: unknown[] } | null }>;
    expect((await cardOf()).value).toBeNull();
    await ask('page.match', { pageUrl: report.pageUrl, texts: ['The MEK met.'], breaks: [0] }, tab);
    expect((await cardOf()).value!.alsoIn).toEqual([]);
    // Two devices wrote its name at once (sync): the card says so, in one line.
    expect((await cardOf()).value).not.toHaveProperty('editedOnTwoDevices');
    await db.put('meta', { entities: { [id]: { name: { other: 'PMOI' } } }, notes: {} }, META_SYNC_CONFLICTS);
    expect((await cardOf()).value).toHaveProperty('editedOnTwoDevices', true);
    // An implausible date is dropped, not stored.
    const other = 'https://www.example.com/other';
    await ask('page.report', { ...report, pageUrl: other, ogUrl: null, publishedTime: '1800-01-01' }, contentOf(other, false, 3));
    const again = (await ask('entity.reading', { entityId: id })) as { value: { articles: { url: string; publishedAt: number | null }[] } };
    expect(again.value.articles.find((a) => a.url.endsWith('/other'))!.publishedAt).toBeNull();
  });

  it('delete then restore (undo) through the protocol; tabs are told each time', async () => {
    const { ask, refreshTabs } = await setup();
    const created = (await ask('entity.create', { input: { name: 'MEK', type: 'organization', tags: ['iran'] } })) as { value: { id: string } };
    const del = (await ask('entity.delete', { id: created.value.id })) as { ok: true; value: { deleted: boolean; removed: unknown } };
    expect(del.value.deleted).toBe(true);
    expect((await ask('glossary.rows', {})) as object).toEqual({ ok: true, value: [] });
    const restored = await ask('entity.restore', { removed: del.value.removed });
    expect(restored).toMatchObject({ ok: true, value: { id: created.value.id, name: 'MEK', tags: ['iran'] } });
    expect(refreshTabs).toHaveBeenCalledTimes(3);
  });

  it('import.preview reports every problem of an invalid file and writes nothing; commit refuses it too', async () => {
    const { ask, db } = await setup();
    await ask('entity.create', { input: { name: 'Keep', type: 'person' } });
    const before = await dumpAll(db);
    const bad = JSON.stringify({ format: 'news-context-reader/glossary', version: 2, entities: [{ name: '<script>x</script>', type: 'planet' }, { name: '' , type: 'person' }] });
    expect(await ask('import.preview', { text: bad })).toEqual({
      ok: true,
      value: { valid: false, kind: 'glossary', errors: ['entities[0].type: must be one of "person", "organization", "event", "place", "other"', 'entities[1].name: must not be empty'] },
    });
    const commit = await ask('import.commit', { text: bad, choices: { default: 'merge' } });
    expect(commit.ok).toBe(false);
    expect((commit as { error: string }).error).toMatch(/^The file was not imported, nothing changed\. entities\[0\]\.type/);
    expect(await dumpAll(db)).toEqual(before);
  });

  it('export.file writes a backup, a glossary and a CSV that import.preview reads back', async () => {
    const { ask } = await setup();
    await ask('entity.create', { input: { name: 'MEK', type: 'organization', aliases: [{ text: 'PMOI', exactCase: true }] } });
    for (const kind of ['backup', 'glossary', 'csv'] as const) {
      const file = (await ask('export.file', { kind })) as { ok: true; value: { text: string; filename: string; mime: string } };
      expect(file.value.filename).toMatch(kind === 'csv' ? /\.csv$/ : /\.json$/);
      const preview = (await ask('import.preview', { text: file.value.text })) as { value: { valid: boolean; preview: { unchanged: number; kind: string } } };
      expect(preview.value).toMatchObject({ valid: true, preview: { unchanged: 1, kind: kind } });
    }
  });

  it('a full disk becomes a clear message saying nothing changed', async () => {
    const { db } = await freshDb();
    const failing = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === 'transaction') {
          return () => {
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          };
        }
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const { ask } = await setup(failing as Database);
    const r = await ask('entity.create', { input: { name: 'X', type: 'person' } });
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/no more storage space.*Nothing was changed/) });
    expect(await listEntities(db)).toEqual([]);
  });
});

describe('glossaryTerms', () => {
  const e = (aliases: object[]) => ({ id: 'e', name: 'Côte', type: 'place' as const, aliases: aliases as never, notes: '', createdAt: 0, updatedAt: 0 });
  // Terms are keyed by glossaryKey(type, id): 'l' (place) + 'e'.
  it('passes each alias option to the matcher, with the reader’s defaults for options left open', () => {
    expect(glossaryTerms([e([{ text: 'MEK', exactCase: true }, { text: 'Khāmeneʾi', diacriticSensitive: true }])])).toEqual([
      { entityId: 'le', text: 'Côte' },
      { entityId: 'le', text: 'MEK', exactCase: true },
      { entityId: 'le', text: 'Khāmeneʾi', diacriticSensitive: true },
    ]);
    expect(glossaryTerms([e([{ text: 'cote', exactCase: false }])], { exactCase: true, diacriticSensitive: true })).toEqual([
      { entityId: 'le', text: 'Côte', exactCase: true, diacriticSensitive: true },
      { entityId: 'le', text: 'cote', anyCase: true, diacriticSensitive: true },
    ]);
    // "Any case" chosen on an alias with capitals: it opts out of the capitals rule.
    expect(glossaryTerms([e([{ text: 'Theresa May', exactCase: false }])])).toEqual([
      { entityId: 'le', text: 'Côte' },
      { entityId: 'le', text: 'Theresa May', anyCase: true },
    ]);
  });
});
