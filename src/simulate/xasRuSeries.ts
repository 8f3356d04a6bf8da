/**
 * The Ru K-edge series of Xu et al. 2018 (Fig. 6), simulated: a Ru foil for the energy calibration,
 * RuO₂, RuCl₃ and Ru-metal references, and Li1.2Ni0.2Ru0.6O2 (LNRO) pristine, charged to 4.8 V
 * and discharged to 2.0 V.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import { placeHalfStep, type XasModel, type XasShell } from "./xasModel";
import { placeNormalizedHalfStep, scanTruth, transmissionScan, xasScanGrid, type SimulatedXasScan, type SimulatedXasSeries } from "./xasSeries";

/** Options of {@link simulateRuKSeries}. */
export interface RuKSeriesOptions {
  /** Seed of the noise. Default 2018. */
  seed?: number;
  /** True − recorded energy (eV) of the session: the calibration the foil must find. Default 2.37. */
  calibrationShift?: number;
  /** Incident counts per point (Poisson-like noise on I0 and It). Infinity: no noise. Default 5e6. */
  flux?: number;
}

const RU_K = 22117;
const O = (r: number): XasShell => ({ label: "Ru–O", n: 6, r, sigma2: 0.0035, amplitude: 0.5, phaseShift: 0.58, phase0: 0.3 });
const TM = (r: number): XasShell => ({ label: "Ru–TM", n: 6, r, sigma2: 0.0055, amplitude: 0.6, phaseShift: 0.71, phase0: 0.9 });

function model(name: string, half: number | null, over: Partial<XasModel>, trueGrid: Float64Array): XasModel {
  const m: XasModel = { name, element: "Ru", edge: "K", e0: RU_K, width: 2.5, step: 1, preOffset: 0.9, preSlope: -1.5e-4, peaks: [], shells: [], ...over };
  return half === null ? m : placeNormalizedHalfStep(placeHalfStep(m, half), half, trueGrid);
}

/**
 * The Ru K-edge data of Xu 2018 Fig. 6 on a simulated beamline (APS 20-BM-like transmission, Si(111)):
 * - "Ru foil": arctan edge whose derivative peaks at 22117 eV (true), Ru–Ru shells (2.68, 3.79 Å);
 * - references "Ru metal" (0), "RuCl3" (3+, half step 22125.2 eV), "RuO2" (4+, 22126.9 eV);
 * - samples "LNRO pristine" (half step 22126.8 eV), "LNRO 4.8 V" (22128.5 eV), "LNRO 2.0 V" (22127.0 eV),
 *   with Ru–O and Ru–TM shells whose |χ(R)| peaks (no phase correction) sit at 1.40 and 2.30 Å
 *   (1.37 and 2.27 Å when charged: the shells shorten slightly on oxidation).
 * Every scan is recorded on a monochromator scale `calibrationShift` eV below the true energies;
 * counts carry Poisson-like noise. The truth (half steps, derivative peaks, shells) is in `truth`.
 *
 * @param options - {@link RuKSeriesOptions}.
 * @returns a {@link SimulatedXasSeries}; write it with {@link writeXasSeries}.
 * @example
 * const series = simulateRuKSeries({ seed: 2018 });
 * series.truth.scans.find((s) => s.name === "LNRO pristine")!.halfStep; // 22126.8
 */
export function simulateRuKSeries(options: RuKSeriesOptions = {}): SimulatedXasSeries {
  checkOptions("simulateRuKSeries", options, ["seed", "calibrationShift", "flux"]);
  const seed = options.seed ?? 2018;
  const shift = options.calibrationShift ?? 2.37;
  const flux = options.flux ?? 5e6;
  if (!(flux > 0)) throw new RangeError(`simulateRuKSeries: option flux must be > 0 counts (Infinity for no noise), got ${flux}`);
  if (!Number.isFinite(shift) || Math.abs(shift) > 30) throw new RangeError(`simulateRuKSeries: option calibrationShift must be a number of eV within ±30, got ${shift}`);
  const grid = xasScanGrid(RU_K - shift);
  const trueGrid = Float64Array.from(grid, (e) => e + shift);
  const wl = (h: number): XasModel["peaks"] => [{ energy: RU_K + 9, height: h, width: 5, shape: "gaussian" }];
  const list: { m: XasModel; role: SimulatedXasScan["role"]; valence: number | null }[] = [
    { m: model("Ru foil", null, { e0: RU_K, preOffset: 0.5, shells: [{ label: "Ru–Ru", n: 12, r: 2.68, sigma2: 0.0035, amplitude: 0.5, phaseShift: 0.33, phase0: 0.6 }, { label: "Ru–Ru", n: 6, r: 3.79, sigma2: 0.006, amplitude: 0.5, phaseShift: 0.38, phase0: 0.6 }] }, trueGrid), role: "foil", valence: 0 },
    { m: model("Ru metal", null, { e0: RU_K, step: 0.8, preOffset: 0.6, shells: [{ label: "Ru–Ru", n: 12, r: 2.68, sigma2: 0.0038, amplitude: 0.5, phaseShift: 0.33, phase0: 0.6 }, { label: "Ru–Ru", n: 6, r: 3.79, sigma2: 0.0065, amplitude: 0.5, phaseShift: 0.38, phase0: 0.6 }] }, trueGrid), role: "reference", valence: 0 },
    { m: model("RuCl3", 22125.2, { width: 2.6, peaks: [{ energy: RU_K + 8, height: 0.22, width: 4.5, shape: "gaussian" }], shells: [{ label: "Ru–Cl", n: 6, r: 2.35, sigma2: 0.004, amplitude: 0.6, phaseShift: 0.45, phase0: 0.5 }, { label: "Ru–Ru", n: 3, r: 3.45, sigma2: 0.006, amplitude: 0.5, phaseShift: 0.5, phase0: 0.8 }] }, trueGrid), role: "reference", valence: 3 },
    { m: model("RuO2", 22126.9, { peaks: wl(0.36), shells: [O(1.98), { label: "Ru–Ru", n: 2, r: 3.11, sigma2: 0.004, amplitude: 0.5, phaseShift: 0.6, phase0: 0.9 }, { label: "Ru–Ru", n: 8, r: 3.54, sigma2: 0.006, amplitude: 0.5, phaseShift: 0.6, phase0: 0.9 }] }, trueGrid), role: "reference", valence: 4 },
    { m: model("LNRO pristine", 22126.8, { step: 0.9, peaks: wl(0.38), shells: [O(1.98), TM(2.96)] }, trueGrid), role: "sample", valence: 4 },
    { m: model("LNRO 4.8 V", 22128.5, { step: 0.9, peaks: wl(0.42), shells: [O(1.95), TM(2.93)] }, trueGrid), role: "sample", valence: 5 },
    { m: model("LNRO 2.0 V", 22127.0, { step: 0.9, peaks: wl(0.385), shells: [O(1.975), TM(2.955)] }, trueGrid), role: "sample", valence: 4 },
  ];
  const scans: SimulatedXasScan[] = list.map(({ m, role }, i) => {
    const { i0, itrans } = transmissionScan(m, grid, shift, seed * 1000 + i, flux);
    return {
      name: m.name, role, energy: Float64Array.from(grid), i0, itrans,
      metadata: {
        "Element.symbol": "Ru", "Element.edge": "K", "Mono.name": "Si 111", "Mono.d_spacing": 3.13555,
        "Facility.name": "edgeworks simulated beamline", "Beamline.name": "20-BM-B (simulated)", "Sample.name": m.name,
        "Scan.edge_energy": RU_K, "Detector.I0": "ion chamber", "Detector.I1": "ion chamber (transmission)",
      },
    };
  });
  return { element: "Ru", edge: "K", scans, truth: { calibrationShift: shift, tabulated: RU_K, seed, scans: list.map(({ m, role, valence }) => scanTruth(m, role, valence, trueGrid)) } };
}
