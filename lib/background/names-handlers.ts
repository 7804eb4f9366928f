/**
 * Handlers of "names, not words" (lib/messaging/names.ts): the per-site alias switch and the
 * review of aliases for the entity form.
 */
import type { namesMessages } from '../messaging/names';
import type { AreaDeps, HandlersOf } from './handler-types';
import { getEntities, listEntities } from '../storage/entities';
import { normalizeText } from '../text/normalize';
import { changeExclusion, listExclusions } from '../storage/alias-exclusions';
import { getSettings } from '../storage/settings';
import { siteHostOf } from '../model/settings';
import { surfaceForms } from '../model/entity';
import type { Database } from '../storage/db';
import type { AliasExclusion } from '../model/alias-exclusion';
import { indexForms, reviewAliases } from './alias-review';

async function withNames(db: Database, exclusions: AliasExclusion[]) {
  const entities = await listEntities(db);
  const wanted = new Set(exclusions.map((x) => x.entityId));
  const names: Record<string, string> = {};
  for (const e of entities) if (wanted.has(e.id)) names[e.id] = e.name;
  return { exclusions, names };
}

export function createNamesHandlers(deps: AreaDeps): HandlersOf<typeof namesMessages> {
  const { db, now, afterGlossaryWrite } = deps;
  return {
    async 'alias.exclude'({ entityId, alias, site }, ctx) {
      // A page names no site: the card's click is for the site the browser says sent it.
      const here = ctx.kind === 'content' ? siteHostOf(ctx.sender.url ?? '') : site?.trim().toLowerCase() || null;
      if (!here) throw new Error('No site to switch this alias off on.');
      // Only a real alias of a real entity: a page can neither fill the list with made-up
      // entries nor learn anything (the answer is the same error either way).
      const [entity] = await getEntities(await db(), [entityId]);
      const key = normalizeText(alias);
      if (!entity || !surfaceForms(entity).some((a) => normalizeText(a.text) === key)) throw new Error('No such alias to switch off.');
      await changeExclusion(await db(), { site: here, entityId, alias }, now());
      await afterGlossaryWrite();
      return { site: here };
    },

    async 'alias.include'({ entityId, alias, site }) {
      const list = await changeExclusion(await db(), { site, entityId, alias }, now(), true);
      await afterGlossaryWrite();
      return withNames(await db(), list);
    },

    async 'alias.exclusions'() {
      const d = await db();
      return withNames(d, await listExclusions(d));
    },

    async 'alias.review'({ entity }) {
      const d = await db();
      const [entities, settings] = await Promise.all([listEntities(d), getSettings(d)]);
      const self = entity.id ? entities.find((e) => e.id === entity.id) : undefined;
      return reviewAliases(
        { ...entity, createdAt: self?.createdAt },
        indexForms(entities),
        { exactCase: settings.defaultExactCase, diacriticSensitive: settings.defaultDiacriticSensitive },
      );
    },
  };
}
