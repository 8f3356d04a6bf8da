/**
 * The Ni, Co and Mn K edges of LMR-NMC through the first cycle (Gent et al. 2017, Supplementary
 * Figs. 3 and 10), simulated: a metal foil per edge and six states of charge.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import { placeHalfStep, type XasModel, type XasShell } from "./xasModel";
import { placeNormalizedHalfStep, scanTruth, transmissionScan, xasScanGrid, type SimulatedXasScan, type SimulatedXasSeries } from "./xasSeries";

/** States of charge of the first cycle, in order (charge to 4.8 V, discharge to 2.0 V). */
export const TM_K_STATES = ["pristine", "4.35 V", "4.6 V", "4.8 V", "3.65 V", "2.00 V"] as const;

interface Plan {
  element: "Ni" | "Co" | "Mn";
  edge: number;
  /** Half step of each state (eV), in TM_K_STATES order. */
  half: readonly number[];
  /** Pre-edge peak (energy, heights by state). */
  prePeak: { energy: number; heights: readonly number[]; width: number };
  whiteLine: number;
  shells: (i: number) => XasShell[];
  foilShell: XasShell;
}

const sh = (label: string, n: number, r: number, sigma2: number, phaseShift: number, amplitude = 0.5): XasShell => ({ label, n, r, sigma2, phaseShift, amplitude, phase0: 0.5 });
/** Plateau progress of each state (0 before the plateau, 1 at its end). */
const PLATEAU = [0, 0, 0.5, 1, 1, 1];

const PLANS: readonly Plan[] = [
  { element: "Ni", edge: 8333, half: [8342.6, 8344.6, 8344.8, 8344.9, 8344.4, 8343.0], prePeak: { energy: 8332.5, heights: [0.02, 0.025, 0.025, 0.025, 0.025, 0.02], width: 1.2 }, whiteLine: 0.45,
    shells: (i) => [sh("Ni–O", 6, 2.05 - 0.07 * Math.min(1, i), 0.005 + 0.004 * PLATEAU[i], 0.42), sh("Ni–M", 6, 2.88, 0.006 + 0.006 * PLATEAU[i], 0.38)], foilShell: sh("Ni–Ni", 12, 2.49, 0.006, 0.3) },
  { element: "Co", edge: 7709, half: [7720.5, 7721.1, 7721.2, 7721.3, 7721.1, 7720.7], prePeak: { energy: 7709.5, heights: [0.03, 0.03, 0.03, 0.03, 0.03, 0.03], width: 1.2 }, whiteLine: 0.35,
    shells: (i) => [sh("Co–O", 6, 1.92, 0.004 + 0.001 * PLATEAU[i], 0.4), sh("Co–M", 6, 2.85, 0.005 + 0.001 * PLATEAU[i], 0.38)], foilShell: sh("Co–Co", 12, 2.50, 0.006, 0.3) },
  { element: "Mn", edge: 6539, half: [6552.0, 6552.0, 6552.0, 6552.0, 6551.9, 6551.5], prePeak: { energy: 6540.5, heights: [0.05, 0.05, 0.07, 0.09, 0.09, 0.085], width: 1.2 }, whiteLine: 0.3,
    shells: (i) => [sh("Mn–O", 6, 1.90, 0.004 + 0.002 * PLATEAU[i], 0.4), sh("Mn–M", 6, 2.87, 0.005 + 0.003 * PLATEAU[i], 0.38)], foilShell: sh("Mn–Mn", 12, 2.63, 0.008, 0.3) },
];

/**
 * Ni, Co and Mn K-edge transmission scans of LMR-NMC through the first cycle (pristine, 4.35 V
 * before the plateau, 4.6 V mid-plateau, 4.8 V, 3.65 V and 2.00 V on discharge), each edge with
 * its metal foil (derivative peak at 8333, 7709, 6539 eV) and its own monochromator offset.
 * Planted: Ni oxidises most below the plateau (half step +2.0 eV at 4.35 V) and is reduced only
 * a little on discharge; Co moves < 1 eV; the Mn edge stays, shifting −0.5 eV at 2.00 V, while the
 * Mn pre-edge peak (6540.5 eV) grows from 0.05 to 0.09 of the step during the plateau without
 * moving; Ni–O/Ni–M (and less so Mn) shells lose amplitude (σ² up) during the plateau.
 *
 * @param options - `seed` (default 2017), `flux` (counts per point, default 5e6; Infinity: no noise).
 * @returns one {@link SimulatedXasSeries} per element ("Ni", "Co", "Mn"), scans named "<El> foil" and "<El> <state>".
 * @example
 * const { Ni, Co, Mn } = simulateTmKSeries({ seed: 2017 });
 * writeXasSeries("simulated-data/gent2017-tm-k/ni", Ni);
 */
export function simulateTmKSeries(options: { seed?: number; flux?: number } = {}): Record<"Ni" | "Co" | "Mn", SimulatedXasSeries> {
  checkOptions("simulateTmKSeries", options, ["seed", "flux"]);
  const seed = options.seed ?? 2017;
  const flux = options.flux ?? 5e6;
  if (!(flux > 0)) throw new RangeError(`simulateTmKSeries: option flux must be > 0 counts (Infinity for no noise), got ${flux}`);
  const out = {} as Record<"Ni" | "Co" | "Mn", SimulatedXasSeries>;
  PLANS.forEach((p, pi) => {
    const shift = [1.62, -0.87, 2.11][pi];
    const grid = xasScanGrid(p.edge - shift, { preStart: -200, xanes: [-25, 60], xanesStep: 0.25, kmax: 14 });
    const trueGrid = Float64Array.from(grid, (e) => e + shift);
    const base = { element: p.element, edge: "K", width: 1.3, step: 1, preOffset: 0.8, preSlope: -2e-4 };
    const foil: XasModel = { ...base, name: `${p.element} foil`, e0: p.edge, peaks: [], shells: [p.foilShell, { ...p.foilShell, label: `${p.foilShell.label} (2nd)`, n: 6, r: p.foilShell.r * Math.SQRT2, sigma2: 0.009 }] };
    const models: { m: XasModel; role: SimulatedXasScan["role"] }[] = [{ m: foil, role: "foil" }];
    TM_K_STATES.forEach((state, i) => {
      const m: XasModel = {
        ...base, name: `${p.element} ${state}`, e0: p.half[i] - 2, step: 0.7,
        peaks: [{ energy: p.prePeak.energy, height: p.prePeak.heights[i], width: p.prePeak.width, shape: "gaussian" }, { energy: p.half[i] + 6, height: p.whiteLine, width: 4, shape: "gaussian" }],
        shells: p.shells(i),
      };
      // keep the pre-edge peak where it is: place by moving the step and white line only
      const placed = placeNormalizedHalfStep(placeHalfStep(m, p.half[i]), p.half[i], trueGrid);
      const d = placed.e0 - m.e0;
      models.push({ m: { ...placed, peaks: [{ ...m.peaks[0] }, { ...m.peaks[1], energy: m.peaks[1].energy + d }] }, role: "sample" });
    });
    // re-place with the pre-edge peak fixed (one more fixed-point pass)
    for (let i = 1; i < models.length; i++) {
      const m = models[i].m;
      for (let it = 0; it < 3; it++) {
        const now = scanTruth(m, "sample", null, trueGrid).halfStep;
        const d = p.half[i - 1] - now;
        if (Math.abs(d) < 1e-3) break;
        m.e0 += d; if (m.ek0 !== undefined) m.ek0 += d;
        m.peaks[1].energy += d;
      }
    }
    const scans: SimulatedXasScan[] = models.map(({ m, role }, i) => {
      const { i0, itrans } = transmissionScan(m, grid, shift, seed * 100 + pi * 10 + i, flux);
      return { name: m.name, role, energy: Float64Array.from(grid), i0, itrans, metadata: { "Element.symbol": p.element, "Element.edge": "K", "Mono.name": "Si 111", "Mono.d_spacing": 3.13555, "Facility.name": "edgeworks simulated beamline", "Sample.name": m.name, "Scan.edge_energy": p.edge } };
    });
    out[p.element] = { element: p.element, edge: "K", scans, truth: { calibrationShift: shift, tabulated: p.edge, seed, scans: models.map(({ m, role }) => scanTruth(m, role, null, trueGrid)) } };
  });
  return out;
}
