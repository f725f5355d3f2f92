import { join } from 'node:path';
import { BACKENDS, cachedBinaryPath, DOCKER_DIR } from './definitions.js';
import {
  acceptsConnections,
  answers,
  BackendStartError,
  backendEnv,
  freePort,
  type ManagedProcess,
  spawnManaged,
  startClosingListener,
  waitUntilReady,
} from './process.js';

/** A backend started natively on loopback ports, with the docker/ configuration file. */
export interface NativeBackend {
  readonly pid: number;
  /** Its output so far (for failure messages). */
  output(): string;
  /** Stops it (SIGTERM, SIGKILL after 10 s); resolves once it has exited. Idempotent. */
  stop(): Promise<void>;
  /** Starts it again on the same ports, with the same configuration; resolves once ready. */
  restart(): Promise<void>;
}

/** Jaeger v2 running docker/jaeger.yaml: OTLP in, query API (v1 /api/…, v3 /api/v3/…) and UI. */
export interface NativeJaeger extends NativeBackend {
  /** http://127.0.0.1:port — the UI and the HTTP query APIs. */
  readonly queryUrl: string;
  /** 127.0.0.1:port — OTLP/gRPC, what the Collector exports to. */
  readonly otlpGrpcEndpoint: string;
  /** http://127.0.0.1:port — OTLP/HTTP (append /v1/traces). */
  readonly otlpHttpUrl: string;
}

/** The OpenTelemetry Collector running docker/collector.yaml. */
export interface NativeCollector extends NativeBackend {
  /** http://127.0.0.1:port — OTLP/HTTP, what startTracing({ endpoint }) and the demo send to. */
  readonly otlpHttpUrl: string;
  /** 127.0.0.1:port — OTLP/gRPC. */
  readonly otlpGrpcEndpoint: string;
}

export interface StartJaegerOptions {
  /** The jaeger binary; default: the cached build (see scripts/backends). */
  binary?: string;
  /** The configuration; default docker/jaeger.yaml. */
  config?: string;
  /** Port of the UI and query API; default a free one. */
  queryPort?: number;
}

export interface StartCollectorOptions {
  /** host:port of Jaeger's OTLP/gRPC receiver (e.g. `jaeger.otlpGrpcEndpoint`). */
  jaegerEndpoint: string;
  /**
   * host:port for the Collector's Tempo exporter. Default: a loopback port that closes every
   * connection (no Tempo runs natively; that exporter retries and drops, the Jaeger one is unaffected).
   */
  tempoEndpoint?: string;
  /**
   * Base URL for the Collector's metrics exporter (Prometheus's OTLP receiver, `…/api/v1/otlp`; the
   * exporter appends /v1/metrics). Default: a loopback port that closes every connection (no
   * Prometheus runs natively; that exporter retries and drops, the traces pipeline is unaffected).
   */
  prometheusOtlpEndpoint?: string;
  /** The otelcol binary; default: the cached build. */
  binary?: string;
  /** The configuration; default docker/collector.yaml. */
  config?: string;
  /** OTLP ports; default free ones. */
  otlpGrpcPort?: number;
  otlpHttpPort?: number;
}

/** Free-port races (another process binding the port we picked) are retried with new ports. */
const START_ATTEMPTS = 3;

export async function startJaeger(options: StartJaegerOptions = {}): Promise<NativeJaeger> {
  const binary = options.binary ?? cachedBinaryPath(BACKENDS.jaeger);
  const config = options.config ?? join(DOCKER_DIR, 'jaeger.yaml');
  return startWithFreshPorts(async () => {
    const [free, queryGrpc, otlpGrpc, otlpHttp, metrics] = await freePorts(5);
    const query = options.queryPort ?? free;
    const env = backendEnv({
      JAEGER_QUERY_HTTP_ENDPOINT: `127.0.0.1:${query}`,
      JAEGER_QUERY_GRPC_ENDPOINT: `127.0.0.1:${queryGrpc}`,
      JAEGER_OTLP_GRPC_ENDPOINT: `127.0.0.1:${otlpGrpc}`,
      JAEGER_OTLP_HTTP_ENDPOINT: `127.0.0.1:${otlpHttp}`,
      JAEGER_METRICS_PORT: String(metrics),
      JAEGER_UI_CONFIG_FILE: join(DOCKER_DIR, 'jaeger-ui.json'),
    });
    const queryUrl = `http://127.0.0.1:${query}`;
    const launch = () => spawnManaged('jaeger', binary, ['--config', config], env);
    const isReady = async () =>
      (await answers(`${queryUrl}/api/v3/services`, 200)) && (await acceptsConnections(otlpGrpc)) && (await acceptsConnections(otlpHttp));
    const backend = await managedBackend(launch, isReady);
    return Object.assign(backend, {
      queryUrl,
      otlpGrpcEndpoint: `127.0.0.1:${otlpGrpc}`,
      otlpHttpUrl: `http://127.0.0.1:${otlpHttp}`,
    });
  });
}

export async function startCollector(options: StartCollectorOptions): Promise<NativeCollector> {
  const binary = options.binary ?? cachedBinaryPath(BACKENDS.otelcol);
  const config = options.config ?? join(DOCKER_DIR, 'collector.yaml');
  const tempo = options.tempoEndpoint === undefined ? await startClosingListener() : undefined;
  const prometheus =
    options.prometheusOtlpEndpoint === undefined
      ? await startClosingListener().catch(async (error: unknown) => {
          await tempo?.close();
          throw error;
        })
      : undefined;
  try {
    const collector = await startWithFreshPorts(async () => {
      const [freeGrpc, freeHttp, metrics] = await freePorts(3);
      const grpc = options.otlpGrpcPort ?? freeGrpc;
      const http = options.otlpHttpPort ?? freeHttp;
      const env = backendEnv({
        COLLECTOR_OTLP_GRPC_ENDPOINT: `127.0.0.1:${grpc}`,
        COLLECTOR_OTLP_HTTP_ENDPOINT: `127.0.0.1:${http}`,
        COLLECTOR_JAEGER_ENDPOINT: options.jaegerEndpoint,
        COLLECTOR_TEMPO_ENDPOINT: options.tempoEndpoint ?? tempo?.endpoint ?? '',
        COLLECTOR_PROMETHEUS_OTLP_ENDPOINT:
          options.prometheusOtlpEndpoint ?? (prometheus ? `http://${prometheus.endpoint}/api/v1/otlp` : ''),
        COLLECTOR_METRICS_PORT: String(metrics),
      });
      const otlpHttpUrl = `http://127.0.0.1:${http}`;
      const launch = () => spawnManaged('otelcol', binary, ['--config', config], env);
      // The HTTP receiver answers 405 to a GET on /v1/traces once the pipeline is up.
      const isReady = async () => (await answers(`${otlpHttpUrl}/v1/traces`)) && (await acceptsConnections(grpc));
      const backend = await managedBackend(launch, isReady);
      return Object.assign(backend, { otlpHttpUrl, otlpGrpcEndpoint: `127.0.0.1:${grpc}` });
    });
    // The unreachable Tempo and Prometheus endpoints stay held across stop/restart (they are unref'd).
    return collector;
  } catch (error) {
    await tempo?.close();
    await prometheus?.close();
    throw error;
  }
}

/** `count` distinct free ports. */
async function freePorts(count: 3): Promise<[number, number, number]>;
async function freePorts(count: 5): Promise<[number, number, number, number, number]>;
async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

async function startWithFreshPorts<T>(start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      const portTaken = error instanceof BackendStartError && /address already in use/.test(error.output);
      if (!portTaken || attempt >= START_ATTEMPTS) throw error;
    }
  }
}

/** Launches, waits for readiness, and offers stop/restart on the same ports. */
async function managedBackend(launch: () => ManagedProcess, isReady: () => Promise<boolean>): Promise<NativeBackend> {
  let current = launch();
  await waitUntilReady(current, isReady);
  let previousOutput = '';
  const backend: NativeBackend = {
    get pid() {
      return current.pid;
    },
    output: () => previousOutput + current.output(),
    stop: () => current.stop(),
    async restart() {
      await current.stop();
      previousOutput += current.output();
      current = launch();
      await waitUntilReady(current, isReady);
    },
  };
  return backend;
}
