import { z } from 'zod';

/** A saved note: a quote from a page and the reader's comment. Deepened by the notes issue. */
export const Note = z.strictObject({
  id: z.string().min(1).max(64),
  quote: z.string().max(10_000),
  comment: z.string().max(10_000).default(''),
  url: z.url({ protocol: /^https?$/ }).max(2048),
  title: z.string().max(500),
  createdAt: z.number().int().nonnegative(),
});
export type Note = z.infer<typeof Note>;
