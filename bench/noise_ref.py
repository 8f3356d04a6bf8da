"""numpy side of bench/noiseMemory.bench.ts: the noise filter's steps on a table the bench wrote
(float64, little-endian, [n, nE] row-major), timed on memory freed just before ("warm") and after
an idle pause that lets the VM hand free memory back to its host ("cold"). With
EDGEWORKS_BENCH_NO_HUGEPAGES=1 numpy's own madvise(MADV_HUGEPAGE) is switched off too.

    .venv/bin/python bench/noise_ref.py TABLE.bin N NE BG_COLS PAUSE_S
"""
import json
import os
import sys
import time

import numpy as np


def main():
    if os.environ.get("EDGEWORKS_BENCH_NO_HUGEPAGES") == "1":
        np._core.multiarray._set_madvise_hugepage(False)  # 4 KiB pages on both sides
    path, n, ne, bgc, pause = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
    table = np.fromfile(path).reshape(n, ne)
    cols = np.arange(bgc)

    def step():
        noise = table[:, cols].std(axis=1)
        k = int(round(0.1 * n))
        cutoff = np.sort(noise)[n - k - 1]
        keep = noise <= cutoff
        return table[keep]

    out = {}
    time.sleep(pause)
    t = time.perf_counter()
    kept = step()
    out["cold"] = time.perf_counter() - t
    del kept
    warm = []
    for _ in range(3):
        t = time.perf_counter()
        kept = step()
        warm.append(time.perf_counter() - t)
        del kept
    out["warm"] = min(warm)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
