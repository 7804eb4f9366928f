/**
 * Nothing the reader saved is lost or half-written under load and faults (docs/security.md P8,
 * P9): many tabs recording at the same moment, and the service worker killed mid-write.
 */
import { test, expect, importSampleGlossary, send, waitForMarks } from './fixtures';

test('ten tabs recording the same entities at the same moment lose nothing', async ({ context, extensionPage, server }) => {
  await importSampleGlossary(extensionPage);
  const urls = Array.from({ length: 10 }, (_, i) => server.url(`numbered.html?n=${i + 1}`));
  const pages = await Promise.all(urls.map(() => context.newPage()));
  await Promise.all(pages.map((p, i) => p.goto(urls[i]!)));
  await Promise.all(pages.map((p) => waitForMarks(p)));

  const entities = (await send(extensionPage, 'entity.list', {})).value as { id: string; name: string }[];
  const rajavi = entities.find((e) => e.name === 'Maryam Rajavi')!;
  const mek = entities.find((e) => e.name.startsWith('People'))!;
  // Reports are sent right after the scan; give the last ones a moment.
  await expect
    .poll(async () => (await send(extensionPage, 'entity.card', { entityId: rajavi.id, pageUrl: server.url('elsewhere'), canonicalHref: null })).value!.alsoIn.length)
    .toBe(10);
  for (const entity of [rajavi, mek]) {
    const card = await send(extensionPage, 'entity.card', { entityId: entity.id, pageUrl: server.url('elsewhere'), canonicalHref: null });
    const alsoIn = card.value!.alsoIn as { url: string; count: number }[];
    expect(alsoIn.map((a) => a.url).sort()).toEqual([...urls].sort());
    for (const a of alsoIn) expect(a.count).toBe(entity === rajavi ? 2 : 1);
  }
});

test('a service worker stopped in the middle of an import leaves all or nothing, and the next write works', async ({
  context,
  extensionPage,
}) => {
  await importSampleGlossary(extensionPage);
  const before = ((await send(extensionPage, 'entity.list', {})).value as unknown[]).length;
  const big = {
    format: 'news-context-reader/glossary',
    version: 1,
    exportedAt: '2026-01-01T00:00:00.000Z',
    entities: Array.from({ length: 3000 }, (_, i) => ({
      name: `Bulk Person ${i}`,
      type: 'person',
      aliases: [{ text: `BP${i}` }, { text: `Bulk P. ${i}` }],
      notes: `Imported in bulk, number ${i}. `.repeat(5),
    })),
  };
  const cdp = await context.newCDPSession(extensionPage);
  await cdp.send('ServiceWorker.enable');
  // Start the import without waiting for it, then stop every service worker under it.
  const pending = send(extensionPage, 'glossary.import', { text: JSON.stringify(big) }).catch((e: Error) => ({ ok: false, error: String(e) }));
  await extensionPage.waitForTimeout(150);
  await cdp.send('ServiceWorker.stopAllWorkers');
  const outcome = await pending;
  await cdp.detach();

  // The background starts again on the next message: the glossary is whole, old or new.
  const after = ((await send(extensionPage, 'entity.list', {})).value as unknown[]).length;
  expect([before, before + 3000]).toContain(after);
  // A killed worker answers nothing (undefined); an answered "ok" must mean committed.
  if ((outcome as { ok?: boolean } | undefined)?.ok) expect(after).toBe(before + 3000);
  test.info().annotations.push({ type: 'outcome', description: `import ${after === before ? 'rolled back' : 'committed'}` });

  const created = await send(extensionPage, 'entity.create', { input: { name: 'After the crash', type: 'other' } });
  expect(created.ok).toBe(true);
  expect(((await send(extensionPage, 'entity.list', {})).value as unknown[]).length).toBe(after + 1);
});
