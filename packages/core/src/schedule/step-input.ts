import type { z } from 'zod';
import { didYouMean } from '../plan/did-you-mean.js';
import { describeMissingPath, MISSING_VALUE, type MissingPathReport, readInputPath } from '../plan/input-path.js';
import type { InputMapping, ValidatedStep } from '../plan/types.js';
import { formatPath } from '../plan/validate.js';
import type { AnyTool } from '../tools/define-tool.js';
import { InputMappingError, ToolInputValidationError, type ToolIoIssue, ToolOutputValidationError } from '../tools/errors.js';
import { toError } from '../tools/to-error.js';
import { isObjectSchema, isZodAsyncError, parseOptionsFor } from '../tools/zod-shape.js';

/**
 * Either the checked value or the typed error explaining why there is none. Shaped like zod's own
 * success result, so a passing check hands that object on without allocating another.
 */
export type Checked = { success: true; data: unknown } | { success: false; error: Error };

/** A check that is synchronous unless the schema has async parts (async refinements, transforms). */
export type MaybeAsync<T> = T | Promise<T>;

type Side = 'input' | 'output';

/**
 * Parses without letting anything escape: a schema that throws (a refinement that throws) fails the
 * check with what it threw; a schema with async parts is parsed with `safeParseAsync`, so only those
 * steps pay for it.
 */
function check(schema: z.ZodType, value: unknown, step: ValidatedStep, tool: AnyTool, side: Side): MaybeAsync<Checked> {
  let result: z.ZodSafeParseResult<unknown>;
  const options = parseOptionsFor(schema);
  try {
    result = schema.safeParse(value, options);
  } catch (error) {
    return checkAfterThrow(error, schema, value, options, step, tool, side);
  }
  return result.success ? result : failedCheck(result, step, tool, side);
}

/** A parse that threw: an async schema is parsed again with `safeParseAsync`; anything else fails the check. */
function checkAfterThrow(
  error: unknown,
  schema: z.ZodType,
  value: unknown,
  options: ReturnType<typeof parseOptionsFor>,
  step: ValidatedStep,
  tool: AnyTool,
  side: Side,
): MaybeAsync<Checked> {
  if (!isZodAsyncError(error)) return { success: false, error: toError(error) };
  return schema.safeParseAsync(value, options).then(
    (later) => toChecked(later, step, tool, side),
    (thrown: unknown) => ({ success: false, error: toError(thrown) }),
  );
}

function toChecked(result: z.ZodSafeParseResult<unknown>, step: ValidatedStep, tool: AnyTool, side: Side): Checked {
  return result.success ? result : failedCheck(result, step, tool, side);
}

function failedCheck(result: z.ZodSafeParseError<unknown>, step: ValidatedStep, tool: AnyTool, side: Side): Checked {
  const issues: ToolIoIssue[] = result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  const error =
    side === 'input' ? new ToolInputValidationError(step.id, tool.name, issues) : new ToolOutputValidationError(step.id, tool.name, issues);
  return { success: false, error };
}

/**
 * The step's input: its static `input` merged with the `inputFrom` values read from its
 * dependencies' outputs, validated against the tool's input schema.
 */
export function buildStepInput(step: ValidatedStep, tool: AnyTool, outputOf: (stepId: string) => unknown): MaybeAsync<Checked> {
  const { inputFrom } = step;
  // An object schema parses into a new object, so the tool never holds the plan's own input; only
  // other schemas (z.any, a preprocess…) need a copy. (Spreading a prepared plan's frozen input is slow.)
  if (inputFrom.length === 0 && isObjectSchema(tool.input)) return check(tool.input, step.input, step, tool, 'input');
  return mergeStepInput(step, tool, outputOf);
}

/** {@link buildStepInput} past its common case: the static input copied and the `inputFrom` values added. */
function mergeStepInput(step: ValidatedStep, tool: AnyTool, outputOf: (stepId: string) => unknown): MaybeAsync<Checked> {
  const { inputFrom } = step;
  const merged: Record<string, unknown> = { ...step.input };
  for (let at = 0; at < inputFrom.length; at++) {
    const mapping = inputFrom[at] as InputMapping;
    let value: unknown;
    let report: MissingPathReport | undefined;
    try {
      const output = outputOf(mapping.path.stepId);
      value = readInputPath(output, mapping.path.segments);
      if (value === MISSING_VALUE) report = describeMissingPath(output, mapping.path, didYouMean);
    } catch (thrown) {
      // An output with a throwing getter (a lazy ORM relation, say) fails this step, not the run.
      return { success: false, error: toError(thrown) };
    }
    if (report !== undefined) {
      return {
        success: false,
        error: new InputMappingError(step.id, tool.name, mapping.field, mapping.source, report.text, report.availableKeys),
      };
    }
    merged[mapping.field] = value;
  }
  return check(tool.input, merged, step, tool, 'input');
}

/** The tool's output validated against its output schema. */
export function checkStepOutput(step: ValidatedStep, tool: AnyTool, output: unknown): MaybeAsync<Checked> {
  return check(tool.output, output, step, tool, 'output');
}
