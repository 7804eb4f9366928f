/**
 * Marks drawn where the page cannot list them (issue 15). CSS.highlights is one registry shared
 * with the page's scripts: a page could swap candidate names into its text and read which were
 * highlighted, and as what — the whole glossary in seconds. Every mark (glossary marks, saved
 * quotes, suggestions) is instead a range with a look kept here, in the content script's own
 * world, and drawn as boxes in a closed shadow root by the drawer (lib/dom/overlay-drawer.ts,
 * loaded as its own file when the extension starts on a page: `mount`).
 */

/** What draws the marks; created once the drawer's file is loaded. */
export interface Drawer {
  /** `range` was added or given another look (null: a mark was removed): draw soon. */
  update(range: Range | null): void;
  /** The page changed or moved: draw on the next frame if anything drawn or near can have moved. */
  moved(): void;
  dispose(): void;
}

export type DrawerFactory = (doc: Document, marks: ReadonlyMap<Range, string>) => Drawer;

export class Overlay {
  readonly #doc: Document;
  readonly #load: (() => Promise<DrawerFactory>) | null;
  /** Range -> look (class names in the drawer's root: "underline person", "quote", …). */
  readonly #marks = new Map<Range, string>();
  #drawer: Drawer | null = null;
  #state: 'idle' | 'loading' | 'gone' = 'idle';

  constructor(doc: Document, load: (() => Promise<DrawerFactory>) | null = null) {
    this.#doc = doc;
    this.#load = load;
  }

  /**
   * Start drawing: called when the extension starts working on the page, before any mark and
   * whatever the page holds, so when the drawer's host appears tells the page nothing.
   */
  mount(): void {
    if (this.#state !== 'idle' || !this.#load) return;
    this.#state = 'loading';
    this.#load().then(
      (create) => {
        if (this.#state !== 'loading') return;
        this.#drawer = create(this.#doc, this.#marks);
        // Marks added while the drawer loaded: their elements are observed, and drawn once near
        // the viewport. Without marks nothing is asked of the page (no frame, no task).
        if (this.#marks.size) this.#drawer.update(null);
      },
      () => {
        if (this.#state === 'loading') this.#state = 'idle';
      },
    );
  }

  /** Draw `range` with `look`, or give it that look. */
  add(range: Range, look: string): void {
    this.#marks.set(range, look);
    this.#drawer?.update(range);
  }

  delete(range: Range): void {
    if (this.#marks.delete(range)) this.#drawer?.update(null);
  }

  /** Every range to draw (on screen or not) with its look, for diagnostics and tests. */
  entries(): [Range, string][] {
    return [...this.#marks];
  }

  /** The page changed: draw again on the next frame if that can move a mark near the viewport. */
  update(): void {
    this.#drawer?.moved();
  }

  dispose(): void {
    this.#state = 'gone';
    this.#drawer?.dispose();
    this.#marks.clear();
  }
}
