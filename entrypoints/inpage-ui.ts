// The lazily loaded half of the content script (lib/inpage/ui.ts); see lib/inpage/ui-loader.ts.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { inpageUi } from '../lib/inpage/ui';
import { INPAGE_UI_KEY } from '../lib/inpage/ui-loader';

export default defineUnlistedScript(() => {
  Object.defineProperty(globalThis, INPAGE_UI_KEY, { value: inpageUi, configurable: true });
});
