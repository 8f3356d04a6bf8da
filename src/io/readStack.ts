/**
 * One entry point for every STXM format: choose the reader by magic bytes, then extension.
 *
 * @module
 */
import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Stack } from "../types/stack";
import { StxmFileError, baseName, checkOptions, fail } from "./errors";
import { readNcb } from "./ncb";
import { decodeText, fileSystemError, listDirectory, pathEntryExists, readRegularHead } from "./readRegularFile";
import { hasHdf5Signature, signatureHint } from "./h5Signature";
import { readNxstxm } from "./nxstxm";
import { READ_OPTION_KEYS, type ReadOptions, type StxmFormat, type StxmScan } from "./scan";
import { readSdf, type SdfSelection } from "./sdf";
import { readStk } from "./stk";

/** Options of {@link readStack}: the read options plus which stack of the scan to return. */
export interface ReadStackOptions extends ReadOptions {
  /** Region index, 0-based (default 0). */
  region?: number;
  /** Channel: 0-based index, or name (e.g. "counter0", "V/F"). Default 0. */
  channel?: number | string;
  /** Read only part of the stack (SDF and NXstxm files): see {@link StackSelection}. */
  select?: StackSelection;
}

/**
 * Part of a stack to read, the same for SDF and NXstxm files: an energy range in eV (inclusive),
 * rows `[start, end)` and columns `[start, end)` (0-based). Omitted parts are read whole.
 */
export type StackSelection = SdfSelection;

/** The first `n` bytes of a regular file; a directory gets a message listing what to pass instead. */
function head(path: string, n: number): Uint8Array {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw fileSystemError(path, "file", e);
  }
  if (isDir) throw new StxmFileError(path, "file", "is a directory; expected a scan file (.hdr, .hdf5/.h5/.nxs, .ncb/.dat or .stk); pass one of the files inside it");
  return readRegularHead(path, n, { field: "file" });
}

/**
 * The format of an STXM file, from its first bytes (HDF5 signature, SDF header text) and
 * then its extension (`.hdr`/`.xim` → sdf, `.hdf5`/`.h5`/`.nxs` → nxstxm, `.ncb`/`.dat` → ncb, `.stk` → stk).
 * Reads at most 1024 bytes, and only from a regular file (a FIFO, device, directory, dangling
 * link or link loop is an error naming the path).
 *
 * @returns the format.
 * @throws StxmFileError when neither the bytes nor the extension say.
 * @example
 * detectStxmFormat("scan.hdr"); // "sdf"
 */
export function detectStxmFormat(path: string): StxmFormat {
  const file = baseName(path);
  const b = head(path, 1024);
  if (hasHdf5Signature(b)) return "nxstxm";
  const ext = (/\.([^.]+)$/.exec(file)?.[1] ?? "").toLowerCase();
  if (ext === "hdr" || ext === "xim") return "sdf";
  if (ext === "ncb" || ext === "dat") return "ncb";
  if (ext === "stk") return "stk";
  if (["hdf5", "h5", "nxs", "nx5", "hdf", "stxm"].includes(ext)) return "nxstxm"; // will fail with a signature error
  const text = decodeText(b);
  if (/^\s*(ScanDefinition|ImageScan|Image\d{3}_\d+)\s*=\s*\{/.test(text)) return "sdf";
  fail(file, "format", "an STXM file (.hdr/.xim, NXstxm HDF5, .ncb/.dat or .stk)", `extension ".${ext}" and first bytes that match none of them${signatureHint(b)}`);
}

/** The `.hdr` of an `.xim` data file (`<base>_a003.xim` → `<base>.hdr`). */
function headerOf(ximPath: string): string {
  const dir = dirname(ximPath);
  const f = baseName(ximPath);
  const m = /^(.*)_[a-z]\d*\.xim$/i.exec(f);
  const cand = m ? join(dir, `${m[1]}.hdr`) : "";
  if (cand && pathEntryExists(cand)) return cand;
  const hdrs = listDirectory(dir, { field: `directory of ${f} (listed for its .hdr)` }).filter((h) => /\.hdr$/i.test(h) && f.startsWith(h.slice(0, -4) + "_"));
  if (hdrs.length === 0) throw new StxmFileError(ximPath, "header", `expected the scan header ${m ? `${m[1]}.hdr` : "<base>.hdr"} beside it (it holds the energies and axes of the images), found none`);
  return join(dir, hdrs.sort((a, b) => b.length - a.length)[0]);
}

/** The warnings a single-stack reader put in `metadata.warnings`. */
function warningsOf(s: Stack): string[] {
  const w = s.metadata["warnings"];
  return Array.isArray(w) ? w.filter((x): x is string => typeof x === "string") : [];
}

/**
 * Read every stack of an STXM file, whatever its format.
 *
 * @param path a `.hdr` (or one of its `.xim`), an NXstxm `.hdf5`, an `.ncb` (or `.dat`), or a `.stk`.
 * @param options `{ name, rejectNonFinite, maxValues, select }`; `select` (SDF and NXstxm only) reads
 *   an energy range and/or a rectangle of rows and columns (see {@link StackSelection}).
 * @returns the scan: one stack per region × channel.
 * @example
 * const scan = await readStxm("Sample_Stack_2021-03-16_128.hdf5");
 */
export async function readStxm(path: string, options: ReadOptions & { select?: StackSelection } = {}): Promise<StxmScan> {
  checkOptions("readStxm", options, [...READ_OPTION_KEYS, "select"]);
  const fmt = detectStxmFormat(path);
  if (options.select !== undefined && (fmt === "ncb" || fmt === "stk")) {
    throw new StxmFileError(baseName(options.name ?? path), "select", `reading part of a stack is supported for SDF (.hdr/.xim) and NXstxm files; a .${fmt} file is read whole (drop the select option)`);
  }
  switch (fmt) {
    case "nxstxm":
      return readNxstxm(path, options);
    case "sdf":
      return readSdf(/\.xim$/i.test(path) ? headerOf(path) : path, options);
    case "ncb": {
      const s = readNcb(path, options);
      return { format: "ncb", source: s.source, stacks: [s], metadata: {}, warnings: warningsOf(s) };
    }
    case "stk": {
      const s = readStk(path, options);
      return { format: "stk", source: s.source, stacks: [s], metadata: {}, warnings: warningsOf(s) };
    }
  }
}

/**
 * Read one stack from an STXM file, whatever its format (see {@link readStxm}).
 *
 * @param path the file.
 * @param options read options plus `region` (default 0), `channel` (index or name, default 0) and
 *   `select` (part of the stack: `{ energyRange, rows, columns }`; SDF and NXstxm only).
 * @returns the stack `[nE, ny, nx]`.
 * @throws StxmFileError when the region or channel does not exist (the message lists those that do).
 * @example
 * const s = await readStack("stxm-scan.hdr");
 * const c1 = await readStack("scan.hdf5", { channel: "counter1" });
 */
export async function readStack(path: string, options: ReadStackOptions = {}): Promise<Stack> {
  checkOptions("readStack", options, [...READ_OPTION_KEYS, "region", "channel", "select"]);
  const { region = 0, channel = 0, ...rest } = options;
  const scan = await readStxm(path, rest);
  const inRegion = scan.stacks.filter((s) => (s.metadata["region"] ?? 0) === region);
  const file = baseName(options.name ?? path);
  const list = scan.stacks.map((s) => `region ${String(s.metadata["region"] ?? 0)} channel ${String(s.metadata["channelIndex"] ?? 0)} "${s.channel}"`).join(", ");
  if (inRegion.length === 0) fail(file, "region", `region ${region} (the file has: ${list})`, "no such region");
  const hit = typeof channel === "number" ? inRegion[channel] : inRegion.find((s) => s.channel === channel);
  if (!hit) fail(file, "channel", `channel ${JSON.stringify(channel)} in region ${region} (the file has: ${list})`, "no such channel");
  return hit;
}
