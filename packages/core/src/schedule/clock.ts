/** Epoch milliseconds with sub-millisecond precision, on the same clock the OTel SDK uses. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
