/**
 * aXis2000 `.ncb` + `.dat` stacks. The `.dat` (text) holds the shape, a scale, the x/y
 * ranges and the energies; the `.ncb` (little-endian binary, no header) holds the values,
 * x fastest, then y, then energy: float32 when `scale < 0`, else int16 with value = raw / scale.
 *
 * @module
 */
import { readFileSync, existsSync } from "node:fs";
import { makeStack, type Stack } from "../types/stack";
import { StxmFileError, baseName, checkOptions, checkSize, fail, nonFinitePolicy, DEFAULT_MAX_VALUES } from "./errors";
import { READ_OPTION_KEYS, type ReadOptions } from "./scan";

/** Options of {@link parseNcb} and {@link readNcb}. */
export type NcbOptions = ReadOptions;

/** Options of {@link formatNcb}. */
export interface NcbWriteOptions {
  /**
   * "auto" (default) follows aXis2000: int16 with scale `10^(3 − trunc(log10 max|v|))` when
   * max|v| > 3e4 or < 1e3, else float32; "float32" always writes float32 (exact for float32 values);
   * "int16" always writes scaled int16.
   */
  encoding?: "auto" | "float32" | "int16";
}

interface DatInfo {
  nx: number;
  ny: number;
  scale: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  energies: Float64Array;
  dwell: Float64Array | undefined;
  names: string[];
}

function parseDat(text: string, file: string, maxValues: number): DatInfo {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  const nums = (i: number, n: number, what: string): number[] => {
    if (i >= lines.length) fail(file, `line ${i + 1}`, what, "end of file");
    const t = lines[i].split(/[\s,]+/).map(Number);
    if (t.length < n || t.slice(0, n).some((v) => !Number.isFinite(v))) fail(file, `line ${i + 1}`, what, `"${lines[i]}"`);
    return t;
  };
  const [nx, ny, scale] = nums(0, 3, "ncols nrows scale");
  if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 1 || ny < 1) fail(file, "line 1 (ncols nrows)", "positive integers", `${nx} ${ny}`);
  const [x0, x1] = nums(1, 2, "x_start x_stop (µm)");
  const [y0, y1] = nums(2, 2, "y_start y_stop (µm)");
  const [nE] = nums(3, 1, "the number of energies");
  if (!Number.isInteger(nE) || nE < 1) fail(file, "line 4 (number of energies)", "a positive integer", String(nE));
  checkSize(file, "line 1 and line 4 (ncols × nrows × energies)", [nE, ny, nx], maxValues);
  if (lines.length < 4 + nE) fail(file, "energies", `${nE} energy lines after line 4`, `${lines.length - 4}`);
  const energies = new Float64Array(nE);
  for (let e = 0; e < nE; e++) energies[e] = nums(4 + e, 1, "an energy (eV)")[0];
  let dwell: Float64Array | undefined;
  const names: string[] = [];
  if (lines.length >= 4 + 2 * nE) {
    dwell = new Float64Array(nE);
    for (let e = 0; e < nE; e++) {
      const t = lines[4 + nE + e].split(/\s+/);
      const d = Number(t[t.length - 1]);
      names.push(t[0]);
      if (t.length < 3 || !Number.isFinite(d)) {
        dwell = undefined;
        break;
      }
      dwell[e] = d;
    }
  }
  return { nx, ny, scale, x0, x1, y0, y1, energies, dwell, names };
}

function linspace(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = n === 1 ? a : a + (i * (b - a)) / (n - 1);
  return out;
}

/**
 * Parse an aXis2000 stack from the `.ncb` bytes and the `.dat` text.
 * Axes given as start > stop (reversed) are flipped so that `x` and `y` increase.
 *
 * @param ncb the `.ncb` bytes.
 * @param dat the `.dat` text.
 * @param options `{ name, rejectNonFinite, maxValues }` (name: the `.ncb` file name).
 * @returns the stack, shape `[nE, ny, nx]`, energies in eV, x/y in µm, dwell in ms (1 when absent).
 * @throws StxmFileError e.g. `a.ncb: size: expected 96 bytes (2 × 3 × 4 float32 values, scale < 0 in a.dat), got 90`.
 * @example
 * const s = parseNcb(readFileSync("a.ncb"), readFileSync("a.dat", "latin1"), { name: "a.ncb" });
 */
export function parseNcb(ncb: Uint8Array, dat: string, options: NcbOptions = {}): Stack {
  checkOptions("parseNcb", options, READ_OPTION_KEYS);
  const name = options.name ?? "stack.ncb";
  const file = baseName(name);
  const datFile = file.replace(/\.ncb$/i, "") + ".dat";
  const info = parseDat(dat, datFile, options.maxValues ?? DEFAULT_MAX_VALUES);
  const { nx, ny, scale } = info;
  const nE = info.energies.length;
  const n = nE * ny * nx;
  const isFloat = scale < 0;
  const want = n * (isFloat ? 4 : 2);
  if (ncb.length !== want) {
    fail(file, "size", `${want} bytes (${nE} × ${ny} × ${nx} ${isFloat ? "float32" : "int16"} values, scale ${isFloat ? "< 0" : ">= 0"} in ${datFile})`, `${ncb.length}${ncb.length < want ? " (truncated file?)" : ""}`);
  }
  if (!isFloat && scale === 0) fail(datFile, "line 1 (scale)", "a non-zero scale", "0");
  const dv = new DataView(ncb.buffer, ncb.byteOffset, ncb.byteLength);
  const flipX = info.x0 > info.x1;
  const flipY = info.y0 > info.y1;
  const data = new Float64Array(n);
  for (let e = 0; e < nE; e++) {
    for (let y = 0; y < ny; y++) {
      const yo = flipY ? ny - 1 - y : y;
      for (let x = 0; x < nx; x++) {
        const xo = flipX ? nx - 1 - x : x;
        const i = (e * ny + y) * nx + x;
        data[(e * ny + yo) * nx + xo] = isFloat ? dv.getFloat32(i * 4, true) : dv.getInt16(i * 2, true) / scale;
      }
    }
  }
  const xs = flipX ? linspace(info.x1, info.x0, nx) : linspace(info.x0, info.x1, nx);
  const ys = flipY ? linspace(info.y1, info.y0, ny) : linspace(info.y0, info.y1, ny);
  return makeStack({
    data,
    nE,
    ny,
    nx,
    energies: info.energies,
    x: xs,
    y: ys,
    dwell: info.dwell,
    source: name,
    metadata: {
      format: "ncb",
      region: 0,
      channelIndex: 0,
      scale,
      encoding: isFloat ? "float32" : "int16",
      flippedX: flipX,
      flippedY: flipY,
      imageNames: info.names,
      nonFiniteCount: nonFinitePolicy(file, "data", data, options.rejectNonFinite ?? false),
    },
  });
}

/**
 * Read an aXis2000 stack: `path` is the `.ncb` (or the `.dat`); the other file has the same base name.
 *
 * @example
 * const s = readNcb("data/stack.ncb"); // s.data [nE, ny, nx]
 */
export function readNcb(path: string, options: NcbOptions = {}): Stack {
  checkOptions("readNcb", options, READ_OPTION_KEYS);
  const base = path.replace(/\.(ncb|dat)$/i, "");
  const datPath = existsSync(`${base}.dat`) ? `${base}.dat` : `${base}.DAT`;
  const ncbPath = existsSync(`${base}.ncb`) ? `${base}.ncb` : `${base}.NCB`;
  if (!existsSync(datPath)) throw new StxmFileError(baseName(ncbPath), ".dat", `expected the companion file ${baseName(base)}.dat beside it, found none`);
  return parseNcb(new Uint8Array(readFileSync(ncbPath)), readFileSync(datPath, "latin1"), { ...options, name: options.name ?? ncbPath });
}

/**
 * Encode a stack as aXis2000 `.ncb` bytes and `.dat` text. Positions are written as their
 * first and last values (aXis2000 assumes evenly spaced pixels).
 *
 * @returns `{ ncb, dat }`.
 * @example
 * const { ncb, dat } = formatNcb(stack, { encoding: "float32" });
 */
export function formatNcb(stack: Stack, options: NcbWriteOptions = {}): { ncb: Uint8Array; dat: string } {
  checkOptions("formatNcb", options, ["encoding"]);
  const enc = options.encoding ?? "auto";
  if (!["auto", "float32", "int16"].includes(enc)) throw new TypeError(`formatNcb: option encoding must be "auto", "float32" or "int16", got "${enc}"`);
  const { data, nE, ny, nx } = stack;
  let test = 0;
  for (let i = 0; i < data.length; i++) test = Math.max(test, Math.abs(data[i]));
  const useInt = enc === "int16" || (enc === "auto" && (test > 3e4 || test < 1e3));
  let scale = -1;
  let ncb: Uint8Array;
  if (useInt) {
    scale = test > 0 && Number.isFinite(test) ? 10 ** (3 - Math.trunc(Math.log10(test))) : 1;
    ncb = new Uint8Array(data.length * 2);
    const dv = new DataView(ncb.buffer);
    for (let i = 0; i < data.length; i++) dv.setInt16(i * 2, Math.max(-32768, Math.min(32767, Math.round(data[i] * scale))), true);
  } else {
    ncb = new Uint8Array(data.length * 4);
    const dv = new DataView(ncb.buffer);
    for (let i = 0; i < data.length; i++) dv.setFloat32(i * 4, data[i], true);
  }
  const lines = [
    `\t${nx}\t${ny}\t${scale.toFixed(6)}`,
    `\t${stack.x[0]}\t${stack.x[nx - 1]}`,
    `\t${stack.y[0]}\t${stack.y[ny - 1]}`,
    `\t${nE}`,
    ...Array.from(stack.energies, (e) => `\t${e}`),
    ...Array.from(stack.energies, (e, i) => `image${i}\t${e}\t${stack.dwell[i]}`),
  ];
  return { ncb, dat: lines.join("\n") + "\n" };
}
