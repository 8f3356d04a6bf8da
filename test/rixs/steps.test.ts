// RIXS pipeline steps on tiny hand cases: every number below is worked out by hand.
import assert from "node:assert/strict";
import {
  maskSaturated, subtractDark, removeCosmicRays, integrateFrame, correctCurvature, curvatureShifts, fitCurvature, fitPeak,
  normalizeSpectrum, stackRixsMap, calibrateEmission, applyEmissionCalibration, rixsCut, featureIntensity, findFeature,
} from "../../src/rixs";
import { makeFrame } from "../../src/rixs/ccdFrame";

const frame = (rows: number[][], sat: number | null = 65535, src = "f.tif") => makeFrame(Float64Array.from(rows.flat()), rows.length, rows[0].length, src, sat);

describe("maskSaturated / subtractDark", () => {
  it("masks pixels at the ADC maximum and lists them", () => {
    const r = maskSaturated(frame([[1, 65535], [3, 4]]));
    assert.equal(r.count, 1);
    assert.deepEqual(r.positions, [{ row: 0, col: 1 }]);
    assert.ok(Number.isNaN(r.frame.data[1]));
    assert.equal(maskSaturated(frame([[1, 2]], null)).level, null); // float frame: not checked
    assert.equal(maskSaturated(frame([[1, 2]], null), { level: 2 }).count, 1);
  });
  it("subtracts a dark frame (scaled) or the median of a region", () => {
    const f = frame([[10, 12], [14, 16]]);
    const d = subtractDark(f, { dark: frame([[2, 2], [4, 4]]), scale: 0.5 });
    assert.deepEqual(Array.from(d.frame.data), [9, 11, 12, 14]);
    assert.equal(d.level, 1.5);
    const r = subtractDark(f, { region: { r0: 0, r1: 1, c0: 0, c1: 2 } });
    assert.equal(r.level, 11);
    assert.deepEqual(Array.from(r.frame.data), [-1, 1, 3, 5]);
  });
  it("names both frames when the dark frame's size differs, and refuses bad options", () => {
    assert.throws(() => subtractDark(frame([[1, 2]]), { dark: frame([[1], [2]], 65535, "dark.tif") }), /dark frame dark\.tif is 2 × 1 pixels but frame f\.tif is 1 × 2/);
    assert.throws(() => subtractDark(frame([[1, 2]]), {} as never), /exactly one of the options dark/);
    assert.throws(() => subtractDark(frame([[1, 2]]), { regoin: 1 } as never), /unknown option "regoin"/);
  });
});

describe("removeCosmicRays", () => {
  it("flags a spike, grows onto its bright neighbour, repairs both from unflagged neighbours", () => {
    const rows = Array.from({ length: 7 }, () => [5, 5, 5, 5, 5, 5, 5]);
    rows[3][3] = 500;
    rows[3][4] = 60;
    const r = removeCosmicRays(frame(rows), { noise: 1 });
    // (3,3): m = median(5×7, 60) = 5; 500 − 5 > 8·√(5 + 1) ✓. (3,4): median without (3,3) = 5; 60 − 5 > 4·√6 ✓.
    assert.equal(r.count, 2);
    assert.equal(r.hits, 1);
    assert.deepEqual(r.pixels.map((p) => [p.row, p.col, p.value, p.replacement]), [[3, 3, 500, 5], [3, 4, 60, 5]]);
    assert.equal(r.frame.data[3 * 7 + 3], 5);
    // a smooth slope is not flagged
    const slope = Array.from({ length: 6 }, (_, r0) => Array.from({ length: 6 }, (_, c) => 100 + 10 * r0 + 5 * c));
    assert.equal(removeCosmicRays(frame(slope), { noise: 1 }).count, 0);
  });
});

describe("integrateFrame / correctCurvature", () => {
  it("sums columns; a whole-pixel curvature moves counts by rows; a half pixel splits them", () => {
    const f = frame([[0, 0], [1, 2], [0, 0], [0, 0]]);
    assert.deepEqual(Array.from(integrateFrame(f).counts), [0, 3, 0, 0]);
    // column 1 shifted by +1 row relative to column 0 (tilt 1 px/col about column 0) → moved back by 1
    const tilt = { coefficients: [0, 1], referenceColumn: 0 };
    assert.deepEqual(Array.from(curvatureShifts(tilt, 2)), [0, 1]);
    const g = frame([[0, 0], [1, 0], [0, 2], [0, 0]]);
    const t = integrateFrame(g, { curvature: tilt });
    assert.deepEqual(Array.from(t.counts.subarray(0, 3)), [0, 3, 0]);
    assert.equal(t.rescaledRows, 1); // the last row: column 1 has nothing to move there
    const half = integrateFrame(frame([[0, 0], [4, 4], [0, 0], [0, 0]]), { curvature: { coefficients: [0, -0.5], referenceColumn: 0 } });
    assert.deepEqual(Array.from(half.counts), [0, 6, 2, 0]); // column 1 moved +0.5: 2 stay, 2 go down
    const c = correctCurvature(g, tilt);
    assert.deepEqual(Array.from(c.frame.data.subarray(0, 6)), [0, 0, 1, 2, 0, 0]);
    assert.equal(c.maxShift, 1);
  });
  it("leaves masked pixels out and scales the row up, saying so", () => {
    const r = integrateFrame(frame([[1, NaN, 3, 4]]));
    assert.equal(r.counts[0], (8 * 4) / 3);
    assert.equal(r.maskedPixels, 1);
    assert.equal(r.rescaledRows, 1);
  });
});

describe("fitPeak / fitCurvature", () => {
  it("recovers an exact Gaussian on a line", () => {
    const x = Array.from({ length: 31 }, (_, i) => i);
    const y = x.map((v) => 40 * Math.exp(-((v - 14.3) ** 2) / (2 * 2.2 ** 2)) + 3 + 0.1 * (v - 15));
    const p = fitPeak(x, y);
    assert.ok(Math.abs(p.centre - 14.3) < 1e-6 && Math.abs(p.amplitude - 40) < 1e-5 && Math.abs(p.fwhm - 2.2 * 2.3548200450309493) < 1e-5, JSON.stringify(p));
  });
  it("recovers a planted tilt and curvature from a noise-free line", () => {
    const rows = 60, cols = 40, ref = 19.5;
    const d = new Float64Array(rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) d[r * cols + c] = 100 * Math.exp(-(((r - 30 - 0.05 * (c - ref) - 0.004 * (c - ref) ** 2) / 2) ** 2));
    const cf = fitCurvature(makeFrame(d, rows, cols, "el.tif", null), { bins: 10 });
    assert.ok(Math.abs(cf.coefficients[1] - 0.05) < 1e-4 && Math.abs(cf.coefficients[2] - 0.004) < 1e-5, JSON.stringify(cf.coefficients));
    assert.ok(cf.residualRms < 0.01);
  });
});

describe("maps: normalise, stack, calibrate, cut, feature", () => {
  const nPix = 300, disp = 0.05, off = 520; // E = 520 + 0.05 · pixel
  const ex = [531.0, 528.0, 530.0, 529.0]; // unsorted on purpose
  const spectra = ex.map((e) => Float64Array.from({ length: nPix }, (_, j) => 100 * Math.exp(-4 * Math.LN2 * ((off + disp * j - e) / 0.3) ** 2) + 5));
  it("normalises by I₀ and exposure", () => {
    assert.deepEqual(Array.from(normalizeSpectrum(Float64Array.of(120, 240), 2e7, 60, 1e7)), [1, 2]);
    assert.throws(() => normalizeSpectrum(Float64Array.of(1), 0, 1), /i0 must be a positive number/);
  });
  it("stacks sorted by excitation, refuses duplicates; calibrates from the elastic line; cuts; feature window", () => {
    const m = stackRixsMap(spectra, ex, { name: "hand" });
    assert.deepEqual(Array.from(m.excitation), [528, 529, 530, 531]);
    assert.equal(m.emissionUnit, "pixel");
    assert.throws(() => stackRixsMap([spectra[0], spectra[1]], [530, 530]), /both at excitation 530 eV/);
    const cal = calibrateEmission(m);
    assert.ok(Math.abs(cal.dispersion - disp) < 1e-7 && Math.abs(cal.offset - off) < 1e-5 && cal.residualRms < 1e-6, JSON.stringify(cal));
    const em = applyEmissionCalibration(m, cal);
    assert.ok(Math.abs(em.emission[160] - 528) < 1e-5);
    const cut = rixsCut(em, { excitation: 529.5 });
    assert.ok(Math.abs(cut.values[180] - 0.5 * (m.data[1 * nPix + 180] + m.data[2 * nPix + 180])) < 1e-12);
    const prof = rixsCut(em, { emission: em.emission[180] });
    assert.deepEqual(Array.from(prof.energies), [528, 529, 530, 531]);
    assert.throws(() => rixsCut(em, { excitation: 540 }), /excitation 540 eV is outside the map's range \[528, 531\]/);
    const fi = featureIntensity(em, { excitation: [528.9, 529.1], emission: [528.95, 529.05] });
    assert.equal(fi.rows, 1);
    assert.equal(fi.columns, 3);
    // a dispersion of the other sign: columns reversed so that emission increases
    const flipped = applyEmissionCalibration(m, { ...cal, dispersion: -disp, offset: 530 });
    assert.ok(flipped.emission[1] > flipped.emission[0]);
    assert.equal(flipped.data[0], m.data[nPix - 1]);
  });
  it("finds a planted narrow feature in a cut and calls a flat cut absent", () => {
    const n = 120, e = Float64Array.from({ length: n }, (_, j) => 520 + 0.05 * j);
    const rowWith = Float64Array.from(e, (v) => 10 + 0.5 * (v - 523) + 6 * Math.exp(-4 * Math.LN2 * ((v - 523.75) / 0.45) ** 2));
    const rowFlat = Float64Array.from(e, (v, j) => 10 + 0.5 * (v - 523) + 0.01 * Math.sin(j * 1.7));
    const mk = (row: Float64Array) => applyEmissionCalibration(stackRixsMap([row, row], [530.6, 531.0]), { dispersion: 0.05, offset: 520, residualRms: 0, dispersionError: 0, offsetError: 0, points: [] });
    const f = findFeature(mk(rowWith));
    assert.ok(f.present && Math.abs(f.centre - 523.75) < 1e-4, JSON.stringify(f));
    assert.equal(findFeature(mk(rowFlat)).present, false);
  });
});
