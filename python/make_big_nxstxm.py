"""Write a large NXstxm stack (float32 counts, chunked by energy and row bands) for the out-of-core
benchmark (bench/outofcore.bench.ts), one energy plane at a time so this script itself stays small.

    python python/make_big_nxstxm.py OUT.hdf5 [--energies 250] [--ny 2048] [--nx 2048] [--chunk-rows 64]

The stack is a simple O K edge field of view: disk-shaped particles (thickness map) of two states
mixed by a smooth fraction map, a carbon-free background, an incident flux of 10,000 counts with
Gaussian photon noise, and an integer drift per energy (so the alignment has work to do).
"""
import argparse
import sys

import h5py
import numpy as np


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--energies", type=int, default=250)
    ap.add_argument("--ny", type=int, default=2048)
    ap.add_argument("--nx", type=int, default=2048)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--chunk-rows", type=int, default=64, help="image rows per stored chunk (chunks are 1 energy x rows x nx)")
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    ne, ny, nx = a.energies, a.ny, a.nx
    energies = np.linspace(515.0, 565.0, ne)
    yy, xx = np.mgrid[0:ny, 0:nx].astype(np.float32)
    thick = np.zeros((ny, nx), np.float32)
    # about one particle per 3,000 pixels (so any 256 × 256 alignment region holds ~20), each drawn in its own window
    for _ in range(max(8, ny * nx // 3000)):
        cy, cx, r = rng.uniform(0, ny), rng.uniform(0, nx), rng.uniform(6, 24)
        y0, y1, x0, x1 = max(0, int(cy - r)), min(ny, int(cy + r) + 1), max(0, int(cx - r)), min(nx, int(cx + r) + 1)
        d2 = (yy[y0:y1, x0:x1] - cy) ** 2 + (xx[y0:y1, x0:x1] - cx) ** 2
        disk = np.where(d2 < r * r, np.sqrt(np.maximum(r * r - d2, 0)) / r, 0).astype(np.float32)
        thick[y0:y1, x0:x1] = np.maximum(thick[y0:y1, x0:x1], disk)
    # keep the left 64 columns free of sample (I0 region)
    thick[:, :64] = 0
    frac = (0.5 + 0.5 * np.sin(xx / 300.0) * np.cos(yy / 370.0)).astype(np.float32)

    def mu(e, peak):
        step = 1.0 / (1.0 + np.exp(-(e - 535.0) / 0.8))
        return 0.05 + step + 0.6 * np.exp(-0.5 * ((e - peak) / 0.45) ** 2)

    with h5py.File(a.out, "w") as f:
        entry = f.create_group("entry1")
        entry.attrs["NX_class"] = "NXentry"
        entry["definition"] = "NXstxm"
        g = entry.create_group("counter0")
        g.attrs["NX_class"] = "NXdata"
        g.attrs["signal"] = "data"
        g.attrs["axes"] = ["energy", "sample_y", "sample_x"]
        d = g.create_dataset("data", (ne, ny, nx), dtype="f4", chunks=(1, min(a.chunk_rows, ny), nx))
        g["energy"] = energies
        g["sample_y"] = np.arange(ny) * 0.04
        g["sample_x"] = np.arange(nx) * 0.04
        g["count_time"] = np.full(ne, 1.0)
        for k, e in enumerate(energies):
            od = thick * (frac * mu(e, 529.3) + (1 - frac) * mu(e, 530.8))
            counts = 10000.0 * np.exp(-od)
            counts += rng.standard_normal(counts.shape, dtype=np.float32) * np.sqrt(counts)
            dy, dx = int(rng.integers(-3, 4)), int(rng.integers(-3, 4))
            d[k] = np.roll(np.roll(counts, dy, axis=0), dx, axis=1).astype(np.float32)
            if k % 50 == 0:
                print(f"  plane {k + 1}/{ne}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
