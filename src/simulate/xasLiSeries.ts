/**
 * Ni and Ru K-edge transmission EXAFS of layered-rocksalt intergrown Li1.2Ni0.4Ru0.4O2 at
 * different electrochemical states (Li et al., Supplementary Fig. 16), simulated: a metal foil per
 * edge and five states (pristine; charged to 4.6 V and discharged to 2.5 V; charged to 4.8 V and
 * discharged to 1.5 V — the paper's two voltage windows).
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import { placeHalfStep, type XasModel, type XasShell } from "./xasModel";
import { placeNormalizedHalfStep, scanTruth, transmissionScan, xasScanGrid, type SimulatedXasScan, type SimulatedXasSeries } from "./xasSeries";

/** States of Li et al. S16, in order: pristine, then the 4.6–2.5 V window, then the 4.8–1.5 V window. */
export const LI_S16_STATES = ["pristine", "4.6 V", "2.5 V", "4.8 V", "1.5 V"] as const;

/** One state of {@link LI_S16_STATES}. */
export type LiS16State = (typeof LI_S16_STATES)[number];

/** Planted first-shell (TM–O) and second-shell (TM–TM) distance r (Å) and σ² (Å²), and the half-step edge position (eV), of one absorber in one state. */
export interface LiS16Plant {
  /** TM–O distance, Å. */
  rO: number;
  /** TM–O Debye–Waller factor σ², Å². */
  s2O: number;
  /** TM–TM distance, Å. */
  rTM: number;
  /** TM–TM σ², Å². */
  s2TM: number;
  /** Half-step edge position of the normalised μ(E), eV (true energies). */
  half: number;
}

/**
 * The planted shells of Li1.2Ni0.4Ru0.4O2 by edge and state. Distances are set from ionic radii
 * (Shannon; Ni²⁺–O 2.06 Å as in NiO/LiNi0.5Mn0.5O2, Ni³⁺/⁴⁺–O 1.92–1.88 Å as in charged LiNiO2;
 * Ru⁴⁺–O 1.98 Å as in RuO2/Li2RuO3, Ru⁵⁺–O 1.95 Å) and the Ru edge positions from Xu 2018 Fig. 6 (LNRO);
 * the paper's S16 shows only curves, so every number here is illustrative. The changes are
 * reversible: each discharged state returns to within 0.01 Å of pristine. At 4.8 V the Ni–O is
 * slightly longer than at 4.6 V (Ni is partly reduced at high voltage — the "reductive coupling"
 * of S15) and both shells are more disordered (σ² up).
 */
export const LI_S16_PLANT: Readonly<Record<"Ni" | "Ru", Readonly<Record<LiS16State, LiS16Plant>>>> = {
  Ni: {
    "pristine": { rO: 2.06, s2O: 0.0050, rTM: 2.97, s2TM: 0.0060, half: 8342.6 },
    "4.6 V": { rO: 1.90, s2O: 0.0060, rTM: 2.88, s2TM: 0.0070, half: 8344.8 },
    "2.5 V": { rO: 2.05, s2O: 0.0052, rTM: 2.96, s2TM: 0.0062, half: 8342.8 },
    "4.8 V": { rO: 1.93, s2O: 0.0075, rTM: 2.89, s2TM: 0.0085, half: 8344.4 },
    "1.5 V": { rO: 2.06, s2O: 0.0055, rTM: 2.97, s2TM: 0.0065, half: 8342.5 },
  },
  Ru: {
    "pristine": { rO: 1.98, s2O: 0.0035, rTM: 3.00, s2TM: 0.0055, half: 22126.8 },
    "4.6 V": { rO: 1.95, s2O: 0.0040, rTM: 2.96, s2TM: 0.0060, half: 22128.2 },
    "2.5 V": { rO: 1.975, s2O: 0.0036, rTM: 2.995, s2TM: 0.0056, half: 22127.0 },
    "4.8 V": { rO: 1.94, s2O: 0.0045, rTM: 2.95, s2TM: 0.0068, half: 22128.5 },
    "1.5 V": { rO: 1.99, s2O: 0.0040, rTM: 3.00, s2TM: 0.0060, half: 22126.2 },
  },
};

/** Options of {@link simulateLiS16Series}. */
export interface LiS16SeriesOptions {
  /** Seed of the noise. Default 2019. */
  seed?: number;
  /** Incident counts per point (Poisson-like noise on I0 and It); Infinity: no noise. Default 5e6. */
  flux?: number;
}

const EDGE = { Ni: 8333, Ru: 22117 } as const;
/** True − recorded energy of each edge's session, eV. */
const SHIFT = { Ni: -1.34, Ru: 2.71 } as const;

const shell = (label: string, n: number, r: number, sigma2: number, phaseShift: number, amplitude: number, phase0: number): XasShell => ({ label, n, r, sigma2, phaseShift, amplitude, phase0 });

/**
 * Ni K and Ru K transmission scans of Li1.2Ni0.4Ru0.4O2 (Li et al. S16) on a simulated beamline
 * (Si(111), ion chambers): per edge a metal foil (derivative peak 8333 / 22117 eV, each edge its
 * own monochromator offset: −1.34 and +2.71 eV) and the five {@link LI_S16_STATES}, each with an
 * absorber–O shell (N = 6) and an absorber–TM shell (N = 6) at the distances and σ² of
 * {@link LI_S16_PLANT}. The truth (calibration shift, half steps, shells with the R at which the
 * FT of the planted χ(k) peaks, k² Hanning 3–14 Å⁻¹) is in each series' `truth`.
 *
 * @param options - {@link LiS16SeriesOptions}.
 * @returns one {@link SimulatedXasSeries} per edge, scans named "Ni foil", "Ni pristine", "Ni 4.6 V", … and "Ru foil", "Ru pristine", ….
 * @example
 * const { Ni, Ru } = simulateLiS16Series({ seed: 2019 });
 * writeXasSeries("simulated-data/li-s16/ni", Ni);
 */
export function simulateLiS16Series(options: LiS16SeriesOptions = {}): Record<"Ni" | "Ru", SimulatedXasSeries> {
  checkOptions("simulateLiS16Series", options, ["seed", "flux"]);
  const seed = options.seed ?? 2019;
  const flux = options.flux ?? 5e6;
  if (!(flux > 0)) throw new RangeError(`simulateLiS16Series: option flux must be > 0 counts (Infinity for no noise), got ${flux}`);
  const out = {} as Record<"Ni" | "Ru", SimulatedXasSeries>;
  (["Ni", "Ru"] as const).forEach((el, ei) => {
    const edge = EDGE[el], shift = SHIFT[el];
    const grid = el === "Ni" ? xasScanGrid(edge - shift, { preStart: -200, xanes: [-25, 60], xanesStep: 0.25, kmax: 15 }) : xasScanGrid(edge - shift, { kmax: 15 });
    const trueGrid = Float64Array.from(grid, (e) => e + shift);
    const base = { element: el, edge: "K", width: el === "Ni" ? 1.3 : 2.5, step: 1, preOffset: el === "Ni" ? 0.8 : 0.9, preSlope: el === "Ni" ? -2e-4 : -1.5e-4 };
    const foilShell = el === "Ni" ? shell("Ni–Ni", 12, 2.49, 0.006, 0.3, 0.5, 0.5) : shell("Ru–Ru", 12, 2.68, 0.0035, 0.33, 0.5, 0.6);
    const foil: XasModel = { ...base, name: `${el} foil`, e0: edge, peaks: [], shells: [foilShell, { ...foilShell, label: `${foilShell.label} (2nd)`, n: 6, r: +(foilShell.r * Math.SQRT2).toFixed(3), sigma2: 0.008 }] };
    const models: { m: XasModel; role: SimulatedXasScan["role"]; valence: number | null }[] = [{ m: foil, role: "foil", valence: 0 }];
    for (const state of LI_S16_STATES) {
      const p = LI_S16_PLANT[el][state];
      const shells = el === "Ni"
        ? [shell("Ni–O", 6, p.rO, p.s2O, 0.42, 0.5, 0.5), shell("Ni–TM", 6, p.rTM, p.s2TM, 0.38, 0.5, 0.5)]
        : [shell("Ru–O", 6, p.rO, p.s2O, 0.58, 0.5, 0.3), shell("Ru–TM", 6, p.rTM, p.s2TM, 0.71, 0.6, 0.9)];
      const wl = el === "Ni" ? { energy: p.half + 6, height: 0.45, width: 4, shape: "gaussian" as const } : { energy: edge + 9, height: 0.4, width: 5, shape: "gaussian" as const };
      const m: XasModel = { ...base, name: `${el} ${state}`, e0: p.half - 2, step: el === "Ni" ? 0.6 : 0.9, peaks: [wl], shells };
      models.push({ m: placeNormalizedHalfStep(placeHalfStep(m, p.half), p.half, trueGrid), role: "sample", valence: null });
    }
    const scans: SimulatedXasScan[] = models.map(({ m, role }, i) => {
      const { i0, itrans } = transmissionScan(m, grid, shift, seed * 100 + ei * 10 + i, flux);
      return {
        name: m.name, role, energy: Float64Array.from(grid), i0, itrans,
        metadata: { "Element.symbol": el, "Element.edge": "K", "Mono.name": "Si 111", "Mono.d_spacing": 3.13555, "Facility.name": "edgeworks simulated beamline", "Sample.name": m.name === `${el} foil` ? m.name : `Li1.2Ni0.4Ru0.4O2 ${m.name.slice(3)}`, "Scan.edge_energy": edge },
      };
    });
    out[el] = { element: el, edge: "K", scans, truth: { calibrationShift: shift, tabulated: edge, seed, scans: models.map(({ m, role, valence }) => scanTruth(m, role, valence, trueGrid)) } };
  });
  return out;
}
