import { jaegerBackend } from './jaeger-backend.js';
import { tempoBackend } from './tempo-backend.js';
import type { BackendKind, TraceBackend, TraceBackendOptions } from './trace-backend.js';

/** A {@link TraceBackend} for `kind` at `baseUrl` (`http://host:16686` for Jaeger, `http://host:3200` for Tempo). */
export function createTraceBackend(kind: BackendKind, baseUrl: string, options: TraceBackendOptions = {}): TraceBackend {
  return kind === 'jaeger' ? jaegerBackend(baseUrl, options) : tempoBackend(baseUrl, options);
}
