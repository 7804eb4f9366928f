// The lazily loaded half of the content script (lib/inpage/ui/ui.ts); see lib/inpage/core/ui-loader.ts.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { inpageUi } from '../lib/inpage/ui/ui';
import { INPAGE_UI_KEY } from '../lib/inpage/core/ui-loader';

export default defineUnlistedScript(() => {
  Object.defineProperty(globalThis, INPAGE_UI_KEY, { value: inpageUi, configurable: true });
});
