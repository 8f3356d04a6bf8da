/**
 * Arithmetic on {@link Measured} values with first-order propagation of uncorrelated esds.
 * A plain number is an exact constant (esd 0); an esd of NaN ("not given") gives NaN.
 * @module
 */
import type { Measured } from "./measured";

/** A {@link Measured} value or an exact number. */
export type MeasuredLike = Measured | number;

function parts(fn: string, name: string, x: MeasuredLike): [number, number] {
  if (typeof x === "number") {
    if (!Number.isFinite(x)) throw new RangeError(`${fn}: ${name} must be finite, got ${x}`);
    return [x, 0];
  }
  if (x === null || typeof x !== "object" || typeof x.value !== "number" || typeof x.esd !== "number") {
    throw new TypeError(`${fn}: ${name} must be a number or { value, esd }, got ${x === null ? "null" : JSON.stringify(x)}`);
  }
  return [x.value, x.esd];
}

/**
 * a + b; esd √(σa² + σb²).
 * @example
 * addMeasured({ value: 1, esd: 0.3 }, { value: 2, esd: 0.4 }); // { value: 3, esd: 0.5 }
 */
export function addMeasured(a: MeasuredLike, b: MeasuredLike): Measured {
  const [x, sx] = parts("addMeasured", "a", a);
  const [y, sy] = parts("addMeasured", "b", b);
  return { value: x + y, esd: Math.hypot(sx, sy) };
}

/**
 * a − b; esd √(σa² + σb²).
 * @example
 * subtractMeasured({ value: 5.0884, esd: 0.0002 }, { value: 5.0310, esd: 0.0001 }); // { value: 0.0574, esd: 0.000224 }
 */
export function subtractMeasured(a: MeasuredLike, b: MeasuredLike): Measured {
  const [x, sx] = parts("subtractMeasured", "a", a);
  const [y, sy] = parts("subtractMeasured", "b", b);
  return { value: x - y, esd: Math.hypot(sx, sy) };
}

/**
 * a × b; esd √((b σa)² + (a σb)²).
 * @example
 * multiplyMeasured({ value: 2, esd: 0.1 }, 3); // { value: 6, esd: 0.3 }
 */
export function multiplyMeasured(a: MeasuredLike, b: MeasuredLike): Measured {
  const [x, sx] = parts("multiplyMeasured", "a", a);
  const [y, sy] = parts("multiplyMeasured", "b", b);
  return { value: x * y, esd: Math.hypot(y * sx, x * sy) };
}

/**
 * a / b; esd √((σa / b)² + (a σb / b²)²).
 * @throws RangeError when b is 0.
 * @example
 * // Gent 2017 Table S2: fraction of the TM in the Li layer = TM_Li occupancy / 0.83
 * divideMeasured({ value: 0.0257, esd: 0.0008 }, 0.83); // { value: 0.03096…, esd: 0.00096… } → 3.1(1) %
 */
export function divideMeasured(a: MeasuredLike, b: MeasuredLike): Measured {
  const [x, sx] = parts("divideMeasured", "a", a);
  const [y, sy] = parts("divideMeasured", "b", b);
  if (y === 0) throw new RangeError("divideMeasured: division by zero (b = 0)");
  return { value: x / y, esd: Math.hypot(sx / y, (x * sy) / (y * y)) };
}

/**
 * k × a for an exact factor k; esd |k| σa.
 * @example
 * scaleMeasured({ value: 0.0257, esd: 0.0008 }, 100); // { value: 2.57, esd: 0.08 }
 */
export function scaleMeasured(a: MeasuredLike, k: number): Measured {
  const [x, sx] = parts("scaleMeasured", "a", a);
  if (typeof k !== "number" || !Number.isFinite(k)) throw new RangeError(`scaleMeasured: k must be a finite number, got ${String(k)}`);
  return { value: k * x, esd: Math.abs(k) * sx };
}
