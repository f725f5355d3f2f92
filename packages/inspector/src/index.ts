// The trace model shared by the receiver, the loaders, the web view and the terminal printer.

export type { CliIo } from './cli/cli-io.js';
// The CLI, for embedding and tests.
export { runCli } from './cli/run-cli.js';
export { decodeJaegerJson } from './jaeger/decode-jaeger.js';
export type { DecodedDocument } from './load/decode-document.js';
export { decodeTraceDocument } from './load/decode-document.js';
export type { DecodedSpans, RejectedSpan, TraceFormat } from './load/errors.js';
export { TraceDecodeError, TraceNotFoundError } from './load/errors.js';
export type { LoadedTraces, TraceSource } from './load/load-trace-files.js';
export { loadTraceFiles, loadTraceSources } from './load/load-trace-files.js';
export { buildTrace, groupIntoTraces } from './model/build-trace.js';
export type { SourcePosition, StackFrame, StackLine } from './model/stack-trace.js';
export { summarizeTrace } from './model/summarize.js';
export type {
  Attributes,
  AttributeValue,
  InspectorEvent,
  InspectorLink,
  InspectorSpan,
  InspectorTrace,
  SpanKindName,
  StatusCodeName,
  TraceSummary,
} from './model/types.js';
export { InvalidOptionError } from './options/invalid-option-error.js';
// Reading traces: OTLP/JSON, OTLP protobuf, JSONL, Jaeger JSON.
export { decodeOtlpJson } from './otlp/decode-json.js';
export { decodeOtlpProtobuf } from './otlp/decode-protobuf.js';
// Writing traces: OTLP/JSON export and OTLP/HTTP response bodies.
export { traceToOtlpJson } from './otlp/encode-json.js';
export { decodeProtobufExportResponse, decodeProtobufStatus } from './otlp/export-response.js';
export type {
  OtlpAnyValue,
  OtlpExportTraceServiceRequest,
  OtlpExportTraceServiceResponse,
  OtlpKeyValue,
  OtlpResourceSpans,
  OtlpScopeSpans,
  OtlpSpan,
} from './otlp/types.js';
// Static and terminal output.
export { renderStaticHtml } from './render/static-html.js';
export type { InspectorServerOptions, RunningInspector, StartInspectorOptions } from './server/inspector-server.js';
// The server: OTLP receiver, JSON API, web view.
export {
  createInspectorServer,
  DEFAULT_BODY_LIMIT_BYTES,
  DEFAULT_HEADERS_TIMEOUT_MILLIS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_REQUEST_TIMEOUT_MILLIS,
  DEFAULT_HOST,
  DEFAULT_OTLP_HTTP_PORT,
  startInspector,
} from './server/inspector-server.js';
export { OTLP_TRACES_PATH } from './server/otlp-receiver.js';
// Exception stacks placed in the original sources by source maps.
export { mapExceptionStacks, mapStackTrace } from './source-maps/map-exception-stacks.js';
export type { OriginalPosition, SourceMapCacheOptions } from './source-maps/source-map-cache.js';
export {
  DEFAULT_MAX_SOURCE_MAP_BYTES,
  DEFAULT_MAX_SOURCE_MAP_FILE_BYTES,
  DEFAULT_MAX_SOURCE_MAPS,
  SourceMapCache,
} from './source-maps/source-map-cache.js';
export type { BackendErrorCode } from './sources/backend-error.js';
// Reading traces from a Jaeger or Tempo.
export { BackendError } from './sources/backend-error.js';
export { createTraceBackend } from './sources/create-backend.js';
export { jaegerBackend } from './sources/jaeger-backend.js';
export { TOOLTRACE_TRACEQL, tempoBackend } from './sources/tempo-backend.js';
export type { BackendKind, FetchedTrace, FoundTraces, TraceBackend, TraceBackendOptions } from './sources/trace-backend.js';
export type { BackendTraceUrl } from './sources/trace-url.js';
export { parseBackendTraceUrl } from './sources/trace-url.js';
export type { AttributeQuery, SpanMatch } from './model/attribute-query.js';
export type { AddSpansResult, TraceStoreEvent, TraceStoreListener, TraceStoreOptions } from './store/trace-store.js';
// The store.
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_SPANS_PER_TRACE, DEFAULT_MAX_TRACES, TraceStore } from './store/trace-store.js';
export { formatDuration } from './terminal/format-duration.js';
export type { TraceTreeOptions } from './terminal/format-trace-tree.js';
export { formatTraceTree } from './terminal/format-trace-tree.js';
export type { RenderLimits } from './web/client/app-types.js';
export { WebViewAssemblyError } from './web/errors.js';
export type { AppPageOptions } from './web/page.js';
// The web view page, for embedding or custom serving.
export { DEFAULT_RENDER_LIMITS, renderAppPage } from './web/page.js';
