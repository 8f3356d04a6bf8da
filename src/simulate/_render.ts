/**
 * The rendering engine of the simulated beamline (internal): an analytic scene of elliptical
 * particles in a carbon/binder matrix, evaluated at drift-shifted positions for every energy,
 * turned into photon counts with Poisson noise and higher-order-light saturation.
 * @internal
 * @module
 */
import { makeStack, type Stack } from "../types/stack";
import type { Rng } from "../linalg/createRng";
import { evaluateEndMember, type EndMemberModel } from "./spectra";

/** A particle: an ellipse of peak thickness T with a mean "level" of the second end member. */
export interface Particle {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  angle: number;
  /** cos and sin of `angle` (precomputed). */
  ca: number;
  sa: number;
  T: number;
  level: number;
}

/** A broad Gaussian blob of binder. */
export interface Blob {
  cx: number;
  cy: number;
  sigma: number;
  amp: number;
}

/** The analytic scene of one sample (pixel units, truth frame). */
export interface Scene {
  ny: number;
  nx: number;
  particles: Particle[];
  blobs: Blob[];
  /** Columns x ≥ freeX0 are free of any material (in the truth frame). */
  freeX0: number;
  /** Fraction of the second end member at a depth (0 at the surface, 1 at the centre) of a particle of `level`. */
  fraction: (level: number, depth: number) => number;
}

/** Material fields at one position: active thickness, its second-end-member fraction, binder thickness. */
export interface Fields {
  active: number;
  fraction: number;
  binder: number;
}

/** Evaluate the material fields at a (sub-pixel) position of the truth frame. */
export function evalScene(s: Scene, x: number, y: number, out: Fields): Fields {
  let tA = 0;
  let tF = 0;
  let ring = 0;
  for (const p of s.particles) {
    const ddx = x - p.cx;
    const ddy = y - p.cy;
    const c = p.ca;
    const sn = p.sa;
    const u = (ddx * c + ddy * sn) / p.rx;
    const v = (-ddx * sn + ddy * c) / p.ry;
    const q = u * u + v * v;
    if (q < 1) {
      const t = p.T * Math.sqrt(1 - q);
      const depth = 1 - Math.sqrt(q);
      tA += t;
      tF += t * s.fraction(p.level, depth);
    } else {
      const r = Math.sqrt(q);
      const rr = (r - 1) * Math.min(p.rx, p.ry);
      if (rr < 4) ring = Math.max(ring, 0.12 * (1 - rr / 4));
    }
  }
  let b = ring;
  for (const bl of s.blobs) {
    const r2 = (x - bl.cx) ** 2 + (y - bl.cy) ** 2;
    b += bl.amp * Math.exp(-r2 / (2 * bl.sigma * bl.sigma));
  }
  const ramp = Math.min(1, Math.max(0, (s.freeX0 - 2 - x) / 6));
  out.active = tA;
  out.fraction = tA > 0 ? tF / tA : 0;
  out.binder = b * ramp;
  return out;
}

/** Random particles and binder blobs filling x < freeX0. */
export function makeScene(
  rng: Rng,
  o: { ny: number; nx: number; freeWidth: number; count: number; rMin: number; rMax: number; tMin: number; tMax: number; level: () => number; fraction: Scene["fraction"] },
): Scene {
  const freeX0 = o.nx - o.freeWidth;
  const particles: Particle[] = [];
  let tries = 0;
  while (particles.length < o.count && tries < 2000) {
    tries++;
    const r = o.rMin + (o.rMax - o.rMin) * rng.uniform() ** 1.5;
    const rx = r * rng.range(0.8, 1.2);
    const ry = r * rng.range(0.8, 1.2);
    const rm = Math.max(rx, ry);
    const cx = rng.range(rm + 2, freeX0 - rm - 8);
    const cy = rng.range(rm * 0.6, o.ny - rm * 0.6);
    if (cx - rm < 0) continue;
    // limit overlaps: centres at least 0.8·(r1 + r2) apart
    if (particles.some((p) => Math.hypot(p.cx - cx, p.cy - cy) < 0.8 * (Math.max(p.rx, p.ry) + rm))) continue;
    const T = o.tMin + (o.tMax - o.tMin) * (0.3 + 0.7 * rng.uniform()) * (r / o.rMax) ** 0.5;
    const angle = rng.range(0, Math.PI);
    particles.push({ cx, cy, rx, ry, angle, ca: Math.cos(angle), sa: Math.sin(angle), T, level: Math.min(1, Math.max(0, o.level())) });
  }
  const blobs: Blob[] = [];
  const nb = Math.max(3, Math.round((o.nx * o.ny) / 1500));
  for (let i = 0; i < nb; i++) {
    blobs.push({ cx: rng.range(0, freeX0 - 10), cy: rng.range(0, o.ny), sigma: rng.range(6, 16), amp: rng.range(0.1, 0.35) });
  }
  return { ny: o.ny, nx: o.nx, particles, blobs, freeX0, fraction: o.fraction };
}

/** A drift series: a random walk plus a slow linear trend, within ±limit px. */
export function makeDrift(rng: Rng, nE: number, step: number, limit: number): { dx: number[]; dy: number[] } {
  const dx: number[] = [];
  const dy: number[] = [];
  let x = rng.range(-1, 1);
  let y = rng.range(-1, 1);
  const tx = rng.range(-1, 1) * (limit / 2 / nE);
  const ty = rng.range(-1, 1) * (limit / 2 / nE);
  for (let e = 0; e < nE; e++) {
    dx.push(x);
    dy.push(y);
    x = Math.max(-limit, Math.min(limit, x + tx + rng.normal(0, step)));
    y = Math.max(-limit, Math.min(limit, y + ty + rng.normal(0, step)));
  }
  return { dx, dy };
}

/** Everything {@link render} needs for one sample. */
export interface RenderSpec {
  scene: Scene;
  members: readonly EndMemberModel[]; // [first, second, binder]
  /** Thickness scale of the active material for this edge (element content). */
  activeScale: number;
  energies: Float64Array; // recorded
  offset: number; // recorded − true, eV
  drift: { dx: number[]; dy: number[] };
  i0: Float64Array; // counts per ms at each energy
  dwell: Float64Array; // ms
  harmonic: number;
  pixelSize: number; // µm
  source: string;
  metadata: Record<string, unknown>;
}

/** Render counts for every energy; also the truth maps in the drift-free frame. */
export function render(rng: Rng, spec: RenderSpec): { stack: Stack; active: number[]; binder: number[]; fraction: number[] } {
  const { scene, energies, drift, members } = spec;
  const { ny, nx } = scene;
  const nE = energies.length;
  const n = ny * nx;
  const data = new Float64Array(nE * n);
  const f: Fields = { active: 0, fraction: 0, binder: 0 };
  const mu = members.map((m) => Float64Array.from(energies, (e) => evaluateEndMember(m, e - spec.offset)));
  for (let e = 0; e < nE; e++) {
    const i0 = spec.i0[e] * spec.dwell[e];
    const sx = drift.dx[e];
    const sy = drift.dy[e];
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        evalScene(scene, x - sx, y - sy, f);
        const ta = f.active * spec.activeScale;
        const od = ta * ((1 - f.fraction) * mu[0][e] + f.fraction * mu[1][e]) + f.binder * mu[2][e];
        const t = (1 - spec.harmonic) * Math.exp(-od) + spec.harmonic;
        data[e * n + y * nx + x] = rng.poisson(i0 * t);
      }
    }
  }
  const active: number[] = new Array(n);
  const binder: number[] = new Array(n);
  const fraction: number[] = new Array(n);
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      evalScene(scene, x, y, f);
      active[y * nx + x] = f.active * spec.activeScale;
      binder[y * nx + x] = f.binder;
      fraction[y * nx + x] = f.fraction;
    }
  }
  const stack = makeStack({
    data,
    nE,
    ny,
    nx,
    energies,
    x: Float64Array.from({ length: nx }, (_, i) => i * spec.pixelSize),
    y: Float64Array.from({ length: ny }, (_, i) => i * spec.pixelSize),
    dwell: spec.dwell,
    quantity: "counts",
    channel: "simulated PMT",
    source: spec.source,
    metadata: { simulated: true, ...spec.metadata },
  });
  return { stack, active, binder, fraction };
}

/** The beamline flux spectrum: smooth, with the oxygen-contamination dip of the optics near 531 eV. */
export function fluxSpectrum(rng: Rng, energies: Float64Array, flux: number): Float64Array {
  const e0 = energies[0];
  return Float64Array.from(energies, (e) => {
    const dip = e > 520 && e < 545 ? 0.25 * Math.exp(-(((e - 531.2) / 1.2) ** 2)) : 0;
    return flux * (1 - dip) * (1 + 0.004 * (e - e0)) * (1 + rng.normal(0, 0.005));
  });
}
