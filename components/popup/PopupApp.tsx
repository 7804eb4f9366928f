/** The toolbar popup: what the current page mentions, and the saved notes. */
import { browser } from 'wxt/browser';
import { NotesList } from './NotesList';
import { PageEntities } from './PageEntities';
import { useNotes } from './useNotes';
import { usePageEntities } from './usePageEntities';

function openGlossary() {
  void browser.runtime.openOptionsPage().then(() => {
    // A real popup closes itself; a popup page opened in a tab (tests) stays.
    if (browser.extension.getViews?.({ type: 'popup' }).includes(window)) window.close();
  });
}

export function PopupApp() {
  const page = usePageEntities();
  const notes = useNotes();

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
      <main>
        <PageEntities state={page} onRetry={page.reload} onOpenGlossary={openGlossary} />
        <NotesList state={notes} onRetry={notes.reload} />
      </main>
    </div>
  );
}
