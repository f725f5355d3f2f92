import type { ServerResponse } from 'node:http';

/** Headers every inspector response carries. */
const COMMON_HEADERS = { 'X-Content-Type-Options': 'nosniff' } as const;

/** Sends a body with its content type; API responses are not cached. */
export function sendBody(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  response.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Type': contentType,
    'Content-Length': String(bytes.length),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(bytes);
}

/** Sends a JSON value. */
export function sendJson(response: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  sendBody(response, status, 'application/json; charset=utf-8', JSON.stringify(value), headers);
}

/** Sends the API's error shape: `{ error: { code, message } }`. */
export function sendApiError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(response, status, { error: { code, message } }, headers);
}
