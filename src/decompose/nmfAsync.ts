/**
 * NMF that yields to the event loop so a notebook kernel stays responsive.
 * @module
 */
import { nmfRelease, nmfSetup, nmfStep } from "./nmfCore";
import { nmfInput, nmfPublicResult, type NmfOptions, type NmfResult } from "./nmf";
import type { Dim, Matrix } from "../types/matrix";
import { yieldToEventLoop } from "../util/yield-to-event-loop";

/** Options of {@link nmfAsync}: those of `nmf` plus progress reporting. */
export interface NmfAsyncOptions extends NmfOptions {
  /** Called every `yieldEvery` iterations (and after the last) with the iteration number and ‖X − WH‖_F. */
  onProgress?: (iter: number, error: number) => void;
  /** Yield to the event loop (`setImmediate`) every this many iterations. Default 5. */
  yieldEvery?: number;
  /**
   * Stops the fit (throws KeyboardInterrupt) when aborted. Default: the running notebook cell's
   * signal, so Kernel → Interrupt stops a long NMF in the edgeworks kernel.
   */
  signal?: AbortSignal;
}

/**
 * Same computation and result as `nmf`, but awaits `setImmediate` every `yieldEvery`
 * iterations so the kernel can process messages (e.g. draw a progress bar, handle an
 * interrupt) while it runs.
 *
 * @param input - pixels × energies (a PixelTable or any matrix), finite and ≥ 0 (or `clipNegative`).
 * @param options - {@link NmfAsyncOptions}.
 * @returns a promise of the `NmfResult`.
 * @example
 * ```ts
 * const res = await nmfAsync(T, { k: 3, clipNegative: true, onProgress: (it, err) => bar.update(it, err) });
 * ```
 * @see `nmf` for the algorithms and references.
 */
export async function nmfAsync(input: Matrix<Dim, "energy">, options: NmfAsyncOptions): Promise<NmfResult> {
  const fn = "nmfAsync";
  const { onProgress, yieldEvery, signal, ...rest } = options ?? ({} as NmfAsyncOptions);
  if (onProgress !== undefined && typeof onProgress !== "function") {
    throw new TypeError(`${fn}: onProgress must be a function (iter, error) => void, got ${typeof onProgress}`);
  }
  const every = yieldEvery ?? 5;
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`${fn}: yieldEvery must be an integer ≥ 1, got ${String(yieldEvery)}`);
  const { X, nRows, nCols, core } = nmfInput(fn, input, rest);
  const st = nmfSetup(fn, X, nRows, nCols, core, ["clipNegative"]);
  try {
    while (!st.done) {
      nmfStep(st);
      if (st.iter % every === 0 || st.done) {
        if (onProgress) onProgress(st.iter, st.lastError);
        await yieldToEventLoop(fn, signal);
      }
    }
    return nmfPublicResult(fn, input, st);
  } finally {
    nmfRelease(st); // interrupted or not: free the wasm memory and the worker threads' hold on it
  }
}
