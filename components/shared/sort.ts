const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Entities (or anything named) in the reader's alphabetical order. */
export function byName(a: { name: string }, b: { name: string }): number {
  return collator.compare(a.name, b.name);
}
