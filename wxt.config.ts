import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
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
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    // The content script every page loads gets the browser's native extension API instead of
    // webextension-polyfill, which costs each page ~1.5 ms to set up (lib/inpage/core/extension-api.ts);
    // WXT's own content-script context imports `wxt/browser`, so the alias is swapped for that
    // build only. Everything else keeps the polyfill. The content-script context is ours too
    // (lib/inpage/core/script-context.ts).
    'vite:build:extendConfig'(entrypoints, config) {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      const existing = config.resolve?.alias;
      const list = Array.isArray(existing) ? existing : Object.entries(existing ?? {}).map(([find, replacement]) => ({ find, replacement }));
      config.resolve = {
        ...config.resolve,
        alias: [
          { find: /^wxt\/browser$/, replacement: '@wxt-dev/browser' },
          // WXT's context listens to DOM events any page can dispatch (issue 15, attack 7): ours has none.
          { find: /^wxt\/utils\/content-script-context$/, replacement: fileURLToPath(new URL('./lib/inpage/core/script-context.ts', import.meta.url)) },
          ...list.filter((a) => a.find !== 'wxt/browser'),
        ],
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
    // need, the marks' drawer (overlay.js) when it starts on a page (lib/inpage/core/ui-loader.ts). Chrome: reachable only through a per-session dynamic URL,
    // so pages cannot probe for it; Firefox's moz-extension URLs carry a random per-install UUID.
    // card.html is the extension frame the card and the note composer render in (entrypoints/card):
    // pages may frame it, but it shows nothing without the one-time token the content script
    // registered for its tab (lib/background/frame-relay.ts).
    web_accessible_resources:
      browser === 'firefox'
        ? ['inpage-ui.js', 'overlay.js', 'card.html']
        : [{ resources: ['inpage-ui.js', 'overlay.js', 'card.html'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true }],
    // Content scripts are declared by entrypoints/content; no host permission beyond that.
    // Strict CSP: only our own packaged scripts; no eval, no plugins, no <base> tricks.
    content_security_policy:
      browser === 'firefox'
        ? "script-src 'self'; object-src 'none'; base-uri 'none'"
        : // No frame-ancestors: the card's frame (card.html) is framed by web pages; the other
          // extension pages are not web-accessible, so no page can frame them anyway.
          { extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'" },
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
