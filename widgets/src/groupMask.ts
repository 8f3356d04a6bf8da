/**
 * A group of points as a bit mask: the wire form of the end-member selector's dense groups.
 * Pure (no DOM, no imports): the front-end and the kernel (`../widgets/src/groupMask`) use the
 * same code, so both sides agree on the layout and on which form a group takes.
 *
 * Layout: a `Uint8Array` of `ceil(n / 8)` bytes for `n` points; bit `i & 7` (least significant
 * first) of byte `i >> 3` is set when point `i` is in the group; bits at or beyond `n` are 0.
 *
 * @module
 */

/** Bytes of a mask of `n` points: `ceil(n / 8)`. */
export function maskBytes(n: number): number {
  return (n + 7) >>> 3;
}

/**
 * The mask of a set of point indices.
 * @param indices - point indices, each an integer in [0, n), any order, duplicates allowed.
 * @param n - number of points.
 * @returns `Uint8Array` of `ceil(n / 8)` bytes, bit i = point i (LSB first).
 * @throws RangeError when an index is outside [0, n).
 * @example
 * indicesToMask(Uint32Array.of(0, 3, 9), 10) // Uint8Array [0b00001001, 0b00000010]
 */
export function indicesToMask(indices: ArrayLike<number>, n: number): Uint8Array {
  const m = new Uint8Array(maskBytes(n));
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!(i >= 0 && i < n) || i !== Math.floor(i)) throw new RangeError(`indicesToMask: index ${i} (at position ${k}) is outside [0, ${n})`);
    m[i >>> 3] |= 1 << (i & 7);
  }
  return m;
}

/** Set bits of every byte value (0…255). */
const POP = (() => {
  const t = new Uint8Array(256);
  for (let b = 1; b < 256; b++) t[b] = (b & 1) + t[b >> 1];
  return t;
})();

/**
 * Number of set bits (points in the group) of a mask.
 * @param mask - bytes of a mask (any length).
 * @returns the count, an integer ≥ 0.
 * @example
 * maskCount(Uint8Array.of(0b1011, 1)) // 4
 */
export function maskCount(mask: Uint8Array): number {
  let c = 0;
  for (let j = 0; j < mask.length; j++) c += POP[mask[j]];
  return c;
}

/**
 * The ascending point indices of a mask (one pass over the bytes, no sort).
 * @param mask - a mask, bit i = point i (LSB first).
 * @param count - its number of set bits when known (saves a counting pass); must be exact.
 * @returns ascending, unique indices (`Uint32Array` of length `count`).
 * @example
 * maskToIndices(Uint8Array.of(0b00001001, 0b10)) // Uint32Array [0, 3, 9]
 */
export function maskToIndices(mask: Uint8Array, count: number = maskCount(mask)): Uint32Array {
  const out = new Uint32Array(count);
  let k = 0;
  for (let j = 0; j < mask.length; j++) {
    let b = mask[j];
    if (!b) continue;
    const base = j << 3;
    while (b) {
      const low = b & -b;
      out[k++] = base + 31 - Math.clz32(low);
      b ^= low;
    }
  }
  if (k !== count) throw new RangeError(`maskToIndices: the mask has ${k} set bits, not ${count}`);
  return out;
}

/**
 * Whether a group of `count` of `n` points goes on the wire as a mask (`ceil(n/8)` bytes) rather
 * than as indices (4 bytes each): when the mask is smaller, i.e. `count > n / 32`.
 * @example
 * useMask(270_000, 1_000_000) // true  (125 kB instead of 1.08 MB)
 * useMask(100, 1_000_000)     // false (400 B instead of 125 kB)
 */
export function useMask(count: number, n: number): boolean {
  return count * 32 > n;
}

/**
 * Apply a gesture to a group's mask in place: replace its membership by the gesture's points,
 * add them (union) or subtract them (difference).
 * @param mask - the group's mask (`ceil(n / 8)` bytes), changed in place and returned.
 * @param indices - the gesture's point indices, each in [0, mask.length · 8), any order.
 * @param mode - "replace" | "add" | "subtract" (the gesture's combine mode).
 * @returns `mask`.
 * @example
 * applyToMask(indicesToMask([1], 8), [2, 3], "add") // bits 1, 2, 3
 */
export function applyToMask(mask: Uint8Array, indices: ArrayLike<number>, mode: "replace" | "add" | "subtract"): Uint8Array {
  if (mode === "replace") mask.fill(0);
  if (mode === "subtract") {
    for (let k = 0; k < indices.length; k++) mask[indices[k] >>> 3] &= ~(1 << (indices[k] & 7));
  } else {
    for (let k = 0; k < indices.length; k++) mask[indices[k] >>> 3] |= 1 << (indices[k] & 7);
  }
  return mask;
}

/**
 * The problem with a mask received for `n` points, or "" when it is valid: length exactly
 * `ceil(n / 8)` bytes, no bit set at or beyond `n`, and `count` equal to its set bits. One pass.
 * @param mask - the received bytes.
 * @param count - the count sent with it.
 * @param n - number of points.
 * @example
 * maskProblem(Uint8Array.of(0xff), 8, 5) // "bit 5 is set but there are only 5 points"
 */
export function maskProblem(mask: Uint8Array, count: unknown, n: number): string {
  const nb = maskBytes(n);
  if (mask.length !== nb) return `mask has ${mask.length} bytes, expected ceil(${n} / 8) = ${nb}`;
  const tail = n & 7;
  if (tail && mask[nb - 1] >> tail) {
    const hi = 31 - Math.clz32(mask[nb - 1]);
    return `bit ${(nb - 1) * 8 + hi} is set but there are only ${n} points`;
  }
  const c = maskCount(mask);
  if (count !== c) return `count is ${JSON.stringify(count)} but the mask has ${c} set bits`;
  return "";
}
