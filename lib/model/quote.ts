import { z } from 'zod';

/** A quote in a page, as saved with a note (see lib/text/quote-anchor.ts). */
export const QuoteSelector = z.strictObject({
  exact: z.string().min(1).max(10_000),
  prefix: z.string().max(200),
  suffix: z.string().max(200),
  position: z.number().int().nonnegative(),
  textLength: z.number().int().nonnegative(),
});
export type QuoteSelector = z.infer<typeof QuoteSelector>;
