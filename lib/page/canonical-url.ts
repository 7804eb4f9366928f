/**
 * The URL an article is filed under in the reading index, and the site name shown with it.
 * Pure: no DOM. Both inputs come from a web page and are treated as hostile.
 *
 * canonicalArticleUrl(pageUrl, canonicalHref):
 *  1. Only http: and https: pages are recorded; anything else gives null.
 *  2. The page's <link rel=canonical> is used when it resolves (relative to the page) to an
 *     http(s) URL on the *same site* as the page; otherwise the page's own URL is used.
 *     "Same site" here: the host names are equal once lower-cased, a trailing dot dropped, and
 *     leading `www.`/`www2.`.../`m.`/`mobile.`/`amp.` labels removed (so amp.theguardian.com,
 *     m.bbc.co.uk and www.bbc.co.uk collapse, while an AMP or mobile page names its desktop
 *     twin), and the ports are equal. Any other subdomain counts as a different site: on shared
 *     hosts (*.github.io, *.substack.com, *.blogspot.com) sibling and parent hosts belong to
 *     other people, and without the Public Suffix List we cannot tell those apart from a
 *     newspaper's own subdomains. So a hostile page can never file itself under another
 *     site's URL; the cost is that e.g. edition.cnn.com pointing at www.cnn.com is not
 *     collapsed (the page is filed under its own URL, which is still correct).
 *  3. A canonical that is just the site's home page while the page is not is ignored: a
 *     common CMS mistake that would otherwise file every article under one URL.
 *  4. If the page is https and the canonical says http on the same host, https is kept.
 *  5. Clean-up of the chosen URL: fragment dropped; user name and password dropped; tracking
 *     parameters (utm_*, fbclid, gclid, mc_cid, mc_eid, igshid, ... see TRACKING_PARAMS)
 *     removed, all other parameters kept byte for byte and in order; host lower-cased (and
 *     IDNs in punycode), trailing dot and default port dropped (WHATWG URL parsing does these).
 *  6. A result longer than 2048 characters is not recorded (null).
 *  7. og:url: when rel=canonical is absent or unusable, the page's og:url is tried under the
 *     same rules (same site, not the home page) before the page's own URL.
 *  8. AMP and mobile variants collapse onto the article (see collapseVariants):
 *     - an AMP cache or viewer URL (https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a,
 *       https://www.google.com/amp/s/www.example.com/a) is read as the publisher's URL, on the
 *       real hosts only, over https (see unwrapAmpCache);
 *     - AMP markers are removed from the path (/amp/ first or last segment, .amp.html,
 *       trailing .amp) and from the query (amp, _amp, amp_js_v, amp_gsa, usqp,
 *       outputType=amp, output=amp);
 *     - a host starting with m., mobile. or amp. becomes www. (m.bbc.co.uk -> www.bbc.co.uk),
 *       and Wikipedia-style language mobile hosts drop their m. (en.m.wikipedia.org ->
 *       en.wikipedia.org). Hosts that are IP addresses or have only two labels stay.
 *     These apply whichever URL is chosen, so a page and its AMP or mobile twin, with or
 *     without a canonical link, are filed under one URL.
 */
import { parse as parseDomain } from 'tldts';
import { pageString } from './page-strings';

export const MAX_ARTICLE_URL_LENGTH = 2048;

/** Query parameters (compared lower-cased) that only track where a click came from. */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  // ad click ids
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid',
  'li_fat_id', 'srsltid', 's_kwcid', 'ef_id', 'rb_clickid', 'wickedid',
  // social and newsletter
  'igshid', 'igsh', 'mc_cid', 'mc_eid', 'fb_action_ids', 'fb_action_types', 'fb_ref', 'fb_source',
  'ref_src', 'ref_url', 'sr_share', 'soc_src', 'soc_trk', 'smid', 'smtyp',
  // analytics suites
  '_ga', '_gl', '_hsenc', '_hsmi', '__hstc', '__hssc', '__hsfp', 'hsctatracking', 'mkt_tok',
  'oly_anon_id', 'oly_enc_id', 'vero_id', 'vero_conv', 'wt_mc', 'wt.mc_id', 'xtor', 'dicbo',
  'oborigurl', 'ns_mchannel', 'ns_source', 'ns_campaign', 'ns_linkname', 'ns_fee', 'spm',
  'guccounter', 'guce_referrer', 'guce_referrer_sig',
  // news sites' own campaign tags (The Guardian's CMP, The Washington Post's itid, FT, MSN, ...)
  'cmp', 'cmpid', 'itid', 'icid', 'ftcamp', 'ocid', 'ncid',
]);
/** Parameter name prefixes (lower-cased) that only track: UTM, Piwik/Matomo, HubSpot ads, AT Internet, ITM. */
export const TRACKING_PREFIXES: readonly string[] = ['utm_', 'pk_', 'mtm_', 'hsa_', 'at_', 'itm_'];

export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_PARAMS.has(n) || TRACKING_PREFIXES.some((p) => n.startsWith(p));
}

const SITE_PREFIX = /^(?:www\d*|m|mobile|amp)\./;

/** The host a site is compared by: lower-case, no trailing dot, no www./m./mobile./amp. labels. */
export function siteKey(hostname: string): string {
  let h = hostname.toLowerCase().replace(/\.$/, '');
  for (;;) {
    const m = SITE_PREFIX.exec(h);
    // Keep at least two labels: "www.com" stays itself.
    if (!m || h.slice(m[0].length).indexOf('.') < 0) return h;
    h = h.slice(m[0].length);
  }
}

function parseHttp(href: string, base?: string): URL | null {
  let url: URL;
  try {
    url = base === undefined ? new URL(href) : new URL(href, base);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

/** Same site as defined in the header comment. */
export function isSameSite(a: URL, b: URL): boolean {
  return siteKey(a.hostname) === siteKey(b.hostname) && a.port === b.port;
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** Drop tracking parameters, keeping every other parameter exactly as written and in order. */
function cleanQuery(search: string): string {
  if (search === '' || search === '?') return '';
  const kept = search
    .slice(1)
    .split('&')
    .filter((part) => part !== '' && !isTrackingParam(decodeName(part.split('=', 1)[0]!)));
  return kept.length ? `?${kept.join('&')}` : '';
}

/** protocol//host/path?query — no credentials, no fragment, no tracking, no trailing dot. */
function cleanUrl(url: URL): string {
  const host = url.host.replace(/\.+(?=(?::\d+)?$)/, '');
  const { hostname, pathname, search } = collapseVariants(host, url.pathname, url.search);
  return `${url.protocol}//${hostname}${pathname}${cleanQuery(search)}`;
}

/** Query parameters that only say "this is the AMP version". */
const AMP_PARAMS = new Set(['amp', '_amp', 'amp_js_v', 'amp_gsa', 'usqp', 'amp_lite']);
const AMP_VALUED = new Set(['outputtype', 'output']);

/** AMP markers out of path and query; mobile and AMP hosts onto www. (see the header, rule 8). */
export function collapseVariants(host: string, pathname: string, search: string): { hostname: string; pathname: string; search: string } {
  let path = pathname;
  // .../story.amp.html -> .../story.html; .../story.amp -> .../story
  path = path.replace(/\.amp(\.html?)$/i, '$1').replace(/\.amp$/i, '');
  // /amp/news/story -> /news/story; /news/story/amp(/) -> /news/story(/)
  path = path.replace(/^\/amp(?=\/.)/i, '');
  path = path.replace(/\/amp(\/?)$/i, (_m, slash: string) => (slash ? '/' : '')) || '/';
  const query = search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => {
      if (part === '') return false;
      const [rawName, ...rest] = part.split('=');
      const name = decodeName(rawName!).toLowerCase();
      if (AMP_PARAMS.has(name)) return false;
      if (AMP_VALUED.has(name) && decodeName(rest.join('=')).toLowerCase() === 'amp') return false;
      return true;
    })
    .join('&');
  return { hostname: collapseHost(host), pathname: path, search: query ? `?${query}` : '' };
}

function collapseHost(host: string): string {
  const m = /^([^:]+)(:\d+)?$/.exec(host);
  if (!m) return host;
  const name = m[1]!;
  const port = m[2] ?? '';
  if (!/[a-z]/i.test(name) || name.startsWith('[')) return host;
  const labels = name.split('.');
  if (labels.length >= 3 && /^(?:m|mobile|amp)$/i.test(labels[0]!)) labels[0] = 'www';
  else if (labels.length >= 4 && labels[1]!.toLowerCase() === 'm') labels.splice(1, 1);
  return `${labels.join('.')}${port}`;
}

/**
 * Google's AMP viewer: https://www.google.<suffix>/amp/… or https://google.<suffix>/amp/…, where
 * <suffix> is a public suffix of the ICANN section of the public suffix list (tldts, the list
 * browsers use for cookies, kept up to date by its package; a regular expression took
 * google.evil.test and google.herokuapp.com for Google).
 */
function isGoogleViewerHost(host: string): boolean {
  const parts = parseDomain(host, { allowPrivateDomains: false });
  return parts.isIcann === true && parts.domainWithoutSuffix === 'google' && (parts.subdomain === '' || parts.subdomain === 'www');
}

/**
 * The label the Google AMP cache serves a publisher's host under: each '-' doubled, each '.' a
 * '-' (hosts that do not fit one label are served under a hash, which we do not unwrap).
 */
function ampCacheLabel(publisherHost: string): string {
  return publisherHost.toLowerCase().replace(/-/g, '--').replace(/\./g, '-');
}

/**
 * An AMP cache or viewer URL, read as the publisher's own URL; other URLs as they are. Only the
 * real hosts, over https: a page elsewhere that copies the path shape is filed under its own host
 * (issue 15: a host named google.<anything> overwrote another site's record). On the AMP cache
 * the subdomain must be the one the cache gives the publisher named in the path.
 */
export function unwrapAmpCache(url: URL): URL {
  if (url.protocol !== 'https:') return url;
  const host = url.hostname.toLowerCase();
  let rest: string | null = null;
  let secure = true;
  let cacheLabel: string | null = null;
  if (host.endsWith('.cdn.ampproject.org')) {
    const m = /^\/[a-z](?:\/(s))?\/(.+)$/i.exec(url.pathname);
    if (m) {
      secure = m[1] === 's';
      rest = m[2]!;
      cacheLabel = host.slice(0, -'.cdn.ampproject.org'.length);
    }
  } else if (isGoogleViewerHost(host)) {
    const m = /^\/amp\/(?:(s)\/)?(.+)$/i.exec(url.pathname);
    if (m) {
      secure = m[1] === 's';
      rest = m[2]!;
    }
  }
  if (!rest || !/^[a-z0-9.-]+\.[a-z]{2,}(?::\d+)?(?:\/|$)/i.test(rest)) return url;
  const inner = parseHttp(`${secure ? 'https' : 'http'}://${rest}${url.search}`);
  if (!inner) return url;
  if (cacheLabel !== null && cacheLabel !== ampCacheLabel(inner.hostname)) return url;
  return inner;
}

/** The URL to file the article under, or null when the page is not one we record. */
export function canonicalArticleUrl(pageUrl: string, canonicalHref: string | null, ogUrl?: string | null): string | null {
  const raw = parseHttp(pageUrl);
  if (!raw) return null;
  const page = unwrapAmpCache(raw);
  const pageClean = cleanUrl(page);

  for (const claimed of [canonicalHref, ogUrl]) {
    if (!claimed || !claimed.trim()) continue;
    const canonical = parseHttp(claimed.trim(), page.href);
    if (canonical && isSameSite(page, canonical) && !(canonical.pathname === '/' && page.pathname !== '/')) {
      if (page.protocol === 'https:' && canonical.protocol === 'http:' && canonical.hostname === page.hostname) {
        canonical.protocol = 'https:';
      }
      const chosen = cleanUrl(canonical);
      if (chosen.length <= MAX_ARTICLE_URL_LENGTH) return chosen;
    }
  }
  return pageClean.length <= MAX_ARTICLE_URL_LENGTH ? pageClean : null;
}

const MAX_SITE_NAME = 100;

/**
 * The site name shown with an article: the page's og:site_name when it has a usable one
 * (white space collapsed, controls dropped, at most 100 characters: page-strings.ts), else the
 * host without www./m./amp.
 * Note: og:site_name is the page's own claim; the link shown next to it is the real URL.
 */
export function siteName(url: string, ogSiteName?: string | null): string {
  const og = pageString(ogSiteName ?? '', MAX_SITE_NAME);
  if (og) return og;
  const parsed = parseHttp(url);
  return parsed ? siteKey(parsed.hostname) : '';
}
