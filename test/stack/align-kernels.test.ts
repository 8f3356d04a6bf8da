// The shift kernels of applyShifts: the numpy/scipy reference (python/ref_align.py), hand tests
// at a sharp edge, and the rim artefact the bilinear default put into the simulated Mn series at
// the alignment reference's energy (the S4 notebook's negative spike at 643.6 eV).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { applyShifts, commonRect, cropToCommon, preprocessSeries, preprocessStack } from "../../src/stack";
import type { ShiftMethod } from "../../src/stack/applyShifts";
import { makeStack } from "../../src/types";
import { simulateTransitionMetalSeries, transitionMetalEnergies } from "../../src/simulate";
import { suggestEndmembers } from "../../src/decompose";

const ref = JSON.parse(readFileSync(join(__dirname, "../fixtures/stack/ref_align.json"), "utf8")) as {
  ny: number; nx: number; image: number[]; shifts: { dx: number; dy: number; fourier: number[]; fourier_scipy: number[]; lanczos: number[]; lanczos_smooth: number[] }[];
};

/** The worst |a − b| over the pixels of (y0…y1) × (x0…x1) of one [ny, nx] image. */
function worstIn(a: ArrayLike<number>, b: ArrayLike<number>, nx: number, r: { y0: number; y1: number; x0: number; x1: number }): number {
  let w = 0;
  for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) w = Math.max(w, Math.abs(a[y * nx + x] - b[y * nx + x]));
  return w;
}

/** A sharp-edged disk (thickness of a sphere, as the simulator draws particles), value 0 outside. */
function disk(ny: number, nx: number, cx: number, cy: number, r: number): Float64Array {
  const out = new Float64Array(ny * nx);
  for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
    const q = ((x - cx) ** 2 + (y - cy) ** 2) / (r * r);
    out[y * nx + x] = q < 1 ? Math.sqrt(1 - q) : 0;
  }
  return out;
}

describe("applyShifts kernels vs numpy/scipy (python/ref_align.py)", () => {
  const { ny, nx } = ref;
  const st = makeStack({ data: Float64Array.from(ref.shifts.flatMap(() => ref.image)), nE: ref.shifts.length, ny, nx, energies: ref.shifts.map((_, i) => i + 1) });
  const shifts = { dx: ref.shifts.map((s) => s.dx), dy: ref.shifts.map((s) => s.dy) };
  it("fourier equals the numpy phase ramp on the same edge-blended padding to 1e-12, scipy.ndimage.fourier_shift to 1e-3 (Nyquist convention)", () => {
    const f = applyShifts(st, shifts, { method: "fourier", fill: 0 });
    ref.shifts.forEach((s, e) => {
      const { y0, y1, x0, x1 } = commonRect(ny, nx, { dx: [s.dx], dy: [s.dy] });
      const img = f.data.subarray(e * ny * nx, (e + 1) * ny * nx);
      assert.ok(worstIn(img, s.fourier, nx, { y0, y1, x0, x1 }) < 1e-12, `image ${e}`);
      assert.ok(worstIn(img, s.fourier_scipy, nx, { y0, y1, x0, x1 }) < 1e-3, `image ${e} vs scipy`);
    });
  });
  it("lanczos equals the numpy windowed sinc to 1e-13 (smoothing 0: a zero shift is the identity; default: the B-spline on every image)", () => {
    const l = applyShifts(st, shifts, { fill: 0, smoothing: 0 });
    const ls = applyShifts(st, shifts, { fill: 0 });
    ref.shifts.forEach((s, e) => {
      const { y0, y1, x0, x1 } = commonRect(ny, nx, { dx: [s.dx], dy: [s.dy] });
      assert.ok(worstIn(l.data.subarray(e * ny * nx, (e + 1) * ny * nx), s.lanczos, nx, { y0, y1, x0, x1 }) < 1e-13, `image ${e}`);
      assert.ok(worstIn(ls.data.subarray(e * ny * nx, (e + 1) * ny * nx), s.lanczos_smooth, nx, { y0, y1, x0, x1 }) < 1e-13, `image ${e} (smoothed)`);
    });
    assert.deepEqual(Array.from(l.data.subarray(0, ny * nx)), ref.image);
    assert.throws(() => applyShifts(st, shifts, { smoothing: 0.7 }), /option "smoothing" must be a number in \[0, 0.5\]/);
    assert.throws(() => applyShifts(st, shifts, { method: "bilinear", smoothing: 0.2 }), /applies to method "lanczos" only/);
  });
});

describe("applyShifts at a sharp particle edge", () => {
  const ny = 40;
  const nx = 40;
  const img = disk(ny, nx, 19.5, 20.2, 9);
  const inner = { y0: 6, y1: 34, x0: 6, x1: 34 };
  const there = (method: ShiftMethod): Float64Array => {
    const st = makeStack({ data: img, nE: 1, ny, nx, energies: [1] });
    const o = method === "lanczos" ? { method, fill: 0, smoothing: 0 } : { method, fill: 0 };
    const half = applyShifts(st, { dx: [0.5], dy: [0.5] }, o);
    return applyShifts(half, { dx: [-0.5], dy: [-0.5] }, o).data as Float64Array;
  };
  it("shifted by half a pixel and back keeps the edge (lanczos without smoothing, fourier; bilinear blurs it)", () => {
    const eb = worstIn(there("bilinear"), img, nx, inner);
    const el = worstIn(there("lanczos"), img, nx, inner);
    const ef = worstIn(there("fourier"), img, nx, inner);
    // bilinear there and back is a [¼ ½ ¼] blur per axis: the first pixel inside loses a quarter of its step
    console.log(`      there and back, worst error: bilinear ${eb.toFixed(4)}, lanczos ${el.toFixed(4)}, fourier ${ef.toExponential(2)}`);
    assert.ok(eb > 0.1, `bilinear ${eb}`);
    assert.ok(el < 0.4 * eb, `lanczos ${el} vs bilinear ${eb}`);
    // (the Fourier shift pads the image again each time: exact up to the padding's blend at the edges)
    assert.ok(ef < 0.1 * eb, `fourier ${ef}`);
  });
  it("the reference and a shifted copy of it agree after alignment (edges blurred by a beam of 0.6 px)", () => {
    // an image recorded with a 0.6 px Gaussian beam, and the same scene drifted by (1.3, −0.6) px
    const blurred = (cx: number, cy: number): Float64Array => {
      const out = new Float64Array(ny * nx);
      const s = 0.6;
      for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) {
        let v = 0;
        let wsum = 0;
        for (let j = -3; j <= 3; j += 0.25) for (let i = -3; i <= 3; i += 0.25) {
          const w = Math.exp(-(i * i + j * j) / (2 * s * s));
          const q = ((x + i - cx) ** 2 + (y + j - cy) ** 2) / 81;
          v += w * (q < 1 ? Math.sqrt(1 - q) : 0);
          wsum += w;
        }
        out[y * nx + x] = v / wsum;
      }
      return out;
    };
    const data = new Float64Array(2 * ny * nx);
    data.set(blurred(19.5, 20.2), 0);
    data.set(blurred(19.5 + 1.3, 20.2 - 0.6), ny * nx);
    const st = makeStack({ data, nE: 2, ny, nx, energies: [1, 2] });
    const sh = { dx: [0, 1.3], dy: [0, -0.6] };
    const diff = (method: ShiftMethod): number => {
      const { stack: c } = cropToCommon(applyShifts(st, sh, { method }), sh);
      const n = c.ny * c.nx;
      return worstIn(c.data.subarray(0, n), c.data.subarray(n, 2 * n), c.nx, { y0: 0, y1: c.ny, x0: 0, x1: c.nx });
    };
    const db = diff("bilinear");
    const dl = diff("lanczos");
    console.log(`      reference vs aligned copy, worst difference: bilinear ${db.toFixed(4)}, lanczos ${dl.toFixed(4)}`);
    assert.ok(db > 0.02, `bilinear ${db}`);
    assert.ok(dl < 0.25 * db, `lanczos ${dl} vs bilinear ${db}`);
  });
});

describe("the rim artefact at the alignment reference's energy (simulated Mn L3 series)", function () {
  this.timeout(180000);
  // The S4 notebook's series: each sample's reference image (highest contrast) is the Mn L3
  // maximum, 643.6 eV after the energy calibration. The artefact is measured on the particle rims
  // (the dimmest quarter of the table's pixels): their mean second difference at 643.6 eV,
  // v(643.6) − (v(643.2) + v(644.0)) / 2, with the default reference minus the same with a pre-edge
  // reference image (index 20, 638 eV), whose rims carry no edge contrast to blur.
  const sim = simulateTransitionMetalSeries({ edge: "Mn", states: [179, 257, 311].map((c) => ({ name: `${c} mAh/g`, level: 0.02 })), seed: 42 });
  const samples = sim.samples.map((s) => ({ stack: s.stack, name: s.name, freeRegion: s.freeRegion, sessionReference: s.sessionReference }));
  type Rim = { d2: number; dips: number; refE: number[]; member: number[][] };
  const rimD2 = (interpolation: ShiftMethod, reference?: number): Rim => {
    const pre = preprocessSeries(samples, {
      reference: sim.canonicalReference, grid: transitionMetalEnergies("Mn"), energyRange: [630, 650],
      normalize: { background: [630, 635], area: [638, 647], brightness: [638, 647] }, align: { interpolation, ...(reference !== undefined ? { reference } : {}) },
    });
    const T = pre.table;
    const k = Array.from(T.energies).findIndex((e) => Math.abs(e - 643.6) < 1e-6);
    const br = Float64Array.from(T.brightness).sort();
    const q = br[Math.floor(T.nPixels / 4)];
    let s = 0;
    let c = 0;
    let dips = 0;
    for (let r = 0; r < T.nPixels; r++) {
      const o = r * T.nE;
      if (T.data[o + k] < 0 && T.data[o + k - 1] > 0.05 && T.data[o + k + 1] > 0.05) dips++;
      if (T.brightness[r] > q) continue;
      s += T.data[o + k] - (T.data[o + k - 1] + T.data[o + k + 1]) / 2;
      c++;
    }
    // the S4 notebook's end members with all pixels: each at 643.2 / 643.6 / 644.0 eV
    const em = suggestEndmembers(T, { k: 2, seed: 1, clusterSize: 50 });
    const member = [0, 1].map((m) => [-1, 0, 1].map((j) => em.members.data[m * T.nE + k + j]));
    return { d2: s / c, dips, member, refE: pre.preprocessed.map((p) => p.stack.energies[p.shifts!.reference as number] - p.calibration!.offset) };
  };
  const res = {} as Record<string, Rim>;
  before(() => {
    for (const m of ["bilinear", "lanczos"] as const) {
      res[m] = rimD2(m);
      res[`${m} control`] = rimD2(m, 20);
    }
  });
  it("bilinear: the rims dip at the reference energy and an end member gets a negative spike; lanczos: neither", () => {
    for (const m of ["bilinear", "lanczos"]) for (const e of res[m].refE) assert.ok(Math.abs(e - 643.6) < 0.15, `${m} reference at ${e} eV`);
    const ab = res.bilinear.d2 - res["bilinear control"].d2;
    const al = res.lanczos.d2 - res["lanczos control"].d2;
    assert.ok(ab < -0.007, `bilinear artefact ${ab}`);
    assert.ok(Math.abs(al) < 0.5 * Math.abs(ab), `lanczos artefact ${al} vs bilinear ${ab}`);
    // the notebook's member 2 (bilinear 0.195 / −0.051 / 0.327): a one-point dip below both neighbours and below zero
    const dip = (v: number[]): number => v[1] - Math.min(v[0], v[2]);
    assert.ok(res.bilinear.member.some((v) => v[1] < 0 && dip(v) < -0.2), `bilinear members ${JSON.stringify(res.bilinear.member)}`);
    for (const v of res.lanczos.member) assert.ok(dip(v) > -0.02, `lanczos member ${v.map((x) => x.toFixed(3)).join(" / ")}`);
    // pixels negative at 643.6 eV between two neighbours above 0.05
    assert.ok(res.lanczos.dips < 0.1 * res.bilinear.dips, `dips ${res.lanczos.dips} vs ${res.bilinear.dips}`);
    assert.ok(res["bilinear control"].dips < 0.1 * res.bilinear.dips);
  });
  it("preprocessStack passes align.interpolation through", () => {
    const s = samples[0];
    const a = preprocessStack(s.stack, { freeRegion: s.freeRegion, align: { interpolation: "bilinear", reference: 20 } });
    const b = preprocessStack(s.stack, { freeRegion: s.freeRegion, align: { reference: 20 } });
    assert.equal(a.shifts!.reference, 20);
    const direct = cropToCommon(applyShifts(a.stack, { dx: new Float64Array(a.stack.nE), dy: new Float64Array(a.stack.nE) }), { dx: new Float64Array(a.stack.nE), dy: new Float64Array(a.stack.nE) });
    assert.equal(direct.stack.data.length, a.stack.data.length);
    assert.notDeepEqual(Array.from(a.stack.data.subarray(0, 200)), Array.from(b.stack.data.subarray(0, 200)));
    assert.throws(() => preprocessStack(s.stack, { freeRegion: s.freeRegion, align: { interpolation: "cubic" as ShiftMethod } }), /option "method" must be "lanczos", "fourier" or "bilinear"/);
  });
  after(() => {
    console.log(`      rim d2 at 643.6 eV (default ref / pre-edge ref), dips: ${Object.entries(res).map(([k, v]) => `${k} ${v.d2.toFixed(4)} ${v.dips} [${v.member.map((m) => m.map((x) => x.toFixed(3)).join("/")).join(", ")}]`).join("; ")}`);
  });
});
