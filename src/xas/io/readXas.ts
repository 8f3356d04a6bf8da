/**
 * One entry point for XAS files: the format is found from the content, not the extension.
 * @module
 */
import { StxmFileError } from "../../io/errors";
import { readRegularHead } from "../../io/readRegularFile";
import { checkOptions } from "../../util/checkOptions";
import type { XasScan } from "../scan";
import { isGzip, readMaybeGzip } from "./gunzipFile";
import { hexHead, looksBinary } from "./textFile";
import { readXdi } from "./readXdi";
import { readColumnFile } from "./readColumnFile";
import { readSpec } from "./readSpec";
import { readAthena } from "./readAthena";
import { parseNumberToken } from "./numberTokens";

/** The XAS file formats {@link readXas} tells apart. */
export type XasFormat = "xdi" | "spec" | "athena" | "columns";

/** What {@link sniffXasFormat} found: the format and the evidence, in words. */
export interface XasFormatGuess {
  format: XasFormat;
  reason: string;
}

/** Options of {@link readXas}: a forced format, and the options of the reader it dispatches to. */
export interface ReadXasOptions {
  /** Read as this format, whatever the content looks like. */
  format?: XasFormat;
  /** XDI and column files: see {@link ReadXdiOptions.energyOrder}. */
  energyOrder?: "increasing" | "any";
  /** Column files: see {@link ReadColumnFileOptions.columns}. */
  columns?: Record<string, number | string>;
  /** Column files: see {@link ReadColumnFileOptions.names}. */
  names?: string[];
  /** SPEC files: the scan numbers to read. */
  scans?: number[];
}

const SNIFF_BYTES = 1 << 16;

/**
 * Which XAS format a file holds, from its first 64 kB (gzip data are decompressed first):
 * Athena (`# Athena project file` or a JSON object with `_____header` keys), XDI (first line
 * `# XDI/…`), SPEC (`#S <n>` and `#L` lines), else plain columns when it has rows of numbers.
 *
 * @throws StxmFileError naming the file and what it found when it is none of these (an empty
 *   file, binary data, an HDF5 file, gzip data that is not an Athena project, text without rows
 *   of numbers).
 * @example
 * sniffXasFormat("scan_0042.dat"); // { format: "spec", reason: "#S and #L lines (SPEC)" }
 */
export function sniffXasFormat(path: string): XasFormatGuess {
  let head = readRegularHead(path, SNIFF_BYTES, { field: "XAS file" });
  if (head.length === 0) throw new StxmFileError(path, "XAS file", "expected an XDI, SPEC, Athena project or column file, got an empty file (0 bytes)");
  let gz = false;
  if (isGzip(head)) {
    head = readMaybeGzip(path, "XAS file").bytes.subarray(0, SNIFF_BYTES);
    gz = true;
  }
  if (head[0] === 0x89 && head[1] === 0x48 && head[2] === 0x44 && head[3] === 0x46) {
    throw new StxmFileError(path, "XAS file", "expected an XDI, SPEC, Athena project or column file, got an HDF5 file (NeXus? read it with the NeXus/NXstxm readers)");
  }
  if (looksBinary(head)) throw new StxmFileError(path, "XAS file", `expected an XDI, SPEC, Athena project or column file (text), got binary data${gz ? " inside gzip" : ""} (first bytes ${hexHead(head)})`);
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString("latin1").replace(/^\u00ef\u00bb\u00bf/, "");
  const start = text.trimStart();
  if (/^# Athena project file/.test(start)) return { format: "athena", reason: `"# Athena project file" first line${gz ? " (gzip-compressed)" : ""}` };
  if (start.startsWith("{") && start.slice(0, 600).includes("_____header")) return { format: "athena", reason: `a JSON object with "_____header" keys (Larch's Athena project)${gz ? ", gzip-compressed" : ""}` };
  if (gz) throw new StxmFileError(path, "XAS file", `expected an Athena project inside the gzip data, got ${JSON.stringify(start.slice(0, 60))}`);
  const lines = text.split(/\r\n|\r|\n/);
  const firstLine = lines.find((l) => l.trim() !== "") ?? "";
  if (/^#\s*XDI\//i.test(firstLine.trim())) return { format: "xdi", reason: `first line "${firstLine.trim().slice(0, 40)}" (XDI)` };
  if (lines.some((l) => /^#S\s+\d+/.test(l)) && lines.some((l) => /^#L\s/.test(l))) return { format: "spec", reason: "#S and #L lines (SPEC)" };
  const numeric = lines.filter((l) => {
    const t = l.trim();
    if (t === "" || /^[#;%!]/.test(t)) return false;
    return t.split(/[\s,]+/).every((tok) => tok === "" || parseNumberToken(tok) !== undefined || /^\d{1,2}:\d{2}:\d{2}(\.\d+)?$/.test(tok) || /^\d{1,4}[/-]\d{1,2}[/-]\d{1,4}$/.test(tok));
  }).length;
  if (numeric >= 1) return { format: "columns", reason: `${numeric} rows of numbers in the first ${lines.length} lines (plain columns)` };
  throw new StxmFileError(path, "XAS file", `expected an XDI, SPEC, Athena project or column file, got text with no rows of numbers in its first ${lines.length} lines (first line: ${JSON.stringify(firstLine.slice(0, 60))})`);
}

/**
 * Read any XAS file edgeworks knows — XDI, SPEC, Athena project (Perl or JSON, gzipped or not),
 * plain columns — finding the format from the content ({@link sniffXasFormat}), never from the
 * extension. Returns the scans as a list: one for XDI and column files, one per scan of a SPEC
 * file, one per group of an Athena project (an {@link AthenaGroup}, with its `params`).
 *
 * @param path the file.
 * @param opts {@link ReadXasOptions}; an option that does not apply to the format found is an error.
 * @returns the scans; each has `format` set to what was read.
 * @throws StxmFileError as {@link sniffXasFormat} and the reader used.
 * @example
 * const [scan] = readXas("ni_metal_rt.xdi");            // XDI
 * const groups = readXas("FeO.prj");                    // Athena: one XasScan per group
 * const mu = scanSpectrum(groups[0], { mode: "mu" });
 */
export function readXas(path: string, opts: ReadXasOptions = {}): XasScan[] {
  checkOptions("readXas", opts, ["format", "energyOrder", "columns", "names", "scans"]);
  const { format: forced, ...rest } = opts;
  if (forced !== undefined && !["xdi", "spec", "athena", "columns"].includes(forced)) {
    throw new Error(`readXas: option format must be "xdi", "spec", "athena" or "columns", got ${JSON.stringify(forced)}`);
  }
  const guess = forced !== undefined ? { format: forced, reason: "option format" } : sniffXasFormat(path);
  const applies: Record<XasFormat, string[]> = { xdi: ["energyOrder"], columns: ["energyOrder", "columns", "names"], spec: ["scans"], athena: [] };
  for (const k of Object.keys(rest)) {
    if (!applies[guess.format].includes(k)) {
      throw new Error(`readXas(${path}): option "${k}" does not apply to ${guess.format} files (found: ${guess.reason}); it applies to ${Object.entries(applies).filter(([, v]) => v.includes(k)).map(([f]) => f).join(" and ")} files`);
    }
  }
  switch (guess.format) {
    case "xdi":
      return [readXdi(path, rest.energyOrder === undefined ? {} : { energyOrder: rest.energyOrder })];
    case "columns":
      return [readColumnFile(path, rest)];
    case "spec":
      return readSpec(path, rest.scans === undefined ? {} : { scans: rest.scans });
    case "athena":
      return readAthena(path).groups;
  }
}
