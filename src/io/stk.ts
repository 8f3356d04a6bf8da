/**
 * Stony Brook `.stk` stacks (stack_analyze; XDR, i.e. big-endian):
 * `int32 ncols, nrows, nev; float32 x[ncols], y[nrows], ev[nev], dwell_ms[nev], data[…]`,
 * data with x fastest, then y, then energy.
 *
 * @module
 */
import { makeStack, type Stack } from "../types/stack";
import { baseName, checkOptions, checkSize, fail, nonFinitePolicy, DEFAULT_MAX_VALUES } from "./errors";
import { readRegularFile, readRegularHead, regularFileSize } from "./readRegularFile";
import { READ_OPTION_KEYS, type ReadOptions } from "./scan";

/** Options of {@link parseStk} and {@link readStk}. */
export type StkOptions = ReadOptions;

/** The header of a `.stk`: sizes, and the file size they imply. */
function stkHeader(bytes: Uint8Array, file: string, maxValues: number): { nx: number; ny: number; nE: number; n: number; want: number } {
  if (bytes.length < 12) fail(file, "header", "12 bytes (int32 ncols, nrows, nev, big-endian)", `${bytes.length} bytes`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nx = dv.getInt32(0, false);
  const ny = dv.getInt32(4, false);
  const nE = dv.getInt32(8, false);
  if (nx < 1 || ny < 1 || nE < 1) fail(file, "header (ncols nrows nev)", "positive integers", `${nx} ${ny} ${nE}`);
  const n = checkSize(file, "header (ncols × nrows × nev)", [nE, ny, nx], maxValues);
  return { nx, ny, nE, n, want: 12 + 4 * (nx + ny + 2 * nE + n) };
}

/**
 * Parse a `.stk` file. Positions and energies must be finite and dwell times finite and >= 0
 * (an error names the field, index and value); a dwell of 0 or an energy <= 0 (not recorded) is
 * kept and warned about in `metadata.warnings`, as are x or y positions that are all the same.
 *
 * @param bytes the whole file.
 * @param options `{ name, rejectNonFinite, maxValues }`.
 * @returns the stack, shape `[nE, ny, nx]`, energies in eV, x/y in µm, dwell in ms.
 * @throws StxmFileError e.g. `a.stk: size: expected 140 bytes for 4 × 3 × 2 (ncols × nrows × nev), got 100`.
 * @example
 * const s = parseStk(readFileSync("a.stk"), { name: "a.stk" });
 */
export function parseStk(bytes: Uint8Array, options: StkOptions = {}): Stack {
  checkOptions("parseStk", options, READ_OPTION_KEYS);
  const name = options.name ?? "stack.stk";
  const file = baseName(name);
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`parseStk (${file}): expected the file's bytes as a Uint8Array, got ${typeof bytes}`);
  const { nx, ny, nE, n, want } = stkHeader(bytes, file, options.maxValues ?? DEFAULT_MAX_VALUES);
  if (bytes.length !== want) {
    fail(file, "size", `${want} bytes for ${nx} × ${ny} × ${nE} (ncols × nrows × nev)`, `${bytes.length}${bytes.length < want ? " (truncated file?)" : ""}`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let off = 12;
  const read = (k: number, field?: string, what?: string, min?: number): Float64Array => {
    const a = new Float64Array(k);
    for (let i = 0; i < k; i++, off += 4) {
      const v = dv.getFloat32(off, false);
      if (field !== undefined && (!Number.isFinite(v) || (min !== undefined && v < min))) fail(file, `${field}[${i}] (byte ${off})`, what ?? "a finite number", String(v));
      a[i] = v;
    }
    return a;
  };
  const x = read(nx, "x", "a finite position (µm)");
  const y = read(ny, "y", "a finite position (µm)");
  const energies = read(nE, "energies", "a finite energy (eV)");
  const dwell = read(nE, "dwell", "a dwell time in ms (a finite number >= 0)", 0);
  const data = read(n);
  const warnings: string[] = [];
  const zero = dwell.reduce((c, d) => c + (d === 0 ? 1 : 0), 0);
  if (zero > 0) warnings.push(`${file}: dwell 0 ms (not recorded) for ${zero} of ${nE} energies; kept as 0`);
  const nonPositive = energies.reduce((c, e) => c + (e <= 0 ? 1 : 0), 0);
  if (nonPositive > 0) warnings.push(`${file}: energy <= 0 eV for ${nonPositive} of ${nE} energies (not recorded?); kept as read`);
  if (nx > 1 && x.every((v) => v === x[0])) warnings.push(`${file}: all ${nx} x positions are ${x[0]} (not recorded?)`);
  if (ny > 1 && y.every((v) => v === y[0])) warnings.push(`${file}: all ${ny} y positions are ${y[0]} (not recorded?)`);
  return makeStack({
    data,
    nE,
    ny,
    nx,
    energies,
    x,
    y,
    dwell,
    source: name,
    metadata: { format: "stk", region: 0, channelIndex: 0, warnings, nonFiniteCount: nonFinitePolicy(file, "data", data, options.rejectNonFinite ?? false) },
  });
}

/**
 * Read a `.stk` file from disk. Only a regular file is read, and only when its size is exactly
 * what its 12-byte header describes (checked before the rest is read).
 *
 * @param path the `.stk` file.
 * @param options `{ name, rejectNonFinite, maxValues }`.
 * @returns the stack (see {@link parseStk}).
 * @throws StxmFileError naming the file.
 * @example
 * const s = readStk("data/a.stk");
 */
export function readStk(path: string, options: StkOptions = {}): Stack {
  checkOptions("readStk", options, READ_OPTION_KEYS);
  const name = options.name ?? path;
  const field = "Stony Brook stack (.stk)";
  const head = readRegularHead(path, 12, { field });
  const { nx, ny, nE, want } = stkHeader(head, path, options.maxValues ?? DEFAULT_MAX_VALUES);
  const size = regularFileSize(path, { field });
  if (size !== want) fail(path, "size", `${want} bytes for ${nx} × ${ny} × ${nE} (ncols × nrows × nev)`, `${size}${size < want ? " (truncated file?)" : ""}`);
  return parseStk(readRegularFile(path, { field, maxBytes: want }), { ...options, name });
}

/**
 * Encode a stack as `.stk` bytes (all values as big-endian float32).
 * @example
 * writeFileSync("a.stk", formatStk(stack));
 */
export function formatStk(stack: Stack): Uint8Array {
  const { nE, ny, nx } = stack;
  const out = new Uint8Array(12 + 4 * (nx + ny + 2 * nE + stack.data.length));
  const dv = new DataView(out.buffer);
  dv.setInt32(0, nx, false);
  dv.setInt32(4, ny, false);
  dv.setInt32(8, nE, false);
  let off = 12;
  for (const arr of [stack.x, stack.y, stack.energies, stack.dwell, stack.data]) {
    for (let i = 0; i < arr.length; i++, off += 4) dv.setFloat32(off, arr[i], false);
  }
  return out;
}
