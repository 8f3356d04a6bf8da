// Powder patterns: by hand on tiny cells, against pymatgen (python/ref_powder.py →
// pymatgen-patterns.json), profiles, ratios and option checks.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readCifStructure } from "../../src/diffraction/cifRead";
import { xrayFormFactor } from "../../src/diffraction/formFactor";
import { powderPattern, type PowderPattern } from "../../src/diffraction/powderPattern";
import { powderProfile } from "../../src/diffraction/powderProfile";
import { findReflection, intensityRatio } from "../../src/diffraction/powderRatio";
import { neutronScatteringLength } from "../../src/diffraction/scatteringLength";
import type { Structure } from "../../src/diffraction/structure";

const ROOT = join(__dirname, "..", "..");
const FIX = join(ROOT, "test", "fixtures", "diffraction", "powder");

const cubic = (symbol: string, a: number, sites: [string, number, number, number][]): Structure => ({
  name: symbol, cell: { a, b: a, c: a, alpha: 90, beta: 90, gamma: 90 }, spaceGroup: symbol,
  sites: sites.map(([species, x, y, z]) => ({ label: species, species, x, y, z, occupancy: 1, uiso: 0 })),
});

describe("powder pattern by hand", () => {
  it("simple cubic: d = a/√(h²+k²+l²), multiplicities 6, 12, 8, 6, 24, 24, 12", () => {
    const p = powderPattern(cubic("P m -3 m", 4, [["Ni", 0, 0, 0]]), { twoThetaRange: [5, 80] });
    const rows = p.reflections.slice(0, 7).map((r) => [r.label, r.multiplicity, +r.d.toFixed(10)]);
    assert.deepEqual(rows, [
      ["(100)", 6, 4], ["(110)", 12, +(4 / Math.SQRT2).toFixed(10)], ["(111)", 8, +(4 / Math.sqrt(3)).toFixed(10)], ["(200)", 6, 2],
      ["(210)", 24, +(4 / Math.sqrt(5)).toFixed(10)], ["(211)", 24, +(4 / Math.sqrt(6)).toFixed(10)], ["(220)", 12, +(4 / Math.sqrt(8)).toFixed(10)],
    ]);
    // Bragg's law at Cu Kα1.
    assert.ok(Math.abs(p.reflections[0].twoTheta - (2 * Math.asin(1.5406 / 8) * 180) / Math.PI) < 1e-12);
    // One atom at the origin: |F|² = f(s)², I = m |F|² LP.
    const r = p.reflections[1];
    const s = 1 / (2 * r.d), th = Math.asin(1.5406 * s);
    assert.ok(Math.abs(r.f2 - xrayFormFactor("Ni", s) ** 2) < 1e-9);
    assert.ok(Math.abs(r.intensity - 12 * r.f2 * (1 + Math.cos(2 * th) ** 2) / (Math.sin(th) ** 2 * Math.cos(th))) < 1e-6);
    // (311) and its neighbours: (300) and (221) coincide (h²+k²+l² = 9): two families, one peak.
    const nine = p.peaks.find((k) => Math.abs(k.d - 4 / 3) < 1e-9)!;
    assert.equal(nine.label.split("+").sort().join("+"), "(221)+(300)");
    assert.deepEqual(nine.reflections.map((i) => p.reflections[i].multiplicity).sort(), [24, 6]);
  });
  it("rocksalt NiO: F-centring absences, F(111) = 4(f_Ni − f_O), F(200) = 4(f_Ni + f_O)", () => {
    const p = powderPattern(cubic("F m -3 m", 4.1771, [["Ni", 0, 0, 0], ["O", 0.5, 0.5, 0.5]]));
    assert.deepEqual(p.reflections.slice(0, 5).map((r) => r.label), ["(111)", "(200)", "(220)", "(311)", "(222)"]);
    const f = (el: string, r: { d: number }) => xrayFormFactor(el, 1 / (2 * r.d));
    const [r111, r200] = p.reflections;
    assert.ok(Math.abs(r111.f2 - (4 * (f("Ni", r111) - f("O", r111))) ** 2) < 1e-8);
    assert.ok(Math.abs(r200.f2 - (4 * (f("Ni", r200) + f("O", r200))) ** 2) < 1e-8);
    assert.equal(r111.multiplicity, 8);
    assert.equal(r200.multiplicity, 6);
    // Neutrons: scattering lengths do not fall off with angle.
    const n = powderPattern(cubic("F m -3 m", 4.1771, [["Ni", 0, 0, 0], ["O", 0.5, 0.5, 0.5]]), { radiation: "neutron" });
    assert.ok(Math.abs(n.reflections[0].f2 - (4 * (10.3 - 5.803)) ** 2) < 1e-9);
    assert.ok(Math.abs(n.reflections[0].lp - 1 / (Math.sin((n.reflections[0].twoTheta * Math.PI) / 360) ** 2 * Math.cos((n.reflections[0].twoTheta * Math.PI) / 360))) < 1e-9);
  });
  it("neutrons see Li with a negative length: Li on a Ni site lowers |F|, and Li/Ni mixing is an occupancy change", () => {
    assert.equal(neutronScatteringLength("Li"), -1.9);
    const mixed = (z: number): Structure => ({
      ...cubic("F m -3 m", 4.16, []),
      sites: [
        { label: "Li", species: "Li", x: 0, y: 0, z: 0, occupancy: 1 - z, uiso: 0 },
        { label: "Ni", species: "Ni", x: 0, y: 0, z: 0, occupancy: z, uiso: 0 },
        { label: "O", species: "O", x: 0.5, y: 0.5, z: 0.5, occupancy: 1, uiso: 0 },
      ],
    });
    const f200 = (z: number) => powderPattern(mixed(z), { radiation: "neutron" }).reflections[1].f2;
    assert.ok(Math.abs(f200(0.3) - (4 * (0.7 * -1.9 + 0.3 * 10.3 + 5.803)) ** 2) < 1e-9);
    assert.ok(f200(0) < f200(0.3));
  });
  it("R-3m on rhombohedral axes gives the same peaks as on hexagonal axes", () => {
    const hex = readCifStructure(join(FIX, "LiCoO2-like.cif"));
    const { a, c } = hex.cell;
    const ar = Math.sqrt((a * a) / 3 + (c * c) / 9);
    const alpha = (2 * Math.asin((3 * a) / (2 * Math.sqrt(3 * a * a + c * c))) * 180) / Math.PI;
    const zO = hex.sites[2].z;
    const rho: Structure = {
      name: "rho", cell: { a: ar, b: ar, c: ar, alpha, beta: alpha, gamma: alpha }, spaceGroup: "R -3 m:R",
      sites: hex.sites.map((st) => ({ ...st, x: st.z, y: st.z, z: st.z })),
    };
    assert.ok(Math.abs(zO - 0.2396) < 1e-12);
    const [ph, pr] = [powderPattern(hex), powderPattern(rho)];
    assert.equal(pr.peaks.length, ph.peaks.length);
    ph.peaks.forEach((k, i) => {
      assert.ok(Math.abs(k.twoTheta - pr.peaks[i].twoTheta) < 1e-9);
      assert.ok(Math.abs(k.relative - pr.peaks[i].relative) < 1e-9);
    });
    // The labels follow the axes: hexagonal (003) is rhombohedral (111).
    assert.equal(pr.peaks[0].label, "(111)");
  });
  it("Debye–Waller: exp(−8π²U s²) per atom", () => {
    const s0 = cubic("P m -3 m", 4, [["Ni", 0, 0, 0]]);
    const s1: Structure = { ...s0, sites: [{ ...s0.sites[0], uiso: 0.01 }] };
    const [a, b] = [powderPattern(s0), powderPattern(s1)];
    const r = a.reflections[3], q = b.reflections[3];
    const s = 1 / (2 * r.d);
    assert.ok(Math.abs(q.f2 / r.f2 - Math.exp(-2 * 8 * Math.PI ** 2 * 0.01 * s * s)) < 1e-12);
    assert.deepEqual(powderPattern(s1, { debyeWaller: false }).reflections.map((x) => x.f2), a.reflections.map((x) => x.f2));
  });
});

interface RefPeak { two_theta: number; d: number; intensity: number; hkls: number[][] }
interface RefCase { file: string; radiation: "xray" | "neutron"; wavelength: number; two_theta_range: [number, number]; debye_waller: boolean; peaks: RefPeak[] }

/**
 * Our reflections grouped as pymatgen groups them (2θ rounded to multiples of 1e-5°), scaled to
 * max 100: so the comparison tests the intensities, not the merge rule (ours merges within a d
 * tolerance; in the idealised pseudo-hexagonal cells some families differ by less than 1e-5 Å).
 */
function pymatgenPeaks(p: PowderPattern): { twoTheta: number; relative: number }[] {
  const bins = new Map<number, { twoTheta: number; intensity: number }>();
  for (const r of p.reflections) {
    const key = Math.round(r.twoTheta / 1e-5);
    const b = bins.get(key);
    if (b) b.intensity += r.intensity;
    else bins.set(key, { twoTheta: r.twoTheta, intensity: r.intensity });
  }
  const max = Math.max(...[...bins.values()].map((b) => b.intensity));
  return [...bins.values()].map((b) => ({ twoTheta: b.twoTheta, relative: (100 * b.intensity) / max }));
}

/** Largest deviations from pymatgen's peaks: positions of all pymatgen peaks ≥ 0.5, intensities of those ≥ 5. */
function deviations(p: PowderPattern, ref: RefCase): { position: number; intensity: number; unmatched: string[] } {
  let position = 0, intensity = 0;
  const unmatched: string[] = [];
  const ours = pymatgenPeaks(p);
  for (const r of ref.peaks) {
    if (r.intensity < 0.5) continue;
    const k = ours.reduce((best, q) => (Math.abs(q.twoTheta - r.two_theta) < Math.abs(best.twoTheta - r.two_theta) ? q : best));
    const dpos = Math.abs(k.twoTheta - r.two_theta);
    if (dpos > 0.01) {
      unmatched.push(`${r.two_theta.toFixed(3)} (${r.intensity.toFixed(1)})`);
      continue;
    }
    position = Math.max(position, dpos);
    if (r.intensity >= 5) intensity = Math.max(intensity, Math.abs(k.relative - r.intensity) / r.intensity);
  }
  return { position, intensity, unmatched };
}

describe("powder patterns against pymatgen", () => {
  const ref = JSON.parse(readFileSync(join(FIX, "pymatgen-patterns.json"), "utf8")).cases as Record<string, RefCase>;
  for (const [id, c] of Object.entries(ref)) {
    it(`${id}: peaks within 0.01° 2θ, strong intensities within 0.1 %`, () => {
      const s = readCifStructure(join(ROOT, c.file));
      const p = powderPattern(s, { radiation: c.radiation, wavelength: c.wavelength, twoThetaRange: c.two_theta_range, debyeWaller: c.debye_waller });
      const dev = deviations(p, c);
      assert.deepEqual(dev.unmatched, []);
      assert.ok(dev.position < 0.01, `position ${dev.position}`);
      // 1 % is the goal; measured deviations are ~1e-15, or up to 1.2e-4 where a file writes
      // thirds as 0.6667 / 0.66667 (pymatgen's CifParser snaps them to 2/3), so hold them to 1e-3.
      assert.ok(dev.intensity < 1e-3, `intensity ${dev.intensity}`);
      // Nothing strong here that pymatgen does not have.
      for (const k of p.peaks.filter((q) => q.relative >= 1)) {
        assert.ok(c.peaks.some((r) => Math.abs(r.two_theta - k.twoTheta) < 0.01), `extra peak ${k.label} at ${k.twoTheta}`);
      }
    });
  }
});

describe("profiles and ratios", () => {
  const lco = readCifStructure(join(FIX, "LiCoO2-like.cif"));
  const p = powderPattern(lco);
  it("I(003)/I(104) of the LiCoO2-like structure", () => {
    const r = intensityRatio(p, [0, 0, 3], [1, 0, 4]);
    assert.ok(Math.abs(r - findReflection(p, [0, 0, -3])!.intensity / findReflection(p, [0, 1, -4])!.intensity) < 1e-12);
    assert.ok(r > 1.3 && r < 1.6, String(r));
    assert.throws(() => intensityRatio(p, [0, 0, 1], [1, 0, 4]), /reflection \(0 0 1\) is absent or outside 5–90° 2θ/);
  });
  it("pseudo-Voigt peaks of unit area: the profile integrates to Σ intensities", () => {
    const prof = powderProfile(p, { fwhm: 0.2, eta: 0.3, normalize: false, grid: { start: 0, stop: 120, step: 0.002 } });
    let area = 0;
    for (let i = 0; i < prof.intensity.length; i++) area += prof.intensity[i] * 0.002;
    const total = p.reflections.reduce((t, r) => t + r.intensity, 0);
    // ±30 FWHM tails of the Lorentzian part hold 1 − (2/π)·atan(60) ≈ 1.06 % of η.
    assert.ok(Math.abs(area / total - (1 - 0.3 * (1 - (2 / Math.PI) * Math.atan(60)))) < 2e-4, String(area / total));
    const peak = prof.twoTheta[prof.intensity.indexOf(Math.max(...prof.intensity))];
    assert.ok(Math.abs(peak - findReflection(p, [0, 0, 3])!.twoTheta) < 0.002);
  });
  it("Caglioti widths and the Kα2 line", () => {
    const one = powderProfile(p, { fwhm: { U: 0.02, V: -0.01, W: 0.01 }, eta: 0 });
    const two = powderProfile(p, { fwhm: { U: 0.02, V: -0.01, W: 0.01 }, eta: 0, alpha2Ratio: 0.5 });
    const r = findReflection(p, [1, 0, 4])!;
    const t2 = (2 * Math.asin(1.54439 / (2 * r.d)) * 180) / Math.PI;
    const at = (prof: { twoTheta: Float64Array; intensity: Float64Array }, x: number) => prof.intensity[Math.round((x - 5) / 0.01)];
    assert.ok(at(two, t2) > 5 * at(one, t2), "a Kα2 shoulder appears");
    assert.throws(() => powderProfile(powderPattern(lco, { wavelength: 0.459 }), { alpha2Ratio: 0.5 }), /needs a Kα2 line, but the pattern's wavelength is 0\.459 Å/);
    assert.throws(() => powderProfile(p, { fwhm: { U: 0, V: 0, W: -1 } }), /FWHM² = -1 ≤ 0/);
  });
  it("checks options", () => {
    assert.throws(() => powderPattern(lco, { wavelenght: 1 } as never), /powderPattern: unknown option "wavelenght"; expected one of: radiation, wavelength/);
    assert.throws(() => powderPattern(lco, { wavelength: "CuKb" }), /unknown wavelength "CuKb"; expected a length in Å or one of CuKa1/);
    assert.throws(() => powderPattern(lco, { radiation: "electron" as never }), /option radiation must be "xray" or "neutron"/);
    assert.throws(() => powderPattern(lco, { twoThetaRange: [90, 10] }), /twoThetaRange must be \[min, max\]/);
    assert.throws(() => powderProfile(p, { eta: 2 }), /eta must be between 0 and 1/);
    assert.throws(() => powderProfile(p, { grid: { start: 0, stop: 90, step: 1e-7 } }), /grid has 900000001 points/);
    const bad: Structure = { ...lco, sites: [{ ...lco.sites[0], species: "Xx" }] };
    assert.throws(() => powderPattern(bad), /LiCoO2-like\.cif: data_LiCoO2_like: site Li1: unknown element "Xx"/);
    assert.equal(powderPattern(lco, { wavelength: "CuKa1" }).wavelengthName, "Cu Kα1");
    assert.equal(powderPattern(lco, { wavelength: "MoKa" }).wavelength, 0.71073);
  });
});
