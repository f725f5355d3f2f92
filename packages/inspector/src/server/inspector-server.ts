import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { integerOption } from '../options/invalid-option-error.js';
import { renderAppPage } from '../render/app-page.js';
import { SourceMapCache } from '../source-maps/source-map-cache.js';
import { createBackendApi } from '../sources/backend-routes.js';
import type { TraceBackend } from '../sources/trace-backend.js';
import { TraceStore, type TraceStoreOptions } from '../store/trace-store.js';
import { handleApi } from './api-routes.js';
import { handleOtlpTraces, OTLP_TRACES_PATH } from './otlp-receiver.js';
import { sendApiError, sendBody } from './respond.js';

/** Default limit of a `POST /v1/traces` body, compressed and decompressed: 8 MiB. */
export const DEFAULT_BODY_LIMIT_BYTES = 8 * 1024 * 1024;
/** Default host: loopback only, so traces are not exposed to the network. */
export const DEFAULT_HOST = '127.0.0.1';
/** The OTLP/HTTP default port, used by `tooltrace-inspector serve`. */
export const DEFAULT_OTLP_HTTP_PORT = 4318;
/** A client has this long to send its request headers (Node's default is 60 s). */
export const DEFAULT_HEADERS_TIMEOUT_MILLIS = 10_000;
/** A client has this long to send a whole request, body included (Node's default is 300 s): 8 MiB at ~300 KB/s. */
export const DEFAULT_REQUEST_TIMEOUT_MILLIS = 30_000;
/** Open connections at most (Node sets no cap): exporters, a browser and a CLI need a handful. */
export const DEFAULT_MAX_CONNECTIONS = 256;

/** Options of {@link createInspectorServer}. */
export interface InspectorServerOptions {
  /** Where received spans go (default: a new store). */
  store?: TraceStore;
  /** Largest accepted body, compressed or decompressed (default 8 MiB); larger ones get 413. */
  bodyLimitBytes?: number;
  /**
   * Whether to answer only requests whose `Host` is a loopback name (localhost, 127.x, [::1]),
   * which stops DNS-rebinding pages from reading traces (default true; turn off when serving on
   * a network address).
   */
  loopbackHostsOnly?: boolean;
  /**
   * A Jaeger or Tempo to read traces from (see `jaegerBackend`, `tempoBackend`): the trace list
   * shows its recent tooltrace traces and any trace id is fetched from it. The receiver keeps working.
   */
  backend?: TraceBackend;
  /**
   * Whether the API maps exception stacks to the original sources with the source maps of the
   * compiled files they name, read from this machine (default: `loopbackHostsOnly`'s value, so
   * an inspector serving the network reads no files for it).
   */
  sourceMaps?: boolean;
}

/** Options of {@link startInspector}. */
export interface StartInspectorOptions extends TraceStoreOptions, Omit<InspectorServerOptions, 'loopbackHostsOnly'> {
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** Port to listen on; 0 picks a free one (default 0). */
  port?: number;
}

/** A running inspector. */
export interface RunningInspector {
  /** The web view, e.g. `http://127.0.0.1:53122`. */
  url: string;
  /** The OTLP/HTTP traces endpoint, e.g. `http://127.0.0.1:53122/v1/traces`. */
  tracesUrl: string;
  host: string;
  port: number;
  store: TraceStore;
  server: Server;
  /** Stops listening and closes open connections (including event streams). */
  close(): Promise<void>;
}

/**
 * An HTTP server (not yet listening) with the OTLP receiver (`POST /v1/traces`), the JSON API
 * (`/api/...`) and the web view (`/`, `/trace/{id}`, `/compare/{a}/{b}`, `/compare` for two files).
 */
export function createInspectorServer(options: InspectorServerOptions = {}): Server {
  const store = options.store ?? new TraceStore();
  const bodyLimitBytes = integerOption('bodyLimitBytes', options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES, 1);
  const loopbackHostsOnly = options.loopbackHostsOnly ?? true;
  const backendApi = options.backend === undefined ? undefined : createBackendApi(options.backend, store);
  const sourceMaps = (options.sourceMaps ?? loopbackHostsOnly) ? new SourceMapCache() : null;
  let livePage: string | undefined;
  // Deliberate limits for a local receiver: slow or stuck clients are cut off, connections capped.
  const server = createServer(
    { headersTimeout: DEFAULT_HEADERS_TIMEOUT_MILLIS, requestTimeout: DEFAULT_REQUEST_TIMEOUT_MILLIS },
    (request, response) => {
      route(request, response).catch((error: unknown) => {
        if (request.destroyed || response.destroyed) {
          // The client went away (an aborted upload): nothing to answer, nothing broken here.
          const what = request.method === 'POST' ? 'upload to' : 'request for';
          console.error(
            `tooltrace-inspector: the client aborted its ${what} ${(request.url ?? '/').split('?')[0]} (${describeError(error)})`,
          );
          return;
        }
        console.error('tooltrace-inspector: request failed:', error);
        if (!response.headersSent) sendApiError(response, 500, 'INTERNAL_ERROR', 'the inspector failed to handle the request');
        else response.destroy();
      });
    },
  );
  server.maxConnections = DEFAULT_MAX_CONNECTIONS;
  if (backendApi !== undefined) server.once('close', () => backendApi.close());
  return server;

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (loopbackHostsOnly && !isLoopbackHostHeader(request.headers.host)) {
      sendApiError(response, 403, 'FORBIDDEN_HOST', `the inspector answers only loopback hosts, not ${request.headers.host}`);
      return;
    }
    const url = new URL(request.url ?? '/', 'http://inspector.invalid');
    if (url.pathname === OTLP_TRACES_PATH) {
      await handleOtlpTraces(request, response, store, bodyLimitBytes);
      return;
    }
    if (backendApi !== undefined && (await backendApi.handle(request, response, url))) return;
    if (await handleApi(request, response, url, store, sourceMaps)) return;
    if (url.pathname === '/' || /^\/(trace\/[0-9a-fA-F]{32}|compare(\/[0-9a-fA-F]{32}\/[0-9a-fA-F]{32})?)\/?$/.test(url.pathname)) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        sendApiError(response, 405, 'METHOD_NOT_ALLOWED', 'use GET', { Allow: 'GET' });
        return;
      }
      livePage ??= renderAppPage({ mode: 'live' });
      sendBody(response, 200, 'text/html; charset=utf-8', livePage);
      return;
    }
    sendApiError(response, 404, 'NOT_FOUND', `nothing at ${url.pathname}`);
  }
}

/**
 * Starts the inspector in this process: OTLP receiver, API and web view on one port.
 *
 * @example
 * const inspector = await startInspector();
 * const exporter = new OTLPTraceExporter({ url: inspector.tracesUrl });
 * // ... run, then provider.forceFlush()
 * console.log(`open ${inspector.url}`);
 * await inspector.close();
 */
export async function startInspector(options: StartInspectorOptions = {}): Promise<RunningInspector> {
  const host = options.host ?? DEFAULT_HOST;
  const requestedPort = integerOption('port', options.port ?? 0, 0);
  const store =
    options.store ??
    new TraceStore({
      ...(options.maxTraces === undefined ? {} : { maxTraces: options.maxTraces }),
      ...(options.maxSpansPerTrace === undefined ? {} : { maxSpansPerTrace: options.maxSpansPerTrace }),
      ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
    });
  const server = createInspectorServer({
    store,
    loopbackHostsOnly: isLoopbackHostName(host),
    ...(options.bodyLimitBytes === undefined ? {} : { bodyLimitBytes: options.bodyLimitBytes }),
    ...(options.backend === undefined ? {} : { backend: options.backend }),
    ...(options.sourceMaps === undefined ? {} : { sourceMaps: options.sourceMaps }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(requestedPort, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    tracesUrl: `${url}${OTLP_TRACES_PATH}`,
    host,
    port,
    store,
    server,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function isLoopbackHostHeader(header: string | undefined): boolean {
  if (header === undefined) return true;
  let hostname: string;
  try {
    hostname = new URL(`http://${header}`).hostname;
  } catch {
    return false;
  }
  return isLoopbackHostName(hostname);
}

/** localhost, 127.0.0.0/8 and ::1 (with or without brackets). */
export function isLoopbackHostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || name.endsWith('.localhost') || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
