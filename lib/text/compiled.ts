// PLACEHOLDER until the matching engine lands (owned by the matching-engine work).
import { z } from 'zod';
export const CompiledGlossarySchema = z.strictObject({ format: z.literal('placeholder'), terms: z.array(z.unknown()) });
export type CompiledGlossary = z.infer<typeof CompiledGlossarySchema>;
