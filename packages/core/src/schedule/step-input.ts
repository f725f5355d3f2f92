import type { z } from 'zod';
import { didYouMean } from '../plan/did-you-mean.js';
import { describeMissingPath, MISSING_VALUE, type MissingPathReport, readInputPath } from '../plan/input-path.js';
import type { ValidatedStep } from '../plan/types.js';
import { formatPath } from '../plan/validate.js';
import type { AnyTool } from '../tools/define-tool.js';
import { InputMappingError, ToolInputValidationError, type ToolIoIssue, ToolOutputValidationError } from '../tools/errors.js';
import { toError } from '../tools/to-error.js';
import { isZodAsyncError } from '../tools/zod-shape.js';

/** Either a value or the typed error explaining why there is none. */
export type Checked = { ok: true; value: unknown } | { ok: false; error: Error };

/** A check that is synchronous unless the schema has async parts (async refinements, transforms). */
export type MaybeAsync<T> = T | Promise<T>;

type Outcome = { success: true; data: unknown } | { success: false; issues: ToolIoIssue[] } | { thrown: Error };

/**
 * Parses without letting anything escape: a schema that throws (a refinement that throws) yields
 * `thrown`; a schema with async parts is parsed with `safeParseAsync`, so only those steps pay for it.
 */
function parse(schema: z.ZodType, value: unknown): MaybeAsync<Outcome> {
  try {
    return fromResult(schema.safeParse(value));
  } catch (error) {
    if (!isZodAsyncError(error)) return { thrown: toError(error) };
    return schema.safeParseAsync(value).then(fromResult, (thrown: unknown) => ({ thrown: toError(thrown) }));
  }
}

function fromResult(result: z.ZodSafeParseResult<unknown>): Outcome {
  if (result.success) return { success: true, data: result.data };
  return { success: false, issues: result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })) };
}

function then<T, U>(value: MaybeAsync<T>, next: (value: T) => U): MaybeAsync<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}

/**
 * The step's input: its static `input` merged with the `inputFrom` values read from its
 * dependencies' outputs, validated against the tool's input schema.
 */
export function buildStepInput(step: ValidatedStep, tool: AnyTool, outputOf: (stepId: string) => unknown): MaybeAsync<Checked> {
  const merged: Record<string, unknown> = { ...step.input };
  for (const mapping of step.inputFrom) {
    let value: unknown;
    let report: MissingPathReport | undefined;
    try {
      const output = outputOf(mapping.path.stepId);
      value = readInputPath(output, mapping.path.segments);
      if (value === MISSING_VALUE) report = describeMissingPath(output, mapping.path, didYouMean);
    } catch (thrown) {
      // An output with a throwing getter (a lazy ORM relation, say) fails this step, not the run.
      return { ok: false, error: toError(thrown) };
    }
    if (report !== undefined) {
      return {
        ok: false,
        error: new InputMappingError(step.id, tool.name, mapping.field, mapping.source, report.text, report.availableKeys),
      };
    }
    merged[mapping.field] = value;
  }
  return then(parse(tool.input, merged), (outcome) =>
    toChecked(outcome, (issues) => new ToolInputValidationError(step.id, tool.name, issues)),
  );
}

/** The tool's output validated against its output schema. */
export function checkStepOutput(step: ValidatedStep, tool: AnyTool, output: unknown): MaybeAsync<Checked> {
  return then(parse(tool.output, output), (outcome) =>
    toChecked(outcome, (issues) => new ToolOutputValidationError(step.id, tool.name, issues)),
  );
}

function toChecked(outcome: Outcome, invalid: (issues: ToolIoIssue[]) => Error): Checked {
  if ('thrown' in outcome) return { ok: false, error: outcome.thrown };
  if (outcome.success) return { ok: true, value: outcome.data };
  return { ok: false, error: invalid(outcome.issues) };
}
