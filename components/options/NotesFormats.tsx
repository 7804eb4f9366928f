/**
 * Saved notes in other tools' formats (issue 18; docs/formats-notes.md):
 *  - import a W3C Web Annotation file (what Hypothesis exports) in two steps: the background
 *    validates it and says what it would do (notes.importPreview), every problem named by its
 *    place in the file, nothing written; then one transaction (notes.importCommit) with the
 *    reader's choice for each note already here: skip it or keep both;
 *  - export every note as Web Annotations or as Readwise's CSV (notes.export), or the whole
 *    knowledge base as a Markdown vault: a zip, or a folder (re-export overwrites only the files
 *    it wrote).
 */
import { useId, useState } from 'preact/hooks';
import { ask } from '../../lib/messaging/client';
import type { NotesImportPreview } from '../../lib/messaging/note-formats';
import { vaultFileName } from '../../lib/formats/markdown-vault';
import { Banner } from '../shared/Banner';
import { errorMessage } from '../shared/errors';
import { download } from '../shared/download';
import { plural } from '../shared/format';
import { ImportProblems } from './ImportProblems';
import { canPickFolder, pickFolder, vaultZip, writeVaultToFolder } from './vault-writer';

type Choice = 'skip' | 'keep';

type Stage =
  | { kind: 'idle' }
  | { kind: 'busy'; what: string }
  | { kind: 'invalid'; file: string; errors: string[] }
  | { kind: 'preview'; file: string; text: string; token: string; preview: NotesImportPreview }
  | { kind: 'done'; ok: boolean; text: string };

export function NotesFormats({ uid }: { uid: string }) {
  const id = useId();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [defaultChoice, setDefaultChoice] = useState<Choice>('skip');
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const busy = stage.kind === 'busy';

  const run = async (what: string, work: () => Promise<Stage>) => {
    setStage({ kind: 'busy', what });
    try {
      setStage(await work());
    } catch (err) {
      // The reader closing the folder picker is not an error.
      if ((err as DOMException)?.name === 'AbortError') setStage({ kind: 'idle' });
      else setStage({ kind: 'done', ok: false, text: errorMessage(err) });
    }
  };

  const onFile = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    void run('Reading…', async () => {
      const text = await file.text();
      const r = await ask('notes.importPreview', { text });
      setDefaultChoice('skip');
      setChoices({});
      return r.valid ? { kind: 'preview', file: file.name, text, token: r.token, preview: r.preview } : { kind: 'invalid', file: file.name, errors: r.errors };
    });
  };

  const commit = (s: Extract<Stage, { kind: 'preview' }>) =>
    run('Importing…', async () => {
      const r = await ask('notes.importCommit', { token: s.token, text: s.text, default: defaultChoice, choices });
      return { kind: 'done', ok: true, text: `Imported ${plural(r.added, 'note')}${r.skipped ? `, skipped ${plural(r.skipped, 'note')} already here` : ''} (from ${s.file}).` };
    });

  const exportAs = (format: 'web-annotation' | 'readwise-csv') =>
    run('Exporting…', async () => {
      const r = await ask('notes.export', { query: '', format });
      download(r.text, r.filename, r.mime);
      return { kind: 'done', ok: true, text: `Exported ${plural(r.count, 'note')} as ${r.filename}.` };
    });

  const exportVault = (where: 'zip' | 'folder') =>
    run('Exporting…', async () => {
      // The folder is asked for first: the picker needs the click's user activation.
      const folder = where === 'folder' ? await pickFolder() : null;
      const { files, entities, articles } = await ask('notes.vault', {});
      const now = Date.now();
      const what = `${plural(entities, 'entity', 'entities')} and ${plural(articles, 'article')}`;
      if (!folder) {
        const name = vaultFileName(now);
        download(vaultZip(files, now), name, 'application/zip');
        return { kind: 'done', ok: true, text: `Exported ${what} as ${name}.` };
      }
      const plan = await writeVaultToFolder(folder, files, now);
      const kept = plan.kept.length ? ` Left alone ${plural(plan.kept.length, 'file')} you made or changed: ${plan.kept.slice(0, 5).join(', ')}${plan.kept.length > 5 ? '…' : ''}.` : '';
      return { kind: 'done', ok: true, text: `Wrote ${plural(plan.write.length, 'file')} of ${what} into “${folder.name}” (${plural(plan.unchanged.length, 'file')} already up to date).${kept}` };
    });

  return (
    <section class="panel settings" aria-labelledby={`${uid}-note-formats`} data-testid="note-formats">
      <h2 id={`${uid}-note-formats`} class="section-title">
        Notes in other tools
      </h2>
      <p class="field__hint">
        Bring in annotations from Hypothesis (or any W3C Web Annotation file); take your notes to Hypothesis, Readwise, or an Obsidian/Logseq vault.
      </p>
      <div class="io__buttons">
        <label class={`btn file-button${busy ? ' file-button--disabled' : ''}`}>
          <input class="sr-only" type="file" accept=".json,.jsonld,application/json,application/ld+json" aria-label="Import annotations" data-testid="annotations-input" disabled={busy} onChange={onFile} />
          <span aria-hidden="true">Import annotations…</span>
        </label>
        <button type="button" class="btn" disabled={busy} onClick={() => void exportAs('web-annotation')} data-testid="export-web-annotation">
          Web Annotations (Hypothesis)
        </button>
        <button type="button" class="btn" disabled={busy} onClick={() => void exportAs('readwise-csv')} data-testid="export-readwise">
          Readwise CSV
        </button>
        <button type="button" class="btn" disabled={busy} onClick={() => void exportVault('zip')} data-testid="export-vault-zip">
          Markdown vault (zip)
        </button>
        {canPickFolder() && (
          <button type="button" class="btn" disabled={busy} onClick={() => void exportVault('folder')} data-testid="export-vault-folder">
            Markdown vault into a folder…
          </button>
        )}
      </div>
      {stage.kind === 'busy' && <p class="muted">{stage.what}</p>}
      {stage.kind === 'invalid' && (
        <Banner kind="error" title={`Could not import ${stage.file}.`} testId="annotations-error" onDismiss={() => setStage({ kind: 'idle' })}>
          <ImportProblems errors={stage.errors} />
        </Banner>
      )}
      {stage.kind === 'done' && (
        <Banner kind={stage.ok ? 'success' : 'error'} testId={stage.ok ? 'note-formats-result' : 'note-formats-error'} onDismiss={() => setStage({ kind: 'idle' })}>
          {stage.text}
        </Banner>
      )}
      {stage.kind === 'preview' && (
        <div class="import-preview" data-testid="annotations-preview" aria-label={`Import ${stage.file}`}>
          <h3 class="import-preview__title">Import {stage.file}?</h3>
          <ul class="import-preview__summary" data-testid="annotations-summary">
            <li>{plural(stage.preview.newNotes, 'new note')} will be added.</li>
            {stage.preview.duplicateCount > 0 && <li>{plural(stage.preview.duplicateCount, 'note')} you already have: choose below.</li>}
            {stage.preview.skippedCount > 0 && <li>{plural(stage.preview.skippedCount, 'annotation')} cannot be imported (listed below).</li>}
          </ul>
          {stage.preview.sample.length > 0 && (
            <details>
              <summary>What will be imported{stage.preview.total > stage.preview.sample.length ? ` (the first ${stage.preview.sample.length})` : ''}</summary>
              <ul class="import-preview__list">
                {stage.preview.sample.map((n) => (
                  <li key={n.index}>
                    {n.quote ? <q>{n.quote}</q> : <em>{n.comment}</em>} <span class="muted">— {n.title || n.url}</span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {stage.preview.duplicateCount > 0 && (
            <fieldset class="import-preview__dupes">
              <legend>Notes already here</legend>
              <label>
                For each:{' '}
                <select id={`${id}-default`} value={defaultChoice} onChange={(e) => setDefaultChoice(e.currentTarget.value as Choice)} data-testid="annotations-default">
                  <option value="skip">Skip</option>
                  <option value="keep">Keep both</option>
                </select>
              </label>
              <ul class="import-preview__list">
                {stage.preview.duplicates.map((d) => (
                  <li key={d.index}>
                    <q>{d.quote || d.comment}</q> <span class="muted">— {d.title || d.url}</span>{' '}
                    <select
                      aria-label={`What to do with annotation ${d.index + 1}`}
                      value={choices[String(d.index)] ?? defaultChoice}
                      onChange={(e) => setChoices({ ...choices, [String(d.index)]: e.currentTarget.value as Choice })}
                    >
                      <option value="skip">Skip</option>
                      <option value="keep">Keep both</option>
                    </select>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
          {stage.preview.skippedCount > 0 && (
            <details>
              <summary>Cannot be imported</summary>
              <ul class="import-preview__list" data-testid="annotations-skipped">
                {stage.preview.skipped.map((s) => (
                  <li key={s.index}>
                    Annotation {s.index + 1}: {s.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div class="import-preview__actions">
            <button type="button" class="btn btn--primary" onClick={() => void commit(stage)} disabled={stage.preview.total === 0} data-testid="annotations-import">
              Import
            </button>
            <button type="button" class="btn btn--ghost" onClick={() => setStage({ kind: 'idle' })}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
