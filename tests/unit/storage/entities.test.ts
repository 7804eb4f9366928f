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
  importEntities,
  listEntities,
  normalizeName,
  updateEntity,
} from '../../../lib/storage/entities';
import { alsoIn, recordVisit } from '../../../lib/storage/reading';
import { NotFoundError, ValidationError } from '../../../lib/storage/errors';
import { Entity } from '../../../lib/model/entity';
import { parseGlossaryFile, serializeGlossaryFile } from '../../../lib/model/glossary-file';

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
    expect(u).toEqual({ id: e.id, name: 'Robert', type: 'other', aliases: [{ text: 'Bob', exactCase: true }], notes: 'new', createdAt: T0, updatedAt: T0 + 5 });
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
    await importEntities(db, [input('X'), input('Y')], T0);
    expect(await getGlossaryRevision(db)).toBe(4);
    // Nothing changed: no bump.
    await importEntities(db, [input('X'), input('Y')], T0 + 1);
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

describe('importEntities', () => {
  it('adds new entities, updates by id and by name, counts only real changes', async () => {
    const { db } = await freshDb();
    const byId = await createEntity(db, input('Old name', { notes: 'n' }), T0);
    const byName = await createEntity(db, input('Hassan Rouhani', { notes: 'before' }), T0);
    const same = await createEntity(db, input('Unchanged'), T0);

    const result = await importEntities(db, [
      { id: byId.id, name: 'New name', type: 'person', aliases: [], notes: 'n' },
      { name: 'HASSAN  ROUHANI', type: 'person', aliases: [{ text: 'Rouhani' }], notes: 'after' },
      { name: 'Unchanged', type: 'person' },
      { id: 'fromfile1', name: 'Brand New', type: 'event', createdAt: T0 - 1000, updatedAt: T0 - 500 },
      { name: 'No id', type: 'other' },
    ], T0 + 10);
    expect(result).toEqual({ added: 2, updated: 2 });

    const all = await listEntities(db);
    expect(all).toHaveLength(5);
    expect(await getEntity(db, byId.id)).toMatchObject({ name: 'New name', createdAt: T0, updatedAt: T0 + 10 });
    expect(await getEntity(db, byName.id)).toMatchObject({ name: 'HASSAN  ROUHANI', notes: 'after', aliases: [{ text: 'Rouhani' }], createdAt: T0, updatedAt: T0 + 10 });
    expect(await getEntity(db, same.id)).toEqual(same);
    expect(await getEntity(db, 'fromfile1')).toEqual({ id: 'fromfile1', name: 'Brand New', type: 'event', aliases: [], notes: '', createdAt: T0 - 1000, updatedAt: T0 - 500 });
    const noId = all.find((e) => e.name === 'No id')!;
    expect(noId.id).toMatch(/^[0-9a-f]{32}$/);
    expect(noId).toMatchObject({ createdAt: T0 + 10, updatedAt: T0 + 10 });
  });

  it('keeps two same-name entities from one file apart, and matches each existing entity once', async () => {
    const { db } = await freshDb();
    const existing = await createEntity(db, input('John Smith', { notes: 'the MP' }), T0);
    const r = await importEntities(db, [
      { name: 'John Smith', type: 'person', notes: 'the MP, updated' },
      { name: 'John Smith', type: 'person', notes: 'the footballer' },
    ], T0 + 1);
    expect(r).toEqual({ added: 1, updated: 1 });
    const smiths = await findEntitiesByName(db, 'john smith');
    expect(smiths.map((e) => e.notes).sort()).toEqual(['the MP, updated', 'the footballer']);
    expect(smiths.find((e) => e.notes === 'the MP, updated')!.id).toBe(existing.id);
  });

  it('an id match wins over a name match for the same stored entity', async () => {
    const { db } = await freshDb();
    const e = await createEntity(db, input('Tehran'), T0);
    const r = await importEntities(db, [
      { name: 'Tehran', type: 'other', notes: 'by name' },
      { id: e.id, name: 'Tehran (city)', type: 'other', notes: 'by id' },
    ], T0 + 1);
    expect(r).toEqual({ added: 1, updated: 1 });
    expect(await getEntity(db, e.id)).toMatchObject({ name: 'Tehran (city)', notes: 'by id' });
  });

  it('is all or nothing: one invalid record mid-batch writes nothing', async () => {
    const { db } = await freshDb();
    const keep = await createEntity(db, input('Keep me', { notes: 'original' }), T0);
    const batch = [
      { name: 'First', type: 'person' },
      { id: keep.id, name: 'Keep me', type: 'person', notes: 'changed' },
      { name: '   ', type: 'person', aliases: [{ text: 'ok' }, { text: '' }] },
      { name: 'Last', type: 'person' },
    ];
    const err = await importEntities(db, batch as never, T0 + 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).problems).toEqual([
      'entities[2].name: must not be empty',
      'entities[2].aliases[1].text: must not be empty',
    ]);
    expect(await listEntities(db)).toEqual([keep]);
    expect(await getGlossaryRevision(db)).toBe(1);
  });

  it('rejects duplicate ids within the batch', async () => {
    const { db } = await freshDb();
    await expect(importEntities(db, [
      { id: 'dup', name: 'A', type: 'person' },
      { id: 'dup', name: 'B', type: 'person' },
    ], T0)).rejects.toThrow('entities[1].id: "dup" is already used by entities[0]');
    expect(await listEntities(db)).toEqual([]);
  });

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
    await expect(importEntities(db, [
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

  it('round trip: export, parse, import into an empty database gives the same entities', async () => {
    const { db } = await freshDb();
    await createEntity(db, input('People’s Mojahedin Organization of Iran', {
      type: 'organization',
      aliases: [{ text: 'MEK' , exactCase: true }, { text: 'PMOI' }, { text: 'Mojahedin-e Khalq', exactCase: false }],
      notes: 'Exiled opposition group.\n<script>alert(1)</script> & "quotes"',
    }), T0);
    await createEntity(db, input('John Smith', { notes: 'one' }), T0 + 1);
    await createEntity(db, input('John Smith', { notes: 'two' }), T0 + 2);
    const e4 = await createEntity(db, input('Ḥasan Rūḥānī 🇮🇷', { type: 'person' }), T0 + 3);
    await updateEntity(db, e4.id, input('Ḥasan Rūḥānī 🇮🇷', { type: 'person', notes: 'edited' }), T0 + 99);
    await createEntity(db, input('Iran–Iraq War', { type: 'event' }), T0 + 4);
    const original = await listEntities(db);

    const text = serializeGlossaryFile(original, T0 + 1000);
    const parsed = parseGlossaryFile(text);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));

    const { db: empty } = await freshDb();
    expect(await importEntities(empty, parsed.entities, T0 + 5000)).toEqual({ added: original.length, updated: 0 });
    expect(await listEntities(empty)).toEqual(original);
    // And once more into the same profile: nothing changes.
    expect(await importEntities(empty, parsed.entities, T0 + 6000)).toEqual({ added: 0, updated: 0 });
    expect(await listEntities(empty)).toEqual(original);
  });
});
