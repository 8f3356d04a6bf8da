/**
 * The spectro-image stack: the one data type every STXM reader returns and every
 * preprocessing step takes.
 *
 * Axis order (one convention everywhere, masks included): intensities are stored
 * energy-major, `data[(e * ny + y) * nx + x]`, i.e. shape `[nE, ny, nx]`, with `y` the
 * slow (row) axis and `x` the fast (column) axis of each image. A per-pixel mask or map
 * is `[ny, nx]`, index `y * nx + x`.
 *
 * @module
 */

/** How the stack was scanned. */
export type ScanType = "stack" | "image" | "line" | "point";

/** A spectro-image stack (energy × y × x). */
export interface Stack {
  /** Intensities, shape `[nE, ny, nx]`, index `(e * ny + y) * nx + x`; counts, transmission or optical density. */
  readonly data: Float64Array | Float32Array;
  /** Number of energies. */
  readonly nE: number;
  /** Number of rows (slow axis). */
  readonly ny: number;
  /** Number of columns (fast axis). */
  readonly nx: number;
  /** Photon energies in eV, length `nE`, as recorded (not necessarily sorted). */
  readonly energies: Float64Array;
  /** Pixel centre positions along x in µm, length `nx`. */
  readonly x: Float64Array;
  /** Pixel centre positions along y in µm, length `ny`. */
  readonly y: Float64Array;
  /** Dwell time per energy in ms, length `nE` (all 1 when unknown). */
  readonly dwell: Float64Array;
  /** What the values are: raw detector counts, transmission (I/I0) or optical density. */
  readonly quantity: "counts" | "transmission" | "od";
  /** Detector channel name (e.g. "PMT", "Counter0"). */
  readonly channel: string;
  /** Scan type. */
  readonly scanType: ScanType;
  /** Source file path or name ("" when made in memory). */
  readonly source: string;
  /** Free-form metadata from the file header (strings and numbers). */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Fields accepted by {@link makeStack}; the optional ones get documented defaults. */
export interface StackInit {
  data: Float64Array | Float32Array;
  nE: number;
  ny: number;
  nx: number;
  energies: ArrayLike<number>;
  /** Default: 0, 1, 2, … (pixel units). */
  x?: ArrayLike<number>;
  /** Default: 0, 1, 2, … (pixel units). */
  y?: ArrayLike<number>;
  /** Default: 1 ms for every energy. */
  dwell?: ArrayLike<number>;
  /** Default "counts". */
  quantity?: Stack["quantity"];
  /** Default "". */
  channel?: string;
  /** Default: "stack" when nE > 1, else "image". */
  scanType?: ScanType;
  /** Default "". */
  source?: string;
  /** Default {}. */
  metadata?: Record<string, unknown>;
}

function ramp(n: number): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

function lengthCheck(what: string, got: number, want: number, source: string): void {
  if (got !== want) {
    const where = source ? ` (${source})` : "";
    throw new RangeError(`Stack${where}: ${what} has length ${got}, expected ${want}`);
  }
}

/**
 * Make a {@link Stack}, checking that every array agrees with the shape `[nE, ny, nx]`.
 * The data array is kept as given (not copied); the axis arrays are copied to Float64Array.
 *
 * @example
 * const s = makeStack({ data: new Float64Array(2 * 3 * 4), nE: 2, ny: 3, nx: 4, energies: [530, 531] });
 * @throws RangeError when a length disagrees with the shape, or a dimension is not a positive integer.
 */
export function makeStack(init: StackInit): Stack {
  const source = init.source ?? "";
  for (const [k, v] of [["nE", init.nE], ["ny", init.ny], ["nx", init.nx]] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`Stack${source ? ` (${source})` : ""}: ${k} must be a positive integer, got ${v}`);
    }
  }
  lengthCheck("data", init.data.length, init.nE * init.ny * init.nx, source);
  lengthCheck("energies", init.energies.length, init.nE, source);
  const x = init.x ? Float64Array.from(init.x) : ramp(init.nx);
  const y = init.y ? Float64Array.from(init.y) : ramp(init.ny);
  lengthCheck("x", x.length, init.nx, source);
  lengthCheck("y", y.length, init.ny, source);
  const dwell = init.dwell ? Float64Array.from(init.dwell) : new Float64Array(init.nE).fill(1);
  lengthCheck("dwell", dwell.length, init.nE, source);
  return {
    data: init.data,
    nE: init.nE,
    ny: init.ny,
    nx: init.nx,
    energies: Float64Array.from(init.energies),
    x,
    y,
    dwell,
    quantity: init.quantity ?? "counts",
    channel: init.channel ?? "",
    scanType: init.scanType ?? (init.nE > 1 ? "stack" : "image"),
    source,
    metadata: { ...(init.metadata ?? {}) },
  };
}

/**
 * The image at energy index `e` as a view (no copy), shape `[ny, nx]`.
 * @throws RangeError when `e` is outside `[0, nE)`.
 */
export function imageAt(stack: Stack, e: number): Float64Array | Float32Array {
  if (!Number.isInteger(e) || e < 0 || e >= stack.nE) {
    throw new RangeError(`imageAt: energy index ${e} is outside [0, ${stack.nE})`);
  }
  const n = stack.ny * stack.nx;
  return stack.data.subarray(e * n, (e + 1) * n);
}
