import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { manifestCommands } from './lib/commands';

// The Firefox build needs a stable add-on id (storage, and the e2e harness fixes the
// extension's UUID by it), so the manifest is a function of the target browser.
export const GECKO_ID = 'news-context-reader@example.org';

export default defineConfig({
  // NCR_OUT_DIR lets parallel work build into its own folder (tests read NCR_EXTENSION_DIR).
  outDir: process.env.NCR_OUT_DIR ?? 'dist',
  modules: ['@wxt-dev/webextension-polyfill'],
  // The sources zip for addons.mozilla.org review: code and build files, not local output.
  zip: {
    excludeSources: ['screenshots/**', '.cache/**', 'test-results/**', 'playwright-report/**', 'docs/images/**'],
  },
  vite: (env) => ({ plugins: [preact(), ...(env.browser === 'firefox' ? [highlightRulesForFirefox()] : [])] }),
  hooks: {
    // The content script every page loads gets the browser's native extension API instead of
    // webextension-polyfill, which costs each page ~1.5 ms to set up (lib/inpage/core/extension-api.ts);
    // WXT's own content-script context imports `wxt/browser`, so the alias is swapped for that
    // build only. Everything else keeps the polyfill.
    'vite:build:extendConfig'(entrypoints, config) {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const existing = config.resolve?.alias;
      const list = Array.isArray(existing) ? existing : Object.entries(existing ?? {}).map(([find, replacement]) => ({ find, replacement }));
      config.resolve = {
        ...config.resolve,
        alias: [{ find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' }, ...list.filter((a) => a.find !== 'wxt/browser')],
      };
    },
  },
  manifest: ({ browser }) => ({
    name: 'News Context Reader',
    description:
      'Marks the people, organisations and events a news article mentions and shows your own notes about them. Everything stays on your machine.',
    // offscreen (Chrome): entity discovery runs in an offscreen document, off every page and
    // off the service worker's start-up. Firefox's persistent background page needs none.
    // contextMenus: the "Save note" item on a selection (issue 6).
    // alarms: sync's periodic pull (docs/sync.md); it wakes the worker only while sync is on.
    permissions: browser === 'firefox' ? ['unlimitedStorage', 'contextMenus', 'alarms'] : ['unlimitedStorage', 'offscreen', 'contextMenus', 'alarms'],
    // Sync (docs/sync.md): the reader's server origin is asked for when sync is turned on and
    // released when it is turned off; nothing is granted at install.
    ...(browser === 'firefox'
      ? { optional_permissions: ['http://*/*', 'https://*/*'] }
      : { optional_host_permissions: ['http://*/*', 'https://*/*'] }),
    // Keyboard commands and their suggested keys: lib/commands.ts (why these keys).
    commands: manifestCommands(),
    // The in-page UI (tooltip, composer, saved quotes) is loaded by the content script on first
    // need (lib/inpage/core/ui-loader.ts). Chrome: reachable only through a per-session dynamic URL,
    // so pages cannot probe for it; Firefox's moz-extension URLs carry a random per-install UUID.
    web_accessible_resources:
      browser === 'firefox'
        ? ['inpage-ui.js']
        : [{ resources: ['inpage-ui.js'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true }],
    // Content scripts are declared by entrypoints/content; no host permission beyond that.
    // Strict CSP: only our own packaged scripts; no eval, no plugins, no <base> tricks.
    content_security_policy:
      browser === 'firefox'
        ? "script-src 'self'; object-src 'none'; base-uri 'none'"
        : { extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'" },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // 142: the first version (desktop and Android) that knows data_collection_permissions.
              strict_min_version: '142.0',
              // Firefox's data-collection declaration: this extension collects and transmits nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {
          // No other extension and no web page may message us (runtime.onMessageExternal).
          externally_connectable: { ids: [] },
        }),
  }),
});

/**
 * The marks' rules are written on :root and reach every element through highlight inheritance
 * (assets/marks.css says why). Firefox does not implement highlight inheritance yet (checked in
 * Firefox 153 ESR: a :root::highlight() rule paints nothing below the root), so its build gets
 * the same rules on every element instead.
 */
export function highlightRulesForFirefox(): Plugin {
  return {
    name: 'ncr-highlight-rules-for-firefox',
    enforce: 'pre',
    transform(code, id) {
      if (!id.split('?')[0]!.endsWith('/assets/marks.css')) return null;
      return { code: code.replaceAll(':root::highlight(', '::highlight('), map: null };
    },
  };
}
