// The page script's entry point (bundled by scripts/bundle-web.mjs): starts the app with the data
// the page embeds.

import { startApp } from './app.js';
import { BOOTSTRAP_ELEMENT_ID, type Bootstrap } from './app-types.js';

startApp(JSON.parse(document.getElementById(BOOTSTRAP_ELEMENT_ID)?.textContent ?? 'null') as Bootstrap);
