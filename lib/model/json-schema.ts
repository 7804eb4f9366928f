/**
 * JSON Schemas of the files the extension writes and reads, generated from the zod schemas
 * that validate them (z.toJSONSchema, input side). Checked into docs/schemas/ and kept up to
 * date by tests/unit/model/json-schema.test.ts (NCR_UPDATE_SCHEMAS=1 rewrites them).
 *
 * Two things zod cannot say by itself are added here: an alias may be a plain string, and
 * dates are ISO 8601 date-time strings.
 */
import { z } from 'zod';
import { FileAlias, GlossaryFileV3, GLOSSARY_FORMAT_VERSION } from './glossary-file';
import { BackupFileV2, BACKUP_FORMAT_VERSION } from './backup-file';
import { FileTimestamp } from './file-common';

type JsonSchema = Record<string, unknown>;

function generate(schema: z.ZodType, meta: { id: string; title: string; description: string }): JsonSchema {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      if (ctx.zodSchema === FileAlias) {
        const object = { ...ctx.jsonSchema };
        for (const k of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[k];
        ctx.jsonSchema.anyOf = [{ type: 'string', minLength: 1, maxLength: 200, description: 'shorthand for {"text": "..."}' }, object];
      } else if (ctx.zodSchema === FileTimestamp) {
        ctx.jsonSchema.format = 'date-time';
        ctx.jsonSchema.description = 'ISO 8601 date-time with Z or an offset, not before 1970';
      }
    },
  }) as JsonSchema;
  const { $schema, ...rest } = json;
  return { $schema, $id: meta.id, title: meta.title, description: meta.description, ...rest };
}

export function glossaryJsonSchema(): JsonSchema {
  return generate(GlossaryFileV3, {
    id: 'https://news-context-reader.invalid/schemas/glossary.schema.json',
    title: `News Context Reader glossary file, version ${GLOSSARY_FORMAT_VERSION}`,
    description: 'The glossary as exported by the options page. See docs/glossary-format.md. Version 1 and 2 files are also read.',
  });
}

export function backupJsonSchema(): JsonSchema {
  return generate(BackupFileV2, {
    id: 'https://news-context-reader.invalid/schemas/backup.schema.json',
    title: `News Context Reader backup file, version ${BACKUP_FORMAT_VERSION}`,
    description: 'Glossary, reading index, saved notes and settings. See docs/backup-format.md.',
  });
}

/** File name (under docs/schemas/) -> its schema, as written to disk. */
export function allJsonSchemas(): Record<string, string> {
  return {
    'glossary.schema.json': `${JSON.stringify(glossaryJsonSchema(), null, 2)}\n`,
    'backup.schema.json': `${JSON.stringify(backupJsonSchema(), null, 2)}\n`,
  };
}
