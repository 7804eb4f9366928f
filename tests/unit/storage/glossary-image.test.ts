import { describe, expect, it } from 'vitest';
import { freshDb, input, T0 } from './helpers';
import { loadGlossaryImage, saveGlossaryImage, partKey, META_GLOSSARY_IMAGE } from '../../../lib/storage/glossary-image';
import { createEntity, getGlossaryRevision } from '../../../lib/storage/entities';
import { getSettings, updateSettings } from '../../../lib/storage/settings';

const image = (revision: number, ids: string[]) => ({
  revision,
  head: { head: true, revision, ids },
  parts: ids.map((id) => ({ id, value: { id, body: `segment ${id}` } })),
});

describe('the stored glossary image (meta records)', () => {
  it('is read back with the revision, in one transaction; nothing stored reads as no head', async () => {
    const { db } = await freshDb();
    expect(await loadGlossaryImage(db)).toEqual({ revision: 0, head: undefined, parts: [] });
    await createEntity(db, input('Maryam Rajavi'), T0);
    const revision = await getGlossaryRevision(db);
    expect(await saveGlossaryImage(db, image(revision, ['a', 'b']))).toBe('saved');
    expect(await loadGlossaryImage(db)).toEqual({
      revision,
      head: { head: true, revision, ids: ['a', 'b'] },
      parts: [
        { id: 'a', body: 'segment a' },
        { id: 'b', body: 'segment b' },
      ],
    });
  });

  it('is not written when the glossary moved on since the compile (stale)', async () => {
    const { db } = await freshDb();
    await createEntity(db, input('Maryam Rajavi'), T0);
    const compiledAt = await getGlossaryRevision(db);
    expect(await saveGlossaryImage(db, image(compiledAt, ['a']))).toBe('saved');
    await createEntity(db, input('Hassan Rouhani'), T0);
    expect(await saveGlossaryImage(db, image(compiledAt, ['b']))).toBe('stale');
    const stored = await loadGlossaryImage(db);
    expect(stored.head).toEqual({ head: true, revision: compiledAt, ids: ['a'] });
    expect(stored.revision).toBe(compiledAt + 1);
  });

  it('writes only new parts, deletes the ones no longer named, and touches no other record', async () => {
    const { db } = await freshDb();
    await updateSettings(db, { markStyle: 'background' });
    const settings = await getSettings(db);
    const revision = await getGlossaryRevision(db);
    await saveGlossaryImage(db, image(revision, ['base', 'delta1']));
    // A part's id names its content: a stored one is not written again.
    await db.put('meta', { id: 'base', body: 'as stored' }, partKey('base'));
    await saveGlossaryImage(db, image(revision, ['base', 'delta2']));
    const keys = (await db.getAllKeys('meta')).filter((k) => String(k).startsWith(META_GLOSSARY_IMAGE));
    expect(keys.sort()).toEqual([META_GLOSSARY_IMAGE, partKey('base'), partKey('delta2')]);
    expect((await loadGlossaryImage(db)).parts).toEqual([
      { id: 'base', body: 'as stored' },
      { id: 'delta2', body: 'segment delta2' },
    ]);
    expect(await getSettings(db)).toEqual(settings);
    expect(await getGlossaryRevision(db)).toBe(revision);
  });
});
