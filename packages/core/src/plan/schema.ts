import { z } from 'zod';
import { MAX_TIMER_MS, RetryPolicySchema } from './retry-policy.js';

/** Execution strategies. */
export const STRATEGIES = ['serial', 'parallel', 'dag'] as const;
/** What happens after a step fails. */
export const FAILURE_POLICIES = ['fail-fast', 'continue'] as const;

const stepIdSchema = z
  .string()
  .min(1, 'step id must not be empty')
  .regex(/^[A-Za-z0-9_-]+$/, 'step id may contain only letters, digits, "_" and "-"')
  .refine((id) => id !== '__proto__', 'step id "__proto__" is reserved');

// parseWellFormedPlan (well-formed.ts) checks the rules of these schemas by hand, for speed: change
// both together (its property tests compare the two on random plans).

/** Schema of one planned step. */
export const PlanStepSchema = z.strictObject({
  id: stepIdSchema.describe('Unique step id; other steps name it in dependsOn and inputFrom.'),
  tool: z.string().min(1, 'tool name must not be empty').describe('Name of the tool this step calls.'),
  input: z.record(z.string(), z.unknown()).optional().describe("The tool's input fields known when planning."),
  dependsOn: z
    .array(stepIdSchema)
    .optional()
    .describe('Ids of steps that must succeed before this one starts (dag; under serial only earlier steps).'),
  inputFrom: z
    .record(
      z
        .string()
        .min(1)
        .refine((field) => field !== '__proto__', 'field "__proto__" is reserved'),
      z.string(),
    )
    .optional()
    .describe('Input fields taken from dependencies\' outputs: { field: "stepId.path.to[0].value" }; the step must be in dependsOn.'),
  timeoutMs: z
    .number()
    .int()
    .positive()
    .max(MAX_TIMER_MS)
    .optional()
    .describe('One try of the step is timed_out after this many milliseconds (with retry, each try gets this long).'),
  deadlineMs: z
    .number()
    .int()
    .positive()
    .max(MAX_TIMER_MS)
    .optional()
    .describe('The step is timed_out after this many milliseconds in all: every try and every wait between tries.'),
  retry: RetryPolicySchema.optional().describe("This step's retry policy; fields left out come from the plan's retry."),
});

/** Schema of a plan: JSON-friendly, so an LLM planner or a config file can write one. */
export const PlanSchema = z.strictObject({
  strategy: z
    .enum(STRATEGIES)
    .optional()
    .describe(
      'serial: one at a time in order; parallel: all at once; dag: by dependencies. Default: dag when any step has dependsOn, else parallel.',
    ),
  failurePolicy: z
    .enum(FAILURE_POLICIES)
    .optional()
    .describe('fail-fast (default): stop after a failure; continue: let independent steps finish.'),
  maxConcurrency: z.number().int().positive().optional().describe('Most steps running at once; default unbounded.'),
  retry: RetryPolicySchema.optional().describe('Default retry policy of every step; a step may override any field.'),
  steps: z.array(PlanStepSchema).min(1, 'a plan needs at least one step').describe('The tool calls to make.'),
});

/** A plan as written (strategy and policy optional). */
export type PlanInput = z.input<typeof PlanSchema>;
/** One step of a plan as written. */
export type PlanStepInput = z.input<typeof PlanStepSchema>;
export type Strategy = (typeof STRATEGIES)[number];
export type FailurePolicy = (typeof FAILURE_POLICIES)[number];

/**
 * The JSON Schema (draft 2020-12) of a plan, e.g. to give an LLM planner a structured-output format.
 */
export function planJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(PlanSchema, { io: 'input' }) as Record<string, unknown>;
}
