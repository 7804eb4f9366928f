/** What `npm run bench` takes from the text core, bundled as shipped (scripts/bench/bundled.ts). */
export { compileGlossary, createMatcher, GlossaryCompiler } from '../../lib/text/index';
export { clearSegmentCache } from '../../lib/text/matcher';
export { normalizeText } from '../../lib/text/normalize';
export { capitalsMatch, inWebAddress, isMonthUse } from '../../lib/text/context';
export { isMonthName } from '../../lib/text/common-words';
