/**
 * Whatever a tool threw, as an Error whose `name` and `message` can be read. Never throws, whatever
 * it is given: a Proxy whose traps throw becomes an Error saying so, with the value as its `cause`.
 */
export function toError(thrown: unknown): Error {
  try {
    if (thrown instanceof Error) return readable(thrown);
    if (typeof thrown === 'string') return new Error(thrown);
  } catch {
    return new Error('non-Error thrown: an unprintable value', { cause: thrown });
  }
  return new Error(`non-Error thrown: ${describeValue(thrown)}`, { cause: thrown });
}

/** The error itself when its name and message read as strings, else a plain Error wrapping it. */
function readable(error: Error): Error {
  try {
    if (typeof error.name === 'string' && typeof error.message === 'string') return error;
  } catch {
    // Reading them threw: fall through.
  }
  return new Error('an Error whose name or message is unreadable was thrown', { cause: error });
}

function describeValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    try {
      return String(value);
    } catch {
      try {
        return Object.prototype.toString.call(value);
      } catch {
        return 'an unprintable value';
      }
    }
  }
}
