/** Small statistics and plain-text tables for the page benchmark's output. */

export function median(xs: readonly number[]): number {
  return quantile(xs, 0.5);
}

/** Nearest-rank quantile (p95 of 20 values is the 19th smallest); NaN for no values. */
export function quantile(xs: readonly number[], q: number): number {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  if (q === 0.5 && v.length % 2 === 0) return (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))]!;
}

export function max(xs: readonly number[]): number {
  const v = xs.filter((x) => Number.isFinite(x));
  return v.length ? Math.max(...v) : NaN;
}

export function min(xs: readonly number[]): number {
  const v = xs.filter((x) => Number.isFinite(x));
  return v.length ? Math.min(...v) : NaN;
}

/** A number for a table cell: '—' when missing, fixed decimals otherwise. */
export function fmt(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (Math.abs(x) >= 10_000) return Math.round(x).toLocaleString('en-US');
  return x.toFixed(digits);
}

export interface Column<R> {
  title: string;
  /** Cell text for a row. */
  cell: (r: R) => string;
  /** The numbers summarised in the median/p95/max rows (omit: no summary for this column). */
  value?: (r: R) => number | null | undefined;
  digits?: number;
  align?: 'left' | 'right';
}

/** A table with one line per row, then median, p95 and max lines. */
export function table<R>(rows: readonly R[], columns: readonly Column<R>[], summaries = true): string {
  const body: string[][] = rows.map((r) => columns.map((c) => c.cell(r)));
  const foot: string[][] = [];
  if (summaries && rows.length > 1) {
    for (const [label, f] of [
      ['median', median],
      ['p95', (xs: readonly number[]) => quantile(xs, 0.95)],
      ['max', max],
    ] as const) {
      foot.push(
        columns.map((c, i) => {
          if (i === 0) return label;
          if (!c.value) return '';
          const xs = rows.map((r) => c.value!(r)).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
          return fmt(f(xs), c.digits ?? 1);
        }),
      );
    }
  }
  const head = columns.map((c) => c.title);
  const widths = columns.map((_, i) => Math.max(...[head, ...body, ...foot].map((line) => line[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((s, i) => ((columns[i]!.align ?? (i === 0 ? 'left' : 'right')) === 'left' ? s.padEnd(widths[i]!) : s.padStart(widths[i]!))).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(head), rule, ...body.map(line), ...(foot.length ? [rule, ...foot.map(line)] : [])].join('\n');
}
