"""numpy side of bench/memoryTemperature.bench.ts: the pixel table and the noise filter as
bench/stack_ref.py does them, on a normalised stack the bench wrote (float64, little-endian,
[nE, ny, nx]), each timed on memory idle for PAUSE_S seconds ("cold", which lets the VM hand free
memory back to its host) and right after a run ("warm", best of three). With
EDGEWORKS_BENCH_NO_HUGEPAGES=1 numpy's own madvise(MADV_HUGEPAGE) is switched off too.

    .venv/bin/python bench/memory_ref.py STACK.bin NE NY NX ENERGIES_JSON PAUSE_S
"""
import json
import os
import sys
import time

import numpy as np


def main():
    if os.environ.get("EDGEWORKS_BENCH_NO_HUGEPAGES") == "1":
        np._core.multiarray._set_madvise_hugepage(False)  # 4 KiB pages on both sides
    path, ne, ny, nx = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    energies = np.array(json.loads(sys.argv[5]))
    pause = float(sys.argv[6])
    norm = np.fromfile(path).reshape(ne, ny, nx)
    cols = np.where((energies >= 520) & (energies <= 535))[0]
    e = energies[cols]
    bgc = np.where((e >= 520) & (e <= 526))[0]

    def table_step():
        m = norm.reshape(ne, -1).T[:, cols]
        return np.concatenate([m[np.all(np.isfinite(m), axis=1)]], axis=0)

    def noise_step(table):
        noise = table[:, bgc].std(axis=1)
        k = int(round(0.1 * table.shape[0]))
        cutoff = np.sort(noise)[table.shape[0] - k - 1]
        return table[noise <= cutoff]

    def timed(fn, *a):
        t = time.perf_counter()
        r = fn(*a)
        return time.perf_counter() - t, r

    out = {"table": {}, "noise": {}}
    time.sleep(pause)
    out["table"]["cold"], table = timed(table_step)
    time.sleep(pause)
    out["noise"]["cold"], kept = timed(noise_step, table)
    out["rows"], out["kept"] = int(table.shape[0]), int(kept.shape[0])
    del kept
    warm = []
    for _ in range(3):
        t, kept = timed(noise_step, table)
        warm.append(t)
        del kept
    out["noise"]["warm"] = min(warm)
    del table
    warm = []
    for _ in range(3):
        t, table = timed(table_step)
        warm.append(t)
        del table
    out["table"]["warm"] = min(warm)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
