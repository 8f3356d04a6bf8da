// Writes test/fixtures/stack/lanczos_bits.json: the cases and the exact float64 outputs of
// applyShifts' "lanczos" kernel (default smoothing, smoothing 0 and 0.5, NaN and numeric fills)
// for integer, negative, fractional, > 1 px, beyond-the-image and near-integer shifts, on images
// with NaNs, one narrower than the kernel, a wide one, one row and one column. The outputs were
// written by the code of commit 64a18b8 (before lanczosShiftImage took a LanczosPlan and before
// its speed-up), so test/stack/lanczos-bits.test.ts checks later versions bit for bit. To add a
// case, run this script against that commit's code, not the current one:
//   git archive 64a18b8 src test | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/
//   cp test/stack/lanczosBits*.ts /tmp/old/test/stack/ && (cd /tmp/old && node -r tsx/cjs test/stack/lanczosBitsFixture.ts)
//   cp /tmp/old/test/fixtures/stack/lanczos_bits.json test/fixtures/stack/
// The inputs are made by lanczosBitsInput.ts (integer arithmetic and + − × ÷ only, the same on
// every machine).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { applyShifts, type ApplyShiftsOptions } from "../../src/stack/applyShifts";
import { makeStack } from "../../src/types/stack";
import { lanczosBitsInput, type LanczosBitsCase } from "./lanczosBitsInput";

function toBase64(a: Float64Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
}

const cases: Omit<LanczosBitsCase, "output">[] = [];
function add(c: Omit<LanczosBitsCase, "output">): void {
  cases.push(c);
}

const dx = [0, 2, -1.3, 3.7, -0.5, 1e-13, -3.999999, 25, 0.123];
const dy = [0, -1, -0.25, -2.45, 0.5, -6.2, 4.0000001, 0.3, -17.5];
const ny = 14, nx = 18;
add({ name: "14x18 with NaN pixels, default smoothing, NaN fill", seed: 2017, nan: true, nE: dx.length, ny, nx, dx, dy, options: {} });
add({ name: "14x18 with NaN pixels, smoothing 0, fill -1", seed: 2017, nan: true, nE: dx.length, ny, nx, dx, dy, options: { smoothing: 0, fill: -1 } });
// wide enough that most columns' taps all fall inside the row (the x pass reads those in place)
add({ name: "5x44 with NaN pixels, default smoothing, NaN fill", seed: 44, nan: true, nE: dx.length, ny: 5, nx: 44, dx, dy, options: {} });
add({ name: "5x44, smoothing 0, fill 0", seed: 45, nan: false, nE: 4, ny: 5, nx: 44, dx: [0, -1.3, 3.7, 2], dy: [0.4, 1, -0.6, 0], options: { smoothing: 0, fill: 0 } });
const ndx = [1.5, -0.7, 0, 3, -2.25];
const ndy = [0.5, 1.2, 0, -1, 2.75];
add({ name: "5x6 (narrower than the kernel), default", seed: 7, nan: false, nE: ndx.length, ny: 5, nx: 6, dx: ndx, dy: ndy, options: {} });
add({ name: "5x6 (narrower than the kernel), smoothing 0.5, fill 0", seed: 7, nan: false, nE: ndx.length, ny: 5, nx: 6, dx: ndx, dy: ndy, options: { smoothing: 0.5, fill: 0 } });
add({ name: "1x9 (one row), smoothing 0, fill 0", seed: 8, nan: false, nE: ndx.length, ny: 1, nx: 9, dx: ndx, dy: ndy.map(() => 0), options: { smoothing: 0, fill: 0 } });
add({ name: "12x1 (one column), default", seed: 9, nan: false, nE: ndx.length, ny: 12, nx: 1, dx: ndx.map(() => 0), dy: ndy, options: {} });

const out: LanczosBitsCase[] = cases.map((c) => {
  const st = makeStack({ data: lanczosBitsInput(c), nE: c.nE, ny: c.ny, nx: c.nx, energies: Array.from({ length: c.nE }, (_, e) => 500 + e) });
  const r = applyShifts(st, { dx: c.dx, dy: c.dy }, { method: "lanczos", ...c.options } as ApplyShiftsOptions);
  return { ...c, output: toBase64(r.data as Float64Array) };
});
const file = join(__dirname, "../fixtures/stack/lanczos_bits.json");
writeFileSync(file, JSON.stringify({ note: "written by test/stack/lanczosBitsFixture.ts; float64 little-endian, base64", cases: out }, null, 1) + "\n");
console.log(`wrote ${out.length} cases to ${file}`);
