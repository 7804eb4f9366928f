/**
 * No lost update (issue 15, attack 9a; docs/versioning.md): every edit names the version it was
 * loaded at; a stale one writes nothing and the reply carries the stored record. Before the
 * check, each stale edit below was written over the other one (the e2e attack shows it through
 * two options pages).
 */
import { describe, expect, it } from 'vitest';
import { contentOf, dumpDatabase, makeBackground } from './harness';

const ARTICLE = 'https://news.example/2026/01/rally';

async function withEntity() {
  const bg = makeBackground();
  const created = await bg.send('entity.create', { input: { name: 'Maryam Rajavi', type: 'person', notes: 'loaded' } });
  expect(created.value.version).toBe(1);
  return { bg, entity: created.value };
}

describe('edit versions', () => {
  it('entity.update: +1 per write; a stale save is refused with the stored entity, nothing written', async () => {
    const { bg, entity } = await withEntity();
    const first = await bg.send('entity.update', { id: entity.id, input: { name: entity.name, type: 'person', notes: 'first' }, baseVersion: 1 });
    expect(first.value).toMatchObject({ notes: 'first', version: 2 });
    const before = await dumpDatabase(await bg.db());
    const second = (await bg.send('entity.update', { id: entity.id, input: { name: entity.name, type: 'person', notes: 'second' }, baseVersion: 1 })) as any;
    expect(second.ok).toBe(false);
    expect(second.error).toMatch(/changed elsewhere/);
    expect(second.conflict).toMatchObject({ kind: 'entity', id: entity.id, baseVersion: 1, current: { notes: 'first', version: 2 } });
    expect(await dumpDatabase(await bg.db())).toBe(before);
    // "Keep mine": sent again over the version shown.
    const kept = await bg.send('entity.update', { id: entity.id, input: { name: entity.name, type: 'person', notes: 'second' }, baseVersion: 2 });
    expect(kept.value).toMatchObject({ notes: 'second', version: 3 });
  });

  it('entity.delete and entity.merge refuse what changed since it was shown', async () => {
    const { bg, entity } = await withEntity();
    const other = (await bg.send('entity.create', { input: { name: 'MEK', type: 'organization' } })).value;
    await bg.send('entity.update', { id: entity.id, input: { name: entity.name, type: 'person', notes: 'changed' }, baseVersion: 1 });
    const del = (await bg.send('entity.delete', { id: entity.id, baseVersion: 1 })) as any;
    expect(del.ok).toBe(false);
    expect(del.conflict.current.notes).toBe('changed');
    const merge = (await bg.send('entity.merge', { keepId: other.id, otherId: entity.id, keepVersion: 1, otherVersion: 1 })) as any;
    expect(merge.conflict).toMatchObject({ kind: 'entity', id: entity.id });
    expect((await bg.send('entity.list', {})).value).toHaveLength(2);
    const merged = await bg.send('entity.merge', { keepId: other.id, otherId: entity.id, keepVersion: 1, otherVersion: 2 });
    expect(merged.value).toMatchObject({ version: 2 });
    expect(merged.value.notes).toContain('changed');
  });

  it('a record written before versions reads as version 0 and is written at 1', async () => {
    const { bg, entity } = await withEntity();
    const db = await bg.db();
    const stored = await db.get('entities', entity.id);
    delete (stored as { version?: number }).version;
    await db.put('entities', stored!);
    const r = await bg.send('entity.update', { id: entity.id, input: { name: entity.name, type: 'person' }, baseVersion: 0 });
    expect(r.value.version).toBe(1);
  });

  it('note.update and note.delete refuse a stale note', async () => {
    const { bg, entity } = await withEntity();
    const sender = contentOf(ARTICLE);
    expect((await bg.send('note.attach', { entityId: entity.id, comment: 'seen', appendToEntity: false, page: { title: 'Rally', site: 'News', canonicalHref: null } }, sender)).ok).toBe(true);
    const [note] = (await bg.send('note.list', {})).value;
    expect(note.version).toBe(1);
    expect((await bg.send('note.update', { id: note.id, patch: { comment: 'popup one' }, baseVersion: 1 })).value.note.version).toBe(2);
    const stale = (await bg.send('note.update', { id: note.id, patch: { comment: 'popup two' }, baseVersion: 1 })) as any;
    expect(stale.conflict).toMatchObject({ kind: 'note', current: { comment: 'popup one', version: 2 } });
    expect(((await bg.send('note.delete', { id: note.id, baseVersion: 1 })) as any).conflict.kind).toBe('note');
    expect((await bg.send('note.list', {})).value[0].comment).toBe('popup one');
  });

  it("note.attach does not append to entity notes changed since the card loaded them", async () => {
    const { bg, entity } = await withEntity();
    await bg.send('entity.update', { id: entity.id, input: { name: entity.name, type: 'person', notes: 'edited meanwhile' }, baseVersion: 1 });
    const before = await dumpDatabase(await bg.db());
    const page = { title: 'Rally', site: 'News', canonicalHref: null };
    const r = (await bg.send('note.attach', { entityId: entity.id, comment: 'from the card', appendToEntity: true, entityVersion: 1, page }, contentOf(ARTICLE))) as any;
    expect(r.ok).toBe(false);
    expect(r.conflict.current.notes).toBe('edited meanwhile');
    expect(await dumpDatabase(await bg.db())).toBe(before);
    const ok = await bg.send('note.attach', { entityId: entity.id, comment: 'from the card', appendToEntity: true, entityVersion: 2, page }, contentOf(ARTICLE));
    expect(ok.value).toEqual({ saved: true, appended: true });
  });

  it('settings.update: a stale change is refused with the stored settings', async () => {
    const bg = makeBackground();
    const s0 = (await bg.send('settings.get', {})).value;
    expect(s0.version).toBe(0);
    const popup = await bg.send('settings.update', { patch: { disabledSites: ['evil.test'] }, baseVersion: 0 });
    expect(popup.value).toMatchObject({ disabledSites: ['evil.test'], version: 1 });
    const options = (await bg.send('settings.update', { patch: { disabledSites: [] }, baseVersion: 0 })) as any;
    expect(options.ok).toBe(false);
    expect(options.error).toMatch(/changed elsewhere/);
    expect(options.conflict).toMatchObject({ kind: 'settings', current: { disabledSites: ['evil.test'], version: 1 } });
    expect((await bg.send('settings.get', {})).value.disabledSites).toEqual(['evil.test']);
  });
});
