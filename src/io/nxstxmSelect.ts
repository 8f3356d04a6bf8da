/**
 * The `select` option of the NXstxm reader: which part of each stack to read (the same names as
 * `readSdf`'s `select`), checked before the file is opened and against each stack's shape.
 *
 * @module
 */
import { checkOptions } from "./errors";

/** A half-open index range `[start, end)`. */
export type NxstxmRange = readonly [number, number];

/**
 * Which part of each stack to read (indices in the stack's `[nE, ny, nx]` slots, half-open).
 * Only that part is read from the file (HDF5 hyperslabs), so stacks larger than memory can be
 * processed in pieces.
 */
export interface NxstxmSelect {
  /** Energies in eV, `[min, max]` inclusive; the energies inside must be consecutive in the file. */
  energyRange?: readonly [number, number];
  /** Energy indices `[start, end)` (instead of `energyRange`). */
  energyIndices?: NxstxmRange;
  /** Rows `[start, end)`: a band of rows, or with `columns` a region of interest. */
  rows?: NxstxmRange;
  /** Columns `[start, end)`. */
  columns?: NxstxmRange;
}

/**
 * @internal Check one range against a slot of length `n`.
 * @throws RangeError `<fn>: option <opt>: expected [start, end) with 0 ≤ start < end ≤ n (where), got …`.
 */
export function checkRange(fn: string, opt: string, r: unknown, n: number, where: string): [number, number] {
  if (!Array.isArray(r) || r.length !== 2 || !r.every((v) => Number.isInteger(v)) || r[0] < 0 || r[1] <= r[0] || r[1] > n) {
    throw new RangeError(`${fn}: option ${opt}: expected [start, end) with 0 ≤ start < end ≤ ${n} (${where}), got ${JSON.stringify(r)}`);
  }
  return [r[0], r[1]];
}

/**
 * @internal Check the shape of a `select` option (not yet against any stack).
 * @throws TypeError / RangeError naming the option.
 */
export function checkSelect(fn: string, sel: unknown): NxstxmSelect | undefined {
  if (sel === undefined) return undefined;
  if (sel === null || typeof sel !== "object" || Array.isArray(sel)) throw new TypeError(`${fn}: option select: expected an object { energyRange, energyIndices, rows, columns }, got ${JSON.stringify(sel)}`);
  checkOptions(`${fn} select`, sel as Record<string, unknown>, ["energyRange", "energyIndices", "rows", "columns"]);
  const s = sel as NxstxmSelect;
  if (s.energyIndices !== undefined && s.energyRange !== undefined) throw new RangeError(`${fn}: option select: give either energyRange (eV) or energyIndices, not both`);
  if (s.energyRange !== undefined) {
    const en = s.energyRange as unknown;
    if (!Array.isArray(en) || en.length !== 2 || !en.every((v) => typeof v === "number" && Number.isFinite(v)) || en[0] > en[1]) {
      throw new RangeError(`${fn}: option select.energyRange: expected [min, max] in eV with min ≤ max, got ${JSON.stringify(en)}`);
    }
  }
  return s;
}

/**
 * @internal The index range `[start, end)` of the energies inside `[min, max]` eV.
 * @param where the stack, for messages.
 * @throws RangeError when none lies inside, or those inside are not consecutive.
 */
export function energyIndexRange(fn: string, energies: Float64Array, range: readonly [number, number], where: string): [number, number] {
  const [lo, hi] = range;
  const inside: number[] = [];
  energies.forEach((v, i) => v >= lo && v <= hi && inside.push(i));
  if (inside.length === 0) throw new RangeError(`${fn}: option select.energyRange: no energy of ${where} lies in [${lo}, ${hi}] eV (energies ${Math.min(...energies)}…${Math.max(...energies)} eV)`);
  if (inside[inside.length - 1] - inside[0] + 1 !== inside.length) throw new RangeError(`${fn}: option select.energyRange: the energies of ${where} in [${lo}, ${hi}] eV are not consecutive in the file; select them by index (select.energyIndices) instead`);
  return [inside[0], inside[inside.length - 1] + 1];
}
