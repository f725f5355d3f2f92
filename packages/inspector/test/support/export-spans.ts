import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** What an exporter reports for one export: `code` 0 is success, 1 failure (with `error`). */
export type ExportResult = Parameters<Parameters<SpanExporter['export']>[1]>[0];

/** Sends spans through a real exporter and waits for its result. */
export function exportSpans(exporter: SpanExporter, spans: ReadableSpan[]): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(spans, resolve));
}
