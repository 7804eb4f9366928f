/**
 * Import (a glossary or backup JSON file, a glossary CSV, SKOS in Turtle or JSON-LD, Wikidata
 * entity JSON: docs/formats-glossary.md) in two steps, and export.
 *
 * 1. The file's text goes to the background unparsed (import.preview): it validates all of it
 *    and says what importing would do. An invalid file gets every problem listed, and nothing
 *    changes. A valid one shows its contents and each entry that duplicates one already in the
 *    glossary (same id, name or alias), with a choice: merge, skip or keep both.
 * 2. Import (import.commit) writes all of it in one transaction, or nothing.
 */
import { useId, useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import type { ExportKind } from '../../lib/messaging/knowledge';
import { Banner } from '../shared/Banner';
import { errorMessage } from '../shared/errors';
import { download } from '../shared/download';
import { describeOutcome, ImportProblems, splitImportError } from './ImportProblems';
import { ImportPreviewPanel } from './ImportPreviewPanel';
import { useImportFile } from './useImportFile';

interface ImportExportProps {
  /** Called after an import changed something, so the lists reload. */
  onImported: () => void;
  empty: boolean;
}

type ExportNote = { ok: boolean; text: string } | null;

export function ImportExport({ onImported, empty }: ImportExportProps) {
  const [exporting, setExporting] = useState<ExportKind | null>(null);
  const [exportNote, setExportNote] = useState<ExportNote>(null);
  const imp = useImportFile(() => setExportNote(null), onImported);
  const { stage } = imp;

  const busy = stage.kind === 'reading' || stage.kind === 'importing' || exporting !== null;

  const onExport = async (kind: ExportKind) => {
    setExportNote(null);
    setExporting(kind);
    try {
      const { text, filename, mime } = await ask('export.file', { kind });
      download(text, filename, mime);
      setExportNote({ ok: true, text: `Exported ${kind === 'backup' ? 'a full backup' : 'the glossary'} as ${filename}.` });
    } catch (err) {
      setExportNote({ ok: false, text: errorMessage(err) });
    } finally {
      setExporting(null);
    }
  };

  return (
    <div class="io">
      <div class="io__buttons">
        <label class={`btn file-button${busy ? ' file-button--disabled' : ''}`}>
          <input
            class="sr-only"
            type="file"
            multiple
            accept=".json,.csv,.ttl,.jsonld,application/json,text/csv,text/turtle,application/ld+json"
            aria-label="Import glossary file"
            data-testid="import-input"
            disabled={busy}
            onChange={imp.onFile}
          />
          <span aria-hidden="true">{stage.kind === 'reading' ? 'Reading…' : stage.kind === 'importing' ? 'Importing…' : 'Import…'}</span>
        </label>
        <ExportMenu busy={busy} exporting={exporting !== null} empty={empty} onExport={(kind) => void onExport(kind)} />
      </div>

      {(stage.kind !== 'idle' && stage.kind !== 'reading') || exportNote ? (
        <div class="io__feedback">
          {exportNote && (
            <Banner kind={exportNote.ok ? 'success' : 'error'} title={exportNote.ok ? undefined : 'Could not export.'} testId={exportNote.ok ? 'export-result' : 'export-error'} onDismiss={() => setExportNote(null)}>
              {exportNote.text}
            </Banner>
          )}
          {stage.kind === 'invalid' && (
            <Banner kind="error" title={`Could not import ${stage.file}.`} testId="import-error" onDismiss={imp.dismiss}>
              <ImportProblems errors={stage.errors} />
            </Banner>
          )}
          {stage.kind === 'failed' && (
            <Banner kind="error" title={`Could not import ${stage.file}.`} testId="import-error" onDismiss={imp.dismiss}>
              <ImportProblems errors={splitImportError(stage.message).problems} lead={splitImportError(stage.message).lead} />
            </Banner>
          )}
          {stage.kind === 'imported' && (
            <Banner kind="success" testId="import-result" onDismiss={imp.dismiss}>
              {describeOutcome(stage.outcome)} <span class="muted">(from {stage.file})</span>
            </Banner>
          )}
          {stage.kind === 'preview' && <ImportPreviewPanel file={stage.file} preview={stage.preview} imp={imp} />}
        </div>
      ) : null}
    </div>
  );
}

interface ExportMenuProps {
  busy: boolean;
  /** An export is running (the button says so). */
  exporting: boolean;
  /** The glossary is empty: only the full backup is offered. */
  empty: boolean;
  onExport: (kind: ExportKind) => void;
}

/** "Export": a full backup, or the glossary as JSON, CSV or SKOS (Turtle, JSON-LD). */
function ExportMenu({ busy, exporting, empty, onExport }: ExportMenuProps) {
  const uid = useId();
  const [open, setOpen] = useState(false);
  const choose = (kind: ExportKind) => {
    setOpen(false);
    onExport(kind);
  };
  return (
    <div class="menu">
      <button
        type="button"
        class="btn"
        aria-haspopup="true"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={`${uid}-export`}
        onClick={() => setOpen(!open)}
        disabled={busy}
      >
        {exporting ? 'Exporting…' : 'Export'}
      </button>
      {open && (
        <div class="menu__list" id={`${uid}-export`} role="group" aria-label="Export">
          <button type="button" class="menu__item" onClick={() => choose('backup')}>
            Full backup (JSON)
            <span class="muted">glossary, reading history, notes, settings</span>
          </button>
          <button type="button" class="menu__item" onClick={() => choose('glossary')} disabled={empty}>
            Glossary (JSON)
          </button>
          <button type="button" class="menu__item" onClick={() => choose('csv')} disabled={empty}>
            Glossary (CSV, for spreadsheets)
          </button>
          <button type="button" class="menu__item" onClick={() => choose('skos-turtle')} disabled={empty}>
            Glossary (SKOS, Turtle)
            <span class="muted">for thesaurus tools</span>
          </button>
          <button type="button" class="menu__item" onClick={() => choose('skos-jsonld')} disabled={empty}>
            Glossary (SKOS, JSON-LD)
          </button>
        </div>
      )}
    </div>
  );
}
