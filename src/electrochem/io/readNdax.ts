/**
 * Neware BTS 8 archives (`.ndax`): a zip of `.ndc` binaries and XML settings.
 * @module
 */
import { checkOptions } from "../../util/checkOptions";
import { readRegularFile } from "../../io/readRegularFile";
import type { CyclerData } from "../cyclerData";
import { CyclerFileError } from "./cyclerFileError";
import { parseNdc } from "./ndcFile";
import { type NewareColumns, newareCyclerData } from "./newareRecords";
import { looksLikeZip, zipEntries, zipEntryData, type ZipEntry } from "./zipEntries";

/** Options of {@link readNdax}. */
export interface ReadNdaxOptions {
  /** Keep rows whose time runs backwards (with a warning) instead of throwing; default false. */
  allowUnsortedTime?: boolean;
}

/** Aux ChlType (TestInfo.xml) → column letter and unit for single-value aux files (NewareNDA `aux_chl_type_columns`). */
const AUX_TYPES: ReadonlyMap<string, [string, string]> = new Map<string, [string, string]>([
  ["103", ["T", "°C"]],
  ["335", ["t", "°C"]],
  ["345", ["H", "%"]],
]);

/** `name="value"` attributes of the first XML element whose tag matches. */
function xmlAttributes(xml: string, tag: RegExp): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const re = new RegExp(`<(${tag.source})\\s([^>]*?)/?>`, "g");
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const a: Record<string, string> = {};
    for (const kv of m[2].matchAll(/([\w:]+)="([^"]*)"/g)) a[kv[1]] = kv[2];
    a["#tag"] = m[1];
    out.push(a);
  }
  return out;
}

/**
 * Read a Neware `.ndax` file (BTS 8 client).
 *
 * The archive (read with a small zip reader: stored/deflate entries, CRC-checked) holds
 * `data.ndc` (voltage, current per record), `data_runInfo.ndc` (step time, capacities,
 * energies, date, step number per record), `data_step.ndc` (cycle, program step, state per
 * step), auxiliary `data_AUX_<a>_<b>_<c>.ndc` / `data_<n>.ndc` (temperatures, aux voltages; named
 * from `TestInfo.xml`), and XML settings. `.ndc` versions 14, 16 and 17 are read (checked on
 * real files against NewareNDA); others are an error naming the version and file type.
 *
 * Records are joined on their Index as NewareNDA does. Some BTS 8 files have run-info rows
 * for only part of the records: the missing time is filled from the last step time plus the
 * recording interval, capacities and energies by integrating current (and voltage) over it, as
 * NewareNDA fills them; such rows are marked 1 in `extra.Interpolated` and a warning gives
 * their count. Fields: see {@link newareCyclerData} (time accumulated over steps, current mA
 * with Neware's discharge-negative sign, capacity = charge − discharge capacity of the step).
 * `metadata`: `ndcVersion`, `server`, `client`, `startTime`, `barcode`, `remark`, `entries`.
 *
 * @param path the `.ndax` file.
 * @returns the record; `format` is `"neware-ndax (ndc <version>)"`.
 * @throws CyclerFileError naming the file and zip entry: not a zip, a zip without `data.ndc`
 *   (not an ndax), damaged entries, unsupported `.ndc` versions, inconsistent step tables.
 * @example
 * const run = readNdax("LRLO_cell7.ndax");
 * run.extra["T1/°C"]; // cell temperature
 */
export function readNdax(path: string, options: ReadNdaxOptions = {}): CyclerData {
  checkOptions("readNdax", options, ["allowUnsortedTime"]);
  const b = readRegularFile(path, { field: "Neware .ndax file", maxBytes: 2 ** 32 });
  return parseNdax(b, path, options);
}

/**
 * Parse the bytes of a `.ndax` archive (see {@link readNdax}); `file` names it in messages.
 * @example
 * parseNdax(new Uint8Array(readFileSync("a.ndax")), "a.ndax").nPoints;
 */
export function parseNdax(b: Uint8Array, file: string, options: ReadNdaxOptions = {}): CyclerData {
  checkOptions("parseNdax", options, ["allowUnsortedTime"]);
  if (b.length === 0) throw new CyclerFileError(file, "file", "is empty (0 bytes); expected a Neware .ndax (a zip archive)");
  if (!looksLikeZip(b)) {
    const got = Buffer.from(b.buffer, b.byteOffset, Math.min(8, b.length)).toString("latin1").replace(/[^\x20-\x7e]/g, ".");
    throw new CyclerFileError(file, "byte 0", `expected a zip archive (signature "PK\\x03\\x04"; a Neware .ndax is a zip), got "${got}"`);
  }
  const entries = zipEntries(b, file);
  const byName = new Map<string, ZipEntry>(entries.map((e) => [e.name, e]));
  const names = entries.map((e) => e.name);
  const data = byName.get("data.ndc");
  if (!data) throw new CyclerFileError(file, "zip entries", `expected "data.ndc" (a Neware .ndax), found: ${names.slice(0, 12).join(", ") || "no entries"}${names.length > 12 ? ", …" : ""}`);
  const text = (name: string): string | undefined => {
    const e = byName.get(name);
    return e ? Buffer.from(zipEntryData(b, e, file)).toString("latin1") : undefined;
  };
  const metadata: Record<string, string | number> = { entries: names.join(", ") };
  const warnings: string[] = [];
  const version = text("VersionInfo.xml");
  if (version) {
    const z = xmlAttributes(version, /ZwjVersion/)[0];
    if (z?.SvrVer) metadata.server = z.SvrVer;
    if (z?.CurrClientVer) metadata.client = z.CurrClientVer;
  }
  const info = text("TestInfo.xml");
  const auxInfo: Record<string, string>[] = [];
  if (info) {
    const t = xmlAttributes(info, /TestInfo/)[0];
    if (t?.StartTime) metadata.startTime = t.StartTime;
    if (t?.Barcode) metadata.barcode = t.Barcode;
    if (t?.Remark) metadata.remark = t.Remark;
    auxInfo.push(...xmlAttributes(info, /Aux\d+/));
  }

  const dataT = parseNdc(zipEntryData(b, data, file), file, "data.ndc");
  if (dataT.type !== 1) throw new CyclerFileError(file, `zip entry "data.ndc"`, `expected .ndc file type 1 (records), got type ${dataT.type}`);
  metadata.ndcVersion = dataT.version;
  const runE = byName.get("data_runInfo.ndc");
  const stepE = byName.get("data_step.ndc");
  if (!runE || !stepE) {
    throw new CyclerFileError(file, "zip entries", `expected "data_runInfo.ndc" and "data_step.ndc" next to data.ndc (ndc version ${dataT.version}); found: ${names.join(", ")}`);
  }
  const run = parseNdc(zipEntryData(b, runE, file), file, "data_runInfo.ndc").columns;
  const steps = parseNdc(zipEntryData(b, stepE, file), file, "data_step.ndc").columns;
  const V = dataT.columns.voltage ?? new Float64Array(0);
  const I = dataT.columns.current ?? new Float64Array(0);
  const runIndex = run.index ?? new Float64Array(0);
  const runRow = new Map<number, number>();
  for (let k = 0; k < runIndex.length; k++) if (!runRow.has(runIndex[k])) runRow.set(runIndex[k], k);
  let last = 0;
  for (let s = 0; s < V.length; s++) if (V[s] !== 0) last = s + 1;
  for (const k of runRow.keys()) last = Math.max(last, k);
  if (last > V.length) throw new CyclerFileError(file, `zip entry "data.ndc"`, `run info names record ${last}, but data.ndc holds ${V.length} record slots (truncated entry)`);
  const slots: number[] = [];
  let empty = 0;
  for (let s = 0; s < last; s++) {
    if (V[s] !== 0 || runRow.has(s + 1)) slots.push(s);
    else empty++;
  }
  if (empty > 0) warnings.push(`${empty} record slots of data.ndc inside the record range are empty (voltage 0, no run info); they were skipped, as NewareNDA skips them.`);
  if (slots.length === 0) throw new CyclerFileError(file, `zip entry "data.ndc"`, "no records (every slot is empty)");
  const n = slots.length;
  const f = (): Float64Array => new Float64Array(n);
  const cols: NewareColumns = {
    index: f(),
    cycle: f(),
    stepIndex: f(),
    status: f(),
    time: f(),
    voltage: f(),
    current: f(),
    chargeCapacity: f(),
    dischargeCapacity: f(),
    chargeEnergy: f(),
    dischargeEnergy: f(),
    timestamp: f(),
    aux: {},
    runningStep: f(),
  };
  const interpolated = f();
  // Running step number: count changes of the run-info step field.
  const runStep = new Float64Array(runIndex.length);
  for (let k = 0, s = 0; k < runIndex.length; k++) {
    if (k === 0 || run.step[k] !== run.step[k - 1]) s++;
    runStep[k] = s;
  }
  const nSteps = steps.stepIndex?.length ?? 0;
  let known = -1; // position of the last row with run info
  let dt = NaN;
  let nInterp = 0;
  for (let i = 0; i < n; i++) {
    const s = slots[i];
    cols.index[i] = s + 1;
    cols.voltage[i] = V[s];
    cols.current[i] = I[s];
    const k = runRow.get(s + 1);
    if (k !== undefined) {
      cols.time[i] = run.time[k];
      cols.chargeCapacity[i] = run.chargeCapacity[k];
      cols.dischargeCapacity[i] = run.dischargeCapacity[k];
      cols.chargeEnergy[i] = run.chargeEnergy[k];
      cols.dischargeEnergy[i] = run.dischargeEnergy[k];
      cols.timestamp[i] = run.timestamp[k];
      cols.runningStep![i] = runStep[k];
      dt = run.dt[k];
      known = i;
    } else {
      if (known < 0) throw new CyclerFileError(file, `zip entry "data_runInfo.ndc"`, `record ${s + 1} comes before any run-info row; its time cannot be known`);
      nInterp++;
      interpolated[i] = 1;
      const q = (dt * I[s]) / 3600;
      cols.time[i] = cols.time[i - 1] + dt;
      cols.timestamp[i] = cols.timestamp[i - 1] + dt;
      cols.chargeCapacity[i] = Math.abs(cols.chargeCapacity[i - 1]) + Math.max(q, 0);
      cols.dischargeCapacity[i] = Math.abs(cols.dischargeCapacity[i - 1]) + Math.abs(Math.min(q, 0));
      cols.chargeEnergy[i] = Math.abs(cols.chargeEnergy[i - 1]) + Math.max(q * V[s], 0);
      cols.dischargeEnergy[i] = Math.abs(cols.dischargeEnergy[i - 1]) + Math.abs(Math.min(q * V[s], 0));
      cols.runningStep![i] = cols.runningStep![i - 1];
    }
    const st = cols.runningStep![i];
    if (st > nSteps) {
      throw new CyclerFileError(file, `zip entry "data_step.ndc"`, `record ${s + 1} belongs to step ${st}, but data_step.ndc lists ${nSteps} steps`);
    }
    cols.cycle[i] = steps.cycle[st - 1] + 1;
    cols.stepIndex[i] = steps.stepIndex[st - 1];
    cols.status[i] = steps.status[st - 1];
  }
  if (nInterp > 0) {
    warnings.push(
      `${nInterp} of ${n} records have no run-info row; their time, date, capacities and energies were filled from the previous row plus the recording interval (current × time), as NewareNDA fills them, and are marked 1 in extra.Interpolated.`,
    );
  }
  // Auxiliary channels, in the order of the numbers in their names, matched to TestInfo.xml's <AuxN>.
  const auxFiles = names
    .map((name) => {
      const m = /data_AUX_(\d+)_(\d+)_(\d+)\.ndc$/.exec(name) ?? /_(\d+)\.ndc$/.exec(name);
      return m ? { name, key: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] } : undefined;
    })
    .filter((x): x is { name: string; key: number[] } => x !== undefined)
    .sort((a, b2) => a.key[0] - b2.key[0] || a.key[1] - b2.key[1] || a.key[2] - b2.key[2]);
  if (auxFiles.length > 0 && auxInfo.length !== auxFiles.length) {
    warnings.push(`TestInfo.xml describes ${auxInfo.length} aux channels but the archive has ${auxFiles.length} aux files; channels are numbered by position.`);
  }
  auxFiles.forEach((a, j) => {
    const t = parseNdc(zipEntryData(b, byName.get(a.name)!, file), file, a.name);
    if (t.type !== 5) throw new CyclerFileError(file, `zip entry "${a.name}"`, `expected .ndc file type 5 (auxiliary channels), got type ${t.type}`);
    const desc = auxInfo.length === auxFiles.length ? auxInfo[j] : undefined;
    const id = desc?.AuxID ?? String(j + 1);
    const put = (wanted: string, v: Float64Array): void => {
      const out = new Float64Array(n).fill(NaN);
      for (let i = 0; i < n; i++) if (slots[i] < v.length) out[i] = v[slots[i]];
      let name = wanted;
      for (let k = 2; name in cols.aux; k++) name = `${wanted} (${k})`;
      if (name !== wanted) warnings.push(`Two aux channels are both called "${wanted}"; the one from ${a.name} is kept as "${name}".`);
      cols.aux[name] = out;
    };
    if (t.columns.temperature) {
      put(`V${id}/V`, t.columns.voltage);
      put(`T${id}/°C`, t.columns.temperature);
    } else if (t.columns.value) {
      const kind = desc?.ChlType !== undefined ? AUX_TYPES.get(desc.ChlType) : undefined;
      const raw = desc?.ChlType !== undefined ? `Aux${id} (ChlType ${desc.ChlType})` : `Aux${id}`;
      if (!kind) warnings.push(`Aux file ${a.name} has channel type ${desc?.ChlType ?? "unknown"}, which this reader cannot name (no unit known); it is kept as "${raw}".`);
      put(kind ? `${kind[0]}${id}/${kind[1]}` : raw, t.columns.value);
    }
  });
  const data2 = newareCyclerData(cols, true, file, `neware-ndax (ndc ${dataT.version})`, metadata, warnings, (i) => `record Index ${slots[i] + 1}`, options.allowUnsortedTime === true);
  if (nInterp > 0) data2.extra.Interpolated = interpolated;
  return data2;
}
