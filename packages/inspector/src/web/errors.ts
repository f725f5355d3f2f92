/**
 * The web page could not be assembled: a browser function cannot be serialized, or the graph
 * layout library's browser bundle is missing. A packaging bug, never caused by trace data.
 */
export class WebViewAssemblyError extends Error {
  /** Stable code for programmatic checks. */
  readonly code = 'WEB_VIEW_ASSEMBLY' as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WebViewAssemblyError';
  }
}
