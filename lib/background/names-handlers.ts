/**
 * Handlers of "names, not words" (lib/messaging/names.ts): the per-site alias switch and the
 * review of aliases for the entity form; and the alias notes of an import preview.
 */
import type { Handlers } from './router';
import type { HandlerDeps } from './handlers';
import { getEntities, listEntities } from '../storage/entities';
import { normalizeText } from '../text/normalize';
import { changeExclusion, listExclusions } from '../storage/alias-exclusions';
import { getSettings } from '../storage/settings';
import { siteHostOf } from '../model/settings';
import { surfaceForms, type Alias, type Entity } from '../model/entity';
import type { Database } from '../storage/db';
import type { AliasExclusion } from '../model/alias-exclusion';
import { indexForms, reviewAliases, reviewNeedsSaying, type AliasReview } from './alias-review';

type NamesHandlers = Pick<Handlers, 'alias.exclude' | 'alias.include' | 'alias.exclusions' | 'alias.review'>;

async function withNames(db: Database, exclusions: AliasExclusion[]) {
  const entities = await listEntities(db);
  const wanted = new Set(exclusions.map((x) => x.entityId));
  const names: Record<string, string> = {};
  for (const e of entities) if (wanted.has(e.id)) names[e.id] = e.name;
  return { exclusions, names };
}

export function createNamesHandlers(deps: HandlerDeps, afterGlossaryWrite: () => Promise<void>): NamesHandlers {
  const { db, now } = deps;
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

/** The alias notes of an import preview: entries whose aliases are common words, months, lists, or shared with the glossary or the file. */
export function importAliasNotes(
  entries: readonly { id?: string; name: string; aliases?: Alias[] }[],
  glossary: readonly Entity[],
  max = 1000,
): { index: number; name: string; reviews: AliasReview[] }[] {
  // The file's entries count as sharing with each other too (they arrive together), after the glossary's.
  const fileEntries = entries.map((e, i) => ({ id: e.id ?? `#${i}`, name: e.name, aliases: e.aliases ?? [], createdAt: Number.MAX_SAFE_INTEGER - entries.length + i }));
  const byKey = indexForms([...glossary, ...fileEntries]);
  const out: { index: number; name: string; reviews: AliasReview[] }[] = [];
  fileEntries.forEach((e, index) => {
    if (out.length >= max) return;
    const reviews = reviewAliases(e, byKey).filter(reviewNeedsSaying);
    if (reviews.length) out.push({ index, name: e.name, reviews });
  });
  return out;
}
