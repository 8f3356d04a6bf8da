import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..", "..");
const TS50 = join(ROOT, "node_modules", "@tslab", "typescript-for-tslab", "bin", "tsc");
const TS = join(ROOT, "node_modules", "typescript", "bin", "tsc");

describe("decompose/linalg declarations", () => {
  it("the emitted .d.ts are readable by tslab's TypeScript 5.0 and use plain Float64Array", function () {
    if (!existsSync(TS50)) this.skip();
    this.timeout(120000);
    const dir = mkdtempSync(join(tmpdir(), "edgeworks-dts-"));
    try {
      const cfg = join(dir, "tsconfig.json");
      writeFileSync(cfg, JSON.stringify({
        extends: join(ROOT, "tsconfig.json"),
        compilerOptions: { emitDeclarationOnly: true, declaration: true, noEmit: false, outDir: join(dir, "out"), rootDir: ROOT, typeRoots: [join(ROOT, "node_modules", "@types")], types: ["node"] },
        include: [join(ROOT, "src", "linalg"), join(ROOT, "src", "decompose")],
      }));
      const emit = spawnSync(process.execPath, [TS, "-p", cfg], { encoding: "utf8" });
      assert.equal(emit.status, 0, emit.stdout + emit.stderr);
      const grep = spawnSync("grep", ["-rn", "-E", "(Float64|Int32|Uint8)Array<", join(dir, "out")], { encoding: "utf8" });
      assert.equal(grep.stdout, "", "generic typed arrays in .d.ts");
      const use = join(dir, "use.ts");
      writeFileSync(use, `
import { pca, nmf, nmfAsync, nnlsPixels, lcf, lcfAll, suggestEndmembers, vca, endmemberFromPixels, nnls, pcaTransform, pcaInverse } from "./out/src/decompose";
import { createRng, gram, centeredGram, symmetricEigen, nnlsGram, nnlsWorkspace, solveSpd, projectRows, columnMeans } from "./out/src/linalg";
const X = new Float64Array(12);
const c: Float64Array = pca(X, 4, 3).components;
const w: Float64Array = nmf(X, 4, 3, { k: 2 }).W;
export const all = [c, w, nmfAsync, nnlsPixels, lcf, lcfAll, suggestEndmembers, vca, endmemberFromPixels, nnls, pcaTransform, pcaInverse,
  createRng, gram, centeredGram, symmetricEigen, nnlsGram, nnlsWorkspace, solveSpd, projectRows, columnMeans];
`);
      const check = spawnSync(process.execPath, [TS50, "--noEmit", "--strict", "--target", "ES2022", "--module", "commonjs", "--moduleResolution", "node",
        "--types", "node", "--typeRoots", join(ROOT, "node_modules", "@types"), use], { encoding: "utf8" });
      assert.equal(check.status, 0, check.stdout + check.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
