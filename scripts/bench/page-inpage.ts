/**
 * Code the page benchmark runs inside the page, in the page's main world, on a browser without
 * the extension. Kept as source text (not functions handed to page.evaluate) so the TypeScript
 * loader's helpers never leak into the page.
 */

/**
 * The floor: a bare TreeWalker read of the page's visible text, the least any in-page reader
 * must do. Text nodes under <body>, the ones inside script/style/noscript/template left out;
 * every character read (summed so the read cannot be optimised away). No visibility check, no
 * matching, no painting. `ms`: the first read — like the content script, it is the first
 * JavaScript to touch the page's nodes, so it pays for creating their JS wrappers. `warm`: the
 * same read repeated until at least 20 ms have passed, averaged (the page's clock ticks in
 * 0.1 ms steps): the lower bound once wrappers exist.
 */
export const FLOOR_JS = `(() => {
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
  function read() {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let chars = 0, nodes = 0, sum = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const p = n.parentNode;
      if (p && SKIP.has(p.nodeName)) continue;
      const d = n.data;
      chars += d.length;
      nodes++;
      if (d.length) sum += d.charCodeAt(d.length >> 1);
    }
    return { chars, nodes, sum };
  }
  let t0 = performance.now();
  const first = read();
  const firstMs = performance.now() - t0;
  let runs = 0;
  t0 = performance.now();
  let elapsed = 0;
  do {
    read();
    runs++;
    elapsed = performance.now() - t0;
  } while (elapsed < 20 && runs < 1000);
  return { ms: firstMs, warm: elapsed / runs, chars: first.chars, nodes: first.nodes };
})()`;

/** Escape a string for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * mark.js the way most sites do it with a list: one combined RegExp (longest alternative first,
 * word boundaries, case-insensitive) given to markRegExp. Timed from building the RegExp
 * (V8 compiles it on first use, in the page, as a content script would) to mark.js returning.
 */
export function markRegExpJs(source: string, flags: string): string {
  return `(() => {
    const t0 = performance.now();
    const re = new RegExp(${JSON.stringify(source)}, ${JSON.stringify(flags)});
    let marks = 0;
    new Mark(document.body).markRegExp(re, { each: () => { marks++; } });
    return { ms: performance.now() - t0, marks };
  })()`;
}

/**
 * mark.js's other common use: mark(terms, { accuracy: 'exactly', separateWordSearch: false }).
 * mark.js handles the terms one after another, each with its own RegExp and its own pass over
 * the page's text nodes, so its time grows linearly with the number of terms.
 */
export function markExactlyJs(terms: string[]): string {
  return `new Promise((resolve) => {
    const terms = ${JSON.stringify(terms)};
    const t0 = performance.now();
    let marks = 0;
    try {
      new Mark(document.body).mark(terms, {
        accuracy: 'exactly',
        separateWordSearch: false,
        each: () => { marks++; },
        done: () => resolve({ ms: performance.now() - t0, marks, error: null }),
      });
    } catch (err) {
      resolve({ ms: performance.now() - t0, marks, error: String(err && err.message || err).slice(0, 80) });
    }
  })`;
}
