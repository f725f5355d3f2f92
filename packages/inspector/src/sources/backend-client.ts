import { type DecodedSpans, TraceDecodeError } from '../load/errors.js';
import { BackendError } from './backend-error.js';
import { decodeBackendTrace } from './backend-response.js';
import { type BackendResponse, getFromBackend } from './http-get.js';
import type { BackendSettings } from './trace-backend.js';

/** A backend's answer, with the URL it came from. */
export interface BackendAnswer extends BackendResponse {
  url: string;
}

/**
 * GETs `path` (with its query) from the backend within its timeout. A 404 is returned when
 * `notFoundIsAnswer` is set (an unknown trace, an empty search), and thrown like other errors otherwise.
 */
export async function backendGet(
  settings: BackendSettings,
  path: string,
  options: { notFoundIsAnswer?: boolean; signal?: AbortSignal | undefined } = {},
): Promise<BackendAnswer> {
  const url = `${settings.baseUrl}${path}`;
  const response = await getFromBackend(url, {
    timeoutMs: settings.timeoutMs,
    label: settings.label,
    acceptStatuses: options.notFoundIsAnswer === true ? [404] : [],
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return { ...response, url };
}

/**
 * Decodes a trace answer (see {@link decodeBackendTrace}).
 *
 * @throws {BackendError} `BACKEND_INVALID_RESPONSE` when it is not one.
 */
export function decodeTraceAnswer(settings: BackendSettings, answer: BackendAnswer): DecodedSpans {
  try {
    return decodeBackendTrace(answer.json);
  } catch (error) {
    if (!(error instanceof TraceDecodeError)) throw error;
    throw new BackendError(
      'BACKEND_INVALID_RESPONSE',
      `${settings.label} sent something that is not a trace for GET ${new URL(answer.url).pathname}: ${error.message}`,
      { url: answer.url, status: answer.status, cause: error },
    );
  }
}

/** The error for a trace the backend does not hold. */
export function traceNotFound(settings: BackendSettings, traceId: string, answer: BackendAnswer): BackendError {
  return new BackendError('BACKEND_TRACE_NOT_FOUND', `trace ${traceId} not found in ${settings.label}`, {
    url: answer.url,
    status: answer.status,
  });
}

/** Decodes a get-trace answer; no spans at all means the backend does not hold the trace. */
export function decodeFoundTrace(settings: BackendSettings, traceId: string, answer: BackendAnswer): DecodedSpans {
  const decoded = decodeTraceAnswer(settings, answer);
  if (decoded.spans.length === 0 && decoded.rejected.length === 0) throw traceNotFound(settings, traceId, answer);
  return decoded;
}
