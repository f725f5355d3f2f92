import { type BackendKind, backendTraceId } from './trace-backend.js';

/** A trace named by a backend URL. */
export interface BackendTraceUrl {
  kind: BackendKind;
  /** The backend's base URL (what comes before `/api` or `/trace`). */
  baseUrl: string;
  traceId: string;
}

/** Paths that name one trace, after an optional base path: which backend they belong to. */
const TRACE_PATHS: ReadonlyArray<{ pattern: RegExp; kind: BackendKind }> = [
  { pattern: /^(.*)\/api\/v3\/traces\/([0-9a-fA-F]{1,32})\/?$/, kind: 'jaeger' },
  { pattern: /^(.*)\/api\/v2\/traces\/([0-9a-fA-F]{1,32})\/?$/, kind: 'tempo' },
  // Jaeger's API v1 (Tempo's v1 path is the same; its answer is read too, see decodeBackendTrace).
  { pattern: /^(.*)\/api\/traces\/([0-9a-fA-F]{1,32})\/?$/, kind: 'jaeger' },
  // Jaeger UI's trace page.
  { pattern: /^(.*)\/trace\/([0-9a-fA-F]{1,32})\/?$/, kind: 'jaeger' },
];

/**
 * Reads a Jaeger or Tempo trace URL: `http://host:16686/trace/{id}` (Jaeger UI),
 * `…/api/traces/{id}` (Jaeger API v1), `…/api/v3/traces/{id}` (Jaeger API v3),
 * `http://host:3200/api/v2/traces/{id}` (Tempo). A base path before them is kept (Jaeger behind
 * `--query.base-path`); the query string is ignored. Returns null for anything else.
 */
export function parseBackendTraceUrl(text: string): BackendTraceUrl | null {
  if (!/^https?:\/\//i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  for (const { pattern, kind } of TRACE_PATHS) {
    const match = pattern.exec(url.pathname);
    if (match !== null) return { kind, baseUrl: `${url.origin}${match[1] ?? ''}`, traceId: backendTraceId(match[2] ?? '') };
  }
  return null;
}
