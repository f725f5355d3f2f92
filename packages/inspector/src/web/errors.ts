/**
 * The web page could not be assembled: the page's bundled script is missing (the inspector was not
 * built). A packaging problem, never caused by trace data.
 */
export class WebViewAssemblyError extends Error {
  /** Stable code for programmatic checks. */
  readonly code = 'WEB_VIEW_ASSEMBLY' as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WebViewAssemblyError';
  }
}
