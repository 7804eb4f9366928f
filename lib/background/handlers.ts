/**
 * What the background does for each message: one handler file per area of the protocol, each
 * typed by its area's message table (handler-types.ts), joined here. The background is the
 * only owner of the database; handlers receive already-validated payloads, and the router
 * (router.ts) checks their replies and puts their failures into words (error-words.ts).
 */
import type { AreaDeps, HandlerDeps, Handlers } from './handler-types';
import { ScanTexts } from './scan-texts';
import { TabPages } from './tab-pages';
import { RecordLimits } from './record-limits';
import { createPageHandlers } from './page-handlers';
import { createGlossaryHandlers } from './glossary-handlers';
import { createSettingsHandlers } from './settings-handlers';
import { createKnowledgeHandlers } from './knowledge-handlers';
import { createDiscoveryHandlers } from './discovery-handlers';
import { createNoteHandlers } from './note-handlers';
import { createNoteFormatHandlers } from './note-format-handlers';
import { createNamesHandlers } from './names-handlers';
import { createSyncHandlers } from './sync-handlers';
import { createSubscriptionHandlers } from './subscription-handlers';

export type { HandlerDeps, Handlers, TabsPort } from './handler-types';

export function createHandlers(deps: HandlerDeps): Handlers {
  const tellTabs = async () => deps.refreshTabs((await deps.glossary.current()).revision);
  const area: AreaDeps = {
    ...deps,
    scanTexts: deps.scanTexts ?? new ScanTexts(),
    tabPages: deps.tabPages ?? new TabPages(),
    recordLimits: new RecordLimits(),
    // The revision tabs are told is the recompiled glossary's: waiting for it is the point.
    afterGlossaryWrite: tellTabs,
    afterSettingsWrite: tellTabs,
  };
  return {
    ...createPageHandlers(area),
    ...createGlossaryHandlers(area),
    ...createSettingsHandlers(area),
    ...createKnowledgeHandlers(area),
    ...createDiscoveryHandlers(area),
    ...createNoteHandlers(area),
    ...createNoteFormatHandlers(area),
    ...createNamesHandlers(area),
    ...createSyncHandlers(area),
    ...createSubscriptionHandlers(area),
  };
}
