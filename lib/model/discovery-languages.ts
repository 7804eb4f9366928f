/**
 * The languages entity discovery has cues for (lib/text/discovery/languages.ts reads pages in
 * them; any other language gets no suggestions). Here, apart from the engine, so the options
 * page can say which they are without loading the engine.
 */
export const SUPPORTED_LANGUAGES = ['en', 'fr', 'de', 'es', 'pt', 'it'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
