/**
 * Suggestions: the entities a page names that the glossary does not hold. Discovery runs off
 * the page (discovery-runner.ts); here its candidates are cleaned of what the reader already
 * knows (glossary names and aliases) or dismissed, and cached per page text.
 */
import type { discoveryMessages } from '../messaging/discovery';
import type { AreaDeps, HandlersOf } from './handler-types';
import { scanKey } from './scan-texts';
import { selectChunks } from '../text/parts';
import type { TextChunk } from '../text/types';
import type { Candidate } from '../text/discovery/types';
import { getSettings, updateSettings } from '../storage/settings';
import { listEntities } from '../storage/entities';
import { createDiscoveryRunner } from './discovery-runner';
import { articlesSeenIn, forgetSuggestion, recordSuggestions } from '../storage/suggestions';
import { articleUrlOf } from '../page/article-url';
import { isSiteDisabled } from '../model/settings';

/** Pages whose suggestions are kept, newest first (an article reread, a tab reloaded). */
const CACHE_SIZE = 30;

function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[’‘ʼ`]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The name part of a suggestion key ("person:maryam rajavi" → "maryam rajavi"). */
export function nameOfKey(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}

function hashChunks(chunks: TextChunk[]): string {
  // FNV-1a over the text and block flags: equal text, equal suggestions.
  let h = 0x811c9dc5;
  for (const c of chunks) {
    const s = c.text;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ (c.blockStart ? 1 : 2), 0x01000193);
  }
  return `${(h >>> 0).toString(36)}:${chunks.length}`;
}

export function createDiscoveryHandlers(deps: AreaDeps): HandlersOf<typeof discoveryMessages> {
  const run = deps.discoveryRunner ?? createDiscoveryRunner();
  const cache = new Map<string, Candidate[]>();
  /** Every glossary name and alias, folded; rebuilt only when the glossary revision moves. */
  let known: { revision: number; names: Set<string> } | null = null;

  async function knownNames(): Promise<Set<string>> {
    const snap = await deps.glossary.current();
    if (known?.revision !== snap.revision) {
      const names = new Set<string>();
      for (const e of await listEntities(await deps.db())) {
        names.add(fold(e.name));
        for (const a of e.aliases) names.add(fold(a.text));
      }
      known = { revision: snap.revision, names };
    }
    return known.names;
  }

  async function candidatesOf(chunks: TextChunk[], lang: string | undefined): Promise<Candidate[]> {
    const key = `${hashChunks(chunks)}:${lang ?? ''}`;
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const found = await run(chunks, lang);
    cache.set(key, found);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return found;
  }

  return {
    async 'discover.page'({ chunks: sent, scan, only, lang, ...page }, ctx) {
      // The text page.match kept for this scan (or the runs of it the tab names), or the text sent along.
      const key = scan ? scanKey(ctx.sender, scan) : null;
      const scanText = key ? deps.scanTexts.take(key) : null;
      const chunks = sent ?? (scanText && only ? selectChunks(scanText, only) : scanText);
      if (!chunks) return { textKept: false, suggestions: [] };
      const db = await deps.db();
      const settings = await getSettings(db);
      if (settings.suggestions === 'off' || chunks.length === 0) return { textKept: true, suggestions: [] };
      // What the reader already has, under any of its names, is not a suggestion.
      const [candidates, known] = await Promise.all([candidatesOf(chunks, lang), knownNames()]);
      // A dismissed name is never suggested again, whatever type or page language it comes
      // back with: the key's name part ("person:estados unidos" also hides "organization:…").
      const dismissed = new Set(settings.dismissedSuggestions.map(nameOfKey));
      const kept = candidates
        .filter((c) => !dismissed.has(nameOfKey(c.key)) && !known.has(fold(c.name)) && !c.aliases.some((a) => known.has(fold(a)) && a.length > 3))
        .slice(0, 500);
      // Remembered like the reading index: recording on, not a private window unless opted in,
      // the site not switched off.
      const url = articleUrlOf(page);
      const record =
        url !== null &&
        settings.recordHistory &&
        !isSiteDisabled(settings, page.pageUrl) &&
        !(ctx.sender.tab?.incognito && !settings.recordPrivate);
      if (record) {
        await recordSuggestions(
          db,
          url,
          kept.map((c) => ({ key: c.key.slice(0, 300), name: c.name.slice(0, 300), type: c.type, count: Math.max(1, c.count) })),
          deps.now(),
        );
      }
      const seen = await articlesSeenIn(db, kept.map((c) => c.key.slice(0, 300)));
      const suggestions = kept
        .map((c) => ({
          key: c.key.slice(0, 300),
          name: c.name.slice(0, 300),
          type: c.type,
          aliases: c.aliases.slice(0, 100).map((a) => a.slice(0, 300)),
          count: c.count,
          confidence: Math.max(0, Math.min(1, c.confidence)),
          seenIn: seen.get(c.key.slice(0, 300)) ?? 0,
          mentions: c.mentions.slice(0, 10_000).map((m) => ({ start: m.start, end: m.end })),
        }));
      return { textKept: true, suggestions };
    },

    async 'suggestion.dismiss'({ key }) {
      const db = await deps.db();
      const current = await getSettings(db);
      if (current.dismissedSuggestions.includes(key)) return { dismissed: current.dismissedSuggestions.length };
      // The oldest dismissals make room past the limit.
      const next = [...current.dismissedSuggestions, key].slice(-10_000);
      const saved = await updateSettings(db, { dismissedSuggestions: next });
      await forgetSuggestion(db, key);
      await deps.afterSettingsWrite();
      return { dismissed: saved.dismissedSuggestions.length };
    },
  };
}
