/**
 * Fetching hovered pixels' spectra from the kernel (the browser does not hold the table): one
 * request in flight at a time, the latest wanted pixel sent when it returns (the ones hovered in
 * between are skipped), and the last few answers kept so that moving back and forth over the
 * same pixels asks again for none of them. No DOM: the view passes how to send and what to do
 * with an answer.
 */
import { toTyped } from "./serializers";

/** A pixel's spectrum, or why the kernel could not give it. */
export interface PixelSpectrumAnswer {
  index: number;
  /** float32 values, one per energy (absent with `error`). */
  values?: Float32Array;
  error?: string;
}

/** Throttles and caches `{ type: "pixel_spectrum", index }` requests. */
export class PixelSpectrumFetch {
  private readonly cache = new Map<number, PixelSpectrumAnswer>();
  private inFlight = -1;
  private wanted = -1;
  /** Requests sent so far (for tests and measurements). */
  sent = 0;

  /**
   * @param send - sends `{ type: "pixel_spectrum", index }` to the kernel.
   * @param show - called with the answer for the pixel currently wanted (from the cache at once, or when it arrives).
   * @param cacheSize - answers kept (least recently used dropped). Default 16.
   */
  constructor(
    private readonly send: (content: { type: "pixel_spectrum"; index: number }) => void,
    private readonly show: (a: PixelSpectrumAnswer) => void,
    private readonly cacheSize = 16,
  ) {}

  /** Want pixel `index` (−1: none): shown from the cache, else requested now or after the one in flight. */
  want(index: number): void {
    this.wanted = index;
    if (index < 0) return;
    const hit = this.cache.get(index);
    if (hit) {
      this.cache.delete(index);
      this.cache.set(index, hit);
      this.show(hit);
      return;
    }
    if (this.inFlight < 0) this.request(index);
  }

  /**
   * Handle a custom message from the kernel; returns whether it was a pixel-spectrum answer.
   * @param content - `{ type: "pixel_spectrum", index, error? }`.
   * @param buffers - the float32 values as the message's first buffer (DataView, ArrayBuffer or typed array).
   */
  receive(content: unknown, buffers: readonly unknown[] = []): boolean {
    const c = content as { type?: unknown; index?: unknown; error?: unknown } | null;
    if (!c || c.type !== "pixel_spectrum") return false;
    const index = Number(c.index);
    const answer: PixelSpectrumAnswer = typeof c.error === "string" && c.error ? { index, error: c.error } : { index, values: float32Of(buffers[0]) };
    if (Number.isInteger(index) && index >= 0 && answer.values) {
      this.cache.set(index, answer);
      while (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value as number);
    }
    if (index === this.inFlight || !Number.isInteger(index)) this.inFlight = -1;
    if (index === this.wanted) this.show(answer);
    if (this.inFlight < 0 && this.wanted >= 0 && this.wanted !== index && !this.cache.has(this.wanted)) this.request(this.wanted);
    return true;
  }

  private request(index: number): void {
    this.inFlight = index;
    this.sent++;
    this.send({ type: "pixel_spectrum", index });
  }
}

/** The values of a received buffer as float32 (empty when the message carried none). */
function float32Of(b: unknown): Float32Array {
  return b instanceof ArrayBuffer || ArrayBuffer.isView(b) ? toTyped(Float32Array, b) : new Float32Array(0);
}
