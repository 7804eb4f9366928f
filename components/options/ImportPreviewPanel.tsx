/**
 * Step 1's answer for a valid file: what it holds, what importing it would add, and for each
 * entry that duplicates one already in the glossary a choice (merge, skip, keep both).
 */
import { useId } from 'preact/hooks';
import type { ImportPreview } from '../../lib/messaging/knowledge';
import { TypeBadge } from '../shared/TypeBadge';
import { plural } from '../shared/format';
import { ImportAliasNotes } from './ImportAliasNotes';
import type { Choice, useImportFile } from './useImportFile';

const KIND_LABEL: Record<ImportPreview['kind'], string> = {
  glossary: 'glossary file',
  backup: 'full backup',
  csv: 'glossary (CSV)',
  'skos-turtle': 'SKOS vocabulary (Turtle)',
  'skos-jsonld': 'SKOS vocabulary (JSON-LD)',
  wikidata: 'Wikidata entity file',
};
const CHOICE_LABEL: Record<Choice, string> = { merge: 'Merge into it', skip: 'Skip', keep: 'Keep both' };

interface ImportPreviewPanelProps {
  file: string;
  preview: ImportPreview;
  imp: ReturnType<typeof useImportFile>;
}

export function ImportPreviewPanel({ file, preview, imp }: ImportPreviewPanelProps) {
  return (
    <section class="panel import-preview" aria-label={`Import ${file}`} data-testid="import-preview">
      <h2 class="import-preview__title">Import {file}?</h2>
      <p>
        A {KIND_LABEL[preview.kind]} with {plural(preview.counts.entities, 'entity', 'entities')}
        {preview.kind === 'backup' && (
          <>
            , {plural(preview.counts.articles, 'article')}, {plural(preview.counts.mentions, 'mention row')} and{' '}
            {plural(preview.counts.notes, 'saved note')}
          </>
        )}
        .
      </p>
      <ul class="import-preview__summary" data-testid="import-summary">
        <li>{plural(preview.newEntities, 'new entity', 'new entities')} will be added.</li>
        {preview.unchanged > 0 && <li>{plural(preview.unchanged, 'entity', 'entities')} already in your glossary exactly as in the file.</li>}
        {preview.duplicateCount > 0 && <li>{plural(preview.duplicateCount, 'entry', 'entries')} match an entity you already have: choose what to do below.</li>}
      </ul>
      {preview.aliasNotes && <ImportAliasNotes notes={preview.aliasNotes} />}
      {preview.duplicateCount > 0 && (
        <DuplicateChoices
          preview={preview}
          defaultChoice={imp.defaultChoice}
          onDefault={imp.setDefaultChoice}
          choices={imp.choices}
          onChoice={imp.choose}
        />
      )}
      {preview.counts.settings && (
        <label class="checkbox">
          <input type="checkbox" checked={imp.restoreSettings} onChange={(e) => imp.setRestoreSettings(e.currentTarget.checked)} />
          Also restore the settings saved in the backup
        </label>
      )}
      <div class="import-preview__actions">
        <button type="button" class="btn btn--primary" onClick={() => void imp.commit()}>
          Import
        </button>
        <button type="button" class="btn btn--ghost" onClick={imp.dismiss}>
          Cancel
        </button>
      </div>
    </section>
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
          <ChoiceOptions />
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
                  <ChoiceOptions />
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

function ChoiceOptions() {
  return (
    <>
      {(['merge', 'skip', 'keep'] as Choice[]).map((c) => (
        <option key={c} value={c}>
          {CHOICE_LABEL[c]}
        </option>
      ))}
    </>
  );
}
