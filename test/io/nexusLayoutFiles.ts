// The NeXus layout files of python/make_nexus_layouts.py, written into a temporary folder by
// the venv's h5py (for test/io/nexus-layouts.test.ts and test/io/fuzz-hdf5.test.ts).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "./helpers";

/** The repository's venv Python (made by `npm run setup`). */
export const VENV_PYTHON: string = join(__dirname, "..", "..", ".venv", "bin", "python");

/**
 * Write the layout files into a fresh temporary folder; `undefined` (with the reason printed)
 * when the venv is absent, so that the caller can skip.
 */
export function makeLayoutFiles(): { dir: string; cleanup: () => void } | undefined {
  if (!existsSync(VENV_PYTHON)) {
    console.log(`    (skipped: ${VENV_PYTHON} is absent; run npm run setup to make the venv with h5py)`);
    return undefined;
  }
  const t = tempDir();
  execFileSync(VENV_PYTHON, [join(__dirname, "..", "..", "python", "make_nexus_layouts.py"), t.dir], { stdio: ["ignore", "ignore", "inherit"] });
  return t;
}
