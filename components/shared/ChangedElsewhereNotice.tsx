/**
 * "Changed elsewhere" (docs/versioning.md): a save refused because the record was saved in
 * another window or tab since the form loaded it, or a newer version seen while the reader was
 * typing. The reader's text is kept; the other version is shown (children) with the choice.
 */
import type { ComponentChildren } from 'preact';
import { changedElsewhereText } from '../../lib/model/conflict';
import type { VersionedKind } from '../../lib/model/version';

interface ChangedElsewhereNoticeProps {
  kind: VersionedKind;
  /** The stored version; null when it was deleted elsewhere. */
  other: object | null;
  busy?: boolean;
  /** Save the reader's version over the other one. */
  onKeepMine?: () => void;
  /** Load the other version into the form (the reader's text is replaced). */
  onTakeTheirs?: () => void;
  children?: ComponentChildren;
}

export function ChangedElsewhereNotice({ kind, other, busy, onKeepMine, onTakeTheirs, children }: ChangedElsewhereNoticeProps) {
  return (
    <div class="changed-elsewhere" role="alert" data-testid="changed-elsewhere">
      <p>
        <strong>Changed elsewhere.</strong> {changedElsewhereText({ kind, current: other as never })}
      </p>
      {other && (
        <>
          <p class="changed-elsewhere__label">The other version:</p>
          {children}
        </>
      )}
      <div class="changed-elsewhere__actions">
        {onKeepMine && (
          <button type="button" class="btn btn--primary" onClick={onKeepMine} disabled={busy}>
            Keep mine
          </button>
        )}
        {onTakeTheirs && (
          <button type="button" class="btn btn--ghost" onClick={onTakeTheirs} disabled={busy}>
            Take theirs
          </button>
        )}
      </div>
    </div>
  );
}
