// The public API's declarations must be readable by the TypeScript 5.0 fork that compiles notebook
// cells in the edgeworks kernel: no generic typed arrays (Float64Array<…>, TS ≥ 5.7 lib) and no
// newer syntax in any emitted .d.ts.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..");
const TS50 = join(ROOT, "node_modules", "@tslab", "typescript-for-tslab", "bin", "tsc");
const TS = join(ROOT, "node_modules", "typescript", "bin", "tsc");

describe("public API declarations", () => {
  it("are readable by tslab's TypeScript 5.0 and use plain typed arrays", function () {
    if (!existsSync(TS50)) this.skip();
    this.timeout(180000);
    const dir = mkdtempSync(join(tmpdir(), "edgeworks-dts-"));
    try {
      const cfg = join(dir, "tsconfig.json");
      writeFileSync(cfg, JSON.stringify({
        extends: join(ROOT, "tsconfig.json"),
        compilerOptions: { emitDeclarationOnly: true, declaration: true, noEmit: false, outDir: join(dir, "out"), rootDir: ROOT, typeRoots: [join(ROOT, "node_modules", "@types")], types: ["node"] },
        include: [join(ROOT, "src"), join(ROOT, "kernel-ext")],
      }));
      const emit = spawnSync(process.execPath, [TS, "-p", cfg], { encoding: "utf8" });
      assert.equal(emit.status, 0, emit.stdout + emit.stderr);
      const grep = spawnSync("grep", ["-rn", "-E", "(Float64|Float32|Int32|Uint32|Int16|Uint16|Int8|Uint8)Array<", join(dir, "out")], { encoding: "utf8" });
      assert.equal(grep.stdout, "", "generic typed arrays in .d.ts");
      const use = join(dir, "use.ts");
      writeFileSync(use, `
import * as ew from "./out/src/index";
import * as sim from "./out/src/simulate";
import * as linalg from "./out/src/linalg";
import * as kernel from "./out/kernel-ext/api";
const s = ew.makeStack({ data: new Float64Array(2), nE: 2, ny: 1, nx: 1, energies: [1, 2] });
const e: Float64Array = s.energies;
const X: ew.Matrix<"pixel", "energy"> = ew.matrix(new Float64Array(12), 4, 3, ["pixel", "energy"]);
const p: ew.Spectra<"component"> = ew.pca(X).components;
const f: ew.Matrix<"pixel", "member"> = ew.nnlsPixels(X, ew.makeSpectra({ energies: [1, 2, 3], values: [[1, 0, 0], [0, 1, 1]] })).fractions;
// @ts-expect-error per-pixel fractions are not pixel spectra
ew.pca(f);
const png: Uint8Array = ew.encodePng(new Uint8Array(4), 1, 1);
export const all = [e, p, png, ew, sim.simulateOxygenPlateau, linalg.createRng, kernel.show, kernel.progress, kernel.scatterSelect];
`);
      const check = spawnSync(process.execPath, [TS50, "--noEmit", "--strict", "--target", "ES2022", "--module", "commonjs", "--moduleResolution", "node",
        "--skipLibCheck", "false", "--types", "node", "--typeRoots", join(ROOT, "node_modules", "@types"), use], { encoding: "utf8" });
      assert.equal(check.status, 0, check.stdout + check.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
