/**
 * Add or edit one entity: name, type, aliases (chips with their matching options), notes
 * (the Markdown subset, with a preview), tags and references. Validation is the background's:
 * its error message is turned into words next to the fields it names (see entity-errors.ts);
 * anything else shows above the buttons. Escape cancels.
 *
 * No lost update (docs/versioning.md): the form saves against the version it loaded. When the
 * entity changed elsewhere (another options tab, the popup, a card's "Add note") — seen when the
 * list reloads, or when the save is refused — what the reader typed stays in the form and the
 * other version is shown beside it: keep mine (save over it) or take theirs (load it).
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ComponentChildren, Ref, TargetedKeyboardEvent, TargetedSubmitEvent } from 'preact';
import type { Alias, Entity, EntityInput, EntityType, MatchDefaults } from '../../lib/model/entity';
import { MAX_NAME_LENGTH, MAX_NOTES_LENGTH } from '../../lib/model/entity';
import { ENTITY_TYPE_LABELS, ENTITY_TYPE_OPTIONS, isEntityType } from '../shared/entity-types';
import { errorMessage } from '../shared/errors';
import { NoteMarkdown } from '../shared/NoteMarkdown';
import { AliasInput } from './AliasInput';
import { AliasNotes } from './AliasNotes';
import { LinksInput, TagInput } from './ListInputs';
import { addAliases } from './aliases';
import { describeEntityError, type EntityErrors } from './entity-errors';
import { ProtocolError } from '../../lib/messaging/client';
import { versionOf } from '../../lib/model/version';
import { ChangedElsewhereNotice } from '../shared/ChangedElsewhereNotice';

interface EntityFormProps {
  /** The entity being edited; absent for a new one. */
  entity?: Entity;
  /** The entity was deleted elsewhere while the form is open (the form stays, with the typing). */
  deleted?: boolean;
  /** `baseVersion`: the version of `entity` the reader's text is based on (absent for a new one). */
  onSubmit: (input: EntityInput, baseVersion?: number) => Promise<void>;
  onCancel: () => void;
  defaults?: MatchDefaults;
  tagSuggestions?: string[];
}

const NO_ERRORS: EntityErrors = { fields: {}, general: [] };
const FIELDS = ['name', 'type', 'aliases', 'notes', 'tags', 'links'] as const;

/** The ids that tie the form's labels, hints and errors to their fields. */
function formIds(uid: string) {
  return {
    heading: `${uid}-heading`,
    name: `${uid}-name`,
    type: `${uid}-type`,
    aliases: `${uid}-aliases`,
    aliasesHint: `${uid}-aliases-hint`,
    notes: `${uid}-notes`,
    notesHint: `${uid}-notes-hint`,
    tags: `${uid}-tags`,
    links: `${uid}-links`,
    err: (f: string) => `${uid}-${f}-error`,
  };
}
type FormIds = ReturnType<typeof formIds>;

export function EntityForm({ entity, deleted, onSubmit, onCancel, defaults, tagSuggestions }: EntityFormProps) {
  const uid = useId();
  const ids = formIds(uid);

  const [name, setName] = useState(entity?.name ?? '');
  const [type, setType] = useState<EntityType>(entity?.type ?? 'person');
  const [aliases, setAliases] = useState<Alias[]>(entity?.aliases ?? []);
  const [aliasDraft, setAliasDraft] = useState('');
  const [notes, setNotes] = useState(entity?.notes ?? '');
  const [preview, setPreview] = useState(false);
  const [tags, setTags] = useState<string[]>(entity?.tags ?? []);
  const [links, setLinks] = useState<string[]>(entity?.links ?? []);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<EntityErrors>(NO_ERRORS);
  // The version the reader's text is based on, and the other one when it changed elsewhere
  // (null: deleted elsewhere; undefined: no conflict known).
  const [base, setBase] = useState<Entity | undefined>(entity);
  const [other, setOther] = useState<Entity | null | undefined>(undefined);
  const saving = useRef(false);

  // The list reloaded with a newer version (or without the entity): the fields stay as the reader left them.
  useEffect(() => {
    if (deleted) setOther(null);
  }, [deleted]);
  useEffect(() => {
    if (!entity || !base || saving.current || deleted) return;
    if (versionOf(entity) !== versionOf(base) && versionOf(entity) !== versionOf(other ?? undefined)) setOther(entity);
  }, [entity]);

  const takeTheirs = (theirs: Entity) => {
    setName(theirs.name);
    setType(theirs.type);
    setAliases(theirs.aliases);
    setAliasDraft('');
    setNotes(theirs.notes);
    setTags(theirs.tags ?? []);
    setLinks(theirs.links ?? []);
    setBase(theirs);
    setOther(undefined);
    setErrors(NO_ERRORS);
  };

  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    nameRef.current?.focus();
  }, []);

  const submit = (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    void save(base);
  };

  /** Save the reader's text over `over` (the version it is based on; "keep mine" passes the other). */
  const save = async (over: Entity | undefined) => {
    if (busy) return;
    // Text still in the alias field counts as an alias.
    const allAliases = aliasDraft.trim() ? addAliases(aliases, [aliasDraft]) : aliases;
    setAliases(allAliases);
    setAliasDraft('');
    setBusy(true);
    setErrors(NO_ERRORS);
    saving.current = true;
    try {
      await onSubmit({ name, type, aliases: allAliases, notes, tags, links }, entity ? versionOf(over) : undefined);
      setBase(over);
      setOther(undefined);
    } catch (err) {
      if (err instanceof ProtocolError && err.conflict?.kind === 'entity') {
        // Refused: changed (or deleted) elsewhere. Nothing is cleared.
        setBase(over);
        setOther(err.conflict.current);
        return;
      }
      const described = describeEntityError(errorMessage(err));
      setErrors(described);
      const first = FIELDS.find((f) => described.fields[f]);
      if (first === 'notes') setPreview(false);
      if (first) document.getElementById(ids[first])?.focus();
    } finally {
      saving.current = false;
      setBusy(false);
    }
  };

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  };

  const fieldError = (field: keyof EntityErrors['fields']) => <FieldError ids={ids} field={field} errors={errors} />;
  const describedBy = (f: keyof EntityErrors['fields'], extra?: string) =>
    [extra, errors.fields[f] ? ids.err(f) : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <form class="entity-form" aria-labelledby={ids.heading} onSubmit={submit} onKeyDown={onKeyDown} noValidate>
      <h2 id={ids.heading} class="entity-form__title">
        {entity ? `Edit ${entity.name}` : 'New entity'}
      </h2>

      <NameAndType
        ids={ids}
        name={name}
        type={type}
        nameRef={nameRef}
        errors={errors}
        describedBy={describedBy}
        onName={setName}
        onType={setType}
      />

      <AliasesField
        ids={ids}
        entityId={entity?.id}
        name={name}
        aliases={aliases}
        draft={aliasDraft}
        defaults={defaults}
        invalid={Boolean(errors.fields.aliases)}
        describedBy={describedBy('aliases', ids.aliasesHint)}
        onChange={(next, draft) => {
          setAliases(next);
          setAliasDraft(draft);
        }}
      >
        {fieldError('aliases')}
      </AliasesField>

      <NotesField
        id={ids.notes}
        hintId={ids.notesHint}
        notes={notes}
        preview={preview}
        invalid={Boolean(errors.fields.notes)}
        describedBy={describedBy('notes', ids.notesHint)}
        onNotes={setNotes}
        onPreview={setPreview}
      >
        {fieldError('notes')}
      </NotesField>

      <div class="entity-form__grid entity-form__grid--even">
        <div class="field">
          <label for={ids.tags}>Tags</label>
          <TagInput id={ids.tags} tags={tags} onChange={setTags} suggestions={tagSuggestions} invalid={Boolean(errors.fields.tags)} describedBy={describedBy('tags')} />
          {fieldError('tags')}
        </div>
        <div class="field">
          <label for={ids.links}>References</label>
          <LinksInput id={ids.links} links={links} onChange={setLinks} invalid={Boolean(errors.fields.links)} describedBy={describedBy('links')} />
          {fieldError('links')}
        </div>
      </div>

      {other !== undefined && (
        <ChangedElsewhereNotice
          kind="entity"
          other={other}
          busy={busy}
          onKeepMine={other ? () => void save(other) : undefined}
          onTakeTheirs={other ? () => takeTheirs(other) : undefined}
        >
          {other && <EntityVersion entity={other} />}
        </ChangedElsewhereNotice>
      )}

      <SaveProblems errors={errors} />

      <FormActions busy={busy} isNew={!entity} onCancel={onCancel} />
    </form>
  );
}

interface NameAndTypeProps {
  ids: FormIds;
  name: string;
  type: EntityType;
  nameRef: Ref<HTMLInputElement>;
  errors: EntityErrors;
  describedBy: (f: 'name' | 'type') => string | undefined;
  onName: (name: string) => void;
  onType: (type: EntityType) => void;
}

function NameAndType({ ids, name, type, nameRef, errors, describedBy, onName, onType }: NameAndTypeProps) {
  return (
    <div class="entity-form__grid">
      <div class="field field--name">
        <label for={ids.name}>Name</label>
        <input
          ref={nameRef}
          id={ids.name}
          class="input"
          type="text"
          autocomplete="off"
          value={name}
          maxLength={MAX_NAME_LENGTH}
          aria-invalid={errors.fields.name ? 'true' : undefined}
          aria-describedby={describedBy('name')}
          onInput={(e) => onName(e.currentTarget.value)}
        />
        <FieldError ids={ids} field="name" errors={errors} />
      </div>

      <div class="field field--type">
        <label for={ids.type}>Type</label>
        <select
          id={ids.type}
          class="select"
          value={type}
          aria-invalid={errors.fields.type ? 'true' : undefined}
          aria-describedby={describedBy('type')}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (isEntityType(v)) onType(v);
          }}
        >
          {ENTITY_TYPE_OPTIONS.map((t) => (
            <option key={t} value={t}>
              {ENTITY_TYPE_LABELS[t]}
            </option>
          ))}
        </select>
        <FieldError ids={ids} field="type" errors={errors} />
      </div>
    </div>
  );
}

interface AliasesFieldProps {
  ids: FormIds;
  /** The entity being edited (its own aliases are no clash). */
  entityId: string | undefined;
  name: string;
  aliases: Alias[];
  draft: string;
  defaults: MatchDefaults | undefined;
  invalid: boolean;
  describedBy: string | undefined;
  onChange: (aliases: Alias[], draft: string) => void;
  /** The field's error, if any. */
  children: ComponentChildren;
}

/** The aliases as chips, how they match, and what the glossary says about them (AliasNotes). */
function AliasesField({ ids, entityId, name, aliases, draft, defaults, invalid, describedBy, onChange, children }: AliasesFieldProps) {
  return (
    <div class="field">
      <label for={ids.aliases}>Aliases</label>
      <AliasInput id={ids.aliases} aliases={aliases} draft={draft} defaults={defaults} invalid={invalid} describedBy={describedBy} onChange={onChange} />
      <p id={ids.aliasesHint} class="field__hint">
        Other names the page may use. Separate them with | or ; or press Enter (a comma stays in the
        name: “Washington, D.C.”). An alias with capitals matches only capitalised text; “Aa” matches
        that exact capitalisation only; “é” tells accented letters apart.
      </p>
      <AliasNotes id={entityId} name={name} aliases={draft.trim() ? addAliases(aliases, [draft]) : aliases} />
      {children}
    </div>
  );
}

interface NotesFieldProps {
  id: string;
  hintId: string;
  notes: string;
  preview: boolean;
  invalid: boolean;
  describedBy: string | undefined;
  onNotes: (notes: string) => void;
  onPreview: (preview: boolean) => void;
  /** The field's error, if any. */
  children: ComponentChildren;
}

/** The notes: written as text (the Markdown subset), or previewed as they will show. */
function NotesField({ id, hintId, notes, preview, invalid, describedBy, onNotes, onPreview, children }: NotesFieldProps) {
  return (
    <div class="field">
      <div class="field__label-row">
        <label for={id}>Notes</label>
        <div class="segmented" role="group" aria-label="Notes view">
          <button type="button" class={`segmented__btn${preview ? '' : ' is-on'}`} aria-pressed={preview ? 'false' : 'true'} onClick={() => onPreview(false)}>
            Write
          </button>
          <button type="button" class={`segmented__btn${preview ? ' is-on' : ''}`} aria-pressed={preview ? 'true' : 'false'} onClick={() => onPreview(true)}>
            Preview
          </button>
        </div>
      </div>
      {preview ? (
        <div class="notes-preview" data-testid="notes-preview">
          {notes.trim() ? <NoteMarkdown text={notes} /> : <p class="muted">Nothing to preview.</p>}
        </div>
      ) : (
        <textarea
          id={id}
          class="textarea"
          rows={6}
          value={notes}
          maxLength={MAX_NOTES_LENGTH}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={describedBy}
          onInput={(e) => onNotes(e.currentTarget.value)}
        />
      )}
      <p id={hintId} class="field__hint">
        *emphasis*, **bold**, lists starting with “- ” or “1. ”, and links such as [Wikipedia](https://en.wikipedia.org/…).
      </p>
      {children}
    </div>
  );
}

/** The other version of the entity, as it is stored now (shown beside the reader's). */
function EntityVersion({ entity }: { entity: Entity }) {
  return (
    <dl class="other-version" data-testid="other-version">
      <dt>Name</dt>
      <dd>{entity.name}</dd>
      <dt>Type</dt>
      <dd>{ENTITY_TYPE_LABELS[entity.type]}</dd>
      {entity.aliases.length > 0 && (
        <>
          <dt>Aliases</dt>
          <dd>{entity.aliases.map((a) => (a.hidden ? `${a.text} (hidden)` : a.text)).join(' | ')}</dd>
        </>
      )}
      <dt>Notes</dt>
      <dd class="other-version__notes">{entity.notes || '(none)'}</dd>
      {(entity.tags?.length ?? 0) > 0 && (
        <>
          <dt>Tags</dt>
          <dd>{entity.tags!.join(', ')}</dd>
        </>
      )}
      {(entity.links?.length ?? 0) > 0 && (
        <>
          <dt>References</dt>
          <dd>{entity.links!.join(' ')}</dd>
        </>
      )}
    </dl>
  );
}

/** Why the save failed, above the buttons: the background's words, or "correct the marked fields". */
function SaveProblems({ errors }: { errors: EntityErrors }) {
  const fields = Object.keys(errors.fields).length;
  if (errors.general.length > 0) {
    return (
      <div class="form-error" role="alert" data-testid="form-error">
        <strong>Could not save.</strong> {errors.general.join(' ')}
      </div>
    );
  }
  if (fields === 0) return null;
  return (
    <div class="form-error" role="alert" data-testid="form-error">
      <strong>Could not save.</strong> Please correct the marked {fields === 1 ? 'field' : 'fields'}.
    </div>
  );
}

function FieldError({ ids, field, errors }: { ids: FormIds; field: keyof EntityErrors['fields']; errors: EntityErrors }) {
  return errors.fields[field] ? (
    <p id={ids.err(field)} class="field__error" data-testid={`${field}-error`}>
      {errors.fields[field]}
    </p>
  ) : null;
}

function FormActions({ busy, isNew, onCancel }: { busy: boolean; isNew: boolean; onCancel: () => void }) {
  return (
    <div class="entity-form__actions">
      <button type="submit" class="btn btn--primary" disabled={busy}>
        {busy ? 'Saving…' : isNew ? 'Add to glossary' : 'Save changes'}
      </button>
      <button type="button" class="btn btn--ghost" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
    </div>
  );
}
