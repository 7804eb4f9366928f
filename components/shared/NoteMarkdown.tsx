/**
 * An entity's notes, rendered from the safe Markdown subset (see markdown.ts): marked, then
 * DOMPurify with a strict allow-list. Used by the options page and the tooltip card. Should
 * rendering fail in some context, the notes are shown as plain text (never as HTML).
 */
import { useMemo } from 'preact/hooks';
import { renderNoteHtml } from './markdown';

interface NoteMarkdownProps {
  text: string;
  class?: string;
  testId?: string;
}

export function NoteMarkdown({ text, class: className, testId }: NoteMarkdownProps) {
  const html = useMemo(() => {
    try {
      return renderNoteHtml(text);
    } catch {
      return null;
    }
  }, [text]);
  if (html === null) {
    return (
      <div class={className ?? 'note-md'} data-testid={testId} style={{ whiteSpace: 'pre-wrap' }}>
        {text}
      </div>
    );
  }
  return <div class={className ?? 'note-md'} data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}
