/**
 * Calculated powder patterns (reflection lists) of a structure, X-ray or neutron, following the
 * same physics as pymatgen's XRDCalculator / NDCalculator so the two can be compared:
 *
 *   I(hkl) = m · |F(hkl)|² · LP(θ),   F = Σⱼ oⱼ · fⱼ(s) · exp(−8π² Uⱼ s²) · exp(2πi h·rⱼ)
 *
 * over every atom j of the unit cell (occupancy oⱼ, so Li/Ni exchange is an occupancy change),
 * s = sin θ/λ. X-rays: fⱼ from the four-Gaussian table ({@link xrayFormFactor}, neutral atoms),
 * LP = (1 + cos² 2θ)/(sin² θ cos θ) (unpolarised beam, no monochromator). Neutrons: fⱼ = b_c
 * ({@link neutronScatteringLength}), LP = 1/(sin² θ cos θ) (Lorentz only), as pymatgen.
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import { elementOf } from "./elements";
import { xrayFormFactor } from "./formFactor";
import { equivalentHkls, hklLabel, laueRotations, representativeHkl, type Hkl } from "./powderHkl";
import { resolveWavelength, type Wavelength } from "./powderWavelength";
import { neutronScatteringLength } from "./scatteringLength";
import type { Structure } from "./structure";
import { expandSites, type UnitCellContents } from "./symmetry/expandSites";
import { reciprocalMetric } from "./symmetry/lattice";

/** Options of {@link powderPattern}. */
export interface PowderPatternOptions {
  /** "xray" (atomic form factors, Lorentz-polarisation) or "neutron" (scattering lengths, Lorentz). @default "xray" */
  radiation?: "xray" | "neutron";
  /** Å, or a tube line ("CuKa1" = 1.5406 Å, "MoKa1", …; see {@link WAVELENGTHS}). @default "CuKa1" */
  wavelength?: Wavelength;
  /** 2θ range in degrees. @default [5, 90] */
  twoThetaRange?: readonly [number, number];
  /** Use each site's Uiso for the Debye–Waller factor exp(−8π² U s²). @default true */
  debyeWaller?: boolean;
  /** Reflections whose d differ by less than this (Å) form one peak. @default 1e-5 */
  dTolerance?: number;
  /** Images of a site closer than this (Å) are one atom (see {@link expandSites}). @default 0.01 */
  siteTolerance?: number;
}

/** One family of symmetry-equivalent reflections. */
export interface Reflection {
  /** The conventional representative, e.g. [1, 0, 4]. */
  hkl: Hkl;
  /** Its label, e.g. "(104)". */
  label: string;
  /** Number of equivalent reflections (Friedel pairs counted), the powder multiplicity. */
  multiplicity: number;
  /** d-spacing, Å. */
  d: number;
  /** Bragg angle 2θ, degrees, at the pattern's wavelength. */
  twoTheta: number;
  /** |F|² of one reflection of the family (electrons² for X-rays, fm² for neutrons). */
  f2: number;
  /** The Lorentz(-polarisation) factor at this angle. */
  lp: number;
  /** m · |F|² · LP. */
  intensity: number;
  /** Intensity relative to the strongest peak of the pattern = 100. */
  relative: number;
}

/** Reflections at the same d (within `dTolerance`) form one peak. */
export interface PowderPeak {
  twoTheta: number;
  d: number;
  /** Sum of the reflections' intensities. */
  intensity: number;
  /** Relative to the strongest peak = 100. */
  relative: number;
  /** The families in the peak (indices into `reflections`). */
  reflections: number[];
  /** Labels of the families, strongest first, joined by "+" ("(018)+(110)" when they coincide). */
  label: string;
}

/** A calculated powder pattern: reflections and peaks. */
export interface PowderPattern {
  /** Structure name. */
  name: string;
  radiation: "xray" | "neutron";
  /** Wavelength, Å. */
  wavelength: number;
  /** The tube's Kα2 wavelength when `wavelength` was a Kα1 line (used by {@link powderProfile} when asked). */
  alpha2Wavelength?: number;
  /** A readable name of the wavelength ("Cu Kα1", "0.459 Å"). */
  wavelengthName: string;
  twoThetaRange: [number, number];
  /** Families with non-zero intensity, by increasing 2θ. */
  reflections: Reflection[];
  /** Peaks (coincident families merged), by increasing 2θ. */
  peaks: PowderPeak[];
  /** The expanded unit cell the pattern was calculated from. */
  contents: UnitCellContents;
}

const OPTIONS = ["radiation", "wavelength", "twoThetaRange", "debyeWaller", "dTolerance", "siteTolerance"] as const;
const RAD = Math.PI / 180;
const EIGHT_PI2 = 8 * Math.PI * Math.PI;

/**
 * Calculate the powder pattern of a structure: all reflections in the 2θ range, their structure
 * factors, multiplicities (equivalent reflections under the Laue class merged) and intensities.
 * Systematically absent reflections (|F|² below 10⁻⁸ of the strongest) are left out.
 *
 * @param structure the structure (see {@link readCif}); sites may share a position with partial
 *   occupancies (e.g. 3a: Li 0.9 + Ni 0.1).
 * @param options {@link PowderPatternOptions}.
 * @returns the {@link PowderPattern}.
 * @throws Error for an unknown option, wavelength or element, a bad cell, an empty 2θ range.
 * @example
 * const p = powderPattern(readCifStructure("LiCoO2.cif"), { wavelength: "CuKa1" });
 * p.peaks[0].label; // "(003)", at 2θ ≈ 18.9°
 * const n = powderPattern(s, { radiation: "neutron", wavelength: 1.54 });
 */
export function powderPattern(structure: Structure, options: PowderPatternOptions = {}): PowderPattern {
  const fn = "powderPattern";
  checkOptions(fn, options, OPTIONS);
  const radiation = options.radiation ?? "xray";
  if (radiation !== "xray" && radiation !== "neutron") throw new Error(`${fn}: option radiation must be "xray" or "neutron", got ${JSON.stringify(radiation)}`);
  const wl = resolveWavelength(options.wavelength ?? "CuKa1", fn);
  const lambda = wl.wavelength;
  const range = options.twoThetaRange ?? [5, 90];
  if (!Array.isArray(range) || range.length !== 2 || !(range[0] >= 0 && range[1] > range[0] && range[1] < 180)) {
    throw new RangeError(`${fn}: option twoThetaRange must be [min, max] degrees with 0 ≤ min < max < 180, got ${JSON.stringify(range)}`);
  }
  const dTol = options.dTolerance ?? 1e-5;
  if (!(Number.isFinite(dTol) && dTol >= 0)) throw new RangeError(`${fn}: option dTolerance must be ≥ 0 Å, got ${dTol}`);
  const useDw = options.debyeWaller ?? true;
  const contents = expandSites(structure, options.siteTolerance === undefined ? {} : { tolerance: options.siteTolerance });
  const where = structure.source ?? structure.name;

  // Atoms grouped by element: the scattering factor depends only on the element.
  const byElement = new Map<string, { x: number[]; y: number[]; z: number[]; w: number[]; b: number[] }>();
  for (const a of contents.atoms) {
    const site = structure.sites[a.site];
    const el = elementOf(a.species, `${where}: site ${site.label}`);
    let g = byElement.get(el);
    if (!g) byElement.set(el, (g = { x: [], y: [], z: [], w: [], b: [] }));
    g.x.push(a.x); g.y.push(a.y); g.z.push(a.z); g.w.push(a.occupancy); g.b.push(useDw ? EIGHT_PI2 * a.uiso : 0);
  }
  const scatter = new Map<string, (s: number) => number>();
  for (const el of byElement.keys()) {
    if (radiation === "xray") {
      xrayFormFactor(el, 0);
      scatter.set(el, (s) => xrayFormFactor(el, s));
    } else {
      const b = neutronScatteringLength(el);
      scatter.set(el, () => b);
    }
  }

  // Reciprocal-lattice points in the shell.
  const gs = reciprocalMetric(contents.cell);
  const gMax = (2 * Math.sin((range[1] / 2) * RAD)) / lambda;
  const gMin = (2 * Math.sin((range[0] / 2) * RAD)) / lambda;
  // h = g·a, so |h| ≤ |g|·a.
  const { a, b, c } = contents.cell;
  const lim = [Math.ceil(gMax * a), Math.ceil(gMax * b), Math.ceil(gMax * c)];
  const rotations = laueRotations(contents.spaceGroup);
  const done = new Set<string>();
  const raw: { hkl: Hkl; m: number; g: number; f2: number }[] = [];
  for (let h = -lim[0]; h <= lim[0]; h++) {
    for (let k = -lim[1]; k <= lim[1]; k++) {
      for (let l = -lim[2]; l <= lim[2]; l++) {
        if (h === 0 && k === 0 && l === 0) continue;
        const q = gs[0] * h * h + gs[4] * k * k + gs[8] * l * l + 2 * (gs[1] * h * k + gs[2] * h * l + gs[5] * k * l);
        const g = Math.sqrt(q);
        if (g > gMax * (1 + 1e-12) || g < gMin * (1 - 1e-12)) continue;
        const key = `${h},${k},${l}`;
        if (done.has(key)) continue;
        const family = equivalentHkls([h, k, l], rotations);
        for (const e of family) done.add(e.join(","));
        const s = g / 2;
        let re = 0, im = 0;
        for (const [el, atoms] of byElement) {
          const f = scatter.get(el)!(s);
          const s2 = s * s;
          for (let j = 0; j < atoms.w.length; j++) {
            const phase = 2 * Math.PI * (h * atoms.x[j] + k * atoms.y[j] + l * atoms.z[j]);
            const amp = atoms.w[j] * f * (atoms.b[j] !== 0 ? Math.exp(-atoms.b[j] * s2) : 1);
            re += amp * Math.cos(phase);
            im += amp * Math.sin(phase);
          }
        }
        raw.push({ hkl: representativeHkl(family), m: family.length, g, f2: re * re + im * im });
      }
    }
  }
  const f2Max = Math.max(0, ...raw.map((r) => r.f2));
  const reflections: Reflection[] = [];
  for (const r of raw) {
    if (!(r.f2 > 1e-8 * f2Max)) continue;
    const theta = Math.asin(Math.min(1, (lambda * r.g) / 2));
    const sin = Math.sin(theta), cos = Math.cos(theta), cos2t = Math.cos(2 * theta);
    const lp = radiation === "xray" ? (1 + cos2t * cos2t) / (sin * sin * cos) : 1 / (sin * sin * cos);
    reflections.push({ hkl: r.hkl, label: hklLabel(r.hkl), multiplicity: r.m, d: 1 / r.g, twoTheta: (2 * theta) / RAD, f2: r.f2, lp, intensity: r.m * r.f2 * lp, relative: 0 });
  }
  reflections.sort((p, q) => p.twoTheta - q.twoTheta || q.intensity - p.intensity);

  const peaks: PowderPeak[] = [];
  reflections.forEach((r, i) => {
    const last = peaks[peaks.length - 1];
    if (last && Math.abs(last.d - r.d) <= dTol) {
      last.intensity += r.intensity;
      last.reflections.push(i);
    } else peaks.push({ twoTheta: r.twoTheta, d: r.d, intensity: r.intensity, relative: 0, reflections: [i], label: "" });
  });
  const iMax = Math.max(0, ...peaks.map((p) => p.intensity));
  for (const r of reflections) r.relative = iMax > 0 ? (100 * r.intensity) / iMax : 0;
  for (const p of peaks) {
    p.relative = iMax > 0 ? (100 * p.intensity) / iMax : 0;
    p.label = [...p.reflections].sort((x, y) => reflections[y].intensity - reflections[x].intensity).map((i) => reflections[i].label).join("+");
  }
  return {
    name: structure.name,
    radiation,
    wavelength: lambda,
    ...(wl.alpha2 !== undefined ? { alpha2Wavelength: wl.alpha2 } : {}),
    wavelengthName: wl.name,
    twoThetaRange: [range[0], range[1]],
    reflections,
    peaks,
    contents,
  };
}
