/**
 * Half-cycle models of the simulated cycler: dQ/dV as a sum of Gaussian peaks on a flat
 * background between two voltages, scaled to a capacity — and the presets built from the papers.
 * @module
 */

/** One dQ/dV peak of a half-cycle model. */
export interface DqdvPeakModel {
  /** Centre, V. */
  center: number;
  /** Gaussian standard deviation, V. */
  width: number;
  /** Share of the half-cycle's capacity in this peak (before truncation at the voltage limits), 0–1. */
  share: number;
}

/** dQ/dV model of one half-cycle: a flat background plus Gaussian peaks, between `from` and `to`, integrating to `capacity`. */
export interface HalfCycleModel {
  /** Voltage at the start of the half-cycle (after the first point), V. */
  from: number;
  /** Cut-off voltage, V. */
  to: number;
  /** Capacity of the half-cycle, mAh/g. */
  capacity: number;
  /** Peaks; the rest (1 − Σ share) is spread evenly over [from, to]. */
  peaks: readonly DqdvPeakModel[];
}

/** A cell for the simulated cycler: the first cycle and later cycles, with fade and voltage decay. */
export interface CellModel {
  /** Name, e.g. "LNMO (Xu 2018)". */
  name: string;
  /** Active material formula, e.g. "Li1.2Ni0.2Mn0.6O2". */
  formula: string;
  /** First charge and discharge. */
  first: { charge: HalfCycleModel; discharge: HalfCycleModel };
  /** Charge and discharge of the second and later cycles. @default the first cycle's */
  later?: { charge: HalfCycleModel; discharge: HalfCycleModel };
  /** Capacity kept per cycle after the second (fraction), e.g. 0.995. @default 1 */
  retention?: number;
  /** Shift of every voltage per cycle after the second, V (negative = voltage decay). @default 0 */
  voltageShift?: number;
}

/**
 * Li1.2Ni0.2Mn0.6O2 after Xu et al. 2018 (Fig. 2a, c): first charge 310 mAh/g from 3.2 to
 * 4.8 V with weak anodic peaks near 3.8 and 4.1 V and the 4.55 V activation plateau (a strong
 * narrow peak); first discharge 232 mAh/g, sloping, to 2.0 V; later cycles without the plateau.
 * @example
 * simulateCycler({ cell: LNMO_XU2018, mass: 3.2 });
 */
export const LNMO_XU2018: CellModel = {
  name: "LNMO (Xu 2018)",
  formula: "Li1.2Ni0.2Mn0.6O2",
  first: {
    charge: { from: 3.2, to: 4.8, capacity: 310, peaks: [{ center: 3.8, width: 0.06, share: 0.14 }, { center: 4.1, width: 0.06, share: 0.1 }, { center: 4.55, width: 0.012, share: 0.5 }] },
    discharge: { from: 4.8, to: 2.0, capacity: 232, peaks: [{ center: 4.35, width: 0.15, share: 0.16 }, { center: 3.75, width: 0.18, share: 0.33 }, { center: 3.3, width: 0.2, share: 0.25 }] },
  },
  later: {
    charge: { from: 2.9, to: 4.8, capacity: 236, peaks: [{ center: 3.35, width: 0.2, share: 0.25 }, { center: 3.85, width: 0.15, share: 0.35 }, { center: 4.45, width: 0.12, share: 0.15 }] },
    discharge: { from: 4.8, to: 2.0, capacity: 228, peaks: [{ center: 4.35, width: 0.15, share: 0.16 }, { center: 3.75, width: 0.18, share: 0.33 }, { center: 3.3, width: 0.2, share: 0.25 }] },
  },
  retention: 0.995,
  voltageShift: -0.01,
};

/**
 * Li1.2Ni0.2Ru0.6O2 after Xu et al. 2018 (Fig. 2b, d): a sloping first charge of 239 mAh/g
 * with a strong anodic peak at 3.65 V and minor ones at 3.75 and 4.1 V; discharge 213 mAh/g
 * with cathodic peaks at 3.7 and 3.4 V.
 * @example
 * simulateCycler({ cell: LNRO_XU2018, mass: 3.2 });
 */
export const LNRO_XU2018: CellModel = {
  name: "LNRO (Xu 2018)",
  formula: "Li1.2Ni0.2Ru0.6O2",
  first: {
    charge: { from: 3.2, to: 4.8, capacity: 239, peaks: [{ center: 3.65, width: 0.025, share: 0.38 }, { center: 3.75, width: 0.025, share: 0.1 }, { center: 4.1, width: 0.05, share: 0.14 }] },
    discharge: { from: 4.8, to: 2.0, capacity: 213, peaks: [{ center: 3.7, width: 0.05, share: 0.28 }, { center: 3.4, width: 0.06, share: 0.36 }] },
  },
  later: {
    charge: { from: 3.0, to: 4.8, capacity: 215, peaks: [{ center: 3.55, width: 0.04, share: 0.4 }, { center: 3.8, width: 0.04, share: 0.12 }, { center: 4.1, width: 0.05, share: 0.12 }] },
    discharge: { from: 4.8, to: 2.0, capacity: 210, peaks: [{ center: 3.7, width: 0.05, share: 0.28 }, { center: 3.4, width: 0.06, share: 0.36 }] },
  },
  retention: 0.997,
};

/**
 * Li1.2Ni0.4Ru0.4O2 (layered-rocksalt intergrown) after Li et al. (SI Fig. S10): cycled
 * between 4.6 and 2.5 V at C/50; Ni²⁺/Ni³⁺/Ni⁴⁺ and Ru redox peaks, the extra capacity beyond
 * TM redox at the top of charge; slight voltage decay on cycling. Capacities are illustrative
 * (the SI prints no numbers for them).
 * @example
 * simulateCycler({ cell: LNRO_LI_S10, cycles: 5, mass: 2.5 });
 */
export const LNRO_LI_S10: CellModel = {
  name: "Li1.2Ni0.4Ru0.4O2 (Li et al. S10)",
  formula: "Li1.2Ni0.4Ru0.4O2",
  first: {
    charge: { from: 3.0, to: 4.6, capacity: 270, peaks: [{ center: 3.55, width: 0.05, share: 0.3 }, { center: 3.85, width: 0.06, share: 0.2 }, { center: 4.45, width: 0.04, share: 0.2 }] },
    discharge: { from: 4.6, to: 2.5, capacity: 245, peaks: [{ center: 4.3, width: 0.08, share: 0.15 }, { center: 3.75, width: 0.07, share: 0.3 }, { center: 3.3, width: 0.08, share: 0.25 }] },
  },
  later: {
    charge: { from: 2.9, to: 4.6, capacity: 248, peaks: [{ center: 3.5, width: 0.06, share: 0.32 }, { center: 3.85, width: 0.06, share: 0.2 }, { center: 4.4, width: 0.05, share: 0.16 }] },
    discharge: { from: 4.6, to: 2.5, capacity: 243, peaks: [{ center: 4.3, width: 0.08, share: 0.15 }, { center: 3.75, width: 0.07, share: 0.3 }, { center: 3.3, width: 0.08, share: 0.25 }] },
  },
  retention: 0.996,
  voltageShift: -0.004,
};

const erf = (x: number): number => {
  // erfc by the Numerical Recipes Chebyshev fit, |relative error| < 1.2e-7
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - r : r - 1;
};

/** @internal Evaluate a half-cycle model: dQ/dV (mAh g⁻¹ V⁻¹, positive) and q(V) from the start (mAh/g). */
export function halfCycleFunctions(m: HalfCycleModel): { dqdv: (v: number) => number; q: (v: number) => number; voltageAt: (q: number) => number } {
  const lo = Math.min(m.from, m.to);
  const hi = Math.max(m.from, m.to);
  const span = hi - lo;
  const shares = m.peaks.reduce((s, p) => s + p.share, 0);
  if (!(shares < 1)) throw new RangeError(`halfCycleModel: peak shares add up to ${shares}; expected < 1 (the rest is the flat background)`);
  const base = 1 - shares;
  const cdf = (v: number, p: DqdvPeakModel) => 0.5 * (1 + erf((v - p.center) / (p.width * Math.SQRT2)));
  const rawQ = (v: number) => base * (v - lo) / span + m.peaks.reduce((s, p) => s + p.share * (cdf(v, p) - cdf(lo, p)), 0);
  const z = rawQ(hi);
  const k = m.capacity / z;
  const dqdv = (v: number) => k * (base / span + m.peaks.reduce((s, p) => s + (p.share * Math.exp(-0.5 * ((v - p.center) / p.width) ** 2)) / (p.width * Math.sqrt(2 * Math.PI)), 0));
  const charge = m.to > m.from;
  const q = (v: number) => (charge ? k * rawQ(v) : m.capacity - k * rawQ(v));
  const voltageAt = (qq: number) => {
    let a = lo;
    let b = hi;
    for (let it = 0; it < 60; it++) {
      const c = 0.5 * (a + b);
      if ((q(c) < qq) === charge) a = c;
      else b = c;
    }
    return 0.5 * (a + b);
  };
  return { dqdv, q, voltageAt };
}

/**
 * The voltages of the maxima of a half-cycle model's dQ/dV near each planted peak centre (the
 * ground truth a dQ/dV analysis should find; overlapping peaks pull the maxima slightly off
 * the centres). Peaks that do not make a local maximum are left out.
 * @example
 * modelPeakVoltages(LNRO_XU2018.first.charge); // ≈ [3.65, 3.75, 4.1]
 */
export function modelPeakVoltages(m: HalfCycleModel): number[] {
  const { dqdv } = halfCycleFunctions(m);
  const out: number[] = [];
  for (const p of m.peaks) {
    let best = p.center;
    let bestY = -Infinity;
    const step = p.width / 400;
    for (let v = p.center - 2 * p.width; v <= p.center + 2 * p.width; v += step) {
      const y = dqdv(v);
      if (y > bestY) { bestY = y; best = v; }
    }
    const isMax = Math.abs(best - p.center) < 1.9 * p.width && dqdv(best - 3 * step) < bestY && dqdv(best + 3 * step) < bestY;
    if (isMax) out.push(Math.round(best * 1e4) / 1e4);
  }
  return out;
}
