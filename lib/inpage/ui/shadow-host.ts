/**
 * One element of ours in the page, holding a closed shadow root: the page's scripts get no
 * handle on what is inside, its CSS cannot style it, and the events raised inside stop at the
 * host so the page does not learn what the reader does there. Used by the tooltip card and the
 * note composer.
 */

/** Events stopped at the host (typing a note included). */
const STOPPED_EVENTS = [
  'click', 'dblclick', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'wheel', 'contextmenu',
  'keydown', 'keyup', 'keypress', 'input', 'beforeinput', 'change', 'focusin', 'focusout',
  'paste', 'copy', 'cut', 'compositionstart', 'compositionupdate', 'compositionend', 'select', 'selectionchange',
];

export interface ShadowHost {
  host: HTMLElement;
  container: HTMLElement;
}

/**
 * Create the host, attached to <html> (fewer page styles and scripts look there than at <body>).
 * `placement` is the host's fixed position, e.g. "top: 0; left: 0".
 */
export function mountShadowHost(doc: Document, css: string, placement: string, onEscape: () => void): ShadowHost {
  const host = doc.createElement('div');
  // Inline !important beats any author rule, including `* { all: unset !important }`.
  const position = placement
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => `${d} !important;`)
    .join(' ');
  host.setAttribute(
    'style',
    `all: initial !important; position: fixed !important; ${position} z-index: 2147483647 !important; ` +
      'display: block !important; width: max-content !important; margin: 0 !important; padding: 0 !important; ' +
      'border: 0 !important; transform: none !important;',
  );
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = css;
  const container = doc.createElement('div');
  root.append(style, container);
  for (const type of STOPPED_EVENTS) {
    host.addEventListener(type, (e) => {
      if (type === 'keydown' && e.isTrusted && (e as KeyboardEvent).key === 'Escape') onEscape();
      e.stopPropagation();
    });
  }
  (doc.documentElement ?? doc.body).append(host);
  return { host, container };
}
