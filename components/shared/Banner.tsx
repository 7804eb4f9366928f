import type { ComponentChildren } from 'preact';

interface BannerProps {
  kind: 'error' | 'success' | 'info';
  children: ComponentChildren;
  /** Short bold lead-in, e.g. "Import failed". */
  title?: string;
  onDismiss?: () => void;
  onRetry?: () => void;
  testId?: string;
}

/**
 * A message strip. Errors are role="alert" (announced at once); everything else is
 * role="status" (announced politely).
 */
export function Banner({ kind, children, title, onDismiss, onRetry, testId }: BannerProps) {
  return (
    <div class={`banner banner--${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <div class="banner__text">
        {title && <strong class="banner__title">{title}</strong>} {children}
      </div>
      {(onRetry || onDismiss) && (
        <div class="banner__actions">
          {onRetry && (
            <button type="button" class="btn btn--small" onClick={onRetry}>
              Try again
            </button>
          )}
          {onDismiss && (
            <button type="button" class="btn btn--small btn--ghost" onClick={onDismiss} aria-label="Dismiss message">
              Dismiss
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** The usual error strip. */
export function ErrorBanner(props: Omit<BannerProps, 'kind'>) {
  return <Banner kind="error" {...props} />;
}
