/**
 * Cooperative yielding for long computations, so a notebook kernel stays responsive (comm
 * messages, progress bars) and Kernel → Interrupt stops the loop.
 *
 * The library knows nothing of Jupyter: it reads the running cell's AbortSignal from a documented
 * global hook, `globalThis[Symbol.for("edgeworks.currentSignal")]`, a function the edgeworks kernel
 * installs. Outside the kernel the hook is absent and only an explicit `signal` counts.
 *
 * @module
 */

/** The error thrown when a computation is aborted (named like the kernel's interrupt). */
export class AbortedError extends Error {
  constructor(what: string) {
    super(`${what} was interrupted`);
    this.name = "KeyboardInterrupt";
  }
}

/** The AbortSignal of the running notebook cell, if the edgeworks kernel provides one. */
export function currentSignal(): AbortSignal | undefined {
  const hook = (globalThis as Record<symbol, unknown>)[Symbol.for("edgeworks.currentSignal")];
  return typeof hook === "function" ? (hook as () => AbortSignal | undefined)() : undefined;
}

/**
 * Yield to the event loop once (`setImmediate`), then throw {@link AbortedError} if `signal`
 * (default: the running cell's signal) was aborted.
 * @param what - names the computation in the error message, e.g. "nmfAsync".
 * @example
 * for (let it = 0; it < maxIter; it++) { step(); if (it % 5 === 0) await yieldToEventLoop("nmfAsync"); }
 */
export async function yieldToEventLoop(what: string, signal: AbortSignal | undefined = currentSignal()): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (signal?.aborted) throw new AbortedError(what);
}
