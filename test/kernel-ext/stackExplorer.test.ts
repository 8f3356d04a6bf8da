/**
 * The stack explorer, kernel side, against a fake kernel (a CommManager whose published messages
 * are kept): polygon masks against an independent point-in-polygon (winding number), the region
 * spectrum by hand on a 3-energy 3 × 4 stack, front-end updates validated before they are echoed
 * and applied, the image following the energy, the static PNG fallback.
 */
import { strict as assert } from "node:assert";
import { fakeKernel, type Sent } from "./fakeKernel";
import { stackExplorer } from "../../kernel-ext/stackExplorer";
import { checkRegion, regionMask } from "../../kernel-ext/stackExplorerRegion";
import { validateExplorerUpdate } from "../../kernel-ext/stackExplorerState";
import { displayRange } from "../../kernel-ext/stackExplorerPng";
import { makeStack } from "../../src/types/stack";
import { extractI0 } from "../../src/stack/extractI0";

const { sent, comms, use: useFakeKernel } = fakeKernel();

function update(commId: string, state: Record<string, unknown>): Sent[] {
  const from = sent.length;
  comms.handleMsg({ comm_id: commId, data: { method: "update", state, buffer_paths: [] } }, { buffers: [], metadata: {} });
  return sent.slice(from);
}
const methods = (msgs: Sent[]) => msgs.map((m) => (m.content.data as Record<string, unknown>)?.method);

/** Winding number of (px, py) around the polygon (Sunday's algorithm): independent of the scanline fill. */
function winding(px: number, py: number, v: [number, number][]): number {
  let w = 0;
  for (let j = 0; j < v.length; j++) {
    const [ax, ay] = v[j], [bx, by] = v[(j + 1) % v.length];
    const side = (bx - ax) * (py - ay) - (px - ax) * (by - ay);
    if (ay <= py) {
      if (by > py && side > 0) w++;
    } else if (by <= py && side < 0) w--;
  }
  return w;
}

/** A 3-energy stack of 3 rows × 4 columns: value = 100·e + 10·y + x (energies given out of order). */
function tinyStack() {
  const nE = 3, ny = 3, nx = 4;
  const data = new Float64Array(nE * ny * nx);
  for (let e = 0; e < nE; e++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) data[(e * ny + y) * nx + x] = 100 * e + 10 * y + x;
  return makeStack({ data, nE, ny, nx, energies: [530, 529, 531], quantity: "counts" });
}

describe("kernel: stack explorer regions", () => {
  beforeEach(useFakeKernel);
  it("a polygon's mask is exactly the pixels whose centre has a non-zero winding number (star-shaped polygons, 40 seeds)", () => {
    let rng = 12345;
    const rand = () => ((rng = (rng * 1103515245 + 12345) % 2147483648) / 2147483648);
    const ny = 37, nx = 53;
    let inside = 0;
    for (let s = 0; s < 40; s++) {
      const cx = 10 + rand() * 33, cy = 8 + rand() * 21, k = 3 + Math.floor(rand() * 20);
      const pts: [number, number][] = [];
      for (let j = 0; j < k; j++) {
        const a = (2 * Math.PI * (j + 0.8 * rand())) / k, r = 2 + rand() * 8;
        pts.push([Math.min(nx, Math.max(0, cx + r * Math.cos(a))), Math.min(ny, Math.max(0, cy + r * Math.sin(a)))]);
      }
      const m = regionMask({ kind: "polygon", points: pts }, ny, nx);
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < nx; x++) {
          const want = winding(x + 0.5, y + 0.5, pts) !== 0 ? 1 : 0;
          assert.equal(m[y * nx + x], want, `seed ${s}, pixel (${y}, ${x})`);
          inside += want;
        }
      }
    }
    assert.ok(inside > 1000, `${inside} pixels inside in all`);
  });

  it("a rectangle's mask holds columns x0 ≤ x < x1 and rows y0 ≤ y < y1, the same pixels extractI0 averages", () => {
    const m = regionMask({ kind: "rect", x0: 1, y0: 0, x1: 3, y1: 2 }, 3, 4);
    assert.deepEqual(Array.from(m), [0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
    const st = tinyStack();
    const r = checkRegion({ x0: 1, y0: 0, x1: 3, y1: 2 }, 3, 4)!;
    assert.deepEqual(Array.from(extractI0(st, { region: r as { x0: number; y0: number; x1: number; y1: number } }).mask), Array.from(m));
  });

  it("refuses regions outside the image, empty ones and wrong types", () => {
    assert.throws(() => checkRegion({ x0: 0, y0: 0, x1: 5, y1: 2 }, 3, 4), /outside the image/);
    assert.throws(() => checkRegion({ x0: -1, y0: 0, x1: 2, y1: 2 }, 3, 4), /outside the image/);
    assert.throws(() => checkRegion({ x0: 2, y0: 0, x1: 2, y1: 2 }, 3, 4), /empty/);
    assert.throws(() => checkRegion({ x0: 0.5, y0: 0, x1: 2, y1: 2 }, 3, 4), /integer/);
    assert.throws(() => checkRegion({ x0: "0", y0: 0, x1: 2, y1: 2 }, 3, 4), /integer/);
    assert.throws(() => checkRegion({ kind: "polygon", points: [[0, 0], [1, 1]] }, 3, 4), /at least 3/);
    assert.throws(() => checkRegion({ kind: "polygon", points: [[0, 0], [9, 1], [1, 2]] }, 3, 4), /outside the image/);
    assert.throws(() => checkRegion({ kind: "polygon", points: [[0, 0], [NaN, 1], [1, 2]] }, 3, 4), /finite/);
    assert.throws(() => checkRegion({ kind: "polygon", points: [[0, 0], [0.2, 0], [0.2, 0.2]] }, 3, 4), /no pixel centre/);
    assert.throws(() => checkRegion({ kind: "circle" }, 3, 4), /kind/);
    assert.throws(() => checkRegion(7, 3, 4), /region must be/);
    assert.throws(() => validateExplorerUpdate({ energy_index: 3 }, { n_e: 3, ny: 3, nx: 4 }), /energy_index/);
    assert.throws(() => validateExplorerUpdate({ energy_index: 1.5 }, { n_e: 3, ny: 3, nx: 4 }), /energy_index/);
    assert.throws(() => validateExplorerUpdate({ contrast: "sqrt" }, { n_e: 3, ny: 3, nx: 4 }), /contrast/);
    assert.throws(() => validateExplorerUpdate({ clip: 50 }, { n_e: 3, ny: 3, nx: 4 }), /clip/);
    assert.throws(() => validateExplorerUpdate({ pixel: [3, 0] }, { n_e: 3, ny: 3, nx: 4 }), /outside the image/);
    assert.throws(() => validateExplorerUpdate({ pixel: [0, "1"] as unknown as [number, number] }, { n_e: 3, ny: 3, nx: 4 }), /pixel must be/);
  });

  it("display range: percentiles of the values, of log10 for log contrast", () => {
    const v = Float32Array.from({ length: 101 }, (_, i) => i);
    assert.deepEqual(displayRange(v, "linear", 1), [1, 99]);
    assert.deepEqual(displayRange(Float32Array.of(0, 1, 10, 100), "log", 0), [0, 2]);
  });
});

describe("kernel: stack explorer widget", () => {
  beforeEach(useFakeKernel);
  it("sends the image at the chosen energy (float32) and no stack; the image follows the energy index", () => {
    sent.length = 0;
    const ex = stackExplorer(tinyStack(), { energy: 531.2 });
    const open = sent.find((m) => m.type === "comm_open")!;
    const data = open.content.data as { state: Record<string, unknown>; buffer_paths: string[][] };
    assert.equal(data.state._model_name, "StackExplorerModel");
    assert.equal(data.state.energy_index, 2);
    const paths = data.buffer_paths.map((p) => p.join("."));
    const image = open.buffers[paths.indexOf("image")] as Float32Array;
    assert.ok(image instanceof Float32Array && image.length === 12);
    assert.equal(image[1 * 4 + 3], 213);
    const bytes = open.buffers.reduce((s: number, b) => s + (b as ArrayBufferView).byteLength, 0);
    assert.ok(bytes < 3 * 12 * 4 + 200, `${bytes} bytes of buffers on open`);
    ex.energyIndex = 1;
    assert.equal(ex.model.get("image")[1 * 4 + 3], 113);
    assert.equal(ex.energy, 529);
  });

  it("regionSpectrum is the mean over the region's pixels by hand, energies ascending", () => {
    const ex = stackExplorer(tinyStack());
    ex.region = { x0: 1, y0: 1, x1: 3, y1: 3 };
    // Pixels (1,1) (1,2) (2,1) (2,2): 10y + x means 16.5; energy index 1 (529 eV) first.
    const s = ex.regionSpectrum();
    assert.deepEqual(Array.from(s.energies), [529, 530, 531]);
    assert.deepEqual(Array.from(s.values), [116.5, 16.5, 216.5]);
    assert.equal(ex.regionCount, 4);
    assert.deepEqual(Array.from(ex.model.get("region_spectrum")), [16.5, 116.5, 216.5]);
    assert.deepEqual(ex.rect(), { x0: 1, y0: 1, x1: 3, y1: 3 });
    const p = ex.pixelSpectrum(2, 3);
    assert.deepEqual(Array.from(p.values), [123, 23, 223]);
    // A triangle whose pixel centres inside are (0,0), (0,1), (1,0): mean of 0, 1, 10.
    ex.region = [[0, 0], [2.2, 0], [0, 2.2]];
    assert.deepEqual(Array.from(ex.mask()), [1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
    assert.ok(Math.abs(ex.regionSpectrum().values[1] - 11 / 3) < 1e-12);
    assert.throws(() => ex.rect(), /polygon/);
    ex.region = null;
    assert.throws(() => ex.regionSpectrum(), /no region/);
    assert.throws(() => ex.pixelSpectrum(0, 4), /outside/);
  });

  it("applies a valid front-end region (echo, then the spectrum) and rejects bad ones without applying them", async () => {
    sent.length = 0;
    const ex = stackExplorer(tinyStack());
    const next = ex.nextRegion();
    let msgs = update(ex.model.modelId, { region: { kind: "rect", x0: 0, y0: 0, x1: 2, y1: 1 } });
    assert.deepEqual(methods(msgs), ["echo_update", "update"]);
    assert.deepEqual(await next, { kind: "rect", x0: 0, y0: 0, x1: 2, y1: 1 });
    assert.deepEqual(Array.from(ex.model.get("region_spectrum")), [0.5, 100.5, 200.5]); // recorded energy order
    msgs = update(ex.model.modelId, { region: { kind: "rect", x0: 0, y0: 0, x1: 9, y1: 1 } });
    assert.ok(!methods(msgs).includes("echo_update"));
    assert.match(ex.error, /outside the image/);
    assert.deepEqual(ex.region, { kind: "rect", x0: 0, y0: 0, x1: 2, y1: 1 });
    update(ex.model.modelId, { region: "all" });
    assert.match(ex.error, /region must be/);
    update(ex.model.modelId, { image: [1, 2, 3] });
    assert.match(ex.error, /may not set "image"/);
    update(ex.model.modelId, { energy_index: -1 });
    assert.match(ex.error, /energy_index/);
    assert.equal(ex.energyIndex, 1);
    update(ex.model.modelId, { pixel: [2, 3] });
    assert.equal(ex.error, "");
    assert.deepEqual(Array.from(ex.model.get("pixel_spectrum")), [23, 123, 223]);
  });

  it("displays with a PNG of the image with the region outlined", () => {
    const ex = stackExplorer(tinyStack(), { region: { x0: 1, y0: 1, x1: 3, y1: 3 } });
    const b = ex[Symbol.for("edgeworks.mimeBundle") as unknown as "mask"] as unknown as () => Record<string, string>;
    const bundle = b.call(ex);
    assert.ok(bundle["application/vnd.jupyter.widget-view+json"]);
    const png = Buffer.from(bundle["image/png"], "base64");
    assert.equal(png.subarray(1, 4).toString(), "PNG");
  });
});
