/**
 * Blocking sleep for the benches: the thread waits and nothing else runs meanwhile (used to let
 * memory go cold before a timed step, see memoryTemperature.bench.ts and stack.bench.ts).
 * @module
 */

/** Sleep `s` seconds (nothing when `s` ≤ 0). */
export function sleepSeconds(s: number): void {
  if (s > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, s * 1000);
}
