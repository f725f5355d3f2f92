import type { Agent, ClientRequest, IncomingMessage } from 'node:http';
import type { ExportResponse, IExporterTransport } from '@opentelemetry/otlp-exporter-base';
import type { OtlpHttpConfig } from './otlp-http-config.js';

/** Retry schedule of the OTLP exporter specification (as the SDK's own transport uses). */
const MAX_RETRIES = 5;
const INITIAL_BACKOFF_MILLIS = 1000;
const MAX_BACKOFF_MILLIS = 5000;
const BACKOFF_MULTIPLIER = 1.5;
const JITTER = 0.2;
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const RETRYABLE_NETWORK_ERRORS = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);
const USER_AGENT = 'OTel-OTLP-Exporter-JavaScript/0.223.0';

/**
 * OTLP/HTTP transport that can be closed: `close()` ends every request in flight and every wait
 * for a retry at once, and later sends fail without touching the network. The SDK's own transport
 * cannot be stopped, so after a bounded shutdown its open request and retry timers kept the
 * process alive for up to the exporter's timeout.
 */
export class ClosableHttpTransport implements IExporterTransport {
  private closed = false;
  private readonly cancels = new Set<() => void>();
  private agent: Promise<Agent> | undefined;

  constructor(private readonly config: OtlpHttpConfig) {}

  async send(data: Uint8Array, timeoutMillis: number): Promise<ExportResponse> {
    const deadline = Date.now() + timeoutMillis;
    let backoff = INITIAL_BACKOFF_MILLIS;
    let result = await this.attempt(data, timeoutMillis);
    for (let retry = 0; result.status === 'retryable' && retry < MAX_RETRIES; retry++) {
      const wait = result.retryInMillis ?? Math.min(backoff * (1 + (Math.random() * 2 - 1) * JITTER), MAX_BACKOFF_MILLIS);
      backoff *= BACKOFF_MULTIPLIER;
      if (wait > deadline - Date.now()) return result;
      if (!(await this.sleep(wait))) return closedResponse();
      result = await this.attempt(data, deadline - Date.now());
    }
    return result;
  }

  /** Ends everything in flight now; every later send fails at once. */
  close(): void {
    this.closed = true;
    for (const cancel of [...this.cancels]) cancel();
    void this.agent?.then(
      (agent) => agent.destroy(),
      () => undefined,
    );
  }

  /** Called by the exporter after its pending exports settled. */
  shutdown(): void {
    this.close();
  }

  /** Resolves true after `millis`, or false at once when the transport is closed meanwhile. */
  private sleep(millis: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.cancels.delete(cancel);
        resolve(true);
      }, millis);
      const cancel = (): void => {
        clearTimeout(timer);
        this.cancels.delete(cancel);
        resolve(false);
      };
      this.cancels.add(cancel);
    });
  }

  private async attempt(data: Uint8Array, timeoutMillis: number): Promise<ExportResponse> {
    if (this.closed) return closedResponse();
    const url = new URL(this.config.url);
    this.agent ??= Promise.resolve(this.config.agentFactory(url.protocol));
    const [agent, headers, http] = await Promise.all([
      this.agent,
      this.config.headers(),
      url.protocol === 'https:' ? import('node:https') : import('node:http'),
    ]);
    if (this.closed) return closedResponse();
    const body = this.config.compression === 'gzip' ? await gzip(data) : data;
    if (this.closed) return closedResponse();
    const userAgent = this.config.userAgent ? `${this.config.userAgent} ${USER_AGENT}` : USER_AGENT;
    const requestHeaders = {
      ...headers,
      'User-Agent': userAgent,
      ...(this.config.compression === 'gzip' ? { 'Content-Encoding': 'gzip' } : {}),
    };
    return new Promise((resolve) => {
      const request = http.request(url, { method: 'POST', headers: requestHeaders, agent });
      let settled = false;
      const finish = (response: ExportResponse): void => {
        if (settled) return;
        settled = true;
        this.cancels.delete(cancel);
        resolve(response);
      };
      const cancel = (): void => {
        finish(closedResponse());
        request.destroy();
      };
      this.cancels.add(cancel);
      request.setTimeout(Math.max(1, timeoutMillis), () => {
        finish({ status: 'retryable', error: new Error('Request timed out') });
        request.destroy();
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        finish(RETRYABLE_NETWORK_ERRORS.has(error.code ?? '') ? { status: 'retryable', error } : { status: 'failure', error });
      });
      request.on('response', (response: IncomingMessage) => readResponse(request, response, finish));
      request.end(body);
    });
  }
}

function readResponse(request: ClientRequest, response: IncomingMessage, finish: (response: ExportResponse) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) {
      finish({ status: 'failure', error: new Error(`OTLP export response body exceeded ${MAX_RESPONSE_BYTES} bytes`) });
      request.destroy();
      return;
    }
    chunks.push(chunk);
  });
  response.on('error', (error) => finish(fromStatus(response, Buffer.concat(chunks), error)));
  response.on('end', () => finish(fromStatus(response, Buffer.concat(chunks))));
}

function fromStatus(response: IncomingMessage, body: Buffer, error?: Error): ExportResponse {
  const status = response.statusCode ?? 0;
  if (status >= 200 && status <= 299) return { status: 'success', data: body };
  if (RETRYABLE_STATUS.has(status)) {
    const retryInMillis = retryAfterMillis(response.headers['retry-after']);
    return { status: 'retryable', ...(retryInMillis === undefined ? {} : { retryInMillis }), ...(error ? { error } : {}) };
  }
  return {
    status: 'failure',
    error: error ?? new Error(`OTLP endpoint answered ${status} ${response.statusMessage ?? ''}: ${body.toString('utf8', 0, 200)}`.trim()),
  };
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds from now. */
function retryAfterMillis(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const seconds = Number.parseInt(header, 10);
  if (Number.isInteger(seconds)) return seconds > 0 ? seconds * 1000 : -1;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function closedResponse(): ExportResponse {
  return { status: 'failure', error: new Error('tracing was shut down; the export was abandoned') };
}

async function gzip(data: Uint8Array): Promise<Buffer> {
  const { gzip: compress } = await import('node:zlib');
  return new Promise((resolve, reject) => compress(data, (error, result) => (error ? reject(error) : resolve(result))));
}
