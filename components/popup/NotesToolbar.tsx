/** The notes list's buttons: "Save selection" for the current tab, and the export menu. */
import type { ExportFormat } from './useNoteActions';

interface NotesToolbarProps {
  /** Offer "Save selection" (there is a tab to read). */
  canSave: boolean;
  /** Offer the export menu (there are notes). */
  canExport: boolean;
  /** The search or a filter is on: the export is of what is listed. */
  filtered: boolean;
  busy: boolean;
  onSaveSelection: () => void;
  onExport: (format: ExportFormat) => void;
}

export function NotesToolbar({ canSave, canExport, filtered, busy, onSaveSelection, onExport }: NotesToolbarProps) {
  const exportAs = (format: ExportFormat, e: Event) => {
    // The menu folds away once a format is chosen.
    const menu = (e.currentTarget as HTMLElement).closest('details');
    if (menu) menu.open = false;
    onExport(format);
  };
  return (
    <div class="notes-toolbar">
      {canSave && (
        <button type="button" class="btn btn--small" onClick={onSaveSelection} disabled={busy} data-testid="save-selection" title="Save the text selected on the page as a note">
          Save selection
        </button>
      )}
      {canExport && (
        <details class="export">
          <summary class="btn btn--small" data-testid="export">
            Export{filtered ? ' these' : ''}
          </summary>
          <div class="export__menu">
            <button type="button" class="btn btn--small btn--ghost" disabled={busy} onClick={(e) => exportAs('markdown', e)} data-testid="export-markdown">
              Markdown (by article)
            </button>
            <button type="button" class="btn btn--small btn--ghost" disabled={busy} onClick={(e) => exportAs('json', e)} data-testid="export-json">
              JSON
            </button>
            <button type="button" class="btn btn--small btn--ghost" disabled={busy} onClick={(e) => exportAs('web-annotation', e)} data-testid="export-web-annotation">
              Web Annotations (Hypothesis)
            </button>
            <button type="button" class="btn btn--small btn--ghost" disabled={busy} onClick={(e) => exportAs('readwise-csv', e)} data-testid="export-readwise">
              Readwise CSV
            </button>
          </div>
        </details>
      )}
    </div>
  );
}
