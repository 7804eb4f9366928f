/**
 * The glossary part of the protocol: reading and editing entities, and the glossary file in
 * one step. Every entry is for the extension's own pages only: a web page never reads the
 * glossary wholesale nor writes it. Spread into `toBackground` in protocol.ts.
 */
import { z } from 'zod';
import { Entity, EntityId, EntityInput } from '../model/entity';
import { MAX_GLOSSARY_FILE_CHARS } from '../model/glossary-file';
import { DeletedEntity } from '../model/reading-views';
import { Version } from '../model/version';
import { Count, Empty, type MessageTable } from './table';

export const glossaryMessages = {
  'entity.list': {
    from: ['extension-page'],
    request: Empty,
    reply: z.array(Entity),
  },
  'entity.get': {
    from: ['extension-page'],
    request: z.strictObject({ ids: z.array(EntityId).max(10_000) }),
    reply: z.array(Entity),
  },
  'entity.create': {
    from: ['extension-page'],
    request: z.strictObject({ input: EntityInput }),
    reply: Entity,
  },
  /**
   * `baseVersion`: the entity's version when the form loaded it; a record changed since is not
   * overwritten (an error reply with `conflict`, docs/versioning.md).
   */
  'entity.update': {
    from: ['extension-page'],
    request: z.strictObject({ id: EntityId, input: EntityInput, baseVersion: Version.optional() }),
    reply: Entity,
  },
  'entity.delete': {
    from: ['extension-page'],
    request: z.strictObject({ id: EntityId, baseVersion: Version.optional() }),
    /** `removed`: what was deleted, for entity.restore (undo). */
    reply: z.strictObject({ deleted: z.boolean(), removed: DeletedEntity.nullable().optional() }),
  },
  /**
   * A glossary file imported in one step, for scripts and tests (npm start, benchmarks, e2e
   * fixtures): the same engine as import.commit, every duplicate merged. The file's text is
   * parsed and validated in the background (never trusted from the page).
   */
  'glossary.import': {
    from: ['extension-page'],
    request: z.strictObject({ text: z.string().max(MAX_GLOSSARY_FILE_CHARS) }),
    reply: z.strictObject({ added: Count, updated: Count }),
  },
  'glossary.export': {
    from: ['extension-page'],
    request: Empty,
    reply: z.strictObject({ json: z.string(), filename: z.string() }),
  },
} as const satisfies MessageTable;
