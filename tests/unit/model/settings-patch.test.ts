/**
 * A settings patch changes the fields it names and nothing else — through the model's patch
 * schema, the protocol's request schema (what the router parses) and the storage update.
 * Regression: `Settings.partial()` kept every field's default, so choosing a mark style
 * emptied the switched-off sites and turned reading history back on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MARK_DENSITIES, MARK_STYLES, SUGGESTION_MODES, Settings, SettingsPatch } from '../../../lib/model/settings';
import { patchOf } from '../../../lib/model/patch';
import { toBackground } from '../../../lib/messaging/protocol';
import { freshDb } from '../storage/helpers';
import { getSettings, updateSettings } from '../../../lib/storage/settings';

const RUNS = Number(process.env.FC_RUNS ?? 200);

const hostArb = fc.domain().map((d) => d.toLowerCase().replace(/^www\./, '')).filter((d) => Settings.shape.disabledSites.safeParse([d]).success);

/** Any valid stored settings. */
const settingsArb: fc.Arbitrary<Settings> = fc.record({
  markStyle: fc.constantFrom(...MARK_STYLES),
  markDensity: fc.constantFrom(...MARK_DENSITIES),
  disabledSites: fc.uniqueArray(hostArb, { maxLength: 5 }).map((s) => [...s].sort()),
  recordHistory: fc.boolean(),
  recordPrivate: fc.boolean(),
  defaultExactCase: fc.boolean(),
  defaultDiacriticSensitive: fc.boolean(),
  markFurniture: fc.boolean(),
  suggestions: fc.constantFrom(...SUGGESTION_MODES),
  dismissedSuggestions: fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 4 }),
});

/** Any patch: a random subset of fields, each with a valid value. */
const patchArb = settingsArb.chain((full) =>
  fc.subarray(Object.keys(full) as (keyof Settings)[]).map((keys) => Object.fromEntries(keys.map((k) => [k, full[k]])) as Partial<Settings>),
);

describe('settings patches', () => {
  it('an empty patch parses to an empty object (no default is filled in)', () => {
    expect(SettingsPatch.parse({})).toEqual({});
    expect(toBackground['settings.update'].request.parse({ patch: {} })).toEqual({ patch: {} });
  });

  it('a patch keeps exactly the fields it was given (model and protocol schemas)', () => {
    fc.assert(
      fc.property(patchArb, (patch) => {
        expect(SettingsPatch.parse(patch)).toEqual(patch);
        expect(toBackground['settings.update'].request.parse({ patch }).patch).toEqual(patch);
      }),
      { numRuns: RUNS },
    );
  });

  it('for any stored settings and any patch, fields absent from the patch are unchanged in storage', async () => {
    await fc.assert(
      fc.asyncProperty(settingsArb, patchArb, async (stored, patch) => {
        const { db } = await freshDb();
        await updateSettings(db, stored);
        expect(await getSettings(db)).toEqual({ ...stored, version: 1 });
        // The patch goes through the protocol's request schema first, as the router does.
        const { patch: parsed } = toBackground['settings.update'].request.parse({ patch });
        const next = await updateSettings(db, parsed);
        for (const key of Object.keys(stored) as (keyof Settings)[]) {
          const expected = key in patch ? patch[key] : stored[key];
          expect(next[key], key).toEqual(key === 'disabledSites' ? [...new Set(expected as string[])].sort() : expected);
        }
        expect(next.version).toBe(2);
        expect(await getSettings(db)).toEqual(next);
        db.close();
      }),
      { numRuns: Math.min(RUNS, 60) },
    );
  });

  it('the reported sequence: switch a site off, then choose a mark style', async () => {
    const { db } = await freshDb();
    await updateSettings(db, { disabledSites: ['example.net'], recordHistory: false, markDensity: 'first-on-page' });
    const next = await updateSettings(db, toBackground['settings.update'].request.parse({ patch: { markStyle: 'dotted' } }).patch);
    expect(next).toMatchObject({ disabledSites: ['example.net'], recordHistory: false, markDensity: 'first-on-page', markStyle: 'dotted' });
  });
});

describe('every patch schema in lib/model', () => {
  it('patchOf removes defaults but keeps each field’s own validation', () => {
    const P = patchOf({ a: z.string().max(2).default('x'), b: z.number().optional() });
    expect(P.parse({})).toEqual({});
    expect(P.safeParse({ a: 'long' }).success).toBe(false);
    expect(P.safeParse({ c: 1 }).success).toBe(false);
  });

  it('no exported *Patch schema fills in a field the caller did not send', () => {
    const modules = import.meta.glob('../../../lib/model/*.ts', { eager: true }) as Record<string, Record<string, unknown>>;
    const patches = Object.values(modules).flatMap((m) =>
      Object.entries(m).filter((e): e is [string, z.ZodObject] => /Patch$/.test(e[0]) && e[1] instanceof z.ZodObject),
    );
    expect(patches.map(([n]) => n).sort()).toEqual(expect.arrayContaining(['NotePatch', 'SettingsPatch']));
    for (const [name, schema] of patches) expect(schema.parse({}), name).toEqual({});
  });
});
