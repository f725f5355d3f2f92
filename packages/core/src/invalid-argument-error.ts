/**
 * A programming error in how tooltrace is called (not in a plan): a tool without schemas, two tools
 * with one name, a bad `maxConcurrency`, a duplicate stage name. Still a `TypeError`, with a stable
 * `code` and the offending `argument`.
 */
export class InvalidArgumentError extends TypeError {
  readonly code = 'INVALID_ARGUMENT';
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(`${argument}: ${message}`);
    this.name = 'InvalidArgumentError';
    this.argument = argument;
  }
}
