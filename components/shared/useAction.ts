/**
 * One action at a time for a settings panel: while it runs the panel's buttons are disabled
 * (`busy`), and when it ends the panel shows either a note in words or the error's message.
 * Used by Settings › Sync and Settings › Team glossaries.
 */
import { useState } from 'preact/hooks';
import { errorMessage } from './errors';

export interface Action {
  busy: boolean;
  note: string | null;
  error: string | null;
  setNote(note: string | null): void;
  setError(error: string | null): void;
  /** Runs `what`, clearing the last note and error first; a thrown error becomes `error`. */
  run(what: () => Promise<void>): Promise<void>;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      await what();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, note, error, setNote, setError, run };
}
