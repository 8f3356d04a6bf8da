import assert from "node:assert/strict";
import { yieldToEventLoop, currentSignal } from "../../src/util/yield-to-event-loop";

describe("yieldToEventLoop", () => {
  it("lets other callbacks run, then returns", async () => {
    let ran = false;
    setImmediate(() => (ran = true));
    await yieldToEventLoop("test");
    assert.equal(ran, true);
  });
  it("throws KeyboardInterrupt naming the computation once the signal is aborted", async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(yieldToEventLoop("nmfAsync", ac.signal), { name: "KeyboardInterrupt", message: "nmfAsync was interrupted" });
  });
  it("reads the kernel's hook for the running cell's signal", async () => {
    const ac = new AbortController();
    const key = Symbol.for("edgeworks.currentSignal");
    (globalThis as Record<symbol, unknown>)[key] = () => ac.signal;
    try {
      assert.equal(currentSignal(), ac.signal);
      ac.abort();
      await assert.rejects(yieldToEventLoop("loop"), /loop was interrupted/);
    } finally {
      delete (globalThis as Record<symbol, unknown>)[key];
    }
  });
});
