/**
 * "On this page": ask the tab's content script what it found (page.found), then the
 * background for those entities (entity.get). Entities deleted since the page was scanned
 * are left out.
 */
import type { Suggestion } from '../../lib/messaging/discovery';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ask, askTab, ProtocolError } from '../../lib/messaging/client';
import type { Entity } from '../../lib/model/entity';
import { byName } from '../shared/sort';
import { errorMessage } from '../shared/errors';
import { isReadablePage, resolveTargetTab, type TargetTab } from './target-tab';

export interface FoundEntity {
  entity: Entity;
  count: number;
}

export type PageEntitiesState =
  | { status: 'loading' }
  /** The tab has no content script: a browser page, a store page, or not reloaded since install. */
  | { status: 'unavailable'; reason: 'no-tab' | 'browser-page' | 'not-scanned'; tab: TargetTab | null }
  /** `site`: the page's host as its content script reports it (for the per-site switch). */
  | { status: 'ready'; tab: TargetTab; found: FoundEntity[]; total: number; site: string | null; suggestions: Suggestion[] }
  | { status: 'error'; message: string };

export function sortFound(found: FoundEntity[]): FoundEntity[] {
  return [...found].sort((a, b) => b.count - a.count || byName(a.entity, b.entity));
}

export function usePageEntities(): PageEntitiesState & { reload: () => void } {
  const [state, setState] = useState<PageEntitiesState>({ status: 'loading' });

  const load = useCallback(async () => {
    let tab: TargetTab | null;
    try {
      tab = await resolveTargetTab();
    } catch (err) {
      setState({ status: 'error', message: errorMessage(err) });
      return;
    }
    if (!tab) return setState({ status: 'unavailable', reason: 'no-tab', tab: null });
    if (!isReadablePage(tab.url)) return setState({ status: 'unavailable', reason: 'browser-page', tab });

    let mentions: { entityId: string; count: number }[];
    let site: string | null;
    let suggestions: Suggestion[];
    try {
      ({ mentions, site, suggestions } = await askTab(tab.id, 'page.found', {}));
    } catch (err) {
      // An error reply from the content script is a real error; failing to reach it
      // means the page was never scanned (opened before install, or a restricted page).
      if (err instanceof ProtocolError) setState({ status: 'error', message: errorMessage(err) });
      else setState({ status: 'unavailable', reason: 'not-scanned', tab });
      return;
    }

    try {
      const counts = new Map<string, number>();
      for (const m of mentions) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + m.count);
      const entities = counts.size ? await ask('entity.get', { ids: [...counts.keys()] }) : [];
      const found = sortFound(
        entities.filter((e) => counts.has(e.id)).map((entity) => ({ entity, count: counts.get(entity.id)! })),
      );
      setState({ status: 'ready', tab, found, total: found.reduce((s, f) => s + f.count, 0), site, suggestions });
    } catch (err) {
      setState({ status: 'error', message: errorMessage(err) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    void load();
  }, [load]);

  return { ...state, reload };
}
