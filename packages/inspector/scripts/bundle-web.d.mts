/** Where the web view's bundled script is written. */
export declare const BUNDLE_PATH: string;
/** Bundles src/web/client/main.ts (and what it imports) into {@link BUNDLE_PATH}. */
export declare function bundleWebClient(): Promise<void>;
