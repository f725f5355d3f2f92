import { CliUsageError } from './cli-io.js';

/** The accepted range of an integer option; `max` defaults to the largest safe integer. */
export interface IntegerRange {
  min: number;
  max?: number;
}

/**
 * Parses the value of an integer option (`--port`, `--width`, ...): plain decimal digits only, so
 * `0x10`, `1e3`, `1.5` and `-1` are refused rather than read as numbers.
 *
 * @throws {CliUsageError} naming the option, its range and the value given.
 */
export function parseIntegerArgument(name: string, text: string, range: IntegerRange, command: string): number {
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < range.min || value > max) {
    throw new CliUsageError(`${name} must be ${describeRange(range.min, max)}, got ${JSON.stringify(text)}`, command);
  }
  return value;
}

function describeRange(min: number, max: number): string {
  if (max !== Number.MAX_SAFE_INTEGER) return `an integer from ${min} to ${max}`;
  return min === 1 ? 'a positive integer' : `an integer ≥ ${min}`;
}
