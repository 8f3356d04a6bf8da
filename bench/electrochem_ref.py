"""Python side of bench/electrochem.bench.ts: the same cycler analyses with pandas / numpy / scipy and cellpy.

Persistent process; commands on stdin, one JSON line per answer on stdout:
  load <dir>          read time.f64, voltage.f64, current.f64, meta.json (mass_mg)
  run <task> <reps>   best CPU time (time.process_time) of <reps> runs of <task>, with a result summary
Tasks:
  capacities   pandas: rest tolerance (1 % of median |I|), runs of current sign (diff/cumsum), per-row
               trapezoid increments of I and V*I summed per run with groupby -> mAh, mWh per half-cycle
  dqdv_numpy   per half-cycle: capacity by numpy cumulative trapezoid (rest rows dropped), then the
               cellpy steps with numpy/scipy: V(q) on a uniform q grid (np.interp), q(V) on a uniform
               5 mV grid (stable argsort + np.interp), np.diff / step, gaussian_filter1d(sigma, reflect, truncate 4)
  dqdv_cellpy  the same capacities, dQ/dV by cellpy.utils.ica.Converter(voltage_resolution=0.005,
               voltage_fwhm=0.01, normalize=False)
"""
import json
import os
import sys
import time

import numpy as np
import pandas as pd
from scipy.ndimage import gaussian_filter1d

try:
    import cellpy
    from cellpy.utils.ica import Converter
except Exception:  # cellpy is optional
    cellpy = None

D = {}


def load(path):
    for name in ("time", "voltage", "current"):
        D[name] = np.fromfile(os.path.join(path, f"{name}.f64"), dtype=np.float64)
    D["mass"] = json.load(open(os.path.join(path, "meta.json")))["mass_mg"]
    return {"rows": int(D["time"].size), "numpy": np.__version__, "pandas": pd.__version__, "scipy": __import__("scipy").__version__,
            "cellpy": cellpy.__version__ if cellpy else None}


def half_cycles(df):
    i = df["current"].to_numpy()
    nz = np.abs(i[i != 0])
    tol = 0.01 * float(np.median(nz))
    kind = np.where(i > tol, 1, np.where(i < -tol, -1, 0))
    run = np.concatenate([[0], np.cumsum(kind[1:] != kind[:-1])])
    return tol, kind, run


def capacities():
    df = pd.DataFrame({"time": D["time"], "voltage": D["voltage"], "current": D["current"]})
    tol, kind, run = half_cycles(df)
    t, v, i = D["time"], D["voltage"], D["current"]
    dt = np.diff(t)
    dq = np.concatenate([[0.0], 0.5 * dt * (i[1:] + i[:-1])])
    de = np.concatenate([[0.0], 0.5 * dt * (v[1:] * i[1:] + v[:-1] * i[:-1])])
    # an increment belongs to a run only when both ends are in it
    same = np.concatenate([[False], run[1:] == run[:-1]])
    g = pd.DataFrame({"run": run, "kind": kind, "dq": np.where(same, dq, 0.0), "de": np.where(same, de, 0.0)})
    g = g[g.kind != 0].groupby("run").agg(kind=("kind", "first"), q=("dq", "sum"), e=("de", "sum"))
    q = np.abs(g.q.to_numpy()) / 3600
    e = np.abs(g.e.to_numpy()) / 3600
    return {"n": int(len(q)), "sumQ": float(q.sum()), "q": q[:4].tolist(), "sumE": float(e.sum())}


def segments():
    df = pd.DataFrame({"time": D["time"], "voltage": D["voltage"], "current": D["current"]})
    tol, kind, run = half_cycles(df)
    t, v, i = D["time"], D["voltage"], D["current"]
    scale = 1 / 3600 / (D["mass"] / 1000)
    bounds = np.flatnonzero(np.diff(run)) + 1
    starts = np.concatenate([[0], bounds])
    ends = np.concatenate([bounds, [run.size]])
    for a, b in zip(starts, ends):
        k = kind[a]
        if k == 0:
            continue
        tt, ii = t[a:b], i[a:b]
        q = np.concatenate([[0.0], np.cumsum(0.5 * np.diff(tt) * (ii[1:] + ii[:-1]))]) * k * scale
        keep = np.abs(ii) > tol
        qq, vv = q[keep], v[a:b][keep]
        mono = np.concatenate([[True], np.diff(qq) > 0])
        yield qq[mono], vv[mono]


def dqdv_numpy_one(q, v, res=0.005, fwhm=0.01):
    n = q.size
    qg = np.linspace(q[0], q[-1], n)
    vg = np.interp(qg, q, v)
    v1, v2 = vg.min(), vg.max()
    nv = int(round(abs(v2 - v1) / res))
    grid = np.linspace(v1, v2, nv)
    step = (v2 - v1) / (nv - 1)
    o = np.argsort(vg, kind="stable")
    qi = np.interp(grid, vg[o], qg[o])
    d = np.diff(qi) / step
    sigma = max(1, int(fwhm / step) / 2)
    return grid[1:] - 0.5 * step, gaussian_filter1d(d, sigma, mode="reflect", truncate=4.0)


def dqdv_cellpy_one(q, v):
    c = Converter(voltage_resolution=0.005, voltage_fwhm=0.01, normalize=False)
    c.set_data(q, v)
    c.inspect_data()
    c.pre_process_data()
    c.increment_data()
    c.post_process_data()
    return c.voltage_processed, c.incremental_capacity


def dqdv(one):
    out = [one(q, v) for q, v in segments()]
    return {"n": len(out), "points": int(sum(len(x) for x, _ in out)), "sumAbs": float(sum(np.abs(y).sum() for _, y in out)),
            "first": [float(x) for x in out[0][1][:5]]}


TASKS = {"capacities": capacities, "dqdv_numpy": lambda: dqdv(dqdv_numpy_one)}
if cellpy:
    TASKS["dqdv_cellpy"] = lambda: dqdv(dqdv_cellpy_one)


def main():
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "load":
            ans = load(parts[1])
        elif parts[0] == "run":
            fn = TASKS[parts[1]]
            best = float("inf")
            for _ in range(int(parts[2])):
                t0 = time.process_time()
                res = fn()
                best = min(best, time.process_time() - t0)
            ans = {"t": best, **res}
        else:
            ans = {"error": f"unknown command {parts[0]}"}
        print(json.dumps(ans), flush=True)


if __name__ == "__main__":
    main()
