/**
 * normalizePixels gives the same bits as plain one-image-at-a-time loops written out here, on
 * both of its paths: the WebAssembly SIMD kernels (blocks of pixels copied into its memory, two
 * pixels per instruction; odd blocks, many small blocks) and the JavaScript loops (blocks of 4096
 * pixels; eight, four, then single images added per pass; four, then single trapezoid steps per
 * pass; output eight, four, then single images at a time), for image and step counts that leave
 * every remainder, more than one block of pixels, Float32 input, and the output written in place.
 */
import assert from "node:assert/strict";
import { makeStack, type Stack } from "../../src/types/stack";
import { normalizePixels } from "../../src/stack";
import { disableNormalizeWasm, normalizeWasmAvailable, setNormalizeBlockBudget } from "../../src/stack/_normalizeWasm";
import { createRng } from "../../src/simulate";
import { plainNormalize as plain } from "./_plainNormalize";
import { sameBits } from "./_sameBits";

/** Bitwise equality of two arrays (NaN equals NaN, +0 differs from −0). */
describe("normalizePixels: blocked maps and eight-image output equal plain loops", () => {
  const nE = 45;
  const ny = 67;
  const nx = 91; // n = 6097: one full block of 4096 pixels and a partial one
  const energies = Float64Array.from({ length: nE }, (_, e) => 518 + e * 0.9 + (e % 3) * 0.1);
  const mk = (f32: boolean): Stack => {
    const rng = createRng(31);
    const n = ny * nx;
    const data = f32 ? new Float32Array(nE * n) : new Float64Array(nE * n);
    for (let i = 0; i < data.length; i++) data[i] = rng.uniform() * 2 - 0.3;
    for (let e = 0; e < nE; e++) {
      data[e * n + 11] = 0.25; // flat: area 0, invalid
      data[e * n + 5000] = 0.5; // the same in the second block
    }
    data[7 * n + 4100] = NaN; // a NaN in the background range (second block): NaN maps and output
    return makeStack({ data, nE, ny, nx, energies, quantity: "od" });
  };
  // image counts of the background range and point counts of the two integrals (steps = points − 1)
  const cases: { bg: [number, number]; area: [number, number]; br: [number, number] }[] = [
    { bg: [520, 526], area: [525, 535], br: [535, 553] },
    { bg: [518, 528.5], area: [525, 528.7], br: [518, 560] },
    { bg: [518, 560], area: [526, 527.1], br: [530, 532.9] },
    { bg: [523, 523.5], area: [520, 540], br: [541, 546] },
  ];
  // the JavaScript loops; WebAssembly with its default blocks (1 MiB: 2912 px here, an odd last
  // block of 273) and with blocks of 64 px (96 blocks, the last of 17)
  const paths = [
    { name: "JavaScript", wasm: false, budget: 0 },
    { name: "WebAssembly", wasm: true, budget: 0 },
    { name: "WebAssembly, blocks of 64 px", wasm: true, budget: 8 * nE * 64 },
  ];
  it("WebAssembly SIMD is available here (else only the JavaScript loops are tested)", () => {
    assert.equal(normalizeWasmAvailable(), true);
  });
  for (const path of paths) for (const f32 of [false, true]) {
    for (const c of cases) {
      it(`${path.name}: ${f32 ? "Float32" : "Float64"} input, background ${c.bg}, area ${c.area}, brightness ${c.br}`, () => {
        disableNormalizeWasm(!path.wasm);
        const prev = path.budget ? setNormalizeBlockBudget(path.budget) : 0;
        try {
          check(f32, c);
        } finally {
          disableNormalizeWasm(false);
          if (path.budget) setNormalizeBlockBudget(prev);
        }
      });
    }
  }
  function check(f32: boolean, c: { bg: [number, number]; area: [number, number]; br: [number, number] }): void {
    const st = mk(f32);
    const ref = plain(st, c.bg, c.area, c.br);
    const r = normalizePixels(st, { background: c.bg, area: c.area, brightness: c.br });
    sameBits(r.background, ref.bg, "background");
    sameBits(r.area, ref.area, "area");
    sameBits(r.brightness, ref.bright, "brightness");
    sameBits(r.stack.data, ref.out, "normalised");
    assert.equal(r.invalid, ref.invalid);
    assert.ok(r.invalid >= 3);
    if (!f32) {
      // in place: the stack's own array as out
      const own = Float64Array.from(st.data);
      const inPlace = normalizePixels(makeStack({ data: own, nE, ny, nx, energies, quantity: "od" }), { background: c.bg, area: c.area, brightness: c.br, out: own });
      assert.equal(inPlace.stack.data.buffer, own.buffer);
      sameBits(own, ref.out, "normalised in place");
    }
  }

  it("the cases cover every remainder of eight- and four-image passes and of four-step passes", () => {
    const st = mk(false);
    const counts = cases.map((c) => plain(st, c.bg, c.area, c.br).counts);
    const bgCounts = counts.map((k) => k[0]);
    const steps = counts.flatMap((k) => [k[1] - 1, k[2] - 1]);
    // background: some with an eight-image pass, some with a four-image pass, some with singles
    assert.ok(bgCounts.some((k) => k >= 8), `background counts ${bgCounts}`);
    assert.ok(bgCounts.some((k) => k % 8 >= 4), `background counts ${bgCounts}`);
    assert.ok(bgCounts.some((k) => k % 4 !== 0), `background counts ${bgCounts}`);
    for (const rem of [0, 1, 2, 3]) assert.ok(steps.some((s) => s >= 4 && s % 4 === rem), `steps ${steps}: remainder ${rem}`);
    assert.ok(steps.some((s) => s < 4), `steps ${steps}`);
  });
});
