export { otlpEndpointFromEnv } from './endpoint.js';
export { TracingAlreadyRegisteredError, TracingFlushError, type TracingFlushFailure } from './errors.js';
export { startTracing } from './start-tracing.js';
export type { BatchOptions, MetricsOptions, MetricsTemporality, StartTracingOptions, Tracing } from './types.js';
