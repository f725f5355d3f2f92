/** Thrown when an inspector option (a limit, a port) has an invalid value. */
export class InvalidOptionError extends Error {
  readonly code = 'INVALID_OPTION';
  override readonly name = 'InvalidOptionError';
  /** The option's name, e.g. `maxTraces`. */
  readonly option: string;
  readonly value: unknown;

  constructor(option: string, value: unknown, expected: string) {
    super(`${option} must be ${expected}, got ${JSON.stringify(value) ?? String(value)}`);
    this.option = option;
    this.value = value;
  }
}

/** Returns `value` when it is an integer ≥ `min`, else throws {@link InvalidOptionError}. */
export function integerOption(option: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new InvalidOptionError(option, value, `an integer ≥ ${min}`);
  return value;
}
