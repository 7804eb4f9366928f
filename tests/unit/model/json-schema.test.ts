import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { allJsonSchemas, glossaryJsonSchema } from '../../../lib/model/json-schema';

const DIR = resolve(import.meta.dirname, '../../../docs/schemas');

describe('JSON Schemas in docs/schemas', () => {
  const schemas = allJsonSchemas();
  if (process.env.NCR_UPDATE_SCHEMAS === '1') {
    mkdirSync(DIR, { recursive: true });
    for (const [name, text] of Object.entries(schemas)) writeFileSync(join(DIR, name), text);
  }

  it.each(Object.keys(schemas))('%s is up to date with the zod schemas (NCR_UPDATE_SCHEMAS=1 npx vitest run tests/unit/model/json-schema.test.ts rewrites it)', (name) => {
    expect(readFileSync(join(DIR, name), 'utf8')).toBe(schemas[name]);
  });

  it('describes aliases as a string or an object, dates as date-times, unknown fields as errors', () => {
    const s = glossaryJsonSchema() as any;
    const entity = s.properties.entities.items;
    expect(entity.additionalProperties).toBe(false);
    expect(entity.required).toEqual(['name', 'type']);
    expect(entity.properties.aliases.items.anyOf.map((x: { type: string }) => x.type)).toEqual(['string', 'object']);
    expect(entity.properties.createdAt.format).toBe('date-time');
    expect(entity.properties.type.enum).toEqual(['person', 'organization', 'event', 'place', 'other']);
  });
});
