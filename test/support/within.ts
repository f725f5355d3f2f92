/** `promise`'s value, or a rejection saying `message` when it is still pending after `millis` ms (the timer is always cleared). */
export async function within<T>(promise: Promise<T>, millis: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} (still pending after ${millis} ms)`)), millis);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
