import type { AttributeValue } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  ATTR_ERROR_TYPE,
  ATTR_EXECUTION_PLAN,
  ATTR_STEP_STATUS,
  EVENT_EXECUTION_PLAN,
  type ExecutionPlan,
  SPAN_NAME_EXECUTE_TOOL,
  SPAN_NAME_GROUP,
  SPAN_NAME_ORCHESTRATE,
  SPAN_NAME_PIPELINE,
} from '@tooltrace/core';
import { type ContractDoc, sectionOf } from './contract-doc.js';
import {
  type JaegerApi,
  type JaegerSpan,
  type JaegerTag,
  type JaegerTrace,
  type OtlpSpan,
  type OtlpTracesData,
  otlpSpans,
} from './jaeger-api.js';
import { decodeAttributes, hexId, sdkWireType, type WireType, wireTypes } from './otlp-spans.js';

const json = (value: unknown): string => JSON.stringify(value);

/**
 * Everything Jaeger's v3 API changed about the spans the SDK exported (compared with the same spans
 * captured in memory): missing or extra spans, parent, name, kind, attributes (value and OTLP type),
 * status, events, links with their attributes. Empty when Jaeger returned exactly what was sent.
 */
export function differencesFromExported(exported: readonly ReadableSpan[], returned: readonly OtlpSpan[]): string[] {
  const problems: string[] = [];
  const byId = new Map(returned.map((span) => [hexId(span.spanId), span]));
  if (returned.length !== exported.length) problems.push(`Jaeger returned ${returned.length} spans, ${exported.length} were exported`);
  for (const local of exported) {
    const id = local.spanContext().spanId;
    const remote = byId.get(id);
    const label = `${local.name} (${id})`;
    if (!remote) {
      problems.push(`${label}: missing`);
      continue;
    }
    const differ = (what: string, expected: unknown, actual: unknown) => {
      if (json(expected) !== json(actual)) problems.push(`${label}: ${what} ${json(actual)}, exported ${json(expected)}`);
    };
    differ('name', local.name, remote.name);
    differ('kind', local.kind + 1, remote.kind);
    differ('parent', local.parentSpanContext?.spanId, hexId(remote.parentSpanId));
    differ(
      'status',
      { code: local.status.code, message: local.status.message || undefined },
      {
        code: remote.status?.code ?? 0,
        message: remote.status?.message || undefined,
      },
    );
    const zeroLength = hrNanos(local.endTime) === hrNanos(local.startTime);
    differ('start', hrNanos(local.startTime), remote.startTimeUnixNano);
    // Jaeger "sanitizes" a zero-length span (a skipped step, a group of skipped steps): end + 1 ns,
    // and says so in a `@jaeger@warnings` attribute. Any other change of end time or warning is a problem.
    differ('end', zeroLength ? String(BigInt(hrNanos(local.endTime)) + 1n) : hrNanos(local.endTime), remote.endTimeUnixNano);
    const warnings = remote.attributes?.filter((attribute) => attribute.key === JAEGER_WARNINGS) ?? [];
    if (warnings.length > 0 && !zeroLength) problems.push(`${label}: Jaeger warns ${json(decodeAttributes(warnings))}`);
    const attributes = remote.attributes?.filter((attribute) => attribute.key !== JAEGER_WARNINGS);
    differ('attributes', typed(local.attributes), typedRemote(attributes));
    differ(
      'events',
      local.events.map((event) => ({ name: event.name, attributes: typed(event.attributes ?? {}) })),
      (remote.events ?? []).map((event) => ({ name: event.name, attributes: typedRemote(event.attributes) })),
    );
    differ(
      'links',
      local.links.map((link) => ({ traceId: link.context.traceId, spanId: link.context.spanId, attributes: typed(link.attributes ?? {}) })),
      (remote.links ?? []).map((link) => ({
        traceId: hexId(link.traceId),
        spanId: hexId(link.spanId),
        attributes: typedRemote(link.attributes),
      })),
    );
  }
  return problems;
}

/** The attribute Jaeger's v3 API adds to spans it adjusted. */
export const JAEGER_WARNINGS = '@jaeger@warnings';

const hrNanos = ([seconds, nanos]: [number, number]): string => String(BigInt(seconds) * 1_000_000_000n + BigInt(nanos));

/** Attributes as sorted `[key, value, OTLP type]` triples: equal values of another type differ. */
function typed(attributes: Record<string, AttributeValue | undefined>): Array<[string, unknown, WireType]> {
  return Object.entries(attributes)
    .filter((entry): entry is [string, AttributeValue] => entry[1] !== undefined)
    .map(([key, value]): [string, unknown, WireType] => [key, value, sdkWireType(value)])
    .sort(([a], [b]) => a.localeCompare(b));
}

function typedRemote(keyValues: OtlpSpan['attributes']): Array<[string, unknown, WireType]> {
  const values = decodeAttributes(keyValues);
  const types = wireTypes(keyValues);
  return Object.keys(values)
    .sort((a, b) => a.localeCompare(b))
    .map((key) => [key, values[key], types[key] ?? 'other']);
}

/** Jaeger's v1 tag type for an OTLP type: arrays become JSON strings there. */
const V1_TYPES: Record<WireType, JaegerTag['type']> = {
  string: 'string',
  int: 'int64',
  double: 'float64',
  boolean: 'bool',
  'string[]': 'string',
  'int[]': 'string',
  'double[]': 'string',
  'boolean[]': 'string',
  other: 'string',
};

/**
 * What the v1 API (the one the Jaeger UI and Grafana read) must show for the exported spans:
 * CHILD_OF the parent, one FOLLOWS_FROM per link (link attributes are not kept by this model),
 * every attribute as a tag of the matching type (arrays as JSON strings), status as the tags
 * `error`/`otel.status_code`/`otel.status_description`, events as logs named by their `event` field.
 */
export function differencesInV1(exported: readonly ReadableSpan[], trace: JaegerTrace): string[] {
  const problems: string[] = [];
  const byId = new Map(trace.spans.map((span) => [span.spanID, span]));
  if (trace.spans.length !== exported.length) problems.push(`v1 has ${trace.spans.length} spans, ${exported.length} were exported`);
  for (const local of exported) {
    const remote = byId.get(local.spanContext().spanId);
    const label = `${local.name} (${local.spanContext().spanId})`;
    if (!remote) {
      problems.push(`${label}: missing from v1`);
      continue;
    }
    const differ = (what: string, expected: unknown, actual: unknown) => {
      if (json(expected) !== json(actual)) problems.push(`${label}: v1 ${what} ${json(actual)}, expected ${json(expected)}`);
    };
    differ('operationName', local.name, remote.operationName);
    const parent = local.parentSpanContext?.spanId;
    differ('CHILD_OF', parent === undefined ? [] : [parent], refs(remote, 'CHILD_OF'));
    differ('FOLLOWS_FROM', local.links.map((link) => link.context.spanId).sort(), refs(remote, 'FOLLOWS_FROM').sort());
    const tags = new Map(remote.tags.map((tag) => [tag.key, tag]));
    for (const [key, value] of Object.entries(local.attributes)) {
      if (value === undefined) continue;
      const type = sdkWireType(value);
      const expected = { type: V1_TYPES[type], value: Array.isArray(value) ? JSON.stringify(value) : value };
      const tag = tags.get(key);
      differ(`tag ${key}`, expected, tag && { type: tag.type, value: tag.value });
    }
    const isError = local.status.code === 2;
    differ('tag error', isError ? true : undefined, tags.get('error')?.value);
    differ('tag otel.status_code', isError ? 'ERROR' : undefined, tags.get('otel.status_code')?.value);
    if (isError) differ('tag otel.status_description', local.status.message, tags.get('otel.status_description')?.value);
    differ(
      'logs',
      local.events.map((event) => ({ event: event.name, fields: Object.keys(event.attributes ?? {}).sort() })),
      remote.logs.map((log) => ({
        event: log.fields.find((field) => field.key === 'event')?.value,
        fields: log.fields
          .filter((field) => field.key !== 'event')
          .map((field) => field.key)
          .sort(),
      })),
    );
  }
  return problems;
}

function refs(span: JaegerSpan, type: 'CHILD_OF' | 'FOLLOWS_FROM'): string[] {
  return span.references.filter((ref) => ref.refType === type).map((ref) => ref.spanID);
}

/**
 * Every attribute docs/semantic-conventions.md documents for a span's section has, in what Jaeger
 * returned, the documented type. Numbers: OTLP/JS sends an integral JS number as an int, so a
 * `double` the doc promises may arrive as an int when its value happens to be whole.
 */
export function differencesFromDocumentedTypes(doc: ContractDoc, spans: readonly OtlpSpan[]): { problems: string[]; checked: number } {
  const problems: string[] = [];
  let checked = 0;
  for (const span of spans) {
    const section = sectionOf(doc, span.name);
    if (!section) continue;
    const types = wireTypes(span.attributes);
    for (const [key, documented] of section) {
      const actual = types[key];
      if (actual === undefined) continue;
      checked += 1;
      const ok = actual === documented || (documented === 'double' && actual === 'int');
      if (!ok) problems.push(`${span.name}: ${key} is ${actual}, the doc says ${documented}`);
    }
  }
  return { problems, checked };
}

/**
 * Step statuses as the contract states them: `error`/`timed_out` → status ERROR, an `exception`
 * event and `error.type`; `cancelled` → status UNSET with an `exception`
 * event; `ok`/`skipped` → status UNSET, no exception.
 */
export function differencesFromStatusRules(spans: readonly OtlpSpan[]): string[] {
  const problems: string[] = [];
  for (const span of spans.filter((candidate) => candidate.name.startsWith(`${SPAN_NAME_EXECUTE_TOOL} `))) {
    const attributes = decodeAttributes(span.attributes);
    const status = attributes[ATTR_STEP_STATUS];
    const code = span.status?.code ?? 0;
    const exceptions = (span.events ?? []).filter((event) => event.name === 'exception');
    const exceptionType = exceptions[0] && decodeAttributes(exceptions[0].attributes)['exception.type'];
    const failed = status === 'error' || status === 'timed_out';
    const label = `${span.name} (${String(status)})`;
    if (failed !== (code === 2)) problems.push(`${label}: status code ${code}`);
    const wantsException = failed || status === 'cancelled';
    if (wantsException !== (exceptions.length === 1)) problems.push(`${label}: ${exceptions.length} exception events`);
    // exception.type is the SDK's: the error's `code` when it has one (STEP_TIMEOUT), else its name.
    if (wantsException && (typeof exceptionType !== 'string' || exceptionType === '')) problems.push(`${label}: no exception.type`);
    if (wantsException && typeof attributes[ATTR_ERROR_TYPE] !== 'string') problems.push(`${label}: no error.type`);
    if (!['ok', 'error', 'timed_out', 'cancelled', 'skipped'].includes(String(status))) problems.push(`${label}: not a final status`);
  }
  return problems;
}

/** The run's plan as the orchestrate span's `tooltrace.execution_plan` event carries it. */
export function executionPlanOf(spans: readonly OtlpSpan[]): ExecutionPlan | undefined {
  const orchestrate = spans.find((span) => span.name.startsWith(`${SPAN_NAME_ORCHESTRATE} `));
  const event = orchestrate?.events?.find((candidate) => candidate.name === EVENT_EXECUTION_PLAN);
  const plan = event && decodeAttributes(event.attributes)[ATTR_EXECUTION_PLAN];
  return typeof plan === 'string' ? (JSON.parse(plan) as ExecutionPlan) : undefined;
}

/**
 * Polls Jaeger until the trace is whole: a pipeline root, every parent present, and as many group
 * and step spans as its execution plan has (so a trace split across exports is not read half-way).
 */
export async function waitForCompleteTrace(api: JaegerApi, traceId: string, attempts = 150): Promise<OtlpTracesData> {
  let last = '';
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const data = await api.traceV3(traceId);
    const spans = data ? otlpSpans(data) : [];
    const ids = new Set(spans.map((span) => hexId(span.spanId)));
    const plan = executionPlanOf(spans);
    const count = (prefix: string) => spans.filter((span) => span.name.startsWith(`${prefix} `)).length;
    const complete =
      data !== undefined &&
      plan !== undefined &&
      count(SPAN_NAME_PIPELINE) === 1 &&
      spans.every((span) => span.parentSpanId === undefined || span.parentSpanId === '' || ids.has(hexId(span.parentSpanId))) &&
      count(SPAN_NAME_GROUP) === plan.totalGroups &&
      count(SPAN_NAME_EXECUTE_TOOL) === plan.totalSteps;
    if (complete) return data;
    last = `${spans.length} spans: ${spans.map((span) => span.name).join(', ')}`;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`trace ${traceId} never became complete in Jaeger (${attempts} polls); last seen ${last}`);
}
