import { afterEach, describe, expect, it, vi } from 'vitest';
import { T0, freshDb, input, countMentions } from './helpers';
import {
  createEntity,
  deleteEntity,
  findEntitiesByName,
  getEntities,
  getEntity,
  getGlossaryRevision,
  getGlossarySnapshot,
  listEntities,
  normalizeName,
  updateEntity,
} from '../../../lib/storage/entities';
import { alsoIn, recordVisit } from '../../../lib/storage/reading';
import { NotFoundError, ValidationError } from '../../../lib/storage/errors';
import { Entity } from '../../../lib/model/entity';
import type { GlossaryEntity } from '../../../lib/model/glossary-file';
import { glossaryBundle } from '../../../lib/model/import-file';
import { commitImport } from '../../../lib/storage/import';
import type { Database } from '../../../lib/storage/db';

/** A glossary file's entries through the one import engine, every duplicate merged (as glossary.import does). */
function importGlossary(db: Database, entries: readonly object[], now: number) {
  const parsed = entries.map((e) => ({ aliases: [], notes: '', ...e }) as unknown as GlossaryEntity);
  return commitImport(db, glossaryBundle('glossary', parsed), { default: 'merge' }, now);
}

afterEach(() => vi.restoreAllMocks());

describe('createEntity / updateEntity / deleteEntity', () => {
  it('creates a validated entity with a generated id and timestamps', async () => {
    const { db } = await freshDb();
    const e = await createEntity(db, input('  People’s Mojahedin  ', { type: 'organization', aliases: [{ text: 'MEK' }] }), T0);
    expect(e.id).toMatch(/^[0-9a-f]{32}$/);
    expect(Entity.parse(e)).toEqual(e);
    expect(e).toMatchObject({ name: 'People’s Mojahedin', type: 'organization', createdAt: T0, updatedAt: T0, notes: '' });
    // Stored form stays internal: no nameKey leaks out.
    expect(await getEntity(db, e.id)).toEqual(e);
    expect(Object.keys((await listEntities(db))[0]!)).not.toContain('nameKey');
  });

  it('rejects invalid input with a message naming the field, and writes nothing', async () => {
    const { db } = await freshDb();
    await expect(createEntity(db, input('   '), T0)).rejects.toThrow(new ValidationError('entity', ['name: must not be empty']));
    await expect(createEntity(db, { name: 'X', type: 'planet' } as never, T0)).rejects.toBeInstanceOf(ValidationError);
    await expect(createEntity(db, { ...input('X'), extra: 1 } as never, T0)).rejects.toThrow(/extra/);
    expect(await listEntities(db)).toEqual([]);
    expect(await getGlossaryRevision(db)).toBe(0);
  });

  it('update keeps id and createdAt, replaces the rest; missing id is NotFound', async () => {
    const { db } = await freshDb();
    const e = await createEntity(db, input('Bob', { notes: 'old' }), T0);
    const u = await updateEntity(db, e.id, input('Robert', { type: 'other', aliases: [{ text: 'Bob', exactCase: true }], notes: 'new' }), T0 + 5);
    expect(u).toEqual({ id: e.id, name: 'Robert', type: 'other', aliases: [{ text: 'Bob', exactCase: true }], notes: 'new', createdAt: T0, updatedAt: T0 + 5, version: 2 });
    expect(await listEntities(db)).toEqual([u]);
    expect(await findEntitiesByName(db, 'ROBERT')).toEqual([u]);
    expect(await findEntitiesByName(db, 'bob')).toEqual([]);

    await expect(updateEntity(db, 'nope', input('X'), T0)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateEntity(db, 'nope', input('X'), T0)).rejects.toThrow('entity "nope" does not exist');
    await expect(updateEntity(db, e.id, input(''), T0)).rejects.toBeInstanceOf(ValidationError);
    expect(await listEntities(db)).toEqual([u]);
  });

  it('delete removes the entity and its mentions in one go, leaving other entities alone', async () => {
    const { db } = await freshDb();
    const a = await createEntity(db, input('Alpha'), T0);
    const b = await createEntity(db, input('Beta'), T0);
    for (const url of ['https://example.com/1', 'https://example.com/2']) {
      await recordVisit(db, { url, title: url, site: 'Example', mentions: [
        { entityId: a.id, count: 1, snippet: '' },
        { entityId: b.id, count: 2, snippet: '' },
      ] }, T0);
    }
    expect(await countMentions(db)).toBe(4);
    expect(await deleteEntity(db, a.id)).toBe(true);
    expect(await countMentions(db)).toBe(2);
    expect(await alsoIn(db, a.id)).toEqual([]);
    expect(await alsoIn(db, b.id)).toHaveLength(2);
    expect(await listEntities(db)).toEqual([b]);
    // Articles are reading history: they stay.
    expect(await db.count('articles')).toBe(2);
    expect(await deleteEntity(db, a.id)).toBe(false);
    expect(await deleteEntity(db, 'not a valid id!')).toBe(false);
  });

  it('bumps the glossary revision once per change, in the same transaction', async () => {
    const { db } = await freshDb();
    expect(await getGlossaryRevision(db)).toBe(0);
    const e = await createEntity(db, input('A'), T0);
    expect(await getGlossaryRevision(db)).toBe(1);
    await updateEntity(db, e.id, input('A2'), T0);
    expect(await getGlossaryRevision(db)).toBe(2);
    await expect(updateEntity(db, 'missing', input('A'), T0)).rejects.toThrow();
    await deleteEntity(db, 'missing');
    expect(await getGlossaryRevision(db)).toBe(2);
    await deleteEntity(db, e.id);
    expect(await getGlossaryRevision(db)).toBe(3);
    await importGlossary(db, [input('X'), input('Y')], T0);
    expect(await getGlossaryRevision(db)).toBe(4);
    // Nothing changed: no bump.
    await importGlossary(db, [input('X'), input('Y')], T0 + 1);
    expect(await getGlossaryRevision(db)).toBe(4);
    const snap = await getGlossarySnapshot(db);
    expect(snap.revision).toBe(4);
    expect(snap.entities.map((x) => x.name)).toEqual(['X', 'Y']);
  });

  it('lists by normalised name; getEntities keeps the asked order and skips missing ids', async () => {
    const { db } = await freshDb();
    const c = await createEntity(db, input('charlie'), T0);
    const a = await createEntity(db, input('Alpha'), T0);
    const b = await createEntity(db, input('bravo'), T0);
    expect((await listEntities(db)).map((e) => e.name)).toEqual(['Alpha', 'bravo', 'charlie']);
    expect(await getEntities(db, [b.id, 'missing', a.id, b.id])).toEqual([b, a]);
    expect(await getEntities(db, [])).toEqual([]);
    expect(c.id).not.toBe(a.id);
  });

  it('normalizeName ignores case, spacing and apostrophe style', () => {
    expect(normalizeName('  People’s   Mojahedin ')).toBe("people's mojahedin");
    expect(normalizeName('ÉMILE')).toBe('émile');
    expect(normalizeName('E\u0301mile')).toBe(normalizeName('Émile'));
  });
});

// The one-step glossary import of the first versions (name match replaced the stored entity)
// was retired for the preview/commit engine; its behaviour is tested in knowledge.test.ts.
// What every glossary write owes, the engine included:
describe('a glossary import', () => {
  it('rolls back writes already made when a write fails inside the transaction', async () => {
    const { db } = await freshDb();
    const keep = await createEntity(db, input('Keep me', { notes: 'original' }), T0);
    // Make the store's third `add` request fail the way IndexedDB does (e.g. DataCloneError).
    const proto = (globalThis as unknown as { IDBObjectStore: { prototype: { add: (...a: unknown[]) => unknown } } }).IDBObjectStore.prototype;
    const realAdd = proto.add;
    let calls = 0;
    vi.spyOn(proto, 'add').mockImplementation(function (this: unknown, ...args: unknown[]) {
      calls++;
      if (calls === 3) throw new DOMException('simulated failure', 'DataCloneError');
      return realAdd.apply(this, args);
    });
    await expect(importGlossary(db, [
      { id: keep.id, name: 'Keep me', type: 'person', notes: 'changed' },
      { name: 'One', type: 'person' },
      { name: 'Two', type: 'person' },
      { name: 'Three', type: 'person' },
    ], T0 + 1)).rejects.toThrow('simulated failure');
    expect(calls).toBe(3);
    vi.restoreAllMocks();
    expect(await listEntities(db)).toEqual([keep]);
    expect(await getGlossaryRevision(db)).toBe(1);
  });
});
