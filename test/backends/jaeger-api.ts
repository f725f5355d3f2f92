/**
 * A small client for Jaeger v2's HTTP query APIs, as the UI and Grafana use them:
 * v3 (`/api/v3/...`, OTLP JSON) and v1 (`/api/traces...`, Jaeger's own JSON).
 */

/** OTLP JSON as `/api/v3/traces/{id}` returns it (the parts the tests read). */
export interface OtlpTracesData {
  resourceSpans: Array<{
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans: Array<{ scope?: { name?: string; version?: string }; spans: OtlpSpan[] }>;
  }>;
}

export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

export type OtlpAnyValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
};

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: OtlpKeyValue[];
  events?: Array<{ name: string; timeUnixNano: string; attributes?: OtlpKeyValue[] }>;
  links?: Array<{ traceId: string; spanId: string; attributes?: OtlpKeyValue[] }>;
  status?: { code?: number; message?: string };
}

/** Jaeger JSON (`/api/traces/{id}`): one trace. */
export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string; tags: JaegerTag[] }>;
}

export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references: Array<{ refType: 'CHILD_OF' | 'FOLLOWS_FROM'; traceID: string; spanID: string }>;
  startTime: number;
  duration: number;
  tags: JaegerTag[];
  logs: Array<{ timestamp: number; fields: JaegerTag[] }>;
  processID: string;
  warnings: string[] | null;
}

export interface JaegerTag {
  key: string;
  type: 'string' | 'bool' | 'int64' | 'float64' | 'binary';
  value: string | number | boolean;
}

export interface WaitOptions {
  /** Resolve once the trace has at least this many spans (default 1). */
  spans?: number;
  /** Polls, 200 ms apart (default 150: 30 s plus request time). */
  attempts?: number;
}

export class JaegerApi {
  constructor(readonly queryUrl: string) {}

  /** `/api/v3/traces/{id}`: the trace as OTLP JSON, or undefined when Jaeger has no such trace. */
  async traceV3(traceId: string): Promise<OtlpTracesData | undefined> {
    const response = await this.get(`/api/v3/traces/${traceId}`);
    if (response.status === 404) return undefined;
    const body = (await this.json(response)) as { result?: OtlpTracesData };
    return body.result;
  }

  /** `/api/traces/{id}` (the UI's and Grafana's endpoint), or undefined when not found. */
  async traceV1(traceId: string): Promise<JaegerTrace | undefined> {
    const response = await this.get(`/api/traces/${traceId}`);
    if (response.status === 404) return undefined;
    const body = (await this.json(response)) as { data?: JaegerTrace[] };
    return body.data?.[0];
  }

  /**
   * The UI's search: `/api/traces?service=…&tags={…}` over the last hour. `tags` is what the UI's
   * Tags field sends for `key=value key2=value2`.
   */
  async searchV1(service: string, tags: Record<string, string>, limit = 100): Promise<JaegerTrace[]> {
    const end = Date.now() * 1000;
    const params = new URLSearchParams({
      service,
      tags: JSON.stringify(tags),
      start: String(end - 3_600_000_000),
      end: String(end),
      limit: String(limit),
    });
    const body = (await this.json(await this.get(`/api/traces?${params}`))) as { data: JaegerTrace[] | null };
    return body.data ?? [];
  }

  /** `/api/v3/services`. */
  async services(): Promise<string[]> {
    const body = (await this.json(await this.get('/api/v3/services'))) as { services?: string[] };
    return body.services ?? [];
  }

  /** Polls the v3 API until the trace has `spans` spans; rejects naming what arrived when it never does. */
  async waitForTrace(traceId: string, options: WaitOptions = {}): Promise<OtlpTracesData> {
    const wanted = options.spans ?? 1;
    const attempts = options.attempts ?? 150;
    let seen = 0;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const trace = await this.traceV3(traceId);
      seen = trace ? otlpSpans(trace).length : 0;
      if (trace && seen >= wanted) return trace;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`Jaeger at ${this.queryUrl} has ${seen} of ${wanted} spans of trace ${traceId} after ${attempts} polls`);
  }

  private get(path: string): Promise<Response> {
    return fetch(`${this.queryUrl}${path}`, { signal: AbortSignal.timeout(5000) });
  }

  private async json(response: Response): Promise<unknown> {
    const text = await response.text();
    if (!response.ok) throw new Error(`Jaeger ${response.url} answered ${response.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text);
  }
}

/** Every span of an OTLP JSON document. */
export function otlpSpans(data: OtlpTracesData): OtlpSpan[] {
  return data.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
}
