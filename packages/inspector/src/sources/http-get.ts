import { BackendError } from './backend-error.js';

/** What a backend answered to a GET. */
export interface BackendResponse {
  status: number;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  /** The body as text (error bodies go into messages). */
  text: string;
}

/** Options of {@link getFromBackend}. */
export interface GetOptions {
  /** Gives up after this many milliseconds (connecting and reading the whole body). */
  timeoutMs: number;
  /** Names the backend in messages, e.g. `Jaeger at http://127.0.0.1:16686`. */
  label: string;
  /** Statuses returned instead of thrown (e.g. 404, which callers turn into "trace not found"). */
  acceptStatuses?: readonly number[];
  signal?: AbortSignal;
}

/**
 * GETs `url` and reads the whole body within `timeoutMs`.
 *
 * @throws {BackendError} `BACKEND_UNREACHABLE` (connection refused, DNS), `BACKEND_TIMEOUT`, or
 *   `BACKEND_HTTP_ERROR` for a status outside 2xx and `acceptStatuses`, with the backend's message.
 */
export async function getFromBackend(url: string, options: GetOptions): Promise<BackendResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
  const what = `${options.label} (GET ${pathOf(url)})`;
  let status: number;
  let text: string;
  try {
    const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
    status = response.status;
    text = await response.text();
  } catch (error) {
    if (timeout.aborted) {
      throw new BackendError('BACKEND_TIMEOUT', `${what} did not answer within ${options.timeoutMs} ms`, { url, cause: error });
    }
    if (options.signal?.aborted) throw error;
    throw new BackendError('BACKEND_UNREACHABLE', `cannot reach ${what}: ${causeOf(error)}`, { url, cause: error });
  }
  const json = parseJson(text);
  if ((status < 200 || status > 299) && !(options.acceptStatuses ?? []).includes(status)) {
    const detail = errorMessageOf(json, text);
    throw new BackendError('BACKEND_HTTP_ERROR', `${what} answered ${status}${detail === '' ? '' : `: ${detail}`}`, { url, status });
  }
  return { status, json, text };
}

/** The path and query of a URL, for messages. */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The message in an error body: Jaeger v1 `{ errors: [{ msg }] }`, Jaeger v3 (grpc-gateway)
 * `{ error: { message } }`, or Tempo's plain text; cut to one line of at most 200 characters.
 */
function errorMessageOf(json: unknown, text: string): string {
  let message = text;
  if (typeof json === 'object' && json !== null) {
    const record = json as { errors?: Array<{ msg?: unknown }>; error?: { message?: unknown } };
    const first = Array.isArray(record.errors) ? record.errors[0]?.msg : undefined;
    if (typeof first === 'string') message = first;
    else if (typeof record.error?.message === 'string') message = record.error.message;
  }
  const line = message.trim().replace(/\s+/g, ' ');
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/** fetch() wraps the socket error in `cause`: that one says what happened (ECONNREFUSED, ENOTFOUND). */
function causeOf(error: unknown): string {
  if (error instanceof Error && error.cause instanceof Error) {
    const cause = error.cause as Error & { code?: unknown };
    return cause.message !== '' ? cause.message : String(cause.code ?? cause.name);
  }
  return error instanceof Error ? error.message : String(error);
}
