/**
 * The result of a Rietveld refinement as the readers of GSAS-II `.lst`, TOPAS `.out` and
 * FullProf `.sum` files return it: phases as {@link Structure} plus every refined number as a
 * {@link Measured} value, and the agreement statistics.
 * @module
 */
import type { Measured } from "./measured";
import type { Structure } from "./structure";

/** A refined cell: lengths in Å, angles in degrees, volume in Å³; esd NaN where not refined. */
export interface RefinedCell {
  a: Measured; b: Measured; c: Measured;
  alpha: Measured; beta: Measured; gamma: Measured;
  volume: Measured;
}

/** A refined site: fractional coordinates, occupancy and Uiso (Å²) with esds (NaN: not refined). */
export interface RefinedSite {
  /** Site label as written ("Cu1", "O2"). */
  label: string;
  /** Atom type as written ("Cu+2", "O"). */
  species: string;
  x: Measured; y: Measured; z: Measured;
  /** Site occupancy (GSAS-II `frac`). */
  occupancy: Measured;
  /** Isotropic displacement, Å²; for an anisotropic atom (U11 + U22 + U33) / 3. */
  uiso: Measured;
  /** U11, U22, U33, U12, U13, U23 (Å²) of an anisotropic atom. */
  uaniso?: Measured[];
}

/** One phase in one histogram (data set): phase fraction and Bragg residuals. */
export interface PhaseInHistogram {
  /** The histogram's name (e.g. "PWDR OH_00.fxye Bank 1"). */
  histogram: string;
  /** Phase fraction (GSAS-II scale of the phase; FullProf/TOPAS: as printed). */
  phaseFraction?: Measured;
  /** Weight fraction, 0–1 (GSAS-II); FullProf `Fract(%)` / TOPAS weight percent are divided by 100. */
  weightFraction?: Measured;
  /** R_F and R_F² in % (GSAS-II), R_Bragg in % (FullProf, TOPAS). */
  rF?: number;
  rF2?: number;
  rBragg?: number;
  /** Number of reflections of the phase in this histogram. */
  reflections?: number;
}

/** A refined phase. */
export interface RefinedPhase {
  /** Phase name. */
  name: string;
  /** The refined structure: cell, space group, sites, with `esd` where the refinement gave one (and `uani` for anisotropic sites). */
  structure: Structure;
  /** The cell with esds. */
  cell: RefinedCell;
  /** The sites with esds, in file order. */
  sites: RefinedSite[];
  /** Fractions and residuals of this phase in each histogram. */
  histograms: PhaseInHistogram[];
}

/** One histogram (powder data set) of the refinement. */
export interface RefinedHistogram {
  /** Name as written ("PWDR OH_00.fxye Bank 1"). */
  name: string;
  /** Radiation, and how it was told. */
  radiation: "x-ray" | "neutron" | "unknown";
  radiationEvidence: string;
  /** Weighted profile R (%), its observations, profile R (%), and the other residuals as printed. */
  wR?: number;
  observations?: number;
  R?: number;
  /** Further numbers by name, e.g. `"R-bkg"`, `"wR-bkg"`, `"wRmin"`, `"chi2"`, `"GOF"` (per histogram in a sequential fit). */
  other: Record<string, number>;
}

/** A refinement read from a program's output. */
export interface RefinementResult {
  program: "GSAS-II" | "TOPAS" | "FullProf";
  /** The file read. */
  source: string;
  /** `"sequential"` for GSAS-II sequential refinements (one result per histogram, no phase tables). */
  kind: "single" | "sequential";
  phases: RefinedPhase[];
  histograms: RefinedHistogram[];
  /** Overall statistics: wR / Rwp, Rp, Rexp in %, χ², GOF, counts. */
  statistics: { wR?: number; Rp?: number; Rexp?: number; chi2?: number; gof?: number; observations?: number; parameters?: number; cycles?: number };
  /** Which refinement of the file was read (GSAS-II appends one run per refinement): 1-based index, count, first line. */
  block: { index: number; count: number; line: number };
  /** What the reader noticed and did (an incomplete later run skipped, a value read from the input echo). */
  notes: string[];
}
