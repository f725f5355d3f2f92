/** What became of a promise raced against a timeout. */
export type Settled<T> = { kind: 'fulfilled'; value: T } | { kind: 'rejected'; error: unknown } | { kind: 'timeout' };

/**
 * Settles with the promise's outcome, or `timeout` after `timeoutMillis`. Never rejects, and the
 * timer never keeps the process alive.
 */
export async function withinTimeout<T>(promise: Promise<T>, timeoutMillis: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMillis);
    timer.unref();
  });
  const outcome = promise.then(
    (value): Settled<T> => ({ kind: 'fulfilled', value }),
    (error: unknown): Settled<T> => ({ kind: 'rejected', error }),
  );
  try {
    return await Promise.race([outcome, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
