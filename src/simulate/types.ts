/**
 * Types of the simulated beamline's output: stacks of raw counts plus a plain, JSON-serialisable
 * ground truth.
 * @module
 */
import type { Stack } from "../types/stack";
import type { Spectrum } from "../types/spectrum";
import type { Rect } from "../stack/_util";
import type { EndMemberModel } from "./spectra";


/** One simulated sample (one STXM stack). */
export interface SimulatedSample {
  /** E.g. "131 mAh/g" or "discharged 2.0 V". */
  name: string;
  /** Raw detector counts `[nE, ny, nx]` on the recorded (miscalibrated) energy axis, 1 ms dwell. */
  stack: Stack;
  /** A rectangle free of sample at every energy (for I0). */
  freeRegion: Rect;
  /**
   * The reference material (pristine LMR-NMC, the first end member) measured in the same session:
   * an OD spectrum on the recorded energy axis, carrying the session's energy offset.
   */
  sessionReference: Spectrum;
}

/** Ground truth of one sample. All maps are `[ny, nx]` (index y·nx + x) in the drift-free frame. */
export interface SampleTruth {
  name: string;
  /** When the sample's second end member is a mixture (`simulateOxygenCycle`): its parts and weights. */
  secondMix?: { name: string; weight: number }[];
  /** Capacity in mAh/g (O K plateau series) or null. */
  capacity: number | null;
  /** Electrochemical state (TM series) or null. */
  state: string | null;
  ny: number;
  nx: number;
  /** Recorded − true energy, eV: a feature at true E appears at recorded E + offset. */
  energyOffset: number;
  /**
   * Drift per energy in px: image e shows at pixel p + (dx, dy) what the drift-free frame shows
   * at p. Shifts measured against reference image r should equal `dx[e] − dx[r]`.
   */
  shifts: { dx: number[]; dy: number[] };
  /** Incident flux per energy, counts per ms. */
  i0: number[];
  /** Fraction of the second end member (oxidised LMR-NMC, Ni4+, Co4+, Mn3+) in the active material; 0 where there is none. */
  fraction: number[];
  /** Active-material thickness (units of the end members' µ; OD = thickness · µ). */
  activeThickness: number[];
  /** Carbon/binder thickness. */
  binderThickness: number[];
  /** Thickness-weighted mean fraction over the sample, over the cores (depth > 0.5) and surfaces (depth < 0.2). */
  meanFraction: number;
  /** See `meanFraction`. */
  coreFraction: number;
  /** See `meanFraction`. */
  surfaceFraction: number;
  /** Pixels whose measured OD is saturated (true OD > 3 at some energy). */
  saturatedPixels: number;
  freeRegion: Rect;
}

/** Ground truth of a series (JSON-serialisable: numbers, strings, plain arrays). */
export interface SeriesTruth {
  edge: "O" | "Mn" | "Co" | "Ni";
  seed: number;
  /** The recorded (nominal) energy axis, eV. */
  energies: number[];
  /** Fraction of higher-order light (saturation: measured OD ≤ −ln(harmonic)). */
  harmonicFraction: number;
  /** Pixel size, µm. */
  pixelSize: number;
  /** The end members: parameters and µ on a 0.05 eV grid of the true energy scale. */
  endMembers: { model: EndMemberModel; energies: number[]; mu: number[] }[];
  samples: SampleTruth[];
}

/** A simulated series: samples, the reference spectrum on the true scale, and the truth. */
export interface SimulatedSeries {
  samples: SimulatedSample[];
  /** The reference material (first end member) on the true energy scale, 0.05 eV grid, noise-free. */
  canonicalReference: Spectrum;
  truth: SeriesTruth;
}
