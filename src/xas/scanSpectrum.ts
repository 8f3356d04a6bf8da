/**
 * From a scan's columns to μ(E): transmission ln(I0/It), fluorescence If/I0, electron yield
 * TEY/I0, or a μ column the file already holds.
 * @module
 */
import type { Spectrum } from "../types/spectrum";
import { checkOptions } from "../util/checkOptions";
import type { XasScan } from "./scan";
import { listRows } from "./io/numberTokens";

/** How μ(E) is made from the columns of a scan. */
export type ScanMode = "transmission" | "fluorescence" | "tey" | "mu";

/** Options of {@link scanSpectrum}: the mode and, when the names are not the usual ones, the columns. */
export interface ScanSpectrumOptions {
  /** `"transmission"`: μ = ln(I0/It); `"fluorescence"`: If/I0; `"tey"`: TEY/I0; `"mu"`: a stored μ column. */
  mode: ScanMode;
  /** Energy column (eV, or keV when its unit says so); default the scan's `energy`. */
  energy?: string;
  /** Incident-intensity column; default the first of i0, io, izero, i_0, mon, monitor (any case). */
  i0?: string;
  /** Transmitted-intensity column; default the first of it, i1, itrans, i_t, trans. */
  it?: string;
  /** Fluorescence column (total, partial or ROI); default the first of if, ifluor, fluor, fy, pfy, tfy, ff, roi…, sca…. */
  if?: string;
  /** Electron-yield column (sample drain current); default the first of tey, i_tey, drain, sample_current, iy. */
  tey?: string;
  /** Stored μ column; default the first of mu, xmu, mutrans, mufluor, mu_trans, mu_fluor. */
  mu?: string;
  /**
   * When the energies do not increase strictly: `false` (default) throws naming the rows; `true`
   * sorts the rows by energy and averages rows of equal energy, saying so in `notes`.
   */
  sort?: boolean;
  /** Name of the spectrum (default the scan's label). */
  name?: string;
}

/** A spectrum made from a scan, with what it was made from. */
export interface ScanSpectrum extends Spectrum {
  /** The mode used. */
  readonly mode: ScanMode;
  /** The columns used, by role (`energy`, `i0`, `it`, `if`, `tey`, `mu`). */
  readonly columnsUsed: Readonly<Record<string, string>>;
  /** The scan's file. */
  readonly file: string;
  /** What was done beyond the formula (keV → eV, rows sorted, repeated energies averaged), one sentence each. */
  readonly notes: readonly string[];
}

const DEFAULTS: Record<string, RegExp[]> = {
  i0: [/^i0$/i, /^io$/i, /^izero$/i, /^i_0$/i, /^i0[_ ]?\w*$/i, /^mon(itor)?$/i],
  it: [/^it$/i, /^i1$/i, /^itrans$/i, /^i_t$/i, /^trans(mission)?$/i, /^it[_ ]?\w*$/i],
  if: [/^if$/i, /^ifluor$/i, /^fluor(escence)?$/i, /^fy$/i, /^pfy\w*$/i, /^tfy$/i, /^ff$/i, /^i_?f$/i, /^roi\w*$/i, /^\w*_?roi\d*$/i, /^sca\d*$/i],
  tey: [/^tey$/i, /^i_?tey$/i, /^drain$/i, /^sample[_ ]?(current|drain)$/i, /^iy$/i, /^tey\w*$/i],
  mu: [/^mu$/i, /^xmu$/i, /^mutrans$/i, /^mufluor$/i, /^mu_trans$/i, /^mu_fluor$/i, /^mu\w*$/i, /^x?mu\b/i],
};

const ROLES: Record<ScanMode, string[]> = { transmission: ["i0", "it"], fluorescence: ["i0", "if"], tey: ["i0", "tey"], mu: ["mu"] };

/**
 * μ(E) from a scan: `transmission` μ = ln(I0/It), `fluorescence` If/I0, `tey` TEY/I0 (sample
 * drain current over I0; soft-X-ray scans with both TEY and FY columns give one spectrum per
 * mode), `mu` a stored μ column. Columns are found by their usual names unless given.
 *
 * @param scan a scan from {@link readXdi}, {@link readColumnFile}, {@link readSpec} or {@link readAthena}.
 * @param opts {@link ScanSpectrumOptions}; `mode` is required.
 * @returns a {@link ScanSpectrum}: energies in eV (increasing), values (unit "ln(I0/It)", "If/I0",
 *   "TEY/I0" or the μ column's unit), the mode, the columns used and notes.
 * @throws Error naming the file when a column is missing (listing the columns present), when I0,
 *   It or a ratio is zero, negative or not finite (naming the rows), or when energies repeat or
 *   decrease (naming the rows) and `sort` is not set.
 * @example
 * const scan = readXdi("cu_metal_rt.xdi");               // columns energy, i0, itrans, mutrans
 * const mu = scanSpectrum(scan, { mode: "transmission" }); // ln(i0/itrans), unit "ln(I0/It)"
 * const fy = scanSpectrum(readColumnFile("sgm.dat"), { mode: "fluorescence", if: "pfy_O" });
 */
export function scanSpectrum(scan: XasScan, opts: ScanSpectrumOptions): ScanSpectrum {
  const fn = "scanSpectrum";
  if (opts === undefined || opts === null) throw new TypeError(`${fn}: options { mode: "transmission" | "fluorescence" | "tey" | "mu" } are required`);
  checkOptions(fn, opts, ["mode", "energy", "i0", "it", "if", "tey", "mu", "sort", "name"]);
  const where = `${fn}(${scan.file}${scan.label && scan.format !== "xdi" && scan.format !== "columns" ? `, "${scan.label}"` : ""})`;
  const mode = opts.mode;
  if (!(mode in ROLES)) throw new Error(`${where}: option mode must be "transmission", "fluorescence", "tey" or "mu", got ${JSON.stringify(mode)}`);
  const present = `columns present: ${scan.names.join(", ")}`;
  const pick = (role: string): string => {
    const given = (opts as unknown as Record<string, unknown>)[role];
    if (given !== undefined) {
      if (typeof given !== "string") throw new TypeError(`${where}: option ${role} must be a column name (string), got ${typeof given}`);
      if (!(given in scan.columns)) throw new Error(`${where}: option ${role}: no column "${given}"; ${present}`);
      return given;
    }
    for (const re of DEFAULTS[role]) {
      const hit = scan.names.find((n) => re.test(n));
      if (hit !== undefined) return hit;
    }
    throw new Error(`${where}: mode "${mode}" needs a ${role} column and none has a usual name; ${present}. Name it: { ${role}: "<column>" }`);
  };
  let eName = opts.energy ?? scan.energy;
  if (opts.energy !== undefined && !(opts.energy in scan.columns)) throw new Error(`${where}: option energy: no column "${opts.energy}"; ${present}`);
  if (eName === undefined) {
    eName = scan.names.find((n) => /^(energy|energy_?ev|ene|mono_?energy|e)$/i.test(n));
    if (eName === undefined) throw new Error(`${where}: no energy column known; ${present}. Name it: { energy: "<column>" }`);
  }
  const used: Record<string, string> = { energy: eName };
  for (const role of ROLES[mode]) used[role] = pick(role);
  const notes: string[] = [];
  const n = scan.nPoints;
  let e = Float64Array.from(scan.columns[eName]);
  const eUnit = (scan.units[eName] ?? "").toLowerCase();
  if (eUnit === "kev") {
    for (let i = 0; i < n; i++) e[i] *= 1000;
    notes.push(`energy column "${eName}" is in keV; multiplied by 1000 to eV`);
  }
  let v = new Float64Array(n);
  const bad: number[] = [];
  let unit: string;
  if (mode === "mu") {
    const mu = scan.columns[used.mu];
    for (let i = 0; i < n; i++) v[i] = mu[i];
    unit = scan.units[used.mu] ?? "";
  } else {
    const i0 = scan.columns[used.i0];
    const sig = scan.columns[used[ROLES[mode][1]]];
    for (let i = 0; i < n; i++) {
      if (mode === "transmission") {
        if (!(i0[i] > 0 && sig[i] > 0)) bad.push(i + 1);
        v[i] = Math.log(i0[i] / sig[i]);
      } else {
        if (!(i0[i] !== 0)) bad.push(i + 1);
        v[i] = sig[i] / i0[i];
      }
    }
    unit = mode === "transmission" ? "ln(I0/It)" : mode === "fluorescence" ? "If/I0" : "TEY/I0";
    if (bad.length > 0) {
      const need = mode === "transmission" ? `"${used.i0}" and "${used.it}" positive (μ = ln(I0/It))` : `"${used.i0}" non-zero`;
      throw new Error(`${where}: expected ${need}, got ${bad.length} row${bad.length === 1 ? "" : "s"} that are not: rows ${listRows(bad)} (1-based data rows; first: ${used.i0} = ${i0[bad[0] - 1]}, ${ROLES[mode][1]} "${used[ROLES[mode][1]]}" = ${sig[bad[0] - 1]})`);
    }
  }
  for (let i = 0; i < n; i++) if (!Number.isFinite(v[i]) || !Number.isFinite(e[i])) bad.push(i + 1);
  if (bad.length > 0) throw new Error(`${where}: expected finite values, got NaN or ±Infinity at rows ${listRows(bad)} of "${mode === "mu" ? used.mu : eName}"`);
  if (n === 0) throw new Error(`${where}: the scan has no rows`);

  // Energy order.
  const outOfOrder: number[] = [];
  for (let i = 1; i < n; i++) if (!(e[i] > e[i - 1])) outOfOrder.push(i + 1);
  if (outOfOrder.length > 0) {
    if (opts.sort !== true) {
      const i = outOfOrder[0] - 1;
      throw new Error(
        `${where}: energies must increase strictly; column "${eName}" ${e[i] === e[i - 1] ? "repeats" : "decreases"} at row ${i + 1} (${e[i - 1]} → ${e[i]} eV); ` +
          `${outOfOrder.length} row${outOfOrder.length === 1 ? "" : "s"} out of order: ${listRows(outOfOrder)}. Pass { sort: true } to sort the rows and average repeated energies.`,
      );
    }
    if (opts.sort !== undefined && typeof opts.sort !== "boolean") throw new TypeError(`${where}: option sort must be true or false, got ${typeof opts.sort}`);
    const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => e[a] - e[b] || a - b);
    const se: number[] = [], sv: number[] = [];
    const repeated: number[] = [];
    for (let k = 0; k < n; ) {
      let j = k, sum = 0;
      while (j < n && e[idx[j]] === e[idx[k]]) sum += v[idx[j++]];
      if (j - k > 1) for (let q = k; q < j; q++) repeated.push(idx[q] + 1);
      se.push(e[idx[k]]);
      sv.push(sum / (j - k));
      k = j;
    }
    const moved = idx.filter((r, k) => r !== k).length;
    if (moved > 0) notes.push(`sorted the rows by energy (${moved} of ${n} rows moved; the file's rows ${listRows(outOfOrder)} were out of order)`);
    if (repeated.length > 0) notes.push(`averaged ${repeated.length} rows that share an energy with another row (rows ${listRows(repeated.sort((a, b) => a - b))}): ${n} rows → ${se.length} points`);
    e = Float64Array.from(se);
    v = Float64Array.from(sv);
  } else if (opts.sort !== undefined && typeof opts.sort !== "boolean") throw new TypeError(`${where}: option sort must be true or false, got ${typeof opts.sort}`);
  if (opts.name !== undefined && typeof opts.name !== "string") throw new TypeError(`${where}: option name must be a string, got ${typeof opts.name}`);
  return { energies: e, values: v, name: opts.name ?? scan.label, unit, mode, columnsUsed: used, file: scan.file, notes };
}
