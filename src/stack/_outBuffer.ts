/**
 * The optional caller-supplied output buffer of the elementwise preprocessing verbs
 * (`opticalDensity`, `normalizePixels`).
 * @internal
 * @module
 */

/**
 * A view of the first `length` values of `out`, after checking that it is a typed array of the
 * expected kind and long enough; `undefined` when no buffer was given.
 *
 * @param fn - the calling function (for messages).
 * @param out - the `out` option as given.
 * @param length - values the result needs.
 * @param shape - how `length` is made, for the message (default "nE·ny·nx").
 * @param kind - the expected array type (`Float64Array` or `Float32Array`).
 * @throws TypeError when `out` is not that array type; RangeError when it is shorter than `length`.
 */
export function outView<T extends Float64Array | Float32Array>(fn: string, out: unknown, length: number, kind: { new (n: number): T; name: string }, shape = "nE·ny·nx"): T | undefined {
  if (out === undefined) return undefined;
  if (!(out instanceof kind)) {
    const got = out === null ? "null" : ArrayBuffer.isView(out) ? out.constructor.name : typeof out;
    throw new TypeError(`${fn}: option "out" must be a ${kind.name} of at least ${length} values, got ${got}`);
  }
  if (out.length < length) throw new RangeError(`${fn}: option "out" has length ${out.length}, expected at least ${length} (${shape})`);
  return (out.length === length ? out : out.subarray(0, length)) as T;
}

/** Whether the memory of two typed arrays overlaps. */
export function overlaps(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength;
}
