/**
 * Notes are written in a small, safe Markdown subset: paragraphs and line breaks, emphasis
 * (*em*, **strong**), bulleted and numbered lists, and links to http:, https: and mailto:
 * addresses. Everything else is shown as the text it is: raw HTML is escaped (a note holding
 * "<script>" shows "<script>"), headings become bold paragraphs, code, quotes and tables
 * become plain paragraphs, images their alt text.
 *
 * Two layers: `marked` renders with those restrictions, then DOMPurify sanitises the result
 * with a strict allow-list (p, br, em, strong, ul, ol, li, a[href]; href http/https/mailto
 * only). Links open in a new tab without referrer or opener. Needs a DOM (options page, the
 * tooltip's content script); markdownToHtml alone (the first layer) is pure.
 */
import { Marked, type Tokens } from 'marked';
import DOMPurify from 'dompurify';

export const ALLOWED_TAGS = ['p', 'br', 'em', 'strong', 'ul', 'ol', 'li', 'a'];
export const ALLOWED_ATTR = ['href'];
const SAFE_HREF = /^(?:https?:|mailto:)/i;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const md = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    heading({ tokens }: Tokens.Heading) {
      return `<p><strong>${this.parser.parseInline(tokens)}</strong></p>\n`;
    },
    code({ text }: Tokens.Code) {
      return `<p>${escapeHtml(text).replace(/\n/g, '<br>')}</p>\n`;
    },
    codespan({ text }: Tokens.Codespan) {
      return escapeHtml(text);
    },
    blockquote({ tokens }: Tokens.Blockquote) {
      return this.parser.parse(tokens);
    },
    hr() {
      return '';
    },
    image({ text }: Tokens.Image) {
      return escapeHtml(text);
    },
    del({ tokens }: Tokens.Del) {
      return this.parser.parseInline(tokens);
    },
    checkbox() {
      return '';
    },
    table(token: Tokens.Table) {
      const cells = [token.header, ...token.rows].map((row) => row.map((c) => this.parser.parseInline(c.tokens)).join(' · '));
      return `<p>${cells.join('<br>')}</p>\n`;
    },
    link({ href, tokens }: Tokens.Link) {
      const label = this.parser.parseInline(tokens);
      if (!SAFE_HREF.test(href.trim())) return label;
      return `<a href="${escapeHtml(href.trim())}">${label}</a>`;
    },
  },
});

/** The first layer: Markdown to HTML with the subset's restrictions. Pure. */
export function markdownToHtml(text: string): string {
  return md.parse(text, { async: false }) as string;
}

let purifier: ReturnType<typeof DOMPurify> | null = null;

/** A DOMPurify of our own (hooks stay ours), for this window. */
function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!SAFE_HREF.test(href)) node.removeAttribute('href');
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
  purifier = p;
  return p;
}

/** Notes as safe HTML for `dangerouslySetInnerHTML`: both layers. Needs a DOM. */
export function renderNoteHtml(text: string): string {
  const html = markdownToHtml(text);
  return getPurifier().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
    KEEP_CONTENT: true,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    RETURN_TRUSTED_TYPE: false,
  }) as string;
}

/** The first line of the notes as plain text (for one-line previews in lists). */
export function notePlainText(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|~~|`)/g, '')
    .replace(/^\s{0,3}(?:[-*+]|\d+[.)]|#{1,6}|>)\s+/gm, '');
}
