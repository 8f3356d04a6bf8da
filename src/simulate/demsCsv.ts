/**
 * Write simulated mass-spectrometer scans as the spectrometer software exports them (CSV).
 * @module
 */
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { SimulatedMs } from "./demsSimulate";

/**
 * The CSV text of a mass-spectrometer export in the layout of Hiden's MASsoft: header lines
 * (`"Experiment:"`, `"Date:"`, `"Time:"`, `"Scan type:","MID"`, `"Units:","A"`), a blank line,
 * the column names `"Time","ms",<channels…>`, then one row per scan: clock time, elapsed ms,
 * ion currents in A (5 significant digits).
 *
 * @param ms - scans ({@link simulateDems}'s `ms`).
 * @param experiment - experiment file name written in the header. @default "DEMS.exp"
 * @returns the file text.
 * @example
 * const text = formatDemsCsv(simulateDems({ cell, gases }).ms, "LNMO_DEMS.exp");
 */
export function formatDemsCsv(ms: SimulatedMs, experiment = "DEMS.exp"): string {
  const names = Object.keys(ms.channels);
  const start = 10 * 3600 + 12 * 60 + 3;
  const clock = (s: number) => {
    const t = Math.floor(start + s) % 86400;
    return [Math.floor(t / 3600), Math.floor((t % 3600) / 60), t % 60].map((x) => String(x).padStart(2, "0")).join(":");
  };
  const out = [
    `"Experiment:","C:\\Data\\DEMS\\${experiment}"`,
    `"Date:","14/05/2017","Time:","${clock(0)}"`,
    `"Scan type:","MID"`,
    `"Units:","A"`,
    `"Cycles:","${ms.time.length}"`,
    "",
    ["Time", "ms", ...names].map((s) => `"${s}"`).join(","),
  ];
  for (let k = 0; k < ms.time.length; k++) {
    out.push([`"${clock(ms.time[k])}"`, String(Math.round(ms.time[k] * 1000)), ...names.map((c) => ms.channels[c][k].toExponential(4))].join(","));
  }
  return out.join("\r\n") + "\r\n";
}

/**
 * Write {@link formatDemsCsv}'s text to `path`, creating the directory.
 * @returns the path.
 * @example
 * writeDemsCsv("simulated-data/xu2018/LNMO_DEMS.csv", ms);
 */
export function writeDemsCsv(path: string, ms: SimulatedMs, experiment?: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, formatDemsCsv(ms, experiment));
  return path;
}
