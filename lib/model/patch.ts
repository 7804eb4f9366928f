/**
 * Patch schemas: "change these fields, leave the rest". A patch must never carry a field its
 * caller did not send. zod 4 applies a field's `.default()` even inside `.optional()` (and so
 * inside `.partial()`), which turned every settings patch into "reset everything else to its
 * default". `patchOf` builds the patch from the record's shape with every default removed, so
 * an absent field stays absent after parsing.
 */
import { z } from 'zod';

/** A field's schema without its default (other wrappers such as `.optional()` are kept). */
type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;

export type PatchShape<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<Extract<WithoutDefault<S[K]>, z.core.SomeType>> };

/** The strict patch object for a record's shape: every field optional, none defaulted. */
export function patchOf<S extends z.ZodRawShape>(shape: S): z.ZodObject<PatchShape<S>, z.core.$strict> {
  const fields: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape) as [string, z.ZodType][]) {
    const bare = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
    fields[key] = bare.optional();
  }
  return z.strictObject(fields) as unknown as z.ZodObject<PatchShape<S>, z.core.$strict>;
}
