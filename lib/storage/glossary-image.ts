/**
 * Where the background keeps its compiled glossary between lives (lib/background/glossary-image.ts
 * says what an image is and checks it): records of the `meta` store, so no schema change —
 * the head under `glossaryImage`, each of its parts (compiled segments, creation times) under
 * `glossaryImage/<part id>`. Records are opaque here and checked by whoever reads them.
 *
 * Loading is one request in one read-only transaction with the glossary revision, so the two
 * always agree. Saving happens after a compile, in its own transaction, never inside a
 * glossary write: it checks that the revision is still the one compiled (an edit that landed
 * meanwhile makes the image stale: it is not written), writes only the parts not stored yet
 * (a part's id names its content), and deletes those no longer named.
 */
import { runTransaction, type Database } from './db';
import { META_GLOSSARY_REVISION } from './schema';

export const META_GLOSSARY_IMAGE = 'glossaryImage';
const PART_PREFIX = `${META_GLOSSARY_IMAGE}/`;

/** The head's key and every part's, and nothing else of `meta`. */
function imageKeys(): IDBKeyRange {
  return IDBKeyRange.bound(META_GLOSSARY_IMAGE, `${PART_PREFIX}\uffff`);
}

export function partKey(id: string): string {
  return `${PART_PREFIX}${id}`;
}

export interface StoredImage {
  /** The glossary revision now. */
  revision: number;
  /** The head record as stored (undefined: none). */
  head: unknown;
  /** Every part record as stored. */
  parts: unknown[];
}

function revisionOf(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

/** The revision and the stored image, in one transaction (two requests, issued together). */
export async function loadGlossaryImage(db: Database): Promise<StoredImage> {
  return runTransaction(db, ['meta'], 'readonly', async (tx) => {
    const meta = tx.objectStore('meta');
    const [revision, keys, values] = await Promise.all([meta.get(META_GLOSSARY_REVISION), meta.getAllKeys(imageKeys()), meta.getAll(imageKeys())]);
    let head: unknown;
    const parts: unknown[] = [];
    keys.forEach((key, i) => {
      if (key === META_GLOSSARY_IMAGE) head = values[i];
      else if (String(key).startsWith(PART_PREFIX)) parts.push(values[i]);
    });
    return { revision: revisionOf(revision), head, parts };
  });
}

export interface ImageToSave {
  revision: number;
  head: unknown;
  parts: { id: string; value: unknown }[];
}

/**
 * Store an image of `revision`. 'stale' when the glossary moved on since (nothing is written);
 * parts already stored under their id are not written again (a part's id names its content: a
 * segment id one compiled segment), and the ones the new head does not name are deleted.
 */
export async function saveGlossaryImage(db: Database, image: ImageToSave): Promise<'saved' | 'stale'> {
  return runTransaction(db, ['meta'], 'readwrite', async (tx) => {
    const meta = tx.objectStore('meta');
    const [revision, keys] = await Promise.all([meta.get(META_GLOSSARY_REVISION), meta.getAllKeys(imageKeys())]);
    if (revisionOf(revision) !== image.revision) return 'stale';
    const stored = new Set(keys.map(String));
    const wanted = new Set(image.parts.map((p) => partKey(p.id)));
    const writes: Promise<unknown>[] = [];
    for (const key of stored) if (key.startsWith(PART_PREFIX) && !wanted.has(key)) writes.push(meta.delete(key));
    for (const p of image.parts) if (!stored.has(partKey(p.id))) writes.push(meta.put(p.value, partKey(p.id)));
    writes.push(meta.put(image.head, META_GLOSSARY_IMAGE));
    await Promise.all(writes);
    return 'saved';
  });
}
