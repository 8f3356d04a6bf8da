/**
 * Write stacks as a NeXus NXstxm file (HDF5, via h5wasm): one NXentry per region
 * (`metadata.region`, default 0), one NXdata group per channel, NeXus 2014 axes attributes,
 * `count_time` in s, `stxm_scan_type`, and the NXmonitor groups found in `metadata.monitors`.
 *
 * @module
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Stack } from "../types/stack";
import { checkOptions } from "./errors";
import { loadH5wasm, type H5Module } from "./h5wasmLoader";
import type { MonitorData } from "./scan";

/** Options of {@link writeNxstxm} and {@link encodeNxstxm}. */
export interface NxstxmWriteOptions {
  /** Entry `title` (default "edgeworks"). */
  title?: string;
  /** Entry `start_time`, ISO 8601 (default: now). */
  startTime?: string;
}

type H5Group = InstanceType<H5Module["Group"]>;

const SCAN_TYPE: Record<Stack["scanType"], string> = {
  stack: "sample image stack",
  image: "sample image",
  line: "sample line spectrum",
  point: "sample point spectrum",
};
const RESERVED = new Set(["instrument", "sample", "definition", "title", "start_time", "end_time", "control"]);

function groupName(s: Stack, c: number, used: Set<string>): string {
  let n = /^[A-Za-z][A-Za-z0-9_.-]*$/.test(s.channel) && !RESERVED.has(s.channel) ? s.channel : `counter${c}`;
  while (used.has(n)) n = `${n}_${c}`;
  used.add(n);
  return n;
}

/** One axis to write: its field name, units and values. */
interface AxisOut {
  name: string;
  units: string;
  values: ArrayLike<number>;
}

/** How a stack is laid out in the file: the data shape and the axis of each dimension. */
interface Layout {
  shape: number[];
  dims: AxisOut[];
  /** Photon energies written as `energy` when no dimension is an energy axis. */
  energy?: ArrayLike<number>;
  /** Auxiliary axes with their dimension (line scans: sample x/y along the line). */
  auxiliary: { axis: AxisOut; dim: number }[];
}

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isEnergyName(n: string): boolean {
  return /(^|_)energy$/i.test(n);
}

/**
 * The layout of a stack: default names energy / sample_y / sample_x / line_position, or the axis
 * names a reader recorded in `metadata.axes` (e.g. a focus scan's zone_plate), so that what was
 * read is written back the same way.
 */
function layoutOf(s: Stack): Layout {
  const meta = (s.metadata["axes"] ?? {}) as Partial<Record<"e" | "y" | "x", { name?: unknown; units?: unknown; values?: unknown }>>;
  const taken = new Set(["data", "count_time", "stxm_scan_type"]);
  const axis = (slot: "e" | "y" | "x", dflt: string, dfltUnits: string, values: ArrayLike<number>): AxisOut => {
    const m = meta[slot];
    const name = typeof m?.name === "string" && FIELD.test(m.name) && !taken.has(m.name) ? m.name : dflt;
    const units = typeof m?.units === "string" && m.units !== "" ? m.units : dfltUnits;
    taken.add(name);
    return { name, units, values };
  };
  const eName = typeof meta.e?.name === "string" && FIELD.test(meta.e.name) && isEnergyName(meta.e.name) ? meta.e.name : "energy";
  const energyAxis = (): AxisOut => {
    taken.add(eName);
    return { name: eName, units: "eV", values: s.energies };
  };
  const kind = s.metadata["kind"];
  if (s.scanType === "line") {
    taken.add(eName);
    const aux: Layout["auxiliary"] = [];
    const lx = s.metadata["lineSampleX"];
    const ly = s.metadata["lineSampleY"];
    const x = axis("x", "line_position", "µm", s.x);
    if (lx instanceof Float64Array && lx.length === s.nx && ly instanceof Float64Array && ly.length === s.nx && x.name !== "sample_x" && x.name !== "sample_y") {
      aux.push({ axis: { name: "sample_x", units: "µm", values: lx }, dim: 1 }, { axis: { name: "sample_y", units: "µm", values: ly }, dim: 1 });
    }
    return { shape: [s.nE, s.nx], dims: [energyAxis(), x], auxiliary: aux };
  }
  if (s.scanType === "point") return { shape: [s.nE], dims: [energyAxis()], auxiliary: [] };
  if (s.scanType === "image" && s.nE === 1) {
    if (kind === "profile" && s.ny === 1) return { shape: [s.nx], dims: [axis("x", "sample_x", "µm", s.x)], energy: s.energies, auxiliary: [] };
    const y = axis("y", "sample_y", "µm", s.y);
    return { shape: [s.ny, s.nx], dims: [y, axis("x", "sample_x", "µm", s.x)], energy: s.energies, auxiliary: [] };
  }
  const e = meta.e;
  if (e && typeof e.name === "string" && FIELD.test(e.name) && !isEnergyName(e.name) && e.values instanceof Float64Array && e.values.length === s.nE) {
    // Frames that follow another axis (angles, times) at the photon energies in `energies`.
    taken.add("energy");
    const frames = axis("e", "frame", "", e.values);
    const y = axis("y", "sample_y", "µm", s.y);
    const allSame = s.energies.every((v) => v === s.energies[0]);
    return { shape: [s.nE, s.ny, s.nx], dims: [frames, y, axis("x", "sample_x", "µm", s.x)], energy: allSame ? s.energies.subarray(0, 1) : s.energies, auxiliary: [] };
  }
  const en = energyAxis();
  const y = axis("y", "sample_y", "µm", s.y);
  return { shape: [s.nE, s.ny, s.nx], dims: [en, y, axis("x", "sample_x", "µm", s.x)], auxiliary: [] };
}

function writeAxes(g: H5Group, s: Stack, lay: Layout): void {
  const f64 = (name: string, v: ArrayLike<number>, units?: string): void => {
    g.create_dataset({ name, data: Float64Array.from(v), shape: [v.length], dtype: "<d" });
    if (units) (g.get(name) as H5Group).create_attribute("units", units);
  };
  const idx = (name: string, d: number): void => g.create_attribute(`${name}_indices`, new Int32Array([d]));
  g.create_attribute("axes", lay.dims.map((a) => a.name));
  lay.dims.forEach((a, d) => {
    idx(a.name, d);
    f64(a.name, a.values, a.units);
  });
  for (const { axis, dim } of lay.auxiliary) {
    idx(axis.name, dim);
    f64(axis.name, axis.values, axis.units);
  }
  if (lay.energy) f64("energy", lay.energy, "eV");
  f64("count_time", Array.from(s.dwell, (v) => v / 1000), "s");
  const st = s.metadata["stxmScanType"];
  g.create_dataset({ name: "stxm_scan_type", data: typeof st === "string" && st !== "" ? st : SCAN_TYPE[s.scanType] });
}

/**
 * Write stacks to an NXstxm file (created or overwritten).
 *
 * @param path the file to write (`.hdf5`, `.h5` or `.nxs`).
 * @param stacks one stack or several: stacks with the same `metadata.region` (default 0)
 *   become the NXdata channels of one NXentry (`entry1`, `entry2`, …). Shapes `[nE, ny, nx]`;
 *   images (`nE = 1`) are written `[ny, nx]`, line spectra `[nE, nx]`, point spectra `[nE]`.
 * @returns the path written.
 * @example
 * await writeNxstxm("/tmp/sim.hdf5", stack);
 * (await readNxstxm("/tmp/sim.hdf5")).stacks[0]; // same data, energies, x, y, dwell
 */
export async function writeNxstxm(path: string, stacks: Stack | readonly Stack[], options: NxstxmWriteOptions = {}): Promise<string> {
  checkOptions("writeNxstxm", options, ["title", "startTime"]);
  const list: readonly Stack[] = Array.isArray(stacks) ? stacks : [stacks as Stack];
  if (list.length === 0) throw new RangeError("writeNxstxm: expected at least one stack, got none");
  const byRegion = new Map<number, Stack[]>();
  for (const s of list) {
    const r = typeof s.metadata["region"] === "number" ? (s.metadata["region"] as number) : 0;
    if (!byRegion.has(r)) byRegion.set(r, []);
    (byRegion.get(r) as Stack[]).push(s);
  }
  const h5 = await loadH5wasm();
  const f = new h5.File(path, "w", { track_order: true });
  try {
    f.create_attribute("NX_class", "NXroot");
    f.create_attribute("NeXus_version", "4.4.3");
    f.create_attribute("creator", "edgeworks");
    f.create_attribute("file_time", options.startTime ?? new Date().toISOString());
    const regions = [...byRegion.keys()].sort((a, b) => a - b);
    regions.forEach((r, ri) => {
      const chans = byRegion.get(r) as Stack[];
      const e = f.create_group(`entry${ri + 1}`, true);
      e.create_attribute("NX_class", "NXentry");
      e.create_dataset({ name: "definition", data: "NXstxm" });
      (e.get("definition") as H5Group).create_attribute("version", "1.1");
      e.create_dataset({ name: "title", data: options.title ?? "edgeworks" });
      e.create_dataset({ name: "start_time", data: options.startTime ?? new Date().toISOString() });
      const inst = e.create_group("instrument", true);
      inst.create_attribute("NX_class", "NXinstrument");
      const src = inst.create_group("source");
      src.create_attribute("NX_class", "NXsource");
      src.create_dataset({ name: "type", data: "Synchrotron X-ray Source" });
      src.create_dataset({ name: "probe", data: "x-ray" });
      const mono = inst.create_group("monochromator");
      mono.create_attribute("NX_class", "NXmonochromator");
      mono.create_dataset({ name: "energy", data: Float64Array.from(chans[0].energies), shape: [chans[0].nE], dtype: "<d" });
      const sample = e.create_group("sample");
      sample.create_attribute("NX_class", "NXsample");
      sample.create_dataset({ name: "rotation_angle", data: new Float64Array([0]), shape: [1], dtype: "<d" });
      const used = new Set<string>();
      chans.forEach((s, c) => {
        const gname = groupName(s, c, used);
        const det = inst.create_group(gname);
        det.create_attribute("NX_class", "NXdetector");
        det.create_dataset({ name: "data", data: Float64Array.from(s.data), shape: [s.data.length], dtype: "<d" });
        const g = e.create_group(gname, true);
        g.create_attribute("NX_class", "NXdata");
        g.create_attribute("signal", "data");
        if (gname !== s.channel) g.create_attribute("channel_name", s.channel);
        const lay = layoutOf(s);
        g.create_dataset({ name: "data", data: Float64Array.from(s.data), shape: lay.shape, dtype: "<d" });
        (g.get("data") as H5Group).create_attribute("quantity", s.quantity);
        writeAxes(g, s, lay);
      });
      // Monitors (e.g. ring current) from the first channel that has them.
      const withMon = chans.find((s) => s.metadata["monitors"] && typeof s.metadata["monitors"] === "object");
      if (withMon) {
        const mons = withMon.metadata["monitors"] as Record<string, MonitorData>;
        for (const [mName, m] of Object.entries(mons)) {
          if (!(m.data instanceof Float64Array) || used.has(mName) || RESERVED.has(mName) && mName !== "control") continue;
          const mg = e.create_group(mName, true);
          mg.create_attribute("NX_class", "NXmonitor");
          mg.create_attribute("signal", "data");
          const shape = m.sameShape ? layoutOf(withMon).shape : [m.data.length];
          mg.create_dataset({ name: "data", data: Float64Array.from(m.data), shape, dtype: "<d" });
          if (m.units) (mg.get("data") as H5Group).create_attribute("units", m.units);
        }
      }
    });
  } finally {
    f.close();
  }
  return path;
}

/**
 * Encode stacks as the bytes of an NXstxm file (written through a private temporary file).
 *
 * @returns the HDF5 file contents.
 * @example
 * const bytes = await encodeNxstxm(stack); // Uint8Array starting with "\x89HDF"
 */
export async function encodeNxstxm(stacks: Stack | readonly Stack[], options: NxstxmWriteOptions = {}): Promise<Uint8Array> {
  checkOptions("encodeNxstxm", options, ["title", "startTime"]);
  const dir = mkdtempSync(join(tmpdir(), "edgeworks-nxstxm-"));
  try {
    const p = join(dir, "out.h5");
    await writeNxstxm(p, stacks, options);
    return new Uint8Array(readFileSync(p));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
