import assert from "node:assert/strict";
import { makeStack, type Stack } from "../../src/types/stack";
import { applyEnergyOffset, applyShifts, averageSpectrum, computeShifts, cropToCommon, energyOffset, extractI0, noiseFilter, normalizePixels, opticalDensity, thresholdMask, toPixelTable } from "../../src/stack";
import { makePixelTable, selectRows, toImages } from "../../src/types";
import { RealFft2 } from "../../src/stack/_fft2";

/** 2 energies × 2 rows × 3 columns of counts; column 2 is sample-free. */
function tiny(): Stack {
  // energy 0: row0 [100, 50, 200], row1 [25, 0, 200]; energy 1: row0 [40, 10, 80], row1 [20, 5, 80]
  return makeStack({ data: Float64Array.from([100, 50, 200, 25, 0, 200, 40, 10, 80, 20, 5, 80]), nE: 2, ny: 2, nx: 3, energies: [530, 531] });
}

describe("extractI0", () => {
  it("averages a rectangle, a mask, or the brightest pixels", () => {
    const s = tiny();
    const r = extractI0(s, { region: { x0: 2, y0: 0, x1: 3, y1: 2 } });
    assert.deepEqual(Array.from(r.i0), [200, 80]);
    assert.equal(r.pixelCount, 2);
    assert.equal(r.method, "region");
    const m = extractI0(s, { mask: [1, 0, 0, 0, 0, 1] });
    assert.deepEqual(Array.from(m.i0), [150, 60]);
    const a = extractI0(s);
    assert.equal(a.method, "auto");
    assert.deepEqual(Array.from(a.mask), [0, 0, 1, 0, 0, 1]);
    assert.deepEqual(Array.from(a.i0), [200, 80]);
  });
  it("rejects an empty region, an empty mask and unknown options with clear messages", () => {
    const s = tiny();
    assert.throws(() => extractI0(s, { region: { x0: 1, y0: 0, x1: 1, y1: 2 } }), {
      message: 'extractI0: option "region" {"x0":1,"y0":0,"x1":1,"y1":2} is empty (no pixel); expected x0 < x1 and y0 < y1',
    });
    assert.throws(() => extractI0(s, { region: { x0: 0, y0: 0, x1: 4, y1: 2 } }), /inside the 2×3 \(ny×nx\) image; expected 0 ≤ x0 < x1 ≤ 3/);
    assert.throws(() => extractI0(s, { mask: [0, 0, 0, 0, 0, 0] }), { message: 'extractI0: option "mask" selects no pixel; expected at least one sample-free pixel' });
    assert.throws(() => extractI0(s, { regoin: {} } as never), {
      message: 'extractI0: unknown option "regoin"; expected one of: region, mask, brightFraction, tolerance',
    });
  });
  it("rejects NaN and Inf in the data, naming the first one", () => {
    const s = tiny();
    const d = Float64Array.from(s.data);
    d[4] = NaN;
    d[7] = Infinity;
    assert.throws(() => extractI0(makeStack({ ...s, data: d }), {}), {
      message: "extractI0: stack data hold 2 non-finite value(s) (first NaN at energy index 0, y 1, x 1); expected finite numbers",
    });
  });
  it("names whole energy frames of NaN (energies an aborted scan never measured) and says how to leave them out", () => {
    const s = tiny();
    const n = s.ny * s.nx;
    const d = Float64Array.from(s.data);
    d.fill(NaN, (s.nE - 1) * n);
    assert.throws(() => opticalDensity(makeStack({ ...s, data: d }), { i0: new Float64Array(s.nE).fill(100) }), {
      message:
        `opticalDensity: stack data hold ${n} non-finite value(s) (first NaN at energy index ${s.nE - 1}, y 0, x 0); expected finite numbers; ` +
        `energy frame ${s.nE - 1} of ${s.nE} is all NaN, energies never measured (an aborted scan?): read the measured ones alone (readStxm's select option; its warning names them) or leave those energies out`,
    });
  });
});

describe("opticalDensity", () => {
  it("computes −ln(I/I0), floors counts ≤ 0 and counts them, never changing the input", () => {
    const s = tiny();
    const before = Float64Array.from(s.data);
    const r = opticalDensity(s, { i0: [200, 80] });
    assert.deepEqual(Array.from(s.data), Array.from(before));
    assert.equal(r.nonPositive, 1);
    assert.equal(r.stack.quantity, "od");
    assert.ok(Math.abs(r.stack.data[0] - Math.log(2)) < 1e-15);
    assert.ok(Math.abs(r.stack.data[4] - Math.log(200)) < 1e-15); // 0 counts → 1
    assert.equal(r.stack.data[2], 0);
    const n = opticalDensity(s, { i0: [200, 80], nonPositive: "nan" });
    assert.ok(Number.isNaN(n.stack.data[4]));
    assert.equal(n.nonPositive, 1);
  });
  it("scales I0 by the dwell-time ratio", () => {
    const s = makeStack({ data: Float64Array.from([50, 20]), nE: 2, ny: 1, nx: 1, energies: [530, 531], dwell: [2, 4] });
    const r = opticalDensity(s, { i0: [100, 100], i0Dwell: 1 });
    assert.deepEqual(Array.from(r.i0), [200, 400]);
    assert.ok(Math.abs(r.stack.data[1] - Math.log(20)) < 1e-15);
  });
  it("explains a missing I0, a wrong length and a non-positive I0", () => {
    const s = tiny();
    assert.throws(() => opticalDensity(s, {} as never), { message: 'opticalDensity: option "i0" is required (an I0Result from extractI0, or an I0 spectrum of length nE = 2)' });
    assert.throws(() => opticalDensity(s, { i0: [1] }), { message: 'opticalDensity: option "i0" has length 1, expected nE = 2' });
    assert.throws(() => opticalDensity(s, { i0: [1, 0] }), { message: "opticalDensity: I0 at energy index 1 (531 eV) is 0 after dwell scaling; expected a positive finite flux" });
    assert.throws(() => opticalDensity(s, { i0: [1, 1], nonpositive: "nan" } as never), /unknown option "nonpositive"; expected one of: i0, i0Dwell, nonPositive, floor, output/);
  });
});

function gaussImage(ny: number, nx: number, cx: number, cy: number): Float64Array {
  const a = new Float64Array(ny * nx);
  for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) a[y * nx + x] = Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 18) + 0.5 * Math.exp(-((x - cx - 9) ** 2 + (y - cy + 5) ** 2) / 8);
  return a;
}

describe("2-D FFT of real images", () => {
  /** the direct DFT half spectrum [py, px/2 + 1] of a real image */
  function dft(a: Float64Array, py: number, px: number): Float64Array {
    const hx = px / 2 + 1;
    const out = new Float64Array(2 * py * hx);
    for (let ky = 0; ky < py; ky++) {
      for (let kx = 0; kx < hx; kx++) {
        let re = 0;
        let im = 0;
        for (let y = 0; y < py; y++) {
          for (let x = 0; x < px; x++) {
            const t = -2 * Math.PI * ((ky * y) / py + (kx * x) / px);
            re += a[y * px + x] * Math.cos(t);
            im += a[y * px + x] * Math.sin(t);
          }
        }
        out[2 * (ky * hx + kx)] = re;
        out[2 * (ky * hx + kx) + 1] = im;
      }
    }
    return out;
  }
  for (const [py, px, rows] of [[2, 2, 2], [4, 8, 3], [16, 4, 16], [8, 32, 5], [32, 16, 32]] as const) {
    it(`equals the direct DFT and inverts itself (${py} × ${px}, ${rows} non-zero rows)`, () => {
      const a = new Float64Array(py * px);
      for (let i = 0; i < rows * px; i++) a[i] = Math.sin(1.7 * i) * 3 + (i % 5) - 1e3 * (i === 3 ? 1 : 0);
      const f = new RealFft2(py, px);
      const H = f.forward(a, rows);
      const want = dft(a, py, px);
      const scale = want.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      for (let i = 0; i < want.length; i++) assert.ok(Math.abs(H[i] - want[i]) <= 1e-13 * scale * py * px, `H[${i}] = ${H[i]}, direct DFT ${want[i]}`);
      const rowsWanted = [py - 1, 0, Math.floor(py / 2)];
      const back = f.inverseRows(H, rowsWanted);
      rowsWanted.forEach((y, i) => {
        for (let x = 0; x < px; x++) assert.ok(Math.abs(back[i * px + x] - a[y * px + x]) <= 1e-12 * 1e3, `row ${y}, x ${x}: ${back[i * px + x]} vs ${a[y * px + x]}`);
      });
    });
  }
  it("rejects sizes that are not powers of two and rows outside the image", () => {
    assert.throws(() => new RealFft2(6, 8), /powers of two ≥ 2, got 6 × 8/);
    const f = new RealFft2(4, 4);
    assert.throws(() => f.inverseRows(f.forward(new Float64Array(16)), [4]), /row 4 outside \[0, 4\)/);
  });
});

describe("computeShifts / applyShifts / cropToCommon", () => {
  const ny = 40;
  const nx = 48;
  const shifts = [[0, 0], [1.3, -0.6], [-2.25, 1.7], [3, 2]];
  const data = new Float64Array(shifts.length * ny * nx);
  shifts.forEach(([sx, sy], e) => data.set(gaussImage(ny, nx, 20 + sx, 18 + sy), e * ny * nx));
  const s = makeStack({ data, nE: shifts.length, ny, nx, energies: [1, 2, 3, 4], quantity: "od" });
  it("finds sub-pixel shifts of a smooth image to < 0.02 px", () => {
    const r = computeShifts(s, { reference: 0 });
    shifts.forEach(([sx, sy], e) => {
      assert.ok(Math.abs(r.dx[e] - sx) < 0.02, `dx[${e}] = ${r.dx[e]}, expected ${sx}`);
      assert.ok(Math.abs(r.dy[e] - sy) < 0.02, `dy[${e}] = ${r.dy[e]}, expected ${sy}`);
    });
    const nb = computeShifts(s, { reference: "neighbour" });
    assert.ok(Math.abs(nb.dx[3] - 3) < 0.05 && Math.abs(nb.dy[3] - 2) < 0.05);
    const sm = computeShifts(s, { reference: 0, smooth: 3 });
    assert.ok(Math.abs(sm.dx[1] - (r.raw.dx[0] + r.raw.dx[1] + r.raw.dx[2]) / 3) < 1e-12);
  });
  it("moves integer shifts back exactly, marks outside pixels NaN and crops them", () => {
    const sh = { dx: [0, 1, -2, 3], dy: [0, 0, 1, 2] };
    const int = new Float64Array(shifts.length * ny * nx);
    sh.dx.forEach((sx, e) => int.set(gaussImage(ny, nx, 20 + sx, 18 + sh.dy[e]), e * ny * nx));
    const st = makeStack({ data: int, nE: 4, ny, nx, energies: [1, 2, 3, 4] });
    // pure interpolation (the default also smooths every image with a common B-spline)
    const a = applyShifts(st, sh, { smoothing: 0 });
    const { stack: c, rect } = cropToCommon(a, sh);
    assert.deepEqual(rect, { x0: 2, y0: 0, x1: 45, y1: 38 });
    assert.equal(c.nx, 43);
    assert.equal(c.ny, 38);
    for (let e = 1; e < 4; e++) {
      for (let i = 0; i < c.ny * c.nx; i++) assert.ok(Math.abs(c.data[e * c.ny * c.nx + i] - c.data[i]) < 1e-12);
    }
    assert.ok(Number.isNaN(a.data[1 * ny * nx + nx - 1]));
    const f = applyShifts(st, sh, { method: "fourier", fill: 0 });
    assert.ok(Math.abs(f.data[3 * ny * nx + 18 * nx + 20] - st.data[18 * nx + 20]) < 1e-3);
  });
  it("aligns sub-pixel shifts with Fourier interpolation", () => {
    const r = computeShifts(s, { reference: 0 });
    const f = applyShifts(s, r, { method: "fourier" });
    const { stack: c } = cropToCommon(f, r);
    let worst = 0;
    for (let e = 1; e < 4; e++) for (let i = 0; i < c.ny * c.nx; i++) worst = Math.max(worst, Math.abs(c.data[e * c.ny * c.nx + i] - c.data[i]));
    assert.ok(worst < 0.02, `worst difference ${worst}`);
  });
  it("rejects bad options", () => {
    assert.throws(() => computeShifts(s, { reference: 9 }), { message: 'computeShifts: option "reference" must be an energy index in [0, 4) or "neighbour", got 9' });
    assert.throws(() => computeShifts(s, { smooth: 2 }), { message: 'computeShifts: option "smooth" must be an odd positive integer (moving-average window), got 2' });
    assert.throws(() => applyShifts(s, { dx: [0], dy: [0] }), { message: "applyShifts: shifts must have dx and dy of length nE = 4, got 1 and 1" });
    assert.throws(() => cropToCommon(s, { dx: [0, 50, 0, -50], dy: [0, 0, 0, 0] }), /leave no pixel common to all 4 images/);
  });
});

describe("energy calibration", () => {
  const peak = (e: number): number => Math.exp(-0.5 * ((e - 529.2) / 0.6) ** 2) + 0.6 * Math.exp(-0.5 * ((e - 531.5) / 0.7) ** 2) + 0.3;
  const fine = Float64Array.from({ length: 401 }, (_, i) => 520 + i * 0.05);
  const coarse = Float64Array.from({ length: 50 }, (_, i) => 520 + (15 * i) / 49);
  it("recovers an offset between grids to < 0.005 eV, with scale and baseline free", () => {
    for (const off of [-0.37, 0, 0.123, 0.5]) {
      const sample = { energies: coarse, values: Float64Array.from(coarse, (e) => 2.5 * peak(e - off) + 0.1) };
      const r = energyOffset(sample, { energies: fine, values: Float64Array.from(fine, peak) });
      assert.ok(Math.abs(r.offset - off) < 0.005, `offset ${r.offset} vs ${off}`);
      assert.ok(Math.abs(r.scale - 2.5) < 0.01);
    }
  });
  it("relabels energies or resamples onto a grid", () => {
    const st = makeStack({ data: Float64Array.from([0, 10, 20, 30]), nE: 4, ny: 1, nx: 1, energies: [530, 531, 532, 533] });
    const a = applyEnergyOffset(st, 0.5);
    assert.deepEqual(Array.from(a.stack.energies), [529.5, 530.5, 531.5, 532.5]);
    assert.equal(a.stack.data, st.data);
    const g = applyEnergyOffset(st, 0.5, { grid: [529, 530, 532.5, 533] });
    assert.deepEqual(Array.from(g.stack.data), [0, 5, 30, 30]);
    assert.equal(g.outside, 2);
    assert.throws(() => applyEnergyOffset(st, 0.5, { grid: [533], outside: "error" }), /grid energy 533 eV is outside the corrected energies 529.5 … 532.5 eV/);
  });
});

describe("thresholdMask and averageSpectrum", () => {
  const od = makeStack({ data: Float64Array.from([0.1, 0.5, 0.9, 0.0, 0.2, 1.0, 1.4, 0.0]), nE: 2, ny: 2, nx: 2, energies: [529.5, 531], quantity: "od" });
  it("keeps pixels above the threshold and averages them", () => {
    const t = thresholdMask(od, { energy: 529.4, threshold: 0.3 });
    assert.deepEqual(Array.from(t.mask), [0, 1, 1, 0]);
    assert.equal(t.count, 2);
    assert.equal(t.energy, 529.5);
    const a = averageSpectrum(od, { mask: t.mask });
    assert.deepEqual(Array.from(a.values), [0.7, 1.2]);
    assert.deepEqual(Array.from(averageSpectrum(od, { mask: t.mask, mode: "sum" }).values), [1.4, 2.4]);
    const b = thresholdMask(od, { energy: 531, threshold: 0.5, backgroundRegion: { x0: 1, y0: 1, x1: 2, y1: 2 } });
    assert.deepEqual(Array.from(b.mask), [0, 1, 1, 0]);
  });
  it("says so when the threshold keeps no pixel", () => {
    assert.throws(() => thresholdMask(od, { energy: 529.5, threshold: 2 }), {
      message: "thresholdMask: threshold 2 at 529.5 eV keeps no pixel (values span 0 … 0.9); expected a threshold below the largest value",
    });
    assert.throws(() => averageSpectrum(od, { mask: [0, 0, 0, 0] }), { message: 'averageSpectrum: option "mask" selects no pixel; expected at least one' });
  });
});

describe("normalizePixels", () => {
  // one pixel: background 1 at 520, 522; edge rising to 3 at 530; post edge 4 at 540
  const od = makeStack({ data: Float64Array.from([1, 1, 2, 3, 4, 4]), nE: 6, ny: 1, nx: 1, energies: [520, 522, 526, 530, 540, 560], quantity: "od" });
  it("subtracts the background mean and divides by the trapezoid area", () => {
    const r = normalizePixels(od, { background: [520, 522], area: [522, 530], brightness: [540, 560] });
    // background 1; area over 522, 526, 530 of [0, 1, 2] = 4·0.5 + 4·1.5 = 8; brightness 20·3 = 60
    assert.equal(r.background[0], 1);
    assert.equal(r.area[0], 8);
    assert.equal(r.brightness[0], 60);
    assert.deepEqual(Array.from(r.stack.data), [0, 0, 1 / 8, 2 / 8, 3 / 8, 3 / 8]);
    assert.equal(r.invalid, 0);
  });
  it("marks pixels with a non-positive area NaN and counts them; checks ranges", () => {
    const flat = makeStack({ data: new Float64Array(6).fill(1), nE: 6, ny: 1, nx: 1, energies: [520, 522, 526, 530, 540, 560] });
    const r = normalizePixels(flat, {});
    assert.equal(r.invalid, 1);
    assert.ok(Number.isNaN(r.stack.data[0]));
    assert.throws(() => normalizePixels(od, { background: [600, 610], area: [522, 530] }), {
      message: "normalizePixels: background range [600, 610] eV contains no energy of the stack (energies span 520 … 560 eV); expected a range overlapping the data",
    });
    assert.throws(() => normalizePixels(od, { backgroud: [520, 526] } as never), /unknown option "backgroud"; expected one of: background, area, brightness/);
    assert.throws(() => normalizePixels(od, { area: [530, 522] }), /option "area" must be an energy range \[lo, hi\] in eV with lo ≤ hi, got \[530,522\]/);
  });
});

describe("PixelTable, toImages and noiseFilter", () => {
  const a = makeStack({ data: Float64Array.from([1, 2, 3, 4, 10, 20, 30, 40]), nE: 2, ny: 2, nx: 2, energies: [520, 521] });
  const b = makeStack({ data: Float64Array.from([5, NaN, 50, 60]), nE: 2, ny: 1, nx: 2, energies: [520, 521] });
  it("combines samples row-major with sample, x, y and brightness, dropping non-finite rows", () => {
    const { table, dropped } = toPixelTable([
      { stack: a, mask: [1, 0, 1, 1], brightness: [0.1, 0.2, 0.3, 0.4], name: "A" },
      { stack: b, name: "B" },
    ]);
    assert.deepEqual(dropped, [0, 1]);
    assert.equal(table.nPixels, 4);
    assert.deepEqual(Array.from(table.data), [1, 10, 3, 30, 4, 40, 5, 50]);
    assert.deepEqual(Array.from(table.sample), [0, 0, 0, 1]);
    assert.deepEqual(Array.from(table.x), [0, 0, 1, 0]);
    assert.deepEqual(Array.from(table.y), [0, 1, 1, 0]);
    assert.deepEqual(Array.from(table.brightness).slice(0, 3), [0.1, 0.3, 0.4]);
    const imgs = toImages(table, [7, 8, 9, 6]);
    assert.deepEqual(imgs.map((i) => i.name), ["A", "B"]);
    assert.deepEqual(Array.from(imgs[0].data), [7, NaN, 8, 9]);
    assert.deepEqual(Array.from(imgs[1].data), [6, NaN]);
    const two = toImages(table, [1, 2, 3, 4, 5, 6, 7, 8], { columns: 2 });
    assert.deepEqual(Array.from(two[0].data), [1, NaN, 3, 5, 2, NaN, 4, 6]);
    assert.throws(() => toImages(table, [1, 2]), { message: "toImages: values have length 2, expected nPixels · columns = 4 · 1 = 4" });
    assert.equal(selectRows(table, [0, 1, 0, 1]).nPixels, 2);
  });
  it("rejects samples with different energies", () => {
    const c = makeStack({ data: new Float64Array(2), nE: 2, ny: 1, nx: 1, energies: [520, 521.5] });
    assert.throws(() => toPixelTable([{ stack: a }, { stack: c }]), /sample 1 has different energies from sample 0 in the selected range; resample with applyEnergyOffset/);
  });
  it("removes the noisiest fraction or rows above a cutoff, with a histogram", () => {
    // noise (population std over two energies) of rows = |a − b| / 2 = 0, 1, 2, …, 9
    const n = 10;
    const data = new Float64Array(2 * n);
    for (let r = 0; r < n; r++) data[2 * r + 1] = 2 * r;
    const t = makePixelTable({ data, nPixels: n, nE: 2, energies: [520, 525], sample: new Array(n).fill(0), x: Array.from({ length: n }, (_, i) => i), y: new Array(n).fill(0), samples: [{ name: "s", ny: 1, nx: n }] });
    const f = noiseFilter(t, { fraction: 0.2, bins: 3 });
    assert.deepEqual(Array.from(f.noise), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(f.removed, 2);
    assert.equal(f.cutoff, 7);
    assert.equal(f.table.nPixels, 8);
    assert.deepEqual(Array.from(f.histogram.edges), [0, 3, 6, 9]);
    assert.deepEqual(Array.from(f.histogram.counts), [3, 3, 4]);
    assert.equal(noiseFilter(t, { cutoff: 4.5 }).removed, 5);
    assert.throws(() => noiseFilter(t, { cutoff: 1, fraction: 0.1 }), { message: 'noiseFilter: give either option "cutoff" or option "fraction", not both' });
    assert.throws(() => noiseFilter(t, { range: [530, 540] }), /noiseFilter: noise range \[530, 540\] eV contains no energy/);
  });
});

describe("inputs are never changed; Float32 stacks work", () => {
  it("leaves every input array as it was", () => {
    const ny = 16;
    const nx = 20;
    const nE = 4;
    const data = new Float32Array(nE * ny * nx);
    for (let e = 0; e < nE; e++) data.set(Float32Array.from(gaussImage(ny, nx, 8 + e * 0.3, 7), (v) => 1000 * Math.exp(-v * (1 + e))), e * ny * nx);
    const raw = makeStack({ data, nE, ny, nx, energies: [520, 526, 530, 540] });
    const copy = Float32Array.from(data);
    const i0 = extractI0(raw, {});
    const od32 = opticalDensity(raw, { i0, output: "float32" });
    assert.ok(od32.stack.data instanceof Float32Array);
    const od = opticalDensity(raw, { i0 }).stack;
    const odCopy = Float64Array.from(od.data);
    const sh = computeShifts(od, { reference: 0 });
    const al = applyShifts(od, sh);
    cropToCommon(al, sh);
    applyEnergyOffset(od, 0.1, { grid: [521, 529] });
    thresholdMask(od, { energy: 530, threshold: 0.1 });
    averageSpectrum(od);
    normalizePixels(od, { background: [520, 526], area: [526, 540] });
    assert.deepEqual(Array.from(data), Array.from(copy));
    assert.deepEqual(Array.from(od.data), Array.from(odCopy));
    assert.ok(Math.abs(od32.stack.data[5] - od.data[5]) < 1e-6);
  });
});

describe("opticalDensity on large integer stacks (ln table)", () => {
  it("equals −ln(I/I0) to 1e-13, floors zeros and counts them", () => {
    const ny = 200;
    const nx = 400;
    const data = new Float64Array(ny * nx);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 4001;
    const s = makeStack({ data, nE: 1, ny, nx, energies: [530] });
    const r = opticalDensity(s, { i0: [3000.5] });
    let zeros = 0;
    for (let i = 0; i < data.length; i++) {
      const v = data[i] > 0 ? data[i] : 1;
      if (data[i] <= 0) zeros++;
      assert.ok(Math.abs(r.stack.data[i] - -Math.log(v / 3000.5)) < 1e-13, `pixel ${i}`);
    }
    assert.equal(r.nonPositive, zeros);
    const nan = opticalDensity(s, { i0: [3000.5], nonPositive: "nan" });
    assert.ok(Number.isNaN(nan.stack.data[0]));
  });
});
