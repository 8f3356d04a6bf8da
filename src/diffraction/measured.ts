/**
 * A measured number with its estimated standard deviation (esd, "uncertainty"), the value type
 * of every refinement table and reader in `edgeworks/diffraction`.
 * @module
 */

/**
 * A value with its estimated standard deviation, both in the same unit (Å, degrees, %, …).
 *
 * `esd` is NaN when none was given (a fixed parameter, a plain number in a printed table) and 0
 * when one was printed as zero, e.g. `5.0309(0)`.
 */
export interface Measured {
  /** The value. */
  value: number;
  /** Its estimated standard deviation, ≥ 0; NaN when not given. */
  esd: number;
}

/**
 * Make a {@link Measured} value, checking its parts.
 *
 * @param value - the value (finite).
 * @param esd - its esd, ≥ 0 (NaN = not given; default NaN).
 * @returns `{ value, esd }`.
 * @throws RangeError when the value is not finite or the esd is negative or infinite.
 * @example
 * const a = measured(4.9558, 0.0001); // { value: 4.9558, esd: 0.0001 }
 * const fixed = measured(0.2329);     // { value: 0.2329, esd: NaN } — printed without an esd
 */
export function measured(value: number, esd = NaN): Measured {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new RangeError(`measured: value must be a finite number, got ${String(value)}`);
  if (typeof esd !== "number" || (!Number.isNaN(esd) && !(esd >= 0 && Number.isFinite(esd)))) {
    throw new RangeError(`measured: esd must be a finite number ≥ 0 (or NaN for "not given"), got ${String(esd)}`);
  }
  return { value, esd };
}

/**
 * True when `x` has the shape of a {@link Measured} (`value` and `esd` numbers).
 * @example
 * isMeasured({ value: 1, esd: 0.1 }); // true
 */
export function isMeasured(x: unknown): x is Measured {
  return x !== null && typeof x === "object" && typeof (x as Measured).value === "number" && typeof (x as Measured).esd === "number";
}
