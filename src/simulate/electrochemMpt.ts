/**
 * Write a cycler record as a BioLogic EC-Lab ASCII export (`.mpt`), header and all.
 * @module
 */
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, basename } from "node:path";
import type { CyclerData } from "../electrochem/cyclerData";
import { checkOptions } from "../util/checkOptions";

/** Options of {@link formatMpt} / {@link writeMpt}. */
export interface WriteMptOptions {
  /** Active material (header "Electrode material"). @default data.metadata.material or "" */
  material?: string;
  /** Molar mass of the active material, g/mol (header). @default none written */
  molarMass?: number;
  /** Electrode area, cm². @default 1.131 (12 mm disc) */
  area?: number;
  /** Acquisition start written in the header, `MM/DD/YYYY HH:MM:SS`. @default "05/14/2017 10:12:03" */
  startedOn?: string;
  /** Comment line. @default "edgeworks simulated data" */
  comment?: string;
}

const OPTIONS = ["material", "molarMass", "area", "startedOn", "comment"] as const;

/** EC-Lab's number format: d.ddddddde±ddd. */
function sci(x: number, digits: number): string {
  const s = x.toExponential(digits);
  const k = s.indexOf("e");
  const exp = Number(s.slice(k + 1));
  return `${s.slice(0, k)}E${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(3, "0")}`;
}

/**
 * The text of an EC-Lab ASCII export of a galvanostatic record, laid out as EC-Lab writes it:
 * `EC-Lab ASCII FILE`, `Nb header lines : N` (counting up to the column names), the technique
 * name, the settings block (channel, device, safety limits, active mass in mg, electrode
 * area, cycle definition), a blank line, then tab-separated columns with units —
 * `mode`, `ox/red`, `error`, `control changes`, `Ns changes`, `counter inc.`, `Ns`, `time/s`,
 * `control/mA`, `Ewe/V`, `I/mA`, `dq/mA.h`, `(Q-Qo)/mA.h`, `half cycle`,
 * `Q charge/discharge/mA.h`, `cycle number` — numbers in EC-Lab's `1.2345678E+000` style.
 *
 * @param data - the record (time s, voltage V, current mA; capacity, cycle, step used when present).
 * @param options - {@link WriteMptOptions}.
 * @returns the file text (ASCII apart from "cm²", which is written as Windows-1252 by {@link writeMpt}).
 * @throws Error for an unknown option.
 * @example
 * const text = formatMpt(simulateCycler({ cell: LNRO_XU2018 }).data);
 */
export function formatMpt(data: CyclerData, options: WriteMptOptions = {}): string {
  checkOptions("formatMpt", options, OPTIONS);
  const n = data.nPoints;
  const mass = typeof data.metadata.activeMassMg === "number" ? data.metadata.activeMassMg : undefined;
  const material = options.material ?? (typeof data.metadata.material === "string" ? data.metadata.material : "");
  const technique = typeof data.metadata.technique === "string" ? data.metadata.technique : "Galvanostatic Cycling with Potential Limitation";
  const file = basename(data.file === "simulated" ? "cell_C01.mpr" : data.file).replace(/\.mpt$/i, ".mpr");
  let vmin = Infinity, vmax = -Infinity;
  for (let i = 0; i < n; i++) { if (data.voltage[i] < vmin) vmin = data.voltage[i]; if (data.voltage[i] > vmax) vmax = data.voltage[i]; }
  const settings = [
    "",
    technique,
    "",
    "Run on channel : 3 (SN 20413)",
    "User : ",
    "Electrode connection : standard",
    "Potential control : Ewe",
    "Ewe ctrl range : min = 0.00 V, max = 5.00 V",
    "Safety Limits :",
    `\tEwe min = ${Math.floor(vmin * 10) / 10 - 0.5} V`,
    `\tEwe max = ${Math.ceil(vmax * 10) / 10 + 0.2} V`,
    "\tDo not start on E overload",
    `Acquisition started on : ${options.startedOn ?? "05/14/2017 10:12:03"}`,
    "Loaded Setting File : NONE",
    "Saved on :",
    `\tFile : ${file}`,
    "\tDirectory : C:\\Data\\edgeworks\\",
    "\tHost : 192.168.0.2",
    "Device : VMP3 (SN 0305)",
    "Address : USB",
    "EC-Lab for windows v11.10 (software)",
    "Internet server v11.10 (firmware)",
    "Command interpretor v11.10 (firmware)",
    `Electrode material : ${material}`,
    "Initial state : pristine",
    "Electrolyte : 1 M LiPF6 in EC:DEC 1:2 w/w",
    `Comments : ${options.comment ?? "edgeworks simulated data"}`,
    ...(mass !== undefined ? [`Mass of active material : ${mass.toFixed(3)} mg`, " at x = 0.000"] : []),
    ...(options.molarMass !== undefined ? [`Molecular weight of active material (at x = 0) : ${options.molarMass.toFixed(3)} g/mol`] : []),
    "Atomic weight of intercalated ion : 6.941 g/mol",
    "Acquisition started at : xo = 0.000",
    "Number of e- transfered per intercalated ion : 1",
    `Electrode surface area : ${(options.area ?? 1.131).toFixed(3)} cm\u00b2`,
    ...(mass !== undefined ? [`Characteristic mass : ${mass.toFixed(3)} mg`] : []),
    "Cycle Definition : Charge/Discharge alternance",
    "",
  ];
  const names = ["mode", "ox/red", "error", "control changes", "Ns changes", "counter inc.", "Ns", "time/s", "control/mA", "Ewe/V", "I/mA", "dq/mA.h", "(Q-Qo)/mA.h", "half cycle", "Q charge/discharge/mA.h", "cycle number"];
  const nHeader = 2 + settings.length + 1;
  const out: string[] = ["EC-Lab ASCII FILE", `Nb header lines : ${nHeader}`.padEnd(46, " "), ...settings, names.join("\t") + "\t"];
  const modeCol = data.extra.mode;
  const halfCol = data.extra["half cycle"];
  let qTotal = 0;
  for (let i = 0; i < n; i++) {
    const I = data.current[i];
    const dq = i === 0 ? 0 : (0.5 * (data.time[i] - data.time[i - 1]) * (I + data.current[i - 1])) / 3600;
    qTotal += dq;
    const step = data.step ? data.step[i] : 0;
    const nsChange = i > 0 && data.step && data.step[i] !== data.step[i - 1] ? 1 : 0;
    const row = [
      String(modeCol ? modeCol[i] : I === 0 ? 3 : 1),
      I > 0 ? "1" : "0",
      "0",
      String(nsChange),
      String(nsChange),
      "0",
      String(step),
      sci(data.time[i], 15),
      sci(I === 0 ? 0 : I, 7),
      sci(data.voltage[i], 7),
      sci(I, 7),
      sci(dq, 7),
      sci(qTotal, 15),
      String(halfCol ? halfCol[i] : 0),
      sci(data.capacity ? data.capacity[i] : 0, 15),
      sci(data.cycle ? data.cycle[i] : 0, 15),
    ];
    out.push(row.join("\t"));
  }
  return out.join("\n") + "\n";
}

/**
 * Write {@link formatMpt}'s text to `path` (Windows-1252, as EC-Lab writes it), creating the directory.
 * @param path - the `.mpt` file to write.
 * @param data - the record.
 * @param options - {@link WriteMptOptions}.
 * @returns the path written.
 * @example
 * writeMpt("simulated-data/xu2018/lnro_C01.mpt", simulateCycler({ cell: LNRO_XU2018 }).data);
 * const back = readMpt("simulated-data/xu2018/lnro_C01.mpt");
 */
export function writeMpt(path: string, data: CyclerData, options: WriteMptOptions = {}): string {
  checkOptions("writeMpt", options, OPTIONS);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.from(formatMpt(data, options), "latin1"));
  return path;
}
