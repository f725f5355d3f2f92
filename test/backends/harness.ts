/**
 * The real trace backends for tests: the OpenTelemetry Collector running docker/collector.yaml and
 * Jaeger v2 running docker/jaeger.yaml, built from Go sources (scripts/backends) and started as
 * native processes on free loopback ports.
 *
 *   const backends = useBackends();          // beforeAll: start Jaeger, then the Collector → Jaeger
 *   test('...', async () => {
 *     const { collector, jaeger } = backends();
 *     startTracing({ endpoint: collector.otlpHttpUrl, register: false });
 *     await new JaegerApi(jaeger.queryUrl).waitForTrace(traceId, { spans: 12 });
 *   });
 *
 * Both are stopped in afterAll, also when a test fails; a process that exits for any reason kills
 * what it started. Only for test files that vitest.config.ts includes when the builds exist.
 */
import { afterAll, beforeAll } from 'vitest';
import {
  type NativeCollector,
  type NativeJaeger,
  type StartCollectorOptions,
  startCollector,
  startJaeger,
} from '../../scripts/backends/src/native.js';

export type {
  NativeBackend,
  NativeCollector,
  NativeJaeger,
  StartCollectorOptions,
  StartJaegerOptions,
} from '../../scripts/backends/src/native.js';
export { startCollector, startJaeger } from '../../scripts/backends/src/native.js';
export { BackendStartError, freePort, startClosingListener } from '../../scripts/backends/src/process.js';
export { JaegerApi } from './jaeger-api.js';

/** A Collector exporting to a Jaeger, both running. */
export interface Backends {
  readonly collector: NativeCollector;
  readonly jaeger: NativeJaeger;
  /** Stops the Collector, then Jaeger. Idempotent. */
  stop(): Promise<void>;
}

/** Starts Jaeger, then a Collector that exports to it (the Tempo exporter goes nowhere: see StartCollectorOptions). */
export async function startBackends(collectorOptions: Omit<StartCollectorOptions, 'jaegerEndpoint'> = {}): Promise<Backends> {
  const jaeger = await startJaeger();
  try {
    const collector = await startCollector({ jaegerEndpoint: jaeger.otlpGrpcEndpoint, ...collectorOptions });
    return {
      collector,
      jaeger,
      stop: async () => {
        await collector.stop();
        await jaeger.stop();
      },
    };
  } catch (error) {
    await jaeger.stop();
    throw error;
  }
}

/** Starting two Go binaries on a loaded 2-core machine can take a while; readiness is polled. */
const START_TIMEOUT_MILLIS = 120_000;

/**
 * Registers beforeAll/afterAll hooks that start the backends for the file (or describe block) and
 * stop them afterwards; returns a getter (throws when called before beforeAll ran).
 */
export function useBackends(collectorOptions: Omit<StartCollectorOptions, 'jaegerEndpoint'> = {}): () => Backends {
  let backends: Backends | undefined;
  beforeAll(async () => {
    backends = await startBackends(collectorOptions);
  }, START_TIMEOUT_MILLIS);
  afterAll(async () => {
    await backends?.stop();
  }, START_TIMEOUT_MILLIS);
  return () => {
    if (!backends) throw new Error('useBackends(): the backends are not started (call the getter inside a test)');
    return backends;
  };
}
