import type { MeterProvider as ApiMeterProvider, Attributes } from '@opentelemetry/api';
import { type DataPoint, type Histogram, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';

/** One recorded series of a metric: its attributes and its value (a number, or a histogram's count/sum). */
export interface CapturedPoint {
  readonly attributes: Attributes;
  /** Counters: the sum. Histograms: the number of recordings. */
  readonly count: number;
  /** Histograms: the sum of the recorded values; counters: the same as `count`. */
  readonly sum: number;
}

/** A captured metric. */
export interface CapturedMetric {
  readonly name: string;
  readonly unit: string;
  readonly points: readonly CapturedPoint[];
}

/** A MeterProvider that keeps what is recorded, for assertions. */
export interface MetricCapture {
  /** Pass it to the code under test, e.g. `new Orchestrator({ tools, meterProvider: capture.meterProvider })`. */
  readonly meterProvider: ApiMeterProvider;
  /** Every metric recorded so far (cumulative), by name. */
  collect(): Promise<Map<string, CapturedMetric>>;
  /** Shuts the provider down. */
  shutdown(): Promise<void>;
}

class CollectingReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

function point(dataPoint: DataPoint<unknown>): CapturedPoint {
  const value = dataPoint.value;
  if (typeof value === 'number') return { attributes: dataPoint.attributes, count: value, sum: value };
  const histogram = value as Histogram;
  return { attributes: dataPoint.attributes, count: histogram.count, sum: histogram.sum ?? 0 };
}

/**
 * A real SDK MeterProvider with an in-memory reader: capture what a run records and assert on it.
 *
 * @example
 * const metrics = captureMetrics();
 * await new Orchestrator({ tools, meterProvider: metrics.meterProvider }).run(plan);
 * const tool = (await metrics.collect()).get('gen_ai.execute_tool.duration');
 * expect(tool?.points[0]?.attributes['gen_ai.tool.name']).toBe('ci_lookup');
 */
export function captureMetrics(): MetricCapture {
  const reader = new CollectingReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    meterProvider,
    async collect() {
      const { resourceMetrics } = await reader.collect();
      const byName = new Map<string, CapturedMetric>();
      for (const scope of resourceMetrics.scopeMetrics) {
        for (const metric of scope.metrics) {
          byName.set(metric.descriptor.name, {
            name: metric.descriptor.name,
            unit: metric.descriptor.unit,
            points: metric.dataPoints.map(point),
          });
        }
      }
      return byName;
    },
    shutdown: () => meterProvider.shutdown(),
  };
}
