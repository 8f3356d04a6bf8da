/**
 * Best-of-N timing for the benches (bench/stack.bench.ts and its paired steps).
 * @module
 */

/** Run `fn` `repeats` times; the shortest time (s) and the last result. */
export function bestOf<T>(repeats: number, fn: () => T): { t: number; out: T } {
  let best = Infinity;
  let out!: T;
  for (let r = 0; r < repeats; r++) {
    const t0 = process.hrtime.bigint();
    out = fn();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { t: best, out };
}
