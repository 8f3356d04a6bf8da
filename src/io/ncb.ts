/**
 * aXis2000 `.ncb` + `.dat` stacks. The `.dat` (text) holds the shape, a scale, the x/y
 * ranges and the energies; the `.ncb` (little-endian binary, no header) holds the values,
 * x fastest, then y, then energy: float32 when `scale < 0`, else int16 with value = raw / scale.
 *
 * @module
 */
import { makeStack, type Stack } from "../types/stack";
import { StxmFileError, baseName, checkOptions, checkSize, fail, nonFinitePolicy, DEFAULT_MAX_VALUES } from "./errors";
import { decodeText, pathEntryExists, readRegularFile, regularFileSize } from "./readRegularFile";
import { parseDecimal, withoutByteOrderMark } from "./textValues";
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

/** Largest `.dat` read (16 MiB): the text lists the shape and two lines per energy. */
export const MAX_DAT_BYTES = 16 * 2 ** 20;

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
  warnings: string[];
}

function parseDat(text: string, file: string, maxValues: number): DatInfo {
  const body = withoutByteOrderMark(text);
  const lines = body.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
  const warnings: string[] = [];
  const nums = (i: number, n: number, what: string): number[] => {
    if (i >= lines.length) fail(file, `line ${i + 1}`, what, "end of file");
    const t = lines[i].split(/[\s,]+/).map(parseDecimal);
    if (t.length < n || t.slice(0, n).some((v) => !Number.isFinite(v))) fail(file, `line ${i + 1}`, what, `"${lines[i]}"`);
    return t;
  };
  // A number cut short at the end of the file still parses: require the line end after the last line.
  if (lines.length > 0 && !/[\s]$/.test(body)) fail(file, `line ${lines.length}`, "a line end after the last line", "the end of the file in the middle of it (truncated file?)");
  const [nx, ny, scale] = nums(0, 3, "ncols nrows scale");
  if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 1 || ny < 1) fail(file, "line 1 (ncols nrows)", "positive integers", `${nx} ${ny}`);
  if (scale === 0) fail(file, "line 1 (scale)", "a non-zero scale (< 0: float32 values; > 0: int16 values divided by it)", "0");
  const [x0, x1] = nums(1, 2, "x_start x_stop (µm)");
  const [y0, y1] = nums(2, 2, "y_start y_stop (µm)");
  const [nE] = nums(3, 1, "the number of energies");
  if (!Number.isInteger(nE) || nE < 1) fail(file, "line 4 (number of energies)", "a positive integer", String(nE));
  checkSize(file, "line 1 and line 4 (ncols × nrows × energies)", [nE, ny, nx], maxValues);
  if (lines.length < 4 + nE) fail(file, "energies", `${nE} energy lines after line 4`, `${lines.length - 4}${lines.length > 4 ? " (truncated file?)" : ""}`);
  const energies = new Float64Array(nE);
  for (let e = 0; e < nE; e++) energies[e] = nums(4 + e, 1, "an energy in eV (a finite number)")[0];
  let dwell: Float64Array | undefined;
  const names: string[] = [];
  const extra = lines.length - 4 - nE;
  if (extra === 0) {
    warnings.push(`${file}: no "<name> <energy> <dwell>" lines; dwell set to 1 ms`);
  } else if (extra < nE) {
    fail(file, `line ${lines.length}`, `${nE} "<name> <energy> <dwell>" lines after the energies (or none)`, `${extra} (truncated file?)`);
  } else {
    if (extra > nE) warnings.push(`${file}: ${extra - nE} line${extra - nE === 1 ? "" : "s"} after the ${nE} "<name> <energy> <dwell>" lines ignored`);
    dwell = new Float64Array(nE);
    const zero: number[] = [];
    let differ = 0;
    let example = "";
    for (let e = 0; e < nE; e++) {
      const i = 4 + nE + e;
      const t = lines[i].split(/\s+/);
      if (t.length < 3) fail(file, `line ${i + 1}`, '"<name> <energy in eV> <dwell in ms>"', `"${lines[i]}"`);
      const en = parseDecimal(t[t.length - 2]);
      const d = parseDecimal(t[t.length - 1]);
      if (!Number.isFinite(en)) fail(file, `line ${i + 1} (energy)`, "a finite energy in eV", `"${t[t.length - 2]}"`);
      if (!Number.isFinite(d) || d < 0) fail(file, `line ${i + 1} (dwell)`, "a dwell time in ms (a finite number >= 0)", `"${t[t.length - 1]}"`);
      names.push(t.slice(0, t.length - 2).join(" "));
      dwell[e] = d;
      if (d === 0) zero.push(e);
      if (Math.abs(en - energies[e]) > 0.01) {
        if (differ === 0) example = `line ${i + 1}: ${en} vs ${energies[e]} on line ${5 + e}`;
        differ++;
      }
    }
    if (zero.length > 0) warnings.push(`${file}: dwell 0 ms (not recorded) for ${zero.length} of ${nE} energies; kept as 0`);
    if (differ > 0) warnings.push(`${file}: the energies of the "<name> <energy> <dwell>" lines and the energy list disagree in ${differ} of ${nE} (${example}); used the energy list`);
  }
  const nonPositive = energies.reduce((c, e) => c + (e <= 0 ? 1 : 0), 0);
  if (nonPositive > 0) warnings.push(`${file}: energy <= 0 eV for ${nonPositive} of ${nE} energies (not recorded?); kept as read`);
  if (nx > 1 && x0 === x1) warnings.push(`${file}: x_start = x_stop = ${x0} with ${nx} columns; every x position is the same`);
  if (ny > 1 && y0 === y1) warnings.push(`${file}: y_start = y_stop = ${y0} with ${ny} rows; every y position is the same`);
  return { nx, ny, scale, x0, x1, y0, y1, energies, dwell, names, warnings };
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
  if (!(ncb instanceof Uint8Array)) throw new TypeError(`parseNcb (${file}): expected the .ncb bytes as a Uint8Array, got ${typeof ncb}`);
  if (typeof dat !== "string") throw new TypeError(`parseNcb (${file}): expected the .dat text as a string, got ${typeof dat}`);
  const info = parseDat(dat, datFile, options.maxValues ?? DEFAULT_MAX_VALUES);
  const { nx, ny, scale } = info;
  const nE = info.energies.length;
  const n = nE * ny * nx;
  const isFloat = scale < 0;
  const want = n * (isFloat ? 4 : 2);
  if (ncb.length !== want) {
    fail(file, "size", `${want} bytes (${nE} × ${ny} × ${nx} ${isFloat ? "float32" : "int16"} values, scale ${isFloat ? "< 0" : "> 0"} in ${datFile})`, `${ncb.length}${ncb.length < want ? " (truncated file?)" : ""}`);
  }
  const warnings = [...info.warnings];
  const dv = new DataView(ncb.buffer, ncb.byteOffset, ncb.byteLength);
  const flipX = info.x0 > info.x1;
  const flipY = info.y0 > info.y1;
  const data = new Float64Array(n);
  let atLimit = 0;
  for (let e = 0; e < nE; e++) {
    for (let y = 0; y < ny; y++) {
      const yo = flipY ? ny - 1 - y : y;
      for (let x = 0; x < nx; x++) {
        const xo = flipX ? nx - 1 - x : x;
        const i = (e * ny + y) * nx + x;
        let v: number;
        if (isFloat) v = dv.getFloat32(i * 4, true);
        else {
          const raw = dv.getInt16(i * 2, true);
          if (raw === 32767 || raw === -32768) atLimit++;
          v = raw / scale;
        }
        data[(e * ny + yo) * nx + xo] = v;
      }
    }
  }
  if (atLimit > 0) warnings.push(`${file}: ${atLimit} int16 value${atLimit === 1 ? "" : "s"} at the int16 limit (32767 or -32768): may have been clipped when written`);
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
      warnings,
      nonFiniteCount: nonFinitePolicy(file, "data", data, options.rejectNonFinite ?? false),
    },
  });
}

/** The path of a companion file (`<base>.<ext>`, lower or upper case) that exists as a directory entry, else undefined. */
function companion(base: string, ext: string): string | undefined {
  return [`${base}.${ext}`, `${base}.${ext.toUpperCase()}`].find(pathEntryExists);
}

/**
 * Read an aXis2000 stack: `path` is the `.ncb` (or the `.dat`); the other file has the same base
 * name (extension in lower or upper case). Only regular files are read; the `.dat` is read first
 * (at most {@link MAX_DAT_BYTES}) and the `.ncb` only when its size is exactly what the `.dat`
 * describes.
 *
 * @param path the `.ncb` or `.dat` file.
 * @param options `{ name, rejectNonFinite, maxValues }`.
 * @returns the stack `[nE, ny, nx]` (see {@link parseNcb}); `metadata.warnings` lists what was noticed.
 * @throws StxmFileError naming the file: a missing companion (and why it is needed), a file that
 *   is not a regular file, a size that disagrees with the `.dat`.
 * @example
 * const s = readNcb("data/stack.ncb"); // s.data [nE, ny, nx]
 */
export function readNcb(path: string, options: NcbOptions = {}): Stack {
  checkOptions("readNcb", options, READ_OPTION_KEYS);
  if (typeof path !== "string" || !/\.(ncb|dat)$/i.test(path)) throw new TypeError(`readNcb: expected the path of a .ncb or .dat file, got ${JSON.stringify(path)}`);
  const givenDat = /\.dat$/i.test(path);
  const base = path.slice(0, -4);
  // The file named by the caller first, so that its own faults are reported under its name.
  regularFileSize(path, { field: givenDat ? "aXis2000 header (.dat)" : "aXis2000 data (.ncb)" });
  const datPath = givenDat ? path : companion(base, "dat");
  const ncbPath = givenDat ? companion(base, "ncb") : path;
  if (datPath === undefined) {
    throw new StxmFileError(path, "companion .dat", `expected ${baseName(base)}.dat beside it (it holds the image size, scale and energies needed to read the .ncb), found none`);
  }
  if (ncbPath === undefined) {
    throw new StxmFileError(path, "companion .ncb", `expected ${baseName(base)}.ncb beside it (it holds the image values that the .dat describes), found none`);
  }
  const name = options.name ?? ncbPath;
  const dat = decodeText(readRegularFile(datPath, { field: "aXis2000 header (.dat)", maxBytes: MAX_DAT_BYTES }));
  // Check the .dat and find the .ncb size it justifies before reading the .ncb.
  const info = parseDat(dat, baseName(datPath), options.maxValues ?? DEFAULT_MAX_VALUES);
  const want = info.energies.length * info.ny * info.nx * (info.scale < 0 ? 4 : 2);
  const size = regularFileSize(ncbPath, { field: "aXis2000 data (.ncb)" });
  if (size !== want) {
    fail(
      ncbPath,
      "size",
      `${want} bytes (${info.energies.length} × ${info.ny} × ${info.nx} ${info.scale < 0 ? "float32" : "int16"} values, as ${baseName(datPath)} describes)`,
      `${size}${size < want ? " (truncated file?)" : ""}`,
    );
  }
  const ncb = readRegularFile(ncbPath, { field: "aXis2000 data (.ncb)", maxBytes: want });
  return parseNcb(ncb, dat, { ...options, name });
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
