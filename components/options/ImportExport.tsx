/**
 * Import (a glossary or backup JSON file, or a glossary CSV) in two steps, and export.
 *
 * 1. The file's text goes to the background unparsed (import.preview): it validates all of it
 *    and says what importing would do. An invalid file gets every problem listed, and nothing
 *    changes. A valid one shows its contents and each entry that duplicates one already in the
 *    glossary (same id, name or alias), with a choice: merge, skip or keep both.
 * 2. Import (import.commit) writes all of it in one transaction, or nothing.
 */
import { useId, useState } from 'preact/hooks';
import type { TargetedEvent } from 'preact';
import { ask } from '../../lib/messaging/client';
import { ImportAliasNotes } from './ImportAliasNotes';
import { MAX_IMPORT_TEXT, type ExportKind, type ImportOutcome, type ImportPreview } from '../../lib/messaging/knowledge';
import { Banner } from '../shared/Banner';
import { TypeBadge } from '../shared/TypeBadge';
import { errorMessage } from '../shared/errors';
import { plural } from '../shared/format';
import { download } from '../shared/download';

type Choice = 'merge' | 'skip' | 'keep';

type Stage =
  | { kind: 'idle' }
  | { kind: 'reading'; file: string }
  | { kind: 'invalid'; file: string; errors: string[] }
  | { kind: 'preview'; file: string; text: string; token: string; preview: ImportPreview }
  | { kind: 'importing'; file: string }
  | { kind: 'imported'; file: string; outcome: ImportOutcome }
  | { kind: 'failed'; file: string; message: string };

const KIND_LABEL: Record<ImportPreview['kind'], string> = { glossary: 'glossary file', backup: 'full backup', csv: 'glossary (CSV)' };
const CHOICE_LABEL: Record<Choice, string> = { merge: 'Merge into it', skip: 'Skip', keep: 'Keep both' };


interface ImportExportProps {
  /** Called after an import changed something, so the lists reload. */
  onImported: () => void;
  empty: boolean;
}

export function ImportExport({ onImported, empty }: ImportExportProps) {
  const uid = useId();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [defaultChoice, setDefaultChoice] = useState<Choice>('merge');
  const [choices, setChoices] = useState<Record<number, Choice>>({});
  const [restoreSettings, setRestoreSettings] = useState(true);
  const [exporting, setExporting] = useState<ExportKind | null>(null);
  const [exportNote, setExportNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [exportOpen, setExportOpen] = useState(false);

  const busy = stage.kind === 'reading' || stage.kind === 'importing' || exporting !== null;

  const onFile = async (e: TargetedEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const file = input.files?.[0];
    // Clear the input so choosing the same file again (after fixing it) reads it again.
    input.value = '';
    if (!file) return;
    setExportNote(null);
    // UTF-8 text is at most 4 bytes a character and at least 1: refuse what cannot fit.
    if (file.size > MAX_IMPORT_TEXT * 3) {
      setStage({ kind: 'invalid', file: file.name, errors: [`the file is ${(file.size / 1e6).toFixed(1)} MB; a file of at most ${MAX_IMPORT_TEXT / 1e6} million characters can be imported`] });
      return;
    }
    setStage({ kind: 'reading', file: file.name });
    try {
      const text = await file.text();
      if (text.length > MAX_IMPORT_TEXT) {
        setStage({ kind: 'invalid', file: file.name, errors: [`the file is too large (${(text.length / 1e6).toFixed(1)} million characters; at most ${MAX_IMPORT_TEXT / 1e6} million)`] });
        return;
      }
      const reply = await ask('import.preview', { text });
      if (!reply.valid) {
        setStage({ kind: 'invalid', file: file.name, errors: reply.errors });
        return;
      }
      setChoices({});
      setDefaultChoice('merge');
      setRestoreSettings(true);
      setStage({ kind: 'preview', file: file.name, text, token: reply.token, preview: reply.preview });
    } catch (err) {
      setStage({ kind: 'failed', file: file.name, message: errorMessage(err) });
    }
  };

  const commit = async () => {
    if (stage.kind !== 'preview') return;
    const { file, text, token, preview } = stage;
    setStage({ kind: 'importing', file });
    const payloadChoices = {
      default: defaultChoice,
      choices: Object.fromEntries(Object.entries(choices).map(([k, v]) => [String(k), v])),
      restoreSettings: preview.counts.settings && restoreSettings,
    };
    try {
      let outcome: ImportOutcome;
      try {
        outcome = await ask('import.commit', { token, choices: payloadChoices });
      } catch (err) {
        // The background forgot the preview (it was restarted): send the file again.
        if (!/preview expired/.test(errorMessage(err))) throw err;
        outcome = await ask('import.commit', { text, choices: payloadChoices });
      }
      setStage({ kind: 'imported', file, outcome });
      onImported();
    } catch (err) {
      setStage({ kind: 'failed', file, message: errorMessage(err) });
      onImported();
    }
  };

  const onExport = async (kind: ExportKind) => {
    setExportOpen(false);
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

  const dismiss = () => setStage({ kind: 'idle' });

  return (
    <div class="io">
      <div class="io__buttons">
        <label class={`btn file-button${busy ? ' file-button--disabled' : ''}`}>
          <input
            class="sr-only"
            type="file"
            accept=".json,.csv,application/json,text/csv"
            aria-label="Import glossary file"
            data-testid="import-input"
            disabled={busy}
            onChange={onFile}
          />
          <span aria-hidden="true">{stage.kind === 'reading' ? 'Reading…' : stage.kind === 'importing' ? 'Importing…' : 'Import…'}</span>
        </label>
        <div class="menu">
          <button
            type="button"
            class="btn"
            aria-haspopup="true"
            aria-expanded={exportOpen ? 'true' : 'false'}
            aria-controls={`${uid}-export`}
            onClick={() => setExportOpen(!exportOpen)}
            disabled={busy}
          >
            {exporting ? 'Exporting…' : 'Export'}
          </button>
          {exportOpen && (
            <div class="menu__list" id={`${uid}-export`} role="group" aria-label="Export">
              <button type="button" class="menu__item" onClick={() => void onExport('backup')}>
                Full backup (JSON)
                <span class="muted">glossary, reading history, notes, settings</span>
              </button>
              <button type="button" class="menu__item" onClick={() => void onExport('glossary')} disabled={empty}>
                Glossary (JSON)
              </button>
              <button type="button" class="menu__item" onClick={() => void onExport('csv')} disabled={empty}>
                Glossary (CSV, for spreadsheets)
              </button>
            </div>
          )}
        </div>
      </div>

      {(stage.kind !== 'idle' && stage.kind !== 'reading') || exportNote ? (
        <div class="io__feedback">
          {exportNote && (
            <Banner kind={exportNote.ok ? 'success' : 'error'} title={exportNote.ok ? undefined : 'Could not export.'} testId={exportNote.ok ? 'export-result' : 'export-error'} onDismiss={() => setExportNote(null)}>
              {exportNote.text}
            </Banner>
          )}
          {stage.kind === 'invalid' && (
            <Banner kind="error" title={`Could not import ${stage.file}.`} testId="import-error" onDismiss={dismiss}>
              <ImportProblems errors={stage.errors} />
            </Banner>
          )}
          {stage.kind === 'failed' && (
            <Banner kind="error" title={`Could not import ${stage.file}.`} testId="import-error" onDismiss={dismiss}>
              <ImportProblems errors={splitImportError(stage.message).problems} lead={splitImportError(stage.message).lead} />
            </Banner>
          )}
          {stage.kind === 'imported' && (
            <Banner kind="success" testId="import-result" onDismiss={dismiss}>
              {describeOutcome(stage.outcome)} <span class="muted">(from {stage.file})</span>
            </Banner>
          )}
          {stage.kind === 'preview' && (
            <section class="panel import-preview" aria-label={`Import ${stage.file}`} data-testid="import-preview">
              <h2 class="import-preview__title">Import {stage.file}?</h2>
              <p>
                A {KIND_LABEL[stage.preview.kind]} with {plural(stage.preview.counts.entities, 'entity', 'entities')}
                {stage.preview.kind === 'backup' && (
                  <>
                    , {plural(stage.preview.counts.articles, 'article')}, {plural(stage.preview.counts.mentions, 'mention row')} and{' '}
                    {plural(stage.preview.counts.notes, 'saved note')}
                  </>
                )}
                .
              </p>
              <ul class="import-preview__summary" data-testid="import-summary">
                <li>{plural(stage.preview.newEntities, 'new entity', 'new entities')} will be added.</li>
                {stage.preview.unchanged > 0 && <li>{plural(stage.preview.unchanged, 'entity', 'entities')} already in your glossary exactly as in the file.</li>}
                {stage.preview.duplicateCount > 0 && <li>{plural(stage.preview.duplicateCount, 'entry', 'entries')} match an entity you already have: choose what to do below.</li>}
              </ul>
              {stage.preview.aliasNotes && <ImportAliasNotes notes={stage.preview.aliasNotes} />}
              {stage.preview.duplicateCount > 0 && (
                <DuplicateChoices
                  preview={stage.preview}
                  defaultChoice={defaultChoice}
                  onDefault={setDefaultChoice}
                  choices={choices}
                  onChoice={(i, c) => setChoices({ ...choices, [i]: c })}
                />
              )}
              {stage.preview.counts.settings && (
                <label class="checkbox">
                  <input type="checkbox" checked={restoreSettings} onChange={(e) => setRestoreSettings(e.currentTarget.checked)} />
                  Also restore the settings saved in the backup
                </label>
              )}
              <div class="import-preview__actions">
                <button type="button" class="btn btn--primary" onClick={() => void commit()}>
                  Import
                </button>
                <button type="button" class="btn btn--ghost" onClick={dismiss}>
                  Cancel
                </button>
              </div>
            </section>
          )}
        </div>
      ) : null}
    </div>
  );
}

function DuplicateChoices(props: {
  preview: ImportPreview;
  defaultChoice: Choice;
  onDefault: (c: Choice) => void;
  choices: Record<number, Choice>;
  onChoice: (index: number, c: Choice) => void;
}) {
  const uid = useId();
  const { preview } = props;
  return (
    <div class="dups">
      <div class="dups__default">
        <label for={`${uid}-all`}>For every match</label>
        <select id={`${uid}-all`} class="select" value={props.defaultChoice} onChange={(e) => props.onDefault(e.currentTarget.value as Choice)}>
          {(['merge', 'skip', 'keep'] as Choice[]).map((c) => (
            <option key={c} value={c}>
              {CHOICE_LABEL[c]}
            </option>
          ))}
        </select>
        <p class="field__hint">
          Merge: your entity keeps its name and type and gains the file’s aliases, notes, tags and links. Skip: yours stays as it is. Keep both: the file’s entry is added as a separate entity.
        </p>
      </div>
      <table class="dups__table" data-testid="duplicates">
        <thead>
          <tr>
            <th scope="col">In the file</th>
            <th scope="col">Already in your glossary</th>
            <th scope="col">Do</th>
          </tr>
        </thead>
        <tbody>
          {preview.duplicates.map((d) => (
            <tr key={d.index} data-testid="duplicate-row">
              <td>
                <strong>{d.name}</strong> <TypeBadge type={d.type} />
              </td>
              <td>
                {d.matches.map((m) => (
                  <div key={m.id}>
                    {m.name} <span class="muted">({m.by === 'id' ? 'same id' : m.by === 'name' ? 'same name' : `shares “${m.text}”`})</span>
                  </div>
                ))}
              </td>
              <td>
                <select
                  class="select"
                  aria-label={`What to do with ${d.name}`}
                  value={props.choices[d.index] ?? props.defaultChoice}
                  onChange={(e) => props.onChoice(d.index, e.currentTarget.value as Choice)}
                >
                  {(['merge', 'skip', 'keep'] as Choice[]).map((c) => (
                    <option key={c} value={c}>
                      {CHOICE_LABEL[c]}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.duplicateCount > preview.duplicates.length && (
        <p class="muted">…and {preview.duplicateCount - preview.duplicates.length} more, which follow the choice for every match.</p>
      )}
    </div>
  );
}

export function describeOutcome(o: ImportOutcome): string {
  const parts = [`${o.entities.added} new`, `${o.entities.merged} merged`, `${o.entities.skipped} skipped`];
  if (o.entities.unchanged) parts.push(`${o.entities.unchanged} unchanged`);
  let text = `Imported ${parts.join(', ')}.`;
  if (o.articles.added + o.articles.updated > 0 || o.mentions > 0) {
    text += ` Reading history: ${plural(o.articles.added, 'new article')}, ${plural(o.mentions, 'mention row')}.`;
  }
  if (o.notes.added) text += ` ${plural(o.notes.added, 'saved note')}.`;
  if (o.settingsRestored) text += ' Settings restored.';
  return text;
}

/**
 * The background's message is "The file was not imported, nothing changed. a; b; c", each
 * problem naming its path. Several problems read better as a list.
 */
export function splitImportError(message: string): { lead: string; problems: string[] } {
  const m = /^(.*?nothing (?:was )?changed\.)\s*(.*)$/is.exec(message);
  const lead = m ? m[1]!.trim() : 'Nothing was changed.';
  const rest = (m ? m[2]! : message).trim();
  const problems = rest ? rest.split('; ').map((p) => p.trim()).filter(Boolean) : [];
  return { lead, problems };
}

function ImportProblems({ errors, lead = 'The file was not imported, nothing changed.' }: { errors: string[]; lead?: string }) {
  if (errors.length <= 1) {
    return (
      <>
        {errors[0] && <span class="import-problem">{errors[0]}.</span>} {lead}
      </>
    );
  }
  return (
    <>
      {lead} {errors.length} problems:
      <ul class="import-problems">
        {errors.map((p, i) => (
          <li key={i}>{p}</li>
        ))}
      </ul>
    </>
  );
}
