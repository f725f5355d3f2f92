import { MISSING_VALUE, readInputPath } from '../plan/input-path.js';
import type { ValidatedStep } from '../plan/types.js';
import { formatPath } from '../plan/validate.js';
import type { AnyTool } from '../tools/define-tool.js';
import { InputMappingError, ToolInputValidationError, ToolOutputValidationError } from '../tools/errors.js';

/** Either a value or the typed error explaining why there is none. */
export type Checked = { ok: true; value: unknown } | { ok: false; error: Error };

/**
 * The step's input: its static `input` merged with the `inputFrom` values read from its
 * dependencies' outputs, validated against the tool's input schema.
 */
export function buildStepInput(step: ValidatedStep, tool: AnyTool, outputOf: (stepId: string) => unknown): Checked {
  const merged: Record<string, unknown> = { ...step.input };
  for (const mapping of step.inputFrom) {
    const value = readInputPath(outputOf(mapping.path.stepId), mapping.path.segments);
    if (value === MISSING_VALUE) {
      return { ok: false, error: new InputMappingError(step.id, tool.name, mapping.field, mapping.source) };
    }
    merged[mapping.field] = value;
  }
  const parsed = tool.input.safeParse(merged);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  return { ok: false, error: new ToolInputValidationError(step.id, tool.name, issues) };
}

/** The tool's output validated against its output schema. */
export function checkStepOutput(step: ValidatedStep, tool: AnyTool, output: unknown): Checked {
  const parsed = tool.output.safeParse(output);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  return { ok: false, error: new ToolOutputValidationError(step.id, tool.name, issues) };
}

/** Whatever a tool threw, as an Error. */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  if (typeof thrown === 'string') return new Error(thrown);
  let text: string;
  try {
    text = JSON.stringify(thrown) ?? String(thrown);
  } catch {
    text = String(thrown);
  }
  return new Error(`non-Error thrown: ${text}`, { cause: thrown });
}
