/**
 * How the dimensions of an NXstxm signal fill a {@link Stack}'s `[nE, ny, nx]` slots, and what
 * kind of scan that makes (the table in {@link module:nxstxm}): the energy axis (by name, or
 * units eV / keV) goes to E; the other dimensions to y then x in file order, unless their names
 * say the opposite (`…_x` before `…_y`); a 3-D signal without an energy axis puts its first
 * dimension in E ("frames"); a 2-D one without fills y and x (image, focus, sinogram).
 *
 * @module
 */
import type { ScanType } from "../types/stack";
import { StxmFileError } from "./errors";
import { ENERGY_NAMES } from "./nexusData";

/** What a scan is (see the table in the nxstxm module comment). */
export type NxstxmKind = "stack" | "frames" | "line" | "image" | "focus" | "sinogram" | "point" | "profile";

/** The file dimension in each slot (−1: the slot is not a dimension of the file, length 1). */
export interface ScanSlots {
  /** The dimension whose axis holds photon energies (−1 when none). */
  readonly eAxis: number;
  /** File dimension in the E slot. */
  readonly eDim: number;
  /** File dimension in the y slot. */
  readonly yDim: number;
  /** File dimension in the x slot. */
  readonly xDim: number;
  /** The scan kind. */
  readonly kind: NxstxmKind;
  /** The Stack scan type. */
  readonly scanType: ScanType;
}

/** @internal True for an axis holding photon energies (by name, or units eV / keV). */
export function isEnergyAxis(name: string, units: string): boolean {
  return ENERGY_NAMES.includes(name.toLowerCase()) || /(^|_)energy$/i.test(name) || /^k?eV$/.test(units.trim());
}

/** @internal True for a rotation-angle axis (by name, or units deg / rad). */
export function isAngleAxis(name: string, units: string): boolean {
  return /(angle|theta|rotation|^rot|tilt)/i.test(name) || /^(deg|degrees?|rad|radians?)$/i.test(units.trim());
}

/**
 * @internal
 * The slots of a signal whose dimensions are spanned by the axes `dims` (names, "" for none) with
 * `units`, for `stxm_scan_type` `stxmScanType`.
 * @throws StxmFileError (at `where`) when two dimensions are energy axes.
 */
export function scanSlots(dims: readonly string[], units: readonly string[], stxmScanType: string, file: string, where: string): ScanSlots {
  const rank = dims.length;
  const energyDims = dims.map((d, i) => (d && isEnergyAxis(d, units[i]) ? i : -1)).filter((i) => i >= 0);
  if (energyDims.length > 1) {
    throw new StxmFileError(file, where, `expected at most one energy axis, got ${energyDims.map((i) => `${dims[i]} (dimension ${i})`).join(", ")}`);
  }
  const eAxis = energyDims.length === 1 ? energyDims[0] : -1;
  let eDim = -1;
  let yDim = -1;
  let xDim = -1;
  const yx = (a: number, b: number): [number, number] => (/(^|_)x$/i.test(dims[a]) && /(^|_)y$/i.test(dims[b]) ? [b, a] : [a, b]);
  if (rank === 3) {
    eDim = eAxis >= 0 ? eAxis : 0;
    const [a, b] = [0, 1, 2].filter((d) => d !== eDim);
    [yDim, xDim] = yx(a, b);
  } else if (rank === 2) {
    if (eAxis >= 0) [eDim, xDim] = [eAxis, 1 - eAxis];
    else [yDim, xDim] = yx(0, 1);
  } else if (rank === 1) {
    if (eAxis >= 0) eDim = 0;
    else xDim = 0;
  }
  const angle = dims.some((d, i) => d && i !== eAxis && isAngleAxis(d, units[i]));
  const st = stxmScanType.toLowerCase();
  let kind: NxstxmKind;
  if (rank === 0) kind = "point";
  else if (rank === 3) kind = eAxis >= 0 ? "stack" : angle ? "sinogram" : "frames";
  else if (rank === 2) kind = eAxis >= 0 ? "line" : st.includes("focus") ? "focus" : angle ? "sinogram" : "image";
  else kind = eAxis >= 0 ? "point" : "profile";
  const scanType: ScanType = rank === 3 ? "stack" : kind === "line" ? "line" : kind === "point" ? "point" : "image";
  return { eAxis, eDim, yDim, xDim, kind, scanType };
}

/**
 * @internal
 * Copy `src` (row-major, `shape`) into `[nE, ny, nx]` order; a slot dimension of −1 is absent (length 1).
 * @example
 * toEYX(Float64Array.from([1, 2, 3, 4, 5, 6]), [3, 2], 1, -1, 0); // [x=3, e=2] → [1, 3, 5, 2, 4, 6]
 */
export function toEYX(src: Float64Array, shape: readonly number[], eDim: number, yDim: number, xDim: number): Float64Array {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = s;
    s *= shape[d];
  }
  const nE = eDim >= 0 ? shape[eDim] : 1;
  const ny = yDim >= 0 ? shape[yDim] : 1;
  const nx = xDim >= 0 ? shape[xDim] : 1;
  const se = eDim >= 0 ? strides[eDim] : 0;
  const sy = yDim >= 0 ? strides[yDim] : 0;
  const sx = xDim >= 0 ? strides[xDim] : 0;
  const out = new Float64Array(nE * ny * nx);
  let k = 0;
  for (let e = 0; e < nE; e++) {
    for (let y = 0; y < ny; y++) {
      const base = e * se + y * sy;
      for (let x = 0; x < nx; x++) out[k++] = src[base + x * sx];
    }
  }
  return out;
}
