/**
 * Wikidata entity JSON, as Wikidata serves it at Special:EntityData/Q42.json
 * (`{"entities": {"Q42": {...}}}`), a bare entity (`{"id": "Q42", "type": "item", ...}`), or a
 * list of either — the reader brings the file; nothing is fetched. Read only. Pure.
 *
 * An item becomes an entity: its label in the reader's first language that has one (else
 * English, else the first label) is the name; labels in the reader's other languages and the
 * aliases in the reader's languages are its aliases; the description (same language as the
 * name) is the first line of its notes; its Wikidata page (and the Wikipedia article in the
 * name's language, when the file has the sitelink) are its links; its type comes from its
 * instance-of statements (P31) through WIKIDATA_TYPES below. Documented in
 * docs/formats-glossary.md.
 */
import { MAX_ALIASES, MAX_NAME_LENGTH, type Alias, type EntityType } from '../model/entity';
import { GlossaryEntity, MAX_GLOSSARY_ENTITIES, toGlossaryEntity, type ParseGlossaryResult } from '../model/glossary-file';
import { capErrors, clip, formatIssues, friendlyMessage } from '../model/file-common';
import { DEFAULT_LANGUAGES, type ReadOptions } from './skos';

/**
 * Instance-of (P31) values and the type they give. The first P31 value found here decides
 * (preferred-rank statements first); none found: "other". A fixed table, no network: an item
 * that is an instance of a subclass not listed (e.g. "Polish political party") is "other" until
 * the reader changes it. Places are mapped too, since the glossary has the type.
 */
export const WIKIDATA_TYPES: Readonly<Record<string, EntityType>> = {
  // People
  Q5: 'person', // human
  // Organisations
  Q43229: 'organization', // organization
  Q7278: 'organization', // political party
  Q4830453: 'organization', // business
  Q783794: 'organization', // company
  Q891723: 'organization', // public company
  Q6881511: 'organization', // enterprise
  Q192283: 'organization', // news agency
  Q11032: 'organization', // newspaper
  Q1331793: 'organization', // media company
  Q484652: 'organization', // international organization
  Q245065: 'organization', // intergovernmental organization
  Q163740: 'organization', // nonprofit organization
  Q7210356: 'organization', // political organization
  Q327333: 'organization', // government agency
  Q17127659: 'organization', // terrorist organization
  Q3918: 'organization', // university
  Q476028: 'organization', // association football club
  // Events
  Q1656682: 'event', // event
  Q1190554: 'event', // occurrence
  Q13418847: 'event', // historical event
  Q198: 'event', // war
  Q350604: 'event', // armed conflict
  Q178561: 'event', // battle
  Q40231: 'event', // election
  Q858439: 'event', // presidential election
  Q43109: 'event', // referendum
  Q273120: 'event', // protest
  Q10931: 'event', // revolution
  Q2223653: 'event', // terrorist attack
  Q3839081: 'event', // disaster
  Q8065: 'event', // natural disaster
  // Places
  Q6256: 'place', // country
  Q3624078: 'place', // sovereign state
  Q515: 'place', // city
  Q5119: 'place', // capital
  Q1549591: 'place', // big city
  Q486972: 'place', // human settlement
  Q35657: 'place', // state of the United States
  Q82794: 'place', // geographic region
};

const ITEM_ID = /^[QP]\d{1,12}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Does this parsed JSON look like Wikidata entity data? */
export function looksLikeWikidata(root: unknown): boolean {
  let first = Array.isArray(root) ? root[0] : root;
  if (Array.isArray(first)) first = first[0];
  if (!isObject(first)) return false;
  if (isObject(first.entities)) return Object.keys(first.entities).some((k) => ITEM_ID.test(k));
  return typeof first.id === 'string' && ITEM_ID.test(first.id) && (isObject(first.labels) || isObject(first.claims));
}

/** The items of the file with the path each is named by in messages. */
function itemsOf(root: unknown): Array<{ path: string; item: unknown }> {
  // A list may hold lists (several files chosen at once, each a list): one level is flattened.
  const docs = Array.isArray(root)
    ? root.flatMap((d, i) => (Array.isArray(d) ? d.map((x, j) => ({ d: x, path: `[${i}][${j}]` })) : [{ d, path: `[${i}]` }]))
    : [{ d: root, path: '' }];
  const out: Array<{ path: string; item: unknown }> = [];
  for (const { d, path } of docs) {
    if (isObject(d) && isObject(d.entities)) {
      for (const [k, item] of Object.entries(d.entities)) out.push({ path: `${path}${path ? '.' : ''}entities.${k}`, item });
    } else out.push({ path: path || '(file)', item: d });
  }
  return out;
}

interface MonolingualText {
  language: string;
  value: string;
}

function text(v: unknown): MonolingualText | null {
  return isObject(v) && typeof v.value === 'string' && typeof v.language === 'string' ? { language: v.language, value: v.value } : null;
}

/** The language codes to look in, best first: the reader's, then English, then "mul" (any language). */
function languageOrder(languages: readonly string[]): string[] {
  return [...new Set([...languages.map((l) => l.toLowerCase()), 'en', 'mul'])];
}

/** The key of a language map that serves `language` best ("en" also takes "en-gb" when there is no "en"). */
function pick<T>(map: Record<string, T>, language: string): T | undefined {
  if (Object.prototype.hasOwnProperty.call(map, language)) return map[language];
  const key = Object.keys(map).find((k) => k.toLowerCase().split('-')[0] === language);
  return key === undefined ? undefined : map[key];
}

function typeOf(claims: unknown): EntityType {
  if (!isObject(claims) || !Array.isArray(claims.P31)) return 'other';
  const statements = (claims.P31 as unknown[]).filter(isObject).filter((s) => s.rank !== 'deprecated');
  statements.sort((a, b) => Number(b.rank === 'preferred') - Number(a.rank === 'preferred'));
  for (const s of statements) {
    const snak = s.mainsnak;
    if (!isObject(snak) || !isObject(snak.datavalue) || !isObject(snak.datavalue.value)) continue;
    const id = snak.datavalue.value.id;
    if (typeof id === 'string' && Object.prototype.hasOwnProperty.call(WIKIDATA_TYPES, id)) return WIKIDATA_TYPES[id]!;
  }
  return 'other';
}

function wikipediaLink(sitelinks: unknown, language: string): string | null {
  if (!isObject(sitelinks)) return null;
  const link = sitelinks[`${language.replace(/-/g, '_')}wiki`];
  if (!isObject(link) || typeof link.title !== 'string' || !/^[a-z][a-z_]{1,15}$/.test(language)) return null;
  if (typeof link.url === 'string' && /^https:\/\/[a-z-]+\.wikipedia\.org\//.test(link.url)) return link.url;
  return `https://${language.replace(/_/g, '-')}.wikipedia.org/wiki/${encodeURIComponent(link.title.replace(/ /g, '_')).replace(/%2F/g, '/').replace(/%3A/g, ':')}`;
}

function readItem(item: unknown, path: string, languages: readonly string[]): { entity: GlossaryEntity } | { errors: string[] } {
  if (!isObject(item)) return { errors: [`${path}: must be a Wikidata entity (an object), not ${item === null ? 'null' : Array.isArray(item) ? 'a list' : typeof item}`] };
  const id = item.id;
  if (typeof id !== 'string' || !ITEM_ID.test(id)) return { errors: [`${path}.id: must be a Wikidata id such as "Q42", not ${clip(JSON.stringify(id) ?? 'nothing', 40)}`] };
  const labels = isObject(item.labels) ? item.labels : {};
  const order = languageOrder(languages);
  let nameLanguage = '';
  let name: MonolingualText | null = null;
  for (const l of order) {
    name = text(pick(labels, l));
    if (name) {
      nameLanguage = name.language;
      break;
    }
  }
  if (!name) {
    const first = Object.values(labels).map(text).find((t) => t !== null);
    if (!first) return { errors: [`${path}.labels: ${id} has no label (the entity needs a name)`] };
    name = first;
    nameLanguage = first.language;
  }
  // Aliases: the reader's languages only (their labels, then their aliases), nothing repeated.
  const seen = new Set([name.value.trim()]);
  const aliases: Alias[] = [];
  const add = (t: MonolingualText | null) => {
    const v = t?.value.trim();
    if (!v || seen.has(v) || aliases.length >= MAX_ALIASES || v.length > MAX_NAME_LENGTH) return;
    seen.add(v);
    aliases.push({ text: v });
  };
  const readerLanguages = languageOrder(languages).filter((l) => l !== 'mul');
  for (const l of readerLanguages) if (languages.includes(l) || l === nameLanguage.split('-')[0]) add(text(pick(labels, l)));
  const aliasMap = isObject(item.aliases) ? item.aliases : {};
  for (const l of readerLanguages) {
    if (!(languages.includes(l) || l === nameLanguage.split('-')[0])) continue;
    const list = pick(aliasMap, l);
    if (Array.isArray(list)) list.forEach((a) => add(text(a)));
  }
  const descriptions = isObject(item.descriptions) ? item.descriptions : {};
  const description = text(pick(descriptions, nameLanguage)) ?? text(pick(descriptions, nameLanguage.split('-')[0]!));
  const links = [`https://www.wikidata.org/wiki/${id}`];
  const wiki = wikipediaLink(item.sitelinks, nameLanguage.split('-')[0]!);
  if (wiki) links.push(wiki);
  const raw = { name: name.value, type: typeOf(item.claims), aliases, notes: description?.value ?? '', links };
  const parsed = GlossaryEntity.safeParse(raw, { error: friendlyMessage });
  if (!parsed.success) return { errors: formatIssues(parsed.error.issues, [], 10).map((e) => `${path} (${id}): ${e}`) };
  return { entity: toGlossaryEntity(parsed.data) };
}

/** Wikidata entities from parsed JSON. Problems name the item by its path and id. */
export function parseWikidataRoot(root: unknown, options: ReadOptions = {}): ParseGlossaryResult {
  const languages = (options.languages?.length ? options.languages : DEFAULT_LANGUAGES).map((l) => l.toLowerCase());
  const items = itemsOf(root);
  if (!items.length) return { ok: false, errors: ['the file holds no Wikidata entity'] };
  if (items.length > MAX_GLOSSARY_ENTITIES) return { ok: false, errors: [`too many entities (${items.length}; at most ${MAX_GLOSSARY_ENTITIES})`] };
  const errors: string[] = [];
  const entities: GlossaryEntity[] = [];
  const seen = new Map<string, string>();
  for (const { path, item } of items) {
    const r = readItem(item, path, languages);
    if ('errors' in r) {
      errors.push(...r.errors);
      if (errors.length > 200) break;
      continue;
    }
    const qid = (item as { id: string }).id;
    const first = seen.get(qid);
    if (first !== undefined) {
      errors.push(`${path}: ${qid} is already in this file (${first})`);
      continue;
    }
    seen.set(qid, path);
    entities.push(r.entity);
  }
  if (errors.length) return { ok: false, errors: capErrors(errors) };
  return { ok: true, entities };
}
