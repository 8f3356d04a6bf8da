/**
 * The bit-for-bit comparison the stack tests use: same length and every element `Object.is` equal
 * (so −0 differs from +0 and NaN equals NaN), failing with the first differing element.
 */
import assert from "node:assert/strict";

/** Assert that `a` and `b` hold the same values bit for bit; `what` names the array in the message. */
export function sameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) assert.fail(`${what}: element ${i} is ${a[i]}, expected ${b[i]}`);
}
