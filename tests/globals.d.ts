// The `chrome` global inside extension pages, as seen from Playwright's page.evaluate callbacks.
// Tests use only runtime.sendMessage and tabs.query from it.
declare const chrome: any;
