/**
 * Timers for notebook cells whose callbacks can be interrupted. A cell's own code runs under
 * `vm`'s SIGINT watchdog (`breakOnSigint`), but a callback it schedules with `setTimeout` runs
 * later from the event loop, outside it: `setTimeout(() => { while (true) {} })` could not be
 * interrupted. The cell receives these wrappers in place of the global timers (as parameters of
 * the function its code is compiled into); each callback runs under the watchdog, and an
 * interrupt ends it with a KeyboardInterrupt written to the cell's stderr (a repeating timer is
 * cleared). Limit: a loop in a promise continuation (code after an `await`) still runs outside it.
 *
 * @module
 */
import vm from "node:vm";

const SLOT = "__edgeworksTimerCallback__";
const runner = new vm.Script(`globalThis.${SLOT}()`, { filename: "edgeworks-timer-callback" });

/** Run `fn` under the SIGINT watchdog; true when it ran to the end, false when it was interrupted. */
export function runInterruptible(fn: () => void): boolean {
  const g = globalThis as unknown as Record<string, unknown>;
  const prev = g[SLOT];
  g[SLOT] = fn;
  try {
    runner.runInThisContext({ breakOnSigint: true });
    return true;
  } catch (e) {
    if (e instanceof Error && /Script execution was interrupted/.test(e.message)) return false;
    throw e;
  } finally {
    g[SLOT] = prev;
  }
}

/** The timer functions handed to a cell. */
export interface CellTimers {
  setTimeout: typeof setTimeout;
  setInterval: typeof setInterval;
  setImmediate: typeof setImmediate;
}

/**
 * Wrapped `setTimeout`, `setInterval` and `setImmediate`: same arguments and return values as
 * Node's; `onInterrupt` is called (in the scheduling cell's async context) when a callback is
 * interrupted.
 * @example
 * const timers = cellTimers(() => process.stderr.write("KeyboardInterrupt\n"));
 * timers.setTimeout(() => console.log("later"), 10);
 */
export function cellTimers(onInterrupt: () => void): CellTimers {
  type Cb = (...a: unknown[]) => void;
  const wrap = (cb: unknown, args: unknown[], stop?: () => void): (() => void) => {
    if (typeof cb !== "function") throw new TypeError(`The "callback" argument must be of type function. Received ${typeof cb}`);
    return () => {
      if (!runInterruptible(() => (cb as Cb)(...args))) {
        stop?.();
        onInterrupt();
      }
    };
  };
  const st = ((cb: unknown, ms?: number, ...args: unknown[]) => setTimeout(wrap(cb, args), ms)) as unknown as typeof setTimeout;
  const si = ((cb: unknown, ms?: number, ...args: unknown[]) => {
    const t: ReturnType<typeof setInterval> = setInterval(wrap(cb, args, () => clearInterval(t)), ms);
    return t;
  }) as unknown as typeof setInterval;
  const sim = ((cb: unknown, ...args: unknown[]) => setImmediate(wrap(cb, args))) as unknown as typeof setImmediate;
  return { setTimeout: st, setInterval: si, setImmediate: sim };
}
