/** "On this page": the glossary entities the current tab mentions, most mentioned first. */
import { TypeBadge } from '../shared/TypeBadge';
import { ErrorBanner } from '../shared/Banner';
import { plural } from '../shared/format';
import type { PageEntitiesState } from './usePageEntities';

interface PageEntitiesProps {
  state: PageEntitiesState;
  onRetry: () => void;
  onOpenGlossary: () => void;
}

export function PageEntities({ state, onRetry, onOpenGlossary }: PageEntitiesProps) {
  return (
    <section class="section" aria-labelledby="on-this-page">
      <div class="section__head">
        <h2 id="on-this-page">On this page</h2>
        {state.status === 'ready' && state.found.length > 0 && (
          <span class="section__meta" data-testid="page-summary">
            {plural(state.found.length, 'entity', 'entities')} · {plural(state.total, 'mention')}
          </span>
        )}
      </div>
      <Body state={state} onRetry={onRetry} onOpenGlossary={onOpenGlossary} />
    </section>
  );
}

function Body({ state, onRetry, onOpenGlossary }: PageEntitiesProps) {
  switch (state.status) {
    case 'loading':
      return (
        <p class="placeholder" role="status">
          Reading the page…
        </p>
      );
    case 'error':
      return (
        <ErrorBanner title="Could not read this page." onRetry={onRetry} testId="page-error">
          {state.message}
        </ErrorBanner>
      );
    case 'unavailable':
      return (
        <div class="empty" data-testid="page-empty" data-reason={state.reason}>
          {state.reason === 'browser-page' ? (
            <p>
              The extension only reads web pages. Open a news article to see the people, organizations and events it
              mentions.
            </p>
          ) : state.reason === 'not-scanned' ? (
            <p>
              The extension has not read this page. It reads web pages only (not the browser's own pages); a page
              opened before the extension was installed or updated needs a reload.
            </p>
          ) : (
            <p>There is no page to read here.</p>
          )}
        </div>
      );
    case 'ready':
      if (state.found.length === 0) {
        return (
          <div class="empty" data-testid="page-empty" data-reason="no-mentions">
            <p>Nothing from your glossary is mentioned on this page.</p>
            <p>
              <a
                href="#"
                onClick={(e) => {
                  e.preventDefault();
                  onOpenGlossary();
                }}
              >
                Add people and organizations
              </a>{' '}
              to see them marked as you read.
            </p>
          </div>
        );
      }
      return (
        <ul class="found-list" aria-label="Entities on this page">
          {state.found.map(({ entity, count }) => (
            <li class="found" key={entity.id} data-testid="page-entity" data-entity-id={entity.id}>
              <span class="found__name" data-testid="page-entity-name">
                {entity.name}
              </span>
              <TypeBadge type={entity.type} />
              <span class="found__count" data-testid="page-entity-count" title={plural(count, 'mention')}>
                <span aria-hidden="true">{count}</span>
                <span class="sr-only">{plural(count, 'mention')}</span>
              </span>
            </li>
          ))}
        </ul>
      );
  }
}
