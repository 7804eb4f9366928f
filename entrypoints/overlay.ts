// The overlay's drawer (lib/dom/overlay-drawer.ts), loaded by the content script when it starts
// on a page (lib/inpage/core/ui-loader.ts loadOverlayDrawer): the core stays within its budget.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createDrawer } from '../lib/dom/overlay-drawer';
import { OVERLAY_KEY } from '../lib/inpage/core/ui-loader';

export default defineUnlistedScript(() => {
  Object.defineProperty(globalThis, OVERLAY_KEY, { value: createDrawer, configurable: true });
});
