/**
 * Write a simulated RIXS scan as beamline files: an ALS iRIXS-style scan table with one TIFF per
 * frame and a dark TIFF, and/or a NeXus file whose detector data is an external link to a
 * separate frames file (as area detectors write them); the ground truth beside them.
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadH5wasm } from "../io/h5wasmLoader";
import { encodeTiff, type TiffSampleType } from "../rixs/encodeTiff";
import { checkOptions } from "../util/checkOptions";
import type { SimulatedRixsScan } from "./rixsScan";

/** Options of {@link writeRixsScan}. */
export interface WriteRixsScanOptions {
  /** What to write: "tiff" (scan table + TIFF frames + dark.tif) and/or "nexus" (`.nxs` + linked `_frames.h5`). @default ["tiff"] */
  formats?: readonly ("tiff" | "nexus")[];
  /** TIFF sample type. @default "uint16" */
  sampleType?: TiffSampleType;
  /** TIFF byte order. @default "little" */
  byteOrder?: "little" | "big";
}

/** What {@link writeRixsScan} wrote. */
export interface WrittenRixsScan {
  /** Scan name, e.g. "LNMO 4.8 V". */
  readonly name: string;
  /** The scan's folder. */
  readonly dir: string;
  /** Scan table (`<base>-AI.txt`), or null. */
  readonly table: string | null;
  /** Dark frame TIFF, or null. */
  readonly dark: string | null;
  /** Elastic-line reference TIFF (for the curvature; 30 × a frame's exposure), or null. */
  readonly elastic: string | null;
  /** Frame TIFFs, in scan order. */
  readonly frames: readonly string[];
  /** NeXus file and the frames file its detector data links to, or null. */
  readonly nexus: string | null;
  readonly nexusFrames: string | null;
  /** truth.json. */
  readonly truth: string;
}

/** @internal File-name base of a scan: "LNMO 4.8 V" → "LNMO_4.8V". */
export function rixsSlug(name: string): string {
  return name.replace(/\s+V\b/g, "V").replace(/[^A-Za-z0-9.]+/g, "_");
}

/**
 * Write a simulated scan (from `simulateRixsScan`) into `<dir>/<base>/`:
 * - "tiff": `<base>-AI.txt` laid out as the ALS BL 8.0.1 iRIXS "Andor info" file (12 header lines,
 *   then the tab-separated columns Time, Frame #, BL 8 Energy, Izero, Izero 2, TFY, TEY, Sample
 *   Current, Beam Current, Total Flux, Counts, Background, plus Exposure (s), then Filename), one
 *   frame per row in `Andor/<base>-000NN.tif`, `dark.tif` and `elastic.tif` (elastic-line reference);
 * - "nexus": `<base>.nxs` (NXentry/NXinstrument/NXdetector `data` → external link to
 *   `<base>_frames.h5:/data`, frames × rows × cols uint16; `count_time`, `dark`; NXmonochromator
 *   `energy`; NXmonitor `data` = I₀) and `<base>_frames.h5`;
 * - always `truth.json`.
 *
 * @param dir - parent folder (created).
 * @param scan - a {@link SimulatedRixsScan}.
 * @param options - {@link WriteRixsScanOptions}.
 * @returns the paths written.
 * @example
 * const w = await writeRixsScan("simulated-data/xu2018-rixs", simulateRixsScan("LNMO", "4.8 V"));
 * w.table; // ".../LNMO_4.8V/LNMO_4.8V-AI.txt"
 */
export async function writeRixsScan(dir: string, scan: SimulatedRixsScan, options: WriteRixsScanOptions = {}): Promise<WrittenRixsScan> {
  const fn = "writeRixsScan";
  checkOptions(fn, options, ["formats", "sampleType", "byteOrder"]);
  const formats = options.formats ?? ["tiff"];
  for (const f of formats) if (f !== "tiff" && f !== "nexus") throw new Error(`${fn}: option formats may hold "tiff" and "nexus", got ${JSON.stringify(f)}`);
  const base = rixsSlug(scan.name);
  const sdir = join(dir, base);
  mkdirSync(sdir, { recursive: true });
  const { rows, cols } = scan;
  const n = scan.frames.length;
  let table: string | null = null, dark: string | null = null, elastic: string | null = null, nexus: string | null = null, nexusFrames: string | null = null;
  const frames: string[] = [];
  if (formats.includes("tiff")) {
    mkdirSync(join(sdir, "Andor"), { recursive: true });
    const tOpts = { sampleType: options.sampleType ?? "uint16", byteOrder: options.byteOrder ?? "little" } as const;
    const lines = [
      "SU", "Andor", "Scan Type: One Motor From File", `C:\\Beamline Controls\\BCS Setup Data\\ScanFiles\\edgeworks\\${base}.txt`, "X Motor: BL 8 Energy",
      "Delay After Move (s): 0.10000000", "Stay at End: 0", "Curvature: 0.0", "Clip to ROI: No", `ROI: 0 0 ${cols} ${rows}`, "Background ROI: None",
      `Data File Path: simulated by edgeworks (simulateRixsScan, seed ${scan.truth.seed})`,
      ["Time", "Frame #", "BL 8 Energy", "Izero", "Izero 2", "TFY", "TEY", "Sample Current", "Beam Current", "Total Flux", "Counts", "Background", "Exposure (s)", "Filename"].join("\t"),
    ];
    for (let i = 0; i < n; i++) {
      const name = `${base}-${String(i + 1).padStart(5, "0")}`;
      const path = join(sdir, "Andor", `${name}.tif`);
      writeFileSync(path, encodeTiff([{ data: scan.frames[i], width: cols, height: rows, description: `BL 8 Energy ${scan.excitation[i].toFixed(3)} eV` }], tOpts));
      frames.push(path);
      let counts = 0;
      for (const v of scan.frames[i]) counts += v;
      const t = 18 * 3600 + 26 * 60 + i * 247;
      const hms = [Math.floor(t / 3600) % 24, Math.floor(t / 60) % 60, t % 60].map((v) => String(v).padStart(2, "0")).join(":");
      lines.push([hms, (i + 1).toFixed(8), scan.excitation[i].toFixed(8), scan.i0[i].toFixed(8), (scan.i0[i] * 0.0407).toFixed(8), "0.00000000", "0.00000000", "0.00000000", "0.00000000", "0.00000000",
        counts.toFixed(8), scan.truth.bias.toFixed(8), scan.exposure[i].toFixed(8), name].join("\t"));
    }
    table = join(sdir, `${base}-AI.txt`);
    writeFileSync(table, lines.join("\n") + "\n");
    elastic = join(sdir, "elastic.tif");
    writeFileSync(elastic, encodeTiff([{ data: scan.elastic, width: cols, height: rows, description: `elastic reference, BL 8 Energy ${scan.excitation[0].toFixed(3)} eV, exposure ${scan.elasticExposure} s` }], tOpts));
    dark = join(sdir, "dark.tif");
    writeFileSync(dark, encodeTiff([{ data: scan.dark, width: cols, height: rows, description: "dark" }], tOpts));
  }
  if (formats.includes("nexus")) {
    const h5 = await loadH5wasm();
    nexusFrames = join(sdir, `${base}_frames.h5`);
    const ff = new h5.File(nexusFrames, "w");
    try {
      const all = new Uint16Array(n * rows * cols);
      scan.frames.forEach((f, i) => all.set(f, i * rows * cols));
      ff.create_dataset({ name: "data", data: all, shape: [n, rows, cols], dtype: "<H" });
    } finally {
      ff.close();
    }
    nexus = join(sdir, `${base}.nxs`);
    const f = new h5.File(nexus, "w");
    try {
      f.create_attribute("NX_class", "NXroot");
      const e = f.create_group("entry");
      e.create_attribute("NX_class", "NXentry");
      e.create_dataset({ name: "title", data: scan.name });
      const inst = e.create_group("instrument");
      inst.create_attribute("NX_class", "NXinstrument");
      const mono = inst.create_group("monochromator");
      mono.create_attribute("NX_class", "NXmonochromator");
      mono.create_dataset({ name: "energy", data: Float64Array.from(scan.excitation), shape: [n], dtype: "<d" });
      const det = inst.create_group("detector");
      det.create_attribute("NX_class", "NXdetector");
      det.create_external_link(`${base}_frames.h5`, "/data", "data");
      det.create_dataset({ name: "count_time", data: Float64Array.from(scan.exposure), shape: [n], dtype: "<d" });
      det.create_dataset({ name: "dark", data: Uint16Array.from(scan.dark), shape: [rows, cols], dtype: "<H" });
      det.create_dataset({ name: "elastic", data: Uint16Array.from(scan.elastic), shape: [rows, cols], dtype: "<H" });
      const mon = e.create_group("monitor");
      mon.create_attribute("NX_class", "NXmonitor");
      mon.create_dataset({ name: "data", data: Float64Array.from(scan.i0), shape: [n], dtype: "<d" });
    } finally {
      f.close();
    }
  }
  const truth = join(sdir, "truth.json");
  writeFileSync(truth, JSON.stringify({ name: scan.name, rows, cols, excitation: Array.from(scan.excitation), i0: Array.from(scan.i0), ...scan.truth }, null, 1));
  return { name: scan.name, dir: sdir, table, dark, elastic, frames, nexus, nexusFrames, truth };
}
