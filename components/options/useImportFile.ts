/**
 * An import in two steps (see ImportExport.tsx): the chosen file is read and previewed by the
 * background (import.preview), then written with the reader's choices (import.commit). One
 * `stage` says where it stands.
 */
import { useState } from 'preact/hooks';
import type { TargetedEvent } from 'preact';
import { ask } from '../../lib/messaging/client';
import { MAX_IMPORT_TEXT, type ImportOutcome, type ImportPreview } from '../../lib/messaging/knowledge';
import { errorMessage } from '../shared/errors';
import { MAX_IMPORT_BYTES, megabytes, messageBytes } from '../../lib/messaging/size';

export type Choice = 'merge' | 'skip' | 'keep';

export type Stage =
  | { kind: 'idle' }
  | { kind: 'reading'; file: string }
  | { kind: 'invalid'; file: string; errors: string[] }
  | { kind: 'preview'; file: string; text: string; token: string; preview: ImportPreview }
  | { kind: 'importing'; file: string }
  | { kind: 'imported'; file: string; outcome: ImportOutcome }
  | { kind: 'failed'; file: string; message: string };

/**
 * Why a file cannot be imported, told from its size before reading it; null when it may fit.
 * The limit is in bytes as the browser's messaging carries the text (lib/messaging/size.ts): a
 * file's UTF-8 bytes are at least that many less the escapes, so a larger file cannot fit.
 */
function fileTooLarge(file: File): string | null {
  return file.size > MAX_IMPORT_BYTES ? tooLargeText(file.size) : null;
}

/** The text as read: its size in the message (escapes included), then the protocol's character limit. */
function textTooLong(text: string): string | null {
  const bytes = messageBytes(text);
  if (bytes > MAX_IMPORT_BYTES) return tooLargeText(bytes);
  return text.length > MAX_IMPORT_TEXT
    ? `the file is too large (${(text.length / 1e6).toFixed(1)} million characters; at most ${MAX_IMPORT_TEXT / 1e6} million)`
    : null;
}

function tooLargeText(bytes: number): string {
  return `the file is too large to import: ${megabytes(bytes)}; at most ${megabytes(MAX_IMPORT_BYTES)} can be imported at once`;
}

/** `onChosen` runs when a file is chosen; `onImported` after an import changed something (or may have). */
export function useImportFile(onChosen: () => void, onImported: () => void) {
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [defaultChoice, setDefaultChoice] = useState<Choice>('merge');
  const [choices, setChoices] = useState<Record<number, Choice>>({});
  const [restoreSettings, setRestoreSettings] = useState(true);

  const onFile = async (e: TargetedEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    const files = [...(input.files ?? [])];
    // Clear the input so choosing the same file again (after fixing it) reads it again.
    input.value = '';
    if (files.length > 1) return onSeveral(files);
    const file = files[0];
    if (!file) return;
    onChosen();
    const tooLarge = fileTooLarge(file);
    if (tooLarge) {
      setStage({ kind: 'invalid', file: file.name, errors: [tooLarge] });
      return;
    }
    setStage({ kind: 'reading', file: file.name });
    try {
      const text = await file.text();
      const tooLong = textTooLong(text);
      if (tooLong) {
        setStage({ kind: 'invalid', file: file.name, errors: [tooLong] });
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

  /**
   * Several files at once (Wikidata entity files, one per entity): read as one JSON list of
   * them, which lib/formats reads like a single file holding them all. Other kinds of file are
   * imported one at a time; the list's message says so.
   */
  const onSeveral = async (files: File[]) => {
    onChosen();
    const name = `${files.length} files`;
    const total = files.reduce((n, f) => n + f.size, 0);
    if (total > MAX_IMPORT_BYTES) {
      setStage({ kind: 'invalid', file: name, errors: [tooLargeText(total)] });
      return;
    }
    setStage({ kind: 'reading', file: name });
    try {
      const texts = await Promise.all(files.map((f) => f.text()));
      const notJson = files.filter((_, i) => !/^\s*[[{]/.test(texts[i]!.replace(/^\uFEFF/, '')));
      if (notJson.length) {
        setStage({ kind: 'invalid', file: name, errors: [`${notJson.map((f) => f.name).join(', ')}: several files at once must be Wikidata entity files (JSON); import other files one at a time`] });
        return;
      }
      const text = `[${texts.map((t) => t.replace(/^\uFEFF/, '')).join(',\n')}]`;
      const tooLong = textTooLong(text);
      if (tooLong) {
        setStage({ kind: 'invalid', file: name, errors: [tooLong] });
        return;
      }
      const reply = await ask('import.preview', { text });
      if (!reply.valid) {
        setStage({ kind: 'invalid', file: name, errors: reply.errors });
        return;
      }
      setChoices({});
      setDefaultChoice('merge');
      setRestoreSettings(true);
      setStage({ kind: 'preview', file: name, text, token: reply.token, preview: reply.preview });
    } catch (err) {
      setStage({ kind: 'failed', file: name, message: errorMessage(err) });
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

  const dismiss = () => setStage({ kind: 'idle' });

  return {
    stage,
    defaultChoice,
    setDefaultChoice,
    choices,
    choose: (index: number, c: Choice) => setChoices({ ...choices, [index]: c }),
    restoreSettings,
    setRestoreSettings,
    onFile,
    commit,
    dismiss,
  };
}
