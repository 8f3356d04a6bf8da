/**
 * Build a simulated series from a per-edge configuration (internal).
 * @internal
 * @module
 */
import { createRng, type Rng } from "../linalg/createRng";
import { fluxSpectrum, makeDrift, makeScene, render, evalScene, type Fields, type Scene } from "./_render";
import { evaluateEndMember, type EndMemberModel } from "./spectra";
import type { SampleTruth, SimulatedSample, SimulatedSeries } from "./types";

/** One sample of a series configuration. */
export interface SeriesSampleSpec {
  name: string;
  capacity: number | null;
  state: string | null;
  /** Mean level of the second end member of the particles (before the depth profile). */
  level: number;
  /** This sample's own second end member (e.g. a mixture of two oxidised spectra); default the series' one. */
  second?: EndMemberModel;
  /** Recorded in the truth: how `second` was made (names and weights). */
  secondMix?: { name: string; weight: number }[];
}

/** A per-edge series configuration (sizes in px, thickness in end-member units, energies in eV). */
export interface SeriesConfig {
  edge: "O" | "Mn" | "Co" | "Ni";
  seed: number;
  energies: Float64Array;
  members: readonly EndMemberModel[];
  samples: SeriesSampleSpec[];
  ny: number;
  nx: number;
  freeWidth: number;
  particles: number;
  rMin: number;
  rMax: number;
  tMin: number;
  tMax: number;
  activeScale: number;
  levelSpread: number;
  fraction: Scene["fraction"];
  flux: number;
  harmonic: number;
  maxOffset: number;
  driftStep: number;
  driftLimit: number;
  pixelSize: number;
}

function sessionReference(rng: Rng, m: EndMemberModel, energies: Float64Array, offset: number): Float64Array {
  // a thin pristine reference particle (thickness 1), averaged over many pixels: small noise
  return Float64Array.from(energies, (e) => evaluateEndMember(m, e - offset) + rng.normal(0, 0.002));
}

/** Render every sample of a series with its own seeded generator, and collect the ground truth. */
export function simulateSeries(c: SeriesConfig): SimulatedSeries {
  const nE = c.energies.length;
  const fine: number[] = [];
  const lo = Math.floor(c.energies[0]) - 5;
  const hi = Math.ceil(c.energies[nE - 1]) + 5;
  for (let k = 0; lo + k * 0.05 <= hi + 1e-9; k++) fine.push(Math.round((lo + k * 0.05) * 1000) / 1000);
  const samples: SimulatedSample[] = [];
  const truths: SampleTruth[] = [];
  for (const [si, spec] of c.samples.entries()) {
    const srng = createRng((c.seed * 7919 + si * 104729 + 1) >>> 0);
    const scene = makeScene(srng, {
      ny: c.ny,
      nx: c.nx,
      freeWidth: c.freeWidth,
      count: c.particles,
      rMin: c.rMin,
      rMax: c.rMax,
      tMin: c.tMin,
      tMax: c.tMax,
      level: () => spec.level + srng.normal(0, c.levelSpread),
      fraction: c.fraction,
    });
    const offset = Math.round(srng.range(-c.maxOffset, c.maxOffset) * 1e4) / 1e4;
    const drift = makeDrift(srng, nE, c.driftStep, c.driftLimit);
    const i0 = fluxSpectrum(srng, c.energies, c.flux);
    const dwell = new Float64Array(nE).fill(1);
    const { stack, active, binder, fraction } = render(srng, {
      scene,
      members: spec.second ? [c.members[0], spec.second, ...c.members.slice(2)] : c.members,
      activeScale: c.activeScale,
      energies: c.energies,
      offset,
      drift,
      i0,
      dwell,
      harmonic: c.harmonic,
      pixelSize: c.pixelSize,
      source: `simulated ${c.edge} ${spec.name}`,
      metadata: { edge: c.edge, sample: spec.name, seed: c.seed },
    });
    // thickness-weighted mean fractions, cores and surfaces
    const f: Fields = { active: 0, fraction: 0, binder: 0 };
    let wAll = 0;
    let sAll = 0;
    let wCore = 0;
    let sCore = 0;
    let wSurf = 0;
    let sSurf = 0;
    for (let y = 0; y < c.ny; y++) {
      for (let x = 0; x < c.nx; x++) {
        evalScene(scene, x, y, f);
        if (f.active <= 0) continue;
        wAll += f.active;
        sAll += f.active * f.fraction;
        let depth = 0;
        for (const p of scene.particles) {
          const dx = x - p.cx;
          const dy = y - p.cy;
          const u = (dx * Math.cos(p.angle) + dy * Math.sin(p.angle)) / p.rx;
          const v = (-dx * Math.sin(p.angle) + dy * Math.cos(p.angle)) / p.ry;
          const q = u * u + v * v;
          if (q < 1) depth = Math.max(depth, 1 - Math.sqrt(q));
        }
        if (depth > 0.5) {
          wCore += f.active;
          sCore += f.active * f.fraction;
        } else if (depth < 0.2) {
          wSurf += f.active;
          sSurf += f.active * f.fraction;
        }
      }
    }
    let saturated = 0;
    const peakMu = c.members.map((m) => Math.max(...fine.map((e) => evaluateEndMember(m, e))));
    for (let i = 0; i < active.length; i++) {
      const od = active[i] * Math.max(peakMu[0], peakMu[1]) + binder[i] * peakMu[2];
      if (od > 3) saturated++;
    }
    const freeRegion = { x0: c.nx - c.freeWidth + Math.ceil(c.driftLimit) + 2, y0: 0, x1: c.nx, y1: c.ny };
    samples.push({ name: spec.name, stack, freeRegion, sessionReference: { energies: Float64Array.from(c.energies), values: sessionReference(srng, c.members[0], c.energies, offset) } });
    truths.push({
      name: spec.name,
      capacity: spec.capacity,
      state: spec.state,
      ...(spec.secondMix ? { secondMix: spec.secondMix } : {}),
      ny: c.ny,
      nx: c.nx,
      energyOffset: offset,
      shifts: drift,
      i0: Array.from(i0),
      fraction,
      activeThickness: active,
      binderThickness: binder,
      meanFraction: wAll > 0 ? sAll / wAll : 0,
      coreFraction: wCore > 0 ? sCore / wCore : 0,
      surfaceFraction: wSurf > 0 ? sSurf / wSurf : 0,
      saturatedPixels: saturated,
      freeRegion,
    });
  }
  const ref = c.members[0];
  return {
    samples,
    canonicalReference: { energies: Float64Array.from(fine), values: Float64Array.from(fine, (e) => evaluateEndMember(ref, e)) },
    truth: {
      edge: c.edge,
      seed: c.seed,
      energies: Array.from(c.energies),
      harmonicFraction: c.harmonic,
      pixelSize: c.pixelSize,
      endMembers: c.members.map((m) => ({ model: m, energies: fine, mu: fine.map((e) => evaluateEndMember(m, e)) })),
      samples: truths,
    },
  };
}
