/** The text core's public API: compile a glossary and match it in page text (both in the background, for the tabs). */
export type { GlossaryTerm, TextChunk, TextPosition, TermMatch } from './types';
export { CompiledGlossarySchema, type CompiledGlossary, type CompiledSegment } from './compiled';
export { compileGlossary, GlossaryCompiler, type GlossaryCompilerOptions } from './compile';
export { createMatcher, findInText, type Matcher, type MatcherOptions } from './matcher';
export { isHeadlineText } from './case-rules';
export { normalizeText, type NormalizeMode } from './normalize';
