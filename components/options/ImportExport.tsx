/**
 * Import a glossary file and export the glossary. The file's text goes to the background
 * unparsed: it validates everything and either writes all of it or nothing, and says why.
 */
import { useState } from 'preact/hooks';
import type { TargetedEvent } from 'preact';
import { Banner } from '../shared/Banner';
import { errorMessage } from '../shared/errors';

/** The protocol's limit on the file text (glossary.import request). */
const MAX_IMPORT_BYTES = 20_000_000;

type Feedback =
  | { kind: 'imported'; added: number; updated: number; file: string }
  | { kind: 'import-error'; message: string; file: string }
  | { kind: 'exported'; filename: string }
  | { kind: 'export-error'; message: string };

interface ImportExportProps {
  importText: (text: string) => Promise<{ added: number; updated: number }>;
  exportFile: () => Promise<{ json: string; filename: string }>;
  /** Nothing to export yet. */
  empty: boolean;
}

function download(text: string, filename: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ImportExport({ importText, exportFile, empty }: ImportExportProps) {
  const [busy, setBusy] = useState<'import' | 'export' | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);

  const onFile = async (e: TargetedEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    // Clear the input so choosing the same file again (after fixing it) imports again.
    input.value = '';
    if (!file) return;
    setFeedback(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setFeedback({
        kind: 'import-error',
        file: file.name,
        message: `the file is ${(file.size / 1e6).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1e6} MB.`,
      });
      return;
    }
    setBusy('import');
    try {
      const text = await file.text();
      const { added, updated } = await importText(text);
      setFeedback({ kind: 'imported', added, updated, file: file.name });
    } catch (err) {
      setFeedback({ kind: 'import-error', message: errorMessage(err), file: file.name });
    } finally {
      setBusy(null);
    }
  };

  const onExport = async () => {
    setFeedback(null);
    setBusy('export');
    try {
      const { json, filename } = await exportFile();
      download(json, filename);
      setFeedback({ kind: 'exported', filename });
    } catch (err) {
      setFeedback({ kind: 'export-error', message: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };

  const dismiss = () => setFeedback(null);

  return (
    <div class="io">
      <div class="io__buttons">
        <label class={`btn file-button${busy ? ' file-button--disabled' : ''}`}>
          <input
            class="sr-only"
            type="file"
            accept=".json,application/json"
            aria-label="Import glossary file"
            data-testid="import-input"
            disabled={busy !== null}
            onChange={onFile}
          />
          <span aria-hidden="true">{busy === 'import' ? 'Importing…' : 'Import…'}</span>
        </label>
        <button type="button" class="btn" onClick={onExport} disabled={busy !== null || empty}>
          {busy === 'export' ? 'Exporting…' : 'Export'}
        </button>
      </div>

      {feedback && (
        <div class="io__feedback">
          {feedback.kind === 'imported' && (
            <Banner kind="success" testId="import-result" onDismiss={dismiss}>
              Imported {feedback.added} new, updated {feedback.updated}{' '}
              <span class="muted">(from {feedback.file})</span>.
              {feedback.added === 0 && feedback.updated === 0 && ' The glossary already held everything in this file.'}
            </Banner>
          )}
          {feedback.kind === 'import-error' && (
            <Banner kind="error" title={`Could not import ${feedback.file}.`} testId="import-error" onDismiss={dismiss}>
              <ImportProblems message={feedback.message} />
            </Banner>
          )}
          {feedback.kind === 'exported' && (
            <Banner kind="success" testId="export-result" onDismiss={dismiss}>
              Exported the glossary as {feedback.filename}.
            </Banner>
          )}
          {feedback.kind === 'export-error' && (
            <Banner kind="error" title="Could not export." testId="export-error" onDismiss={dismiss}>
              {feedback.message}
            </Banner>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * The background's message is "The file was not imported, nothing changed. a; b; c", each
 * problem naming its path. Several problems read better as a list.
 */
export function splitImportError(message: string): { lead: string; problems: string[] } {
  const m = /^(.*?nothing (?:was )?changed\.)\s*(.*)$/is.exec(message);
  const lead = m ? m[1]!.trim() : 'Your glossary was not changed.';
  const rest = (m ? m[2]! : message).trim();
  const problems = rest ? rest.split('; ').map((p) => p.trim()).filter(Boolean) : [];
  return { lead, problems };
}

function ImportProblems({ message }: { message: string }) {
  const { lead, problems } = splitImportError(message);
  if (problems.length <= 1) {
    return (
      <>
        {problems[0] && <span class="import-problem">{problems[0]}.</span>} {lead}
      </>
    );
  }
  return (
    <>
      {lead} {problems.length} problems:
      <ul class="import-problems">
        {problems.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
    </>
  );
}
