/**
 * Paints marks with the CSS Custom Highlight API: ranges are registered, no element is added
 * around the page's text, so the page's DOM, layout, selection and frameworks are untouched.
 *
 * Registry names are generic (the page's scripts can list CSS.highlights): they say which
 * kind of mark it is, never which entity. Their styles come from the content script's
 * manifest-injected stylesheet (assets/marks.css), so no <style> element is added either.
 */
import type { EntityType } from '../model/entity';

export const HIGHLIGHT_NAMES: Record<EntityType, string> = {
  person: 'ncr-person',
  organization: 'ncr-organization',
  event: 'ncr-event',
  other: 'ncr-other',
};

export function highlightsSupported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

export class MarkPainter {
  private readonly highlights = new Map<EntityType, Highlight>();

  paint(marks: Iterable<{ range: AbstractRange; type: EntityType }>): void {
    if (!highlightsSupported()) return;
    const byType = new Map<EntityType, AbstractRange[]>();
    for (const m of marks) {
      let list = byType.get(m.type);
      if (!list) byType.set(m.type, (list = []));
      list.push(m.range);
    }
    this.clear();
    for (const [type, ranges] of byType) {
      const h = new Highlight(...ranges);
      this.highlights.set(type, h);
      CSS.highlights.set(HIGHLIGHT_NAMES[type], h);
    }
  }

  clear(): void {
    if (!highlightsSupported()) return;
    for (const type of this.highlights.keys()) CSS.highlights.delete(HIGHLIGHT_NAMES[type]);
    this.highlights.clear();
  }
}
