import type { Span } from '@opentelemetry/api';
import type { z } from 'zod';
import { InvalidArgumentError } from '../invalid-argument-error.js';
import { isSchema } from './zod-shape.js';

/** What a tool's `run` receives besides its input. */
export interface ToolContext {
  /** Aborted when the step times out, the run's signal fires, or `fail-fast` stops the run. */
  readonly signal: AbortSignal;
  /** The plan step's id. */
  readonly stepId: string;
  /** The tool's name. */
  readonly tool: string;
  /** The step's execution group. */
  readonly groupIndex: number;
  /** The step's 0-based start order within its group. */
  readonly executionOrder: number;
  /** The step span (`execute_tool {tool}`): add events or attributes to it. `end()` is ignored: tooltrace ends it. */
  readonly span: Span;
  /** 1-based number of this try of the step (above 1 only when its retry policy tried again). */
  readonly attempt: number;
}

/** A tool: a named function with zod schemas for its input and output. */
export interface Tool<Input = unknown, Output = unknown> {
  readonly name: string;
  readonly description?: string;
  readonly input: z.ZodType<Input>;
  readonly output: z.ZodType<Output>;
  run(input: Input, ctx: ToolContext): Promise<Output> | Output;
  /** Whether a failed attempt may be tried again (when the step's retry policy allows more). Default: yes. */
  readonly retryable?: (error: Error) => boolean;
}

/** The definition given to {@link defineTool}. */
export interface ToolDefinition<InputSchema extends z.ZodType, OutputSchema extends z.ZodType> {
  name: string;
  description?: string;
  input: InputSchema;
  output: OutputSchema;
  run(input: z.output<InputSchema>, ctx: ToolContext): Promise<z.input<OutputSchema>> | z.input<OutputSchema>;
  /**
   * Whether an error thrown by `run` (or a timeout, as `StepTimeoutError`) is worth another attempt
   * under the step's retry policy. Default: every thrown error and timeout is; validation failures,
   * cancellation and `NonRetryableError` never are.
   */
  retryable?(error: Error): boolean;
}

/**
 * Defines a tool whose input is validated before `run` and whose output is validated after it.
 *
 * @example
 * const ciLookup = defineTool({
 *   name: 'ci_lookup',
 *   input: z.object({ query: z.string() }),
 *   output: z.object({ ci: z.object({ id: z.string() }) }),
 *   run: async ({ query }) => ({ ci: { id: `ci-${query}` } }),
 * });
 */
export function defineTool<InputSchema extends z.ZodType, OutputSchema extends z.ZodType>(
  definition: ToolDefinition<InputSchema, OutputSchema>,
): Tool<z.output<InputSchema>, z.output<OutputSchema>> {
  if (!definition.name) throw new InvalidArgumentError('name', 'defineTool needs a non-empty tool name');
  if (!isSchema(definition.input)) throw new InvalidArgumentError('input', `tool "${definition.name}" needs a zod schema for its input`);
  if (!isSchema(definition.output)) throw new InvalidArgumentError('output', `tool "${definition.name}" needs a zod schema for its output`);
  if (typeof definition.run !== 'function')
    throw new InvalidArgumentError('run', `tool "${definition.name}" needs a run(input, ctx) function`);
  if (definition.retryable !== undefined && typeof definition.retryable !== 'function')
    throw new InvalidArgumentError('retryable', `tool "${definition.name}": retryable must be a function (error) => boolean`);
  return definition as unknown as Tool<z.output<InputSchema>, z.output<OutputSchema>>;
}

/** Any tool, whatever its input and output types. */
// biome-ignore lint/suspicious/noExplicitAny: tools of different types live in one registry.
export type AnyTool = Tool<any, any>;
