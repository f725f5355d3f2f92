import {
  type Attributes,
  type Counter,
  createNoopMeter,
  type Histogram,
  type Meter,
  type MeterProvider,
  metrics,
} from '@opentelemetry/api';
import type { RunOutcome, StepStatus } from '../schedule/types.js';
import { VERSION } from '../version.js';
import * as attr from './attributes.js';
import { errorType } from './plan-spans.js';
import { workflowAttributes } from './workflow.js';

/** The GenAI conventions' advice for `gen_ai.execute_tool.duration` (seconds). */
const TOOL_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
/** The GenAI conventions' advice for `gen_ai.invoke_workflow.duration` (seconds). */
const WORKFLOW_BUCKETS = [1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200];

interface Instruments {
  toolDuration: Histogram;
  workflowDuration: Histogram;
  steps: Counter;
  queueDuration: Histogram;
  runDuration: Histogram;
  retries: Counter;
}

const byMeter = new WeakMap<Meter, Instruments>();

/**
 * The metrics of runs: GenAI `gen_ai.execute_tool.duration` and `gen_ai.invoke_workflow.duration`,
 * and tooltrace's steps by final status, retries, slot waits and run durations. Low-cardinality attributes
 * only (tool names, statuses, strategies, outcomes — never step ids). Null when no MeterProvider is
 * registered (the API's no-op meter): then nothing is built or recorded.
 */
export class RunMetrics {
  private readonly instruments: Instruments;

  private constructor(instruments: Instruments) {
    this.instruments = instruments;
  }

  static for(provider: MeterProvider | undefined): RunMetrics | null {
    let meter: Meter;
    try {
      meter = (provider ?? metrics.getMeterProvider()).getMeter(attr.INSTRUMENTATION_SCOPE, VERSION);
    } catch {
      return null;
    }
    if (meter === createNoopMeter()) return null;
    let instruments = byMeter.get(meter);
    if (!instruments) {
      try {
        instruments = createInstruments(meter);
      } catch {
        return null;
      }
      byMeter.set(meter, instruments);
    }
    return new RunMetrics(instruments);
  }

  /** A step settled: its final status always; its duration when it started. */
  stepEnded(tool: string, strategy: string, status: StepStatus, durationMs: number | null, error: Error | undefined): void {
    guard(() => {
      this.instruments.steps.add(1, {
        [attr.ATTR_STEP_STATUS]: status,
        [attr.ATTR_GEN_AI_TOOL_NAME]: tool,
        [attr.ATTR_STRATEGY]: strategy,
      });
      if (durationMs === null) return;
      const attributes: Attributes = {
        [attr.ATTR_GEN_AI_OPERATION_NAME]: attr.GEN_AI_OPERATION_EXECUTE_TOOL,
        [attr.ATTR_GEN_AI_TOOL_NAME]: tool,
      };
      if (error && status !== 'ok') attributes[attr.ATTR_ERROR_TYPE] = errorType(error);
      this.instruments.toolDuration.record(durationMs / 1000, attributes);
    });
  }

  /** A ready step waited `waitedMs` for a concurrency slot. */
  stepQueued(tool: string, strategy: string, waitedMs: number): void {
    guard(() =>
      this.instruments.queueDuration.record(waitedMs / 1000, { [attr.ATTR_GEN_AI_TOOL_NAME]: tool, [attr.ATTR_STRATEGY]: strategy }),
    );
  }

  /** A retry started: a try after the first, following a try that ended `retried` (`error` or `timed_out`). */
  stepRetried(tool: string, retried: 'error' | 'timed_out'): void {
    guard(() => this.instruments.retries.add(1, { [attr.ATTR_GEN_AI_TOOL_NAME]: tool, [attr.ATTR_ATTEMPT_STATUS]: retried }));
  }

  /** A run ended. */
  runEnded(strategy: string, outcome: RunOutcome, durationMs: number): void {
    guard(() => this.instruments.runDuration.record(durationMs / 1000, { [attr.ATTR_STRATEGY]: strategy, [attr.ATTR_OUTCOME]: outcome }));
  }

  /** A workflow (pipeline, or a run outside one) ended. */
  workflowEnded(name: string | undefined, failedErrorType: string | undefined, durationMs: number): void {
    const attributes = workflowAttributes(name);
    if (failedErrorType) attributes[attr.ATTR_ERROR_TYPE] = failedErrorType;
    guard(() => this.instruments.workflowDuration.record(durationMs / 1000, attributes));
  }
}

function createInstruments(meter: Meter): Instruments {
  return {
    toolDuration: meter.createHistogram(attr.METRIC_GEN_AI_EXECUTE_TOOL_DURATION, {
      unit: 's',
      description: 'The duration of a single tool execution.',
      advice: { explicitBucketBoundaries: TOOL_BUCKETS },
    }),
    workflowDuration: meter.createHistogram(attr.METRIC_GEN_AI_INVOKE_WORKFLOW_DURATION, {
      unit: 's',
      description: 'GenAI workflow duration.',
      advice: { explicitBucketBoundaries: WORKFLOW_BUCKETS },
    }),
    steps: meter.createCounter(attr.METRIC_STEPS, { unit: '{step}', description: 'Planned steps by final status.' }),
    queueDuration: meter.createHistogram(attr.METRIC_STEP_QUEUE_DURATION, {
      unit: 's',
      description: 'Time a ready step waited for a concurrency slot.',
      advice: { explicitBucketBoundaries: TOOL_BUCKETS },
    }),
    runDuration: meter.createHistogram(attr.METRIC_RUN_DURATION, {
      unit: 's',
      description: 'Duration of one Orchestrator.run, from its span start to its end.',
      advice: { explicitBucketBoundaries: TOOL_BUCKETS },
    }),
    retries: meter.createCounter(attr.METRIC_STEP_RETRIES, {
      unit: '{retry}',
      description: 'Tries of a step after its first, by the status of the try retried.',
    }),
  };
}

/** Telemetry must never fail a run. */
function guard(record: () => void): void {
  try {
    record();
  } catch {
    // A throwing metric SDK must not change an orchestration.
  }
}
