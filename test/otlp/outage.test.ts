import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { type StartTracingOptions, startTracing, type Tracing } from '@tooltrace/node';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeOtlpTraceRequest } from '../../packages/node/test/helpers/decode-otlp.js';
import { type OtlpReceiver, refusingEndpoint, startOtlpReceiver } from '../../packages/node/test/helpers/otlp-receiver.js';
import { within } from '../support/within.js';
import { runIncident, withoutTimes } from './helpers/incident-run.js';

/** Far longer than any of these tests may take: reaching it means something waited on the backend. */
const EXPORTER_TIMEOUT_MILLIS = 60_000;
/** Generous bound for things that must not wait on the backend at all. */
const GUARD_MILLIS = 10_000;

const receivers: OtlpReceiver[] = [];
const tracings: Tracing[] = [];
let baseline: unknown;

interface Outage {
  endpoint: string;
  /** The backend, when something listens; `undefined` when connections are refused. */
  backend: OtlpReceiver | undefined;
}

const outages: Array<[string, () => Promise<Outage>]> = [
  ['refusing connections', async () => ({ endpoint: await refusingEndpoint(), backend: undefined })],
  ['answering 503', async () => backendThat(await startOtlpReceiver('unavailable'))],
  ['hanging without ever answering', async () => backendThat(await startOtlpReceiver('hang'))],
];

function backendThat(receiver: OtlpReceiver): Outage {
  receivers.push(receiver);
  return { endpoint: receiver.url, backend: receiver };
}

function start(options: StartTracingOptions): Tracing {
  const tracing = startTracing({ register: false, ...options });
  tracings.push(tracing);
  return tracing;
}

beforeAll(async () => {
  // The same run with nothing exported: what every run below must return.
  baseline = withoutTimes(await runIncident(start({ exporter: new InMemorySpanExporter() }).provider));
});

afterEach(async () => {
  await Promise.all(tracings.splice(0).map((tracing) => tracing.shutdown()));
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

describe.each(outages)('with the trace backend %s', (_, outage) => {
  it('runs return the same results, without waiting for the exporter', async () => {
    const { endpoint, backend } = await outage();
    // Small batches: exports start while the run is still going.
    const tracing = start({
      endpoint,
      timeoutMillis: EXPORTER_TIMEOUT_MILLIS,
      batch: { maxExportBatchSize: 2 },
      flushTimeoutMillis: 200,
    });

    const result = await within(runIncident(tracing.provider), GUARD_MILLIS, 'run() waited on the trace backend');
    expect(withoutTimes(result)).toEqual(baseline);
    expect(result.outcome).toBe('error');

    // The export really was attempted against the broken backend.
    if (backend) await within(backend.waitForRequests(1), GUARD_MILLIS, 'no export reached the backend');
  });

  it('shutdown() resolves within flushTimeoutMillis and never rejects', async () => {
    const { endpoint } = await outage();
    const tracing = start({ endpoint, timeoutMillis: EXPORTER_TIMEOUT_MILLIS, flushTimeoutMillis: 200 });
    await runIncident(tracing.provider);
    await expect(within(tracing.shutdown(), GUARD_MILLIS, 'shutdown() waited on the trace backend')).resolves.toBeUndefined();
  });
});

describe('memory while the backend hangs', () => {
  it('holds at most maxQueueSize spans plus the batch in flight, dropping the rest', async () => {
    const backend = await startOtlpReceiver('hang');
    receivers.push(backend);
    const batch = { maxQueueSize: 50, maxExportBatchSize: 10, scheduledDelayMillis: 60_000, exportTimeoutMillis: 60_000 };
    const tracing = start({ endpoint: backend.url, timeoutMillis: EXPORTER_TIMEOUT_MILLIS, batch, flushTimeoutMillis: GUARD_MILLIS });

    const runs = 20;
    for (let run = 0; run < runs; run++) {
      expect(withoutTimes(await runIncident(tracing.provider))).toEqual(baseline);
    }
    const produced = runs * 11;
    // The first full batch went out and hangs; then the queue filled up and later spans were dropped.
    await within(backend.waitForRequests(1), GUARD_MILLIS, 'the first batch never reached the backend');

    // Let the backend recover: whatever the processor still holds is delivered now, and nothing more.
    backend.release();
    await tracing.forceFlush();
    const delivered = backend.requests.flatMap((request) => decodeOtlpTraceRequest(request.body)).length;
    expect(produced).toBe(220);
    expect(delivered).toBe(batch.maxExportBatchSize + batch.maxQueueSize);
  });
});
