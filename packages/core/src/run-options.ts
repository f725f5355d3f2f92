import type { Context } from '@opentelemetry/api';
import { InvalidArgumentError } from './invalid-argument-error.js';

/** What `Orchestrator.run` and `Pipeline.run` accept besides the plan or input. */
interface CommonRunOptions {
  signal?: AbortSignal | undefined;
  parentContext?: Context | undefined;
}

/**
 * Checks the options of a run before anything starts (no span, no tool call): `signal` must be an
 * AbortSignal and `parentContext` an OpenTelemetry Context. Checked by shape, so a signal or
 * context from another realm or API copy is accepted. Throws {@link InvalidArgumentError}.
 */
export function checkRunOptions(options: unknown): asserts options is CommonRunOptions {
  // Most runs pass no options: then nothing else is checked (and compiled, on a process's first run).
  const given = options as Record<string, unknown> | null;
  if (typeof given === 'object' && given !== null && given.signal === undefined && given.parentContext === undefined) return;
  checkGivenRunOptions(options);
}

function checkGivenRunOptions(options: unknown): asserts options is CommonRunOptions {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError('options', `must be an object, got ${options === null ? 'null' : typeof options}`);
  const { signal, parentContext } = options as Record<string, unknown>;
  if (signal !== undefined && !hasMethods(signal, ['addEventListener', 'removeEventListener']))
    throw new InvalidArgumentError('signal', 'must be an AbortSignal (e.g. new AbortController().signal)');
  if (signal !== undefined && typeof (signal as { aborted?: unknown }).aborted !== 'boolean')
    throw new InvalidArgumentError('signal', 'must be an AbortSignal (e.g. new AbortController().signal)');
  if (parentContext !== undefined && !hasMethods(parentContext, ['getValue', 'setValue', 'deleteValue']))
    throw new InvalidArgumentError('parentContext', "must be an OpenTelemetry Context (e.g. context.active() from '@opentelemetry/api')");
}

function hasMethods(value: unknown, names: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}
