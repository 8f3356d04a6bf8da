/**
 * Transparent huge pages for a bench's large typed arrays, as numpy has them.
 *
 * numpy calls `madvise(MADV_HUGEPAGE)` on every array of 4 MiB or more, so on a machine whose
 * `/sys/kernel/mm/transparent_hugepage/enabled` is `madvise` its fresh arrays fault 2 MiB at a
 * time; Node does not, and every 4 KiB page of a new ArrayBuffer faults on its own (touching
 * 800 MB: ~0.55 s against ~0.12 s on the 2-core development VM). ArrayBuffers come from glibc's
 * malloc/calloc, and glibc ≥ 2.35 advises its mmap'd chunks itself when the tunable
 * `glibc.malloc.hugetlb=1` is set — read once at process start, hence a re-execution. The
 * edgeworks kernelspec sets the same tunable (`kernelSpec()` in scripts/lib.mjs). WebAssembly
 * memories (V8 maps them itself, not through malloc) are not affected.
 * @module
 */
import { spawnSync } from "node:child_process";

/** The tunable that makes glibc's malloc `madvise(MADV_HUGEPAGE)` the chunks it maps. */
export const HUGETLB_TUNABLE = "glibc.malloc.hugetlb=1";

/**
 * Unless this process already runs with `glibc.malloc.hugetlb` set, run this same script again
 * (same Node flags, e.g. tsx's loader, same arguments) with {@link HUGETLB_TUNABLE} prepended to
 * `GLIBC_TUNABLES` (the user's own tunables kept after it), say so on stdout, and exit with the
 * child's status. Returns only in the process that has the tunable (or on a platform other than
 * Linux, where there is nothing to do). `EDGEWORKS_BENCH_NO_HUGEPAGES=1` skips it, to measure
 * without.
 */
export function reexecWithHugePages(): void {
  if (process.platform !== "linux" || process.env.EDGEWORKS_BENCH_NO_HUGEPAGES === "1") return;
  const have = process.env.GLIBC_TUNABLES ?? "";
  if (/(^|:)glibc\.malloc\.hugetlb=/.test(have)) return;
  const tunables = have ? `${HUGETLB_TUNABLE}:${have}` : HUGETLB_TUNABLE;
  console.log(`re-running with GLIBC_TUNABLES=${tunables} (huge pages for large typed arrays, as numpy's madvise; EDGEWORKS_BENCH_NO_HUGEPAGES=1 to skip)`);
  const r = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit", env: { ...process.env, GLIBC_TUNABLES: tunables } });
  if (r.error) throw r.error;
  process.exit(r.status ?? 1);
}
