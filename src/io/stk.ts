/**
 * Stony Brook `.stk` stacks (stack_analyze; XDR, i.e. big-endian):
 * `int32 ncols, nrows, nev; float32 x[ncols], y[nrows], ev[nev], dwell_ms[nev], data[…]`,
 * data with x fastest, then y, then energy.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { makeStack, type Stack } from "../types/stack";
import { baseName, checkOptions, checkSize, fail, nonFinitePolicy, DEFAULT_MAX_VALUES } from "./errors";
import { READ_OPTION_KEYS, type ReadOptions } from "./scan";

/** Options of {@link parseStk} and {@link readStk}. */
export type StkOptions = ReadOptions;

/**
 * Parse a `.stk` file.
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
  if (bytes.length < 12) fail(file, "header", "12 bytes (int32 ncols, nrows, nev, big-endian)", `${bytes.length} bytes`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const nx = dv.getInt32(0, false);
  const ny = dv.getInt32(4, false);
  const nE = dv.getInt32(8, false);
  if (nx < 1 || ny < 1 || nE < 1) fail(file, "header (ncols nrows nev)", "positive integers", `${nx} ${ny} ${nE}`);
  const n = checkSize(file, "header (ncols × nrows × nev)", [nE, ny, nx], options.maxValues ?? DEFAULT_MAX_VALUES);
  const want = 12 + 4 * (nx + ny + 2 * nE + n);
  if (bytes.length !== want) {
    fail(file, "size", `${want} bytes for ${nx} × ${ny} × ${nE} (ncols × nrows × nev)`, `${bytes.length}${bytes.length < want ? " (truncated file?)" : ""}`);
  }
  let off = 12;
  const read = (k: number): Float64Array => {
    const a = new Float64Array(k);
    for (let i = 0; i < k; i++, off += 4) a[i] = dv.getFloat32(off, false);
    return a;
  };
  const x = read(nx);
  const y = read(ny);
  const energies = read(nE);
  const dwell = read(nE);
  const data = read(n);
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
    metadata: { format: "stk", region: 0, channelIndex: 0, nonFiniteCount: nonFinitePolicy(file, "data", data, options.rejectNonFinite ?? false) },
  });
}

/**
 * Read a `.stk` file from disk.
 * @example
 * const s = readStk("data/a.stk");
 */
export function readStk(path: string, options: StkOptions = {}): Stack {
  checkOptions("readStk", options, READ_OPTION_KEYS);
  return parseStk(new Uint8Array(readFileSync(path)), { ...options, name: options.name ?? path });
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
