/**
 * One entry point for every cycler file: the format is recognised from the content.
 * @module
 */
import { checkOptions } from "../../util/checkOptions";
import { readRegularFile, decodeText } from "../../io/readRegularFile";
import type { CyclerData } from "../cyclerData";
import { CyclerFileError } from "./cyclerFileError";
import { parseArbin } from "./readArbin";
import { parseCyclerCsv, type ReadCyclerCsvOptions } from "./readCyclerCsv";
import { parseMaccor } from "./readMaccor";
import { parseMpr } from "./readMpr";
import { parseMpt } from "./readMpt";
import { parseNda } from "./readNda";
import { parseNdax } from "./readNdax";
import { looksLikeZip } from "./zipEntries";

/** Options of {@link readCycler}. */
export interface ReadCyclerOptions {
  /** Keep rows whose time runs backwards (with a warning) instead of throwing; default false. */
  allowUnsortedTime?: boolean;
  /** How to read a text table of no known cycler layout (see {@link readCyclerCsv}); without it such a file is an error. */
  csv?: ReadCyclerCsvOptions;
}

/** The formats {@link readCycler} recognises, and what it looks at. */
export type CyclerFormat = "biologic-mpr" | "biologic-mpt" | "neware-nda" | "neware-ndax" | "maccor-txt" | "arbin-csv" | "csv";

const EXTENSIONS: Record<CyclerFormat, string[]> = {
  "biologic-mpr": ["mpr"],
  "biologic-mpt": ["mpt", "txt"],
  "neware-nda": ["nda"],
  "neware-ndax": ["ndax"],
  "maccor-txt": ["txt", "csv"],
  "arbin-csv": ["csv"],
  csv: ["csv", "txt", "tsv", "dat"],
};

/**
 * Recognise a cycler file's format from its first bytes and lines (never from the name):
 * `BIO-LOGIC MODULAR FILE` → BioLogic `.mpr`; `EC-Lab ASCII FILE` / `BT-Lab ASCII FILE` (or a
 * tab-separated first line with `time/s`) → `.mpt`; `NEWARE` → `.nda`; a zip (`PK\x03\x04`)
 * → `.ndax`; a tab-separated line with `Rec#`/`Rec` and `Step` in the first 200 lines → Maccor;
 * a first line with `Test_Time`/`Test Time`, `Current` and `Voltage` → Arbin CSV.
 * @returns the format, or `undefined` when none matches.
 * @example
 * sniffCyclerFormat(new TextEncoder().encode("EC-Lab ASCII FILE\r\n")); // "biologic-mpt"
 */
export function sniffCyclerFormat(bytes: Uint8Array): CyclerFormat | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64)).toString("latin1");
  if (head.startsWith("BIO-LOGIC MODULAR FILE")) return "biologic-mpr";
  if (head.startsWith("NEWARE")) return "neware-nda";
  if (looksLikeZip(bytes)) return "neware-ndax";
  const probe = bytes.subarray(0, Math.min(bytes.length, 65536));
  if (probe.includes(0)) return undefined;
  const lines = decodeText(probe).split("\n", 200);
  const first = lines[0]?.trim() ?? "";
  if (first === "EC-Lab ASCII FILE" || first === "BT-Lab ASCII FILE") return "biologic-mpt";
  if (first.includes("\t") && first.split("\t").some((s) => s.trim() === "time/s")) return "biologic-mpt";
  if (lines.some((l) => {
    const c = l.split("\t").map((s) => s.trim());
    return (c.includes("Rec#") || c.includes("Rec")) && c.includes("Step");
  })) return "maccor-txt";
  const low = first.toLowerCase();
  if (/test[_ ]time/.test(low) && low.includes("current") && low.includes("voltage")) return "arbin-csv";
  return undefined;
}

/**
 * Read any supported cycler file, recognising its format from the content (see
 * {@link sniffCyclerFormat}), and return the same {@link CyclerData} as the format's own reader
 * (readMpr, readMpt, readNda, readNdax, readMaccor, readArbin). When the name's extension is not
 * one that format uses, a warning says what the file really is. A text table of no known
 * layout is read with {@link readCyclerCsv} when `options.csv` gives its column map.
 *
 * @param path the file.
 * @param options `allowUnsortedTime`, `csv`.
 * @throws CyclerFileError for an empty or unrecognised file (naming what was looked for), or
 *   whatever the format's reader throws.
 * @example
 * const run = readCycler("cell07.mpr");   // BioLogic binary
 * run.format;                              // "biologic-mpr v3"
 */
export function readCycler(path: string, options: ReadCyclerOptions = {}): CyclerData {
  checkOptions("readCycler", options, ["allowUnsortedTime", "csv"]);
  const bytes = readRegularFile(path, { field: "cycler file", maxBytes: 2 ** 32 });
  if (bytes.length === 0) throw new CyclerFileError(path, "file", "is empty (0 bytes); expected a cycler file (BioLogic, Neware, Maccor, Arbin or CSV)");
  const format = sniffCyclerFormat(bytes) ?? (options.csv ? "csv" : undefined);
  if (format === undefined) {
    const head = bytes.subarray(0, 16);
    const shown = head.includes(0) ? `binary data (${Buffer.from(head).toString("hex")})` : `"${decodeText(bytes.subarray(0, 60)).split("\n")[0]}"`;
    throw new CyclerFileError(
      path,
      "byte 0",
      `not a recognised cycler file: expected "BIO-LOGIC MODULAR FILE", "EC-Lab ASCII FILE", "NEWARE", a zip (.ndax), a Maccor header with Rec#/Step, or an Arbin CSV with Test_Time/Current/Voltage; got ${shown}. For another table, pass { csv: { columns: { … } } }`,
    );
  }
  const sorted = { allowUnsortedTime: options.allowUnsortedTime === true };
  const text = (): string => decodeText(bytes);
  let data: CyclerData;
  switch (format) {
    case "biologic-mpr":
      data = parseMpr(bytes, path, sorted);
      break;
    case "biologic-mpt":
      data = parseMpt(bytes, path, sorted);
      break;
    case "neware-nda":
      data = parseNda(bytes, path, sorted);
      break;
    case "neware-ndax":
      data = parseNdax(bytes, path, sorted);
      break;
    case "maccor-txt":
      data = parseMaccor(text(), path, sorted);
      break;
    case "arbin-csv":
      data = parseArbin(text(), path, sorted);
      break;
    default:
      data = parseCyclerCsv(text(), path, { ...options.csv!, allowUnsortedTime: options.allowUnsortedTime ?? options.csv!.allowUnsortedTime });
  }
  const dot = path.lastIndexOf(".");
  const ext = dot > path.lastIndexOf("/") ? path.slice(dot + 1).toLowerCase() : "";
  if (ext !== "" && !EXTENSIONS[format].includes(ext)) {
    data.warnings.push(`The file name ends in .${ext}, but the content is ${format}; it was read as ${format}.`);
  }
  return data;
}
