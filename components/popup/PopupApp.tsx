/** The toolbar popup: the per-site switch, what the current page mentions, and the saved notes. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ask, askTab } from '../../lib/messaging/client';
import type { Suggestion } from '../../lib/messaging/discovery';
import { Suggestions } from './Suggestions';
import { NotesList } from './NotesList';
import { PageEntities } from './PageEntities';
import { SiteSwitch, useSiteSwitch } from './SiteSwitch';
import { ShortcutsNotice, stepKeys } from './ShortcutsNotice';
import { useShortcuts } from '../shared/shortcuts';
import { useNotesQuery } from './useNotesQuery';
import { usePageEntities } from './usePageEntities';
import { aliasesOfSuggestion } from '../../lib/text/surname';

/** A real popup closes itself once the reader is sent to the page; a popup page in a tab (tests) stays. */
function closeIfPopup() {
  if (browser.extension.getViews?.({ type: 'popup' }).includes(window)) window.close();
}

function openGlossary() {
  void browser.runtime.openOptionsPage().then(closeIfPopup);
}

/** Which of this page's saved quotes its content script found (asked once the page answered). */
function useQuoteStatus(tabId: number | null) {
  const [live, setLive] = useState<ReadonlyMap<string, 'found' | 'missing'>>(new Map());
  const load = useCallback(() => {
    if (tabId === null) return;
    void askTab(tabId, 'quotes.status', {}).then(
      (r) => setLive(new Map([...r.missing.map((id) => [id, 'missing'] as const), ...r.found.map((id) => [id, 'found'] as const)])),
      () => {},
    );
  }, [tabId]);
  useEffect(load, [load]);
  return { live, reload: load };
}

/** Add a suggestion to the glossary, or dismiss it; the tab refreshes, then the list reloads. */
function useSuggestionActions(reload: () => void) {
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    (s: Suggestion, action: () => Promise<unknown>) => {
      setBusy((b) => new Set([...b, s.key]));
      setError(null);
      void action()
        .then(
          () => setTimeout(reload, 700),
          (err: unknown) => setError(`Could not update “${s.name}”: ${err instanceof Error ? err.message : String(err)}`),
        )
        .finally(() => setBusy((b) => new Set([...b].filter((k) => k !== s.key))));
    },
    [reload],
  );
  return {
    busy,
    error,
    add: (s: Suggestion) =>
      run(s, () =>
        ask('entity.create', {
          input: { name: s.name, type: s.type, aliases: aliasesOfSuggestion(s.name, s.type, s.aliases).map((text) => ({ text })), notes: '' },
        }),
      ),
    dismiss: (s: Suggestion) => run(s, () => ask('suggestion.dismiss', { key: s.key })),
  };
}

export function PopupApp() {
  // Opening the popup pulls what other devices changed (docs/sync.md); nothing when sync is off.
  useEffect(() => void ask('sync.now', {}).catch(() => {}), []);
  const page = usePageEntities();
  const notes = useNotesQuery();
  const tab = page.status === 'ready' ? page.tab : null;
  const site = page.status === 'ready' ? page.site : null;
  const { reload: reloadPage } = page;
  // The tab rescans (or stops) after the switch; look again once it had a moment.
  const site_ = useSiteSwitch(
    site,
    useCallback(() => setTimeout(reloadPage, 600), [reloadPage]),
  );
  const quotes = useQuoteStatus(tab?.id ?? null);
  const suggestionActions = useSuggestionActions(reloadPage);
  const shortcuts = useShortcuts();

  const reveal = useCallback(
    (entityId: string) => {
      if (!tab) return;
      void askTab(tab.id, 'mention.reveal', { entityId }).then((r) => r.found && closeIfPopup(), () => {});
    },
    [tab],
  );

  return (
    <div class="popup">
      <header class="popup__header">
        <span class="popup__brand">News Context Reader</span>
        <a
          class="popup__options"
          href={browser.runtime.getURL('/options.html')}
          onClick={(e) => {
            e.preventDefault();
            openGlossary();
          }}
        >
          Glossary
        </a>
      </header>
      <SiteSwitch state={site_.state} onToggle={() => void site_.toggle()} />
      <ShortcutsNotice states={shortcuts} onOpened={closeIfPopup} />
      <main>
        <PageEntities
          state={page}
          onRetry={page.reload}
          onOpenGlossary={openGlossary}
          onReveal={reveal}
          siteOff={site_.state.status === 'ready' && site_.state.off}
          stepKeys={stepKeys(shortcuts)}
        />
        {page.status === 'ready' && !(site_.state.status === 'ready' && site_.state.off) && (
          <Suggestions
            suggestions={page.suggestions}
            busy={suggestionActions.busy}
            error={suggestionActions.error}
            onAdd={suggestionActions.add}
            onDismiss={suggestionActions.dismiss}
          />
        )}
        <NotesList
          notes={notes}
          tabId={tab && !(site_.state.status === 'ready' && site_.state.off) ? tab.id : null}
          pageEntities={page.status === 'ready' ? page.found : []}
          live={quotes.live}
          onSaved={() => setTimeout(quotes.reload, 300)}
          saveKey={shortcuts?.find((s) => s.name === 'save-note')?.shortcut ?? null}
        />
      </main>
    </div>
  );
}
