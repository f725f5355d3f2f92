// The web view (packages/inspector/src/web) renders the page; the server and `render` reach it here.

export type { AppPageOptions } from '../web/page.js';
export { renderAppPage } from '../web/page.js';
