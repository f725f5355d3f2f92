import { describe, expect, it } from 'vitest';
import { withinTimeout } from '../src/within-timeout.js';

describe('withinTimeout', () => {
  it('settles with the value, or the error, of a promise that settles first', async () => {
    await expect(withinTimeout(Promise.resolve(42), 60_000)).resolves.toEqual({ kind: 'fulfilled', value: 42 });
    const error = new Error('boom');
    await expect(withinTimeout(Promise.reject(error), 60_000)).resolves.toEqual({ kind: 'rejected', error });
  });

  it('settles with timeout for a promise that never settles, and never rejects', async () => {
    const never = new Promise<never>(() => {});
    await expect(withinTimeout(never, 1)).resolves.toEqual({ kind: 'timeout' });
  });
});
