import { z } from 'zod';

/** Execution strategies. */
export const STRATEGIES = ['serial', 'parallel', 'dag'] as const;
/** What happens after a step fails. */
export const FAILURE_POLICIES = ['fail-fast', 'continue'] as const;

const stepIdSchema = z
  .string()
  .min(1, 'step id must not be empty')
  .regex(/^[A-Za-z0-9_-]+$/, 'step id may contain only letters, digits, "_" and "-"')
  .refine((id) => id !== '__proto__', 'step id "__proto__" is reserved');

/** Schema of one planned step. */
export const PlanStepSchema = z.strictObject({
  id: stepIdSchema,
  tool: z.string().min(1, 'tool name must not be empty'),
  input: z.record(z.string(), z.unknown()).optional(),
  dependsOn: z.array(stepIdSchema).optional(),
  inputFrom: z
    .record(
      z
        .string()
        .min(1)
        .refine((field) => field !== '__proto__', 'field "__proto__" is reserved'),
      z.string(),
    )
    .optional(),
  timeoutMs: z.number().int().positive().max(2_147_483_647).optional(),
});

/** Schema of a plan: JSON-friendly, so an LLM planner or a config file can write one. */
export const PlanSchema = z.strictObject({
  strategy: z.enum(STRATEGIES).optional(),
  failurePolicy: z.enum(FAILURE_POLICIES).optional(),
  maxConcurrency: z.number().int().positive().optional(),
  steps: z.array(PlanStepSchema).min(1, 'a plan needs at least one step'),
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
