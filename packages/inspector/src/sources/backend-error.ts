/** Why a request to a trace backend (Jaeger, Tempo) failed. */
export type BackendErrorCode =
  | 'BACKEND_UNREACHABLE'
  | 'BACKEND_TIMEOUT'
  | 'BACKEND_HTTP_ERROR'
  | 'BACKEND_INVALID_RESPONSE'
  | 'BACKEND_TRACE_NOT_FOUND';

/**
 * A request to a trace backend failed: it could not be reached, did not answer in time, answered
 * with an HTTP error, sent something that is not what its API documents, or does not hold the trace.
 * The message names the backend and the URL, e.g.
 * `cannot reach Jaeger at http://127.0.0.1:16686 (GET /api/v3/services): connect ECONNREFUSED 127.0.0.1:16686`.
 */
export class BackendError extends Error {
  readonly code: BackendErrorCode;
  override readonly name = 'BackendError';
  /** The URL requested. */
  readonly url: string;
  /** The HTTP status, when the backend answered. */
  readonly status: number | null;

  constructor(code: BackendErrorCode, message: string, details: { url: string; status?: number; cause?: unknown }) {
    super(message, details.cause === undefined ? {} : { cause: details.cause });
    this.code = code;
    this.url = details.url;
    this.status = details.status ?? null;
  }
}
