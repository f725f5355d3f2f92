import { type Context, context, type MeterProvider, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { InvalidArgumentError } from './invalid-argument-error.js';
import { type ExecutionPlan, explain } from './plan/explain.js';
import { isPreparedBy, PreparedPlan, preparePlan } from './plan/prepared-plan.js';
import type { PlanInput } from './plan/schema.js';
import type { ValidatedPlan } from './plan/types.js';
import { type ToolRegistry, validatePlan } from './plan/validate.js';
import { checkRunOptions } from './run-options.js';
import { clockFor, withClock } from './schedule/clock.js';
import { PlanRun } from './schedule/plan-run.js';
import type { RunResult } from './schedule/types.js';
import type { AnyTool } from './tools/define-tool.js';
import { toError } from './tools/to-error.js';
import { isSchema } from './tools/zod-shape.js';
import type { RecordIoOptions } from './trace/record-io.js';
import type { SpanLayout, StepSpanNames } from './trace/run-spans.js';
import { tracerFrom, tracerOf } from './trace/tracer.js';
import { endRejectedRun, genAiLatestExperimental, startOrchestrateSpan, workflowOf } from './trace/workflow.js';

/** Options of {@link Orchestrator}. */
export interface OrchestratorOptions {
  /** The tools plans may name. Names must be unique. */
  tools: readonly AnyTool[];
  /**
   * Where spans go; its tracer is got once, when the orchestrator is made. Default: the global
   * provider, looked up at each run (never at construction).
   */
  tracerProvider?: TracerProvider;
  /** Record tool inputs and outputs on step spans (off by default). `true` uses the default redactor and size budget. */
  recordIO?: boolean | RecordIoOptions;
  /**
   * Where step spans go: `grouped` (default) under one `group {index}` span per execution group;
   * `flat` directly under the orchestrate span, with no group spans. Use `flat` when you read `dag`
   * runs in Jaeger: its critical path follows parent/child spans only, and overlapping groups hide
   * the real one (see docs/semantic-conventions.md, "Span layouts").
   */
  spanLayout?: SpanLayout;
  /**
   * Where metrics go. Default (also when `undefined`, e.g. `tracing.meterProvider` with metrics off):
   * the global provider, looked up at each run; with none registered
   * nothing is recorded (see docs/semantic-conventions.md, "Metrics").
   */
  meterProvider?: MeterProvider | undefined;
  /**
   * The workflow's name, `gen_ai.workflow.name` on the orchestrate span of runs outside a pipeline
   * (inside one, the pipeline's name is the workflow's). Low cardinality: a fixed name, never per request.
   */
  name?: string;
  /** Step span names: `tool` (default) `execute_tool {tool}`; `tool_and_step` `execute_tool {tool} ({stepId})`. */
  stepSpanNames?: StepSpanNames;
}

/** Options of one run. */
export interface RunOptions {
  /** Aborting it cancels running steps (through their signal) and every step not yet started. */
  signal?: AbortSignal;
  /** Overrides the plan's `maxConcurrency`. */
  maxConcurrency?: number;
  /** Parent context of the run's spans. Default: the active context. */
  parentContext?: Context;
}

/**
 * Validates and runs plans of tools, emitting one OpenTelemetry span per run, execution group and
 * step. It installs nothing global.
 *
 * @example
 * const orchestrator = new Orchestrator({ tools: [ciLookup, metricsQuery] });
 * const result = await orchestrator.run({ steps: [{ id: 'ci', tool: 'ci_lookup', input: { query: 'web-01' } }] });
 * result.steps[0].status // 'ok'
 */
export class Orchestrator {
  private readonly tools: ToolRegistry;
  private readonly tracerProvider: TracerProvider | undefined;
  /** The explicit provider's tracer; null: looked up at each run (the global provider's, or a getTracer that threw). */
  private readonly tracer: Tracer | null;
  private readonly recordIO: RecordIoOptions | null;
  private readonly spanLayout: SpanLayout;
  private readonly stepSpanNames: StepSpanNames;
  private readonly toolDescriptions = new Map<string, string>();
  private readonly name: string | undefined;
  private readonly meterProvider: MeterProvider | undefined;

  constructor(options: OrchestratorOptions) {
    const tools = new Map<string, AnyTool>();
    for (const tool of options.tools) {
      if (
        !tool ||
        typeof tool.name !== 'string' ||
        typeof tool.run !== 'function' ||
        !isSchema(tool.input) ||
        !isSchema(tool.output) ||
        !retryableIsValid(tool)
      ) {
        throw new InvalidArgumentError(
          'tools',
          `every tool needs a name, zod input and output schemas, run() and, if any, a retryable() function; use defineTool() (got ${String(tool?.name)})`,
        );
      }
      if (tools.has(tool.name)) throw new InvalidArgumentError('tools', `two tools are named "${tool.name}"`);
      tools.set(tool.name, tool);
      if (typeof tool.description === 'string' && tool.description) this.toolDescriptions.set(tool.name, tool.description);
    }
    this.tools = tools;
    this.tracerProvider = options.tracerProvider;
    this.tracer = options.tracerProvider ? tracerOf(options.tracerProvider) : null;
    this.recordIO = options.recordIO === true ? {} : options.recordIO ? options.recordIO : null;
    if (options.name !== undefined && (typeof options.name !== 'string' || !options.name))
      throw new InvalidArgumentError('name', 'must be a non-empty string (a low-cardinality workflow name)');
    this.name = options.name;
    this.meterProvider = options.meterProvider;
    this.spanLayout = oneOf('spanLayout', options.spanLayout, ['grouped', 'flat'] as const);
    this.stepSpanNames = oneOf('stepSpanNames', options.stepSpanNames, ['tool', 'tool_and_step'] as const);
  }

  /** Validates a plan against this orchestrator's tools; throws {@link PlanValidationError}. */
  validate(plan: PlanInput): ValidatedPlan {
    return validatePlan(plan, this.tools);
  }

  /**
   * Validates a plan once, for running it many times: `run(prepared)` skips validation. The
   * prepared plan is an immutable copy (changing `plan` afterwards changes nothing) and runs only
   * on this orchestrator. Throws {@link PlanValidationError}, as `run()` would.
   *
   * @example
   * const prepared = orchestrator.prepare(plan);
   * const first = await orchestrator.run(prepared);
   * const second = await orchestrator.run(prepared, { signal });
   */
  prepare(plan: PlanInput): PreparedPlan {
    return preparePlan(this.validate(plan), this);
  }

  /** The execution plan of `plan`, validated against this orchestrator's tools; nothing runs. */
  explain(plan: PlanInput): ExecutionPlan {
    return explain(plan, { tools: this.tools });
  }

  /**
   * Runs a plan, validating it first, or a plan this orchestrator {@link prepare}d. Rejects only
   * with {@link PlanValidationError} (before anything runs) or an {@link InvalidArgumentError} for
   * bad options or a plan prepared by another orchestrator; tool failures, timeouts, cancellation
   * and telemetry faults never make it reject: they are reported in the result (or not traced).
   */
  async run(plan: PlanInput | PreparedPlan, options: RunOptions = {}): Promise<RunResult> {
    checkRunOptions(options);
    const prepared = plan instanceof PreparedPlan ? plan : null;
    if (prepared && !isPreparedBy(prepared, this))
      throw new InvalidArgumentError('plan', 'was prepared by another Orchestrator; prepare it with the one that runs it');
    const parent = options.parentContext ?? context.active();
    const now = clockFor(parent);
    const runContext = withClock(parent, now);
    const tracer = this.tracer ?? tracerFrom(this.tracerProvider);
    const workflow = workflowOf(parent);
    const latestGenAi = workflow === undefined && genAiLatestExperimental();
    const startTime = now();
    // Started before validation, so validation time belongs to the run's span.
    const span = startOrchestrateSpan(tracer, runContext, startTime, workflow ? null : { name: this.name, latestGenAi });
    let validated: ValidatedPlan;
    let maxConcurrency: number | null;
    try {
      validated = prepared ? prepared.plan : validatePlan(plan as PlanInput, this.tools);
      maxConcurrency = options.maxConcurrency ?? validated.maxConcurrency;
      if (maxConcurrency !== null && !(Number.isInteger(maxConcurrency) && maxConcurrency > 0)) {
        throw new InvalidArgumentError('maxConcurrency', `must be a positive integer, got ${maxConcurrency}`);
      }
    } catch (rejected) {
      endRejectedRun(span, toError(rejected), now());
      throw rejected;
    }
    return new PlanRun({
      plan: validated,
      tools: this.tools,
      tracer,
      parentContext: runContext,
      span,
      startTime,
      keepSpanName: latestGenAi,
      workflow,
      meterProvider: this.meterProvider,
      workflowName: this.name,
      maxConcurrency,
      signal: options.signal,
      recordIO: this.recordIO,
      spanLayout: this.spanLayout,
      stepSpanNames: this.stepSpanNames,
      toolDescriptions: this.toolDescriptions,
    }).start();
  }
}

function retryableIsValid(tool: AnyTool): boolean {
  return tool.retryable === undefined || typeof tool.retryable === 'function';
}

/** `value` when it is one of `allowed`, the first of them when undefined; else an InvalidArgumentError naming `field`. */
function oneOf<T extends string>(field: string, value: unknown, allowed: readonly [T, ...T[]]): T {
  if (value === undefined) return allowed[0];
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  throw new InvalidArgumentError(field, `must be one of ${allowed.map((item) => `"${item}"`).join(', ')}, got ${JSON.stringify(value)}`);
}
