import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..", "..");
const TS50 = join(ROOT, "node_modules", "@tslab", "typescript-for-tslab", "bin", "tsc");
const TS = join(ROOT, "node_modules", "typescript", "bin", "tsc");

describe("stack/simulate declarations", () => {
  it("the emitted .d.ts are readable by tslab's TypeScript 5.0 and use plain Float64Array", function () {
    if (!existsSync(TS50)) this.skip();
    this.timeout(120000);
    const dir = mkdtempSync(join(tmpdir(), "edgeworks-stack-dts-"));
    try {
      const cfg = join(dir, "tsconfig.json");
      writeFileSync(cfg, JSON.stringify({
        extends: join(ROOT, "tsconfig.json"),
        compilerOptions: { emitDeclarationOnly: true, declaration: true, noEmit: false, outDir: join(dir, "out"), rootDir: ROOT, typeRoots: [join(ROOT, "node_modules", "@types")], types: ["node"] },
        include: [join(ROOT, "src", "stack"), join(ROOT, "src", "simulate"), join(ROOT, "src", "types", "pixel-table.ts")],
      }));
      const emit = spawnSync(process.execPath, [TS, "-p", cfg], { encoding: "utf8" });
      assert.equal(emit.status, 0, emit.stdout + emit.stderr);
      const out = join(dir, "out", "src");
      const grep = spawnSync("grep", ["-rn", "-E", "(Float64|Float32|Int32|Uint8)Array<", join(out, "stack"), join(out, "simulate"), join(out, "types", "pixel-table.d.ts")], { encoding: "utf8" });
      assert.equal(grep.stdout, "", "generic typed arrays in .d.ts");
      const use = join(dir, "use.ts");
      writeFileSync(use, `
import { extractI0, opticalDensity, computeShifts, applyShifts, cropToCommon, energyOffset, applyEnergyOffset, thresholdMask,
  averageSpectrum, normalizePixels, toPixelTable, noiseFilter, toImages, makePixelTable, selectRows } from "./out/src/stack";
import { simulateOxygenPlateau, simulateTransitionMetalSeries, writeSimulatedSeries, createRng, oxygenPlateauEnergies } from "./out/src/simulate";
const sim = simulateOxygenPlateau({ seed: 1 });
const s = sim.samples[0];
const od = opticalDensity(s.stack, { i0: extractI0(s.stack, { region: s.freeRegion }) }).stack;
const sh = computeShifts(od);
const al = cropToCommon(applyShifts(od, sh), sh).stack;
const cal = applyEnergyOffset(al, energyOffset(s.sessionReference, sim.canonicalReference).offset, { grid: oxygenPlateauEnergies() }).stack;
const n = normalizePixels(cal, {});
const { table } = toPixelTable([{ stack: n.stack, mask: thresholdMask(cal, { energy: 529.5, threshold: 0.1 }).mask, brightness: n.brightness }]);
const f = noiseFilter(table, {});
const img: Float64Array = toImages(f.table, f.noise.subarray(0, f.table.nPixels))[0].data;
const dx: Float64Array = sh.dx;
export const all = [img, dx, averageSpectrum, makePixelTable, selectRows, simulateTransitionMetalSeries, writeSimulatedSeries, createRng];
`);
      const check = spawnSync(process.execPath, [TS50, "--noEmit", "--strict", "--target", "ES2022", "--module", "commonjs", "--moduleResolution", "node",
        "--types", "node", "--typeRoots", join(ROOT, "node_modules", "@types"), use], { encoding: "utf8" });
      assert.equal(check.status, 0, check.stdout + check.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
