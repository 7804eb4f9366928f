/**
 * "On this page": the glossary entities the current tab mentions, by type (people,
 * organizations, events, places, other), most mentioned first in each. Clicking one scrolls the
 * page to its first mention and opens its card.
 */
import { TypeBadge } from '../shared/TypeBadge';
import { ENTITY_TYPE_OPTIONS, ENTITY_TYPE_PLURALS } from '../shared/entity-types';
import type { FoundEntity } from './usePageEntities';
import { ErrorBanner } from '../shared/Banner';
import { plural } from '../shared/format';
import type { PageEntitiesState } from './usePageEntities';

interface PageEntitiesProps {
  state: PageEntitiesState;
  onRetry: () => void;
  onOpenGlossary: () => void;
  /** Scroll the page to the entity's first mention and open its card. */
  onReveal?: (entityId: string) => void;
  /** The extension is switched off for this site (nothing is read there). */
  siteOff?: boolean;
  /** The keys that step through the marks, when the browser set both. */
  stepKeys?: { next: string; previous: string } | null;
}

/** The found entities grouped by type, in the usual order of types; empty groups left out. */
export function groupByType(found: readonly FoundEntity[]) {
  return ENTITY_TYPE_OPTIONS.map((type) => ({ type, items: found.filter((f) => f.entity.type === type) })).filter((g) => g.items.length > 0);
}

export function PageEntities({ state, onRetry, onOpenGlossary, onReveal, siteOff, stepKeys }: PageEntitiesProps) {
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
      {siteOff && state.status === 'ready' ? (
        <div class="empty" data-testid="page-empty" data-reason="site-off">
          <p>The extension is switched off for this site: it does not read or mark its pages.</p>
        </div>
      ) : (
        <Body state={state} onRetry={onRetry} onOpenGlossary={onOpenGlossary} onReveal={onReveal} />
      )}
      {!siteOff && state.status === 'ready' && state.found.length > 0 && stepKeys && (
        <p class="step-keys" data-testid="step-keys">
          <kbd class="kbd">{stepKeys.next}</kbd> and <kbd class="kbd">{stepKeys.previous}</kbd> step through the marks on the page.
        </p>
      )}
    </section>
  );
}

function Body({ state, onRetry, onOpenGlossary, onReveal }: PageEntitiesProps) {
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
        <div class="found-groups">
          {groupByType(state.found).map(({ type, items }) => (
            <section class="found-group" key={type} data-testid="page-group" data-type={type}>
              <h3 class="found-group__head">
                {ENTITY_TYPE_PLURALS[type]} <span class="found-group__count">{items.length}</span>
              </h3>
              <ul class="found-list" aria-label={`${ENTITY_TYPE_PLURALS[type]} on this page`}>
                {items.map(({ entity, count }) => (
                  <li class="found" key={entity.id} data-testid="page-entity" data-entity-id={entity.id}>
                    <button
                      type="button"
                      class="found__row"
                      title={`Show the first mention of ${entity.name} on the page`}
                      onClick={() => onReveal?.(entity.id)}
                    >
                      <span class="found__name" data-testid="page-entity-name">
                        {entity.name}
                      </span>
                      <TypeBadge type={entity.type} />
                      <span class="found__count" data-testid="page-entity-count" title={plural(count, 'mention')}>
                        <span aria-hidden="true">{count}</span>
                        <span class="sr-only">{plural(count, 'mention')}</span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      );
  }
}
