"""larch side of bench/xas.bench.ts (started by it; not run on its own).

Usage: xas_ref.py <dir>  — reads <dir>/energy.f64, <dir>/mu.f64 (row-major n × nE float64) and
<dir>/meta.json; runs pre_edge + autobk + xftf on every spectrum (the same options as the
TypeScript side), prints one JSON line: time in seconds and results for the checks.
"""
import json
import os
import sys
import time

import numpy as np
import larch
from larch import Group
from larch.xafs import pre_edge, autobk, xftf


def main(d):
    meta = json.load(open(os.path.join(d, "meta.json")))
    e = np.fromfile(os.path.join(d, "energy.f64"), dtype="<f8")
    mu = np.fromfile(os.path.join(d, "mu.f64"), dtype="<f8").reshape(meta["n"], e.size)
    n = meta.get("limit", meta["n"])
    e0s, steps, peaks = [], [], []
    t0 = time.perf_counter()
    for i in range(n):
        g = Group(energy=e, mu=mu[i])
        pre_edge(g)
        autobk(g, rbkg=1.0, kweight=2)
        xftf(g, kmin=3, kmax=14, dk=1, kweight=2, window="hanning")
        e0s.append(float(g.e0))
        steps.append(float(g.edge_step))
        sel = (g.r > 1.0) & (g.r < 3.0)
        peaks.append(float(g.r[sel][np.argmax(g.chir_mag[sel])]))
    t = time.perf_counter() - t0
    print(json.dumps(dict(t=t, n=n, e0=e0s, step=steps, peak=peaks, larch=larch.__version__, numpy=np.__version__)))


if __name__ == "__main__":
    main(sys.argv[1])
