"""Reference outputs for edgeworks' electrochemistry analyses (test/electrochem/reference.test.ts).

Writes test/fixtures/electrochem/ref_electrochem.json: a small cycler record (one rest, two cycles,
irregular time steps, voltage noise; generated here with numpy, seed 11) and what pandas, numpy and
cellpy compute from it:

- capacity of every half-cycle: pandas groups the rows by runs of current sign (|I| <= 1 % of the
  median |I| is rest), numpy.trapezoid of I over t per group (mAh), and of V*I (mWh);
- dQ/dV of every half-cycle: cellpy.utils.ica.Converter (voltage_resolution 0.005 V,
  voltage_fwhm 0.01 V, normalize=False) on the capacity counted from the start of the half-cycle
  (numpy cumulative trapezoid, rest rows dropped), in mAh/g/V with the mass below.

Run: .venv/bin/python python/ref_electrochem.py
"""
import json
import os

import numpy as np
import pandas as pd
from cellpy.utils.ica import Converter
import cellpy

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.join(ROOT, "test", "fixtures", "electrochem", "ref_electrochem.json")
MASS_MG = 2.7


def ocv(x):
    """A sloping curve with two steps, x in 0..1."""
    return 3.3 + 1.2 * x + 0.08 * np.tanh((x - 0.3) / 0.04) + 0.05 * np.tanh((x - 0.7) / 0.03)


def make_record(seed=11):
    rng = np.random.default_rng(seed)
    rows = []
    t = 0.0
    i_ma = 0.0135  # 5 mA/g for 2.7 mg
    cap_mah = 0.2  # per half-cycle
    # rest
    for _ in range(30):
        rows.append((t, 3.25 + 0.0003 * rng.standard_normal(), 0.0))
        t += rng.uniform(50, 70)
    for cycle in range(2):
        for sign in (1, -1):
            q = 0.0
            first = True
            while True:
                x = q / cap_mah
                if x >= 1:
                    break
                v = ocv(x if sign > 0 else 1 - x) + sign * 0.03 + 0.0004 * rng.standard_normal()
                cur = sign * i_ma * (1 + 1e-3 * rng.standard_normal())
                rows.append((t, v, cur))
                dt = rng.uniform(40, 80)
                t += dt
                q += i_ma * dt / 3600
                first = False
            for _ in range(10):
                rows.append((t, rows[-1][1] - sign * 0.002, 0.0))
                t += rng.uniform(50, 70)
    return np.array(rows)


def main():
    rec = make_record()
    df = pd.DataFrame(rec, columns=["time", "voltage", "current"])
    nz = df.current.abs()[df.current != 0]
    tol = 0.01 * float(np.median(nz))
    kind = np.where(df.current > tol, 1, np.where(df.current < -tol, -1, 0))
    df["kind"] = kind
    # half-cycles: runs of non-zero kind, rests inside a run of one sign are absorbed (none here)
    df["run"] = (df.kind != df.kind.shift()).cumsum()
    half = []
    for _, g in df[df.kind != 0].groupby("run", sort=True):
        a, b = int(g.index[0]), int(g.index[-1])
        q = abs(np.trapezoid(g.current.values, g.time.values)) / 3600
        e = abs(np.trapezoid(g.voltage.values * g.current.values, g.time.values)) / 3600
        sign = int(g.kind.iloc[0])
        qc = np.concatenate([[0.0], np.cumsum(0.5 * (g.current.values[1:] + g.current.values[:-1]) * np.diff(g.time.values))]) * sign / 3600 / (MASS_MG / 1000)
        conv = Converter(voltage_resolution=0.005, voltage_fwhm=0.01, normalize=False)
        conv.set_data(qc, g.voltage.values)
        conv.inspect_data()
        conv.pre_process_data()
        conv.increment_data()
        conv.post_process_data()
        half.append({
            "kind": "charge" if sign > 0 else "discharge", "start": a, "end": b,
            "capacity_mAh": q, "energy_mWh": e,
            "dqdv_voltage": conv.voltage_processed.tolist(), "dqdv": conv.incremental_capacity.tolist(),
        })
    out = {
        "made_by": f"python/ref_electrochem.py (numpy {np.__version__}, pandas {pd.__version__}, cellpy {cellpy.__version__})",
        "mass_mg": MASS_MG, "tolerance_mA": tol,
        "time": rec[:, 0].tolist(), "voltage": rec[:, 1].tolist(), "current": rec[:, 2].tolist(),
        "half_cycles": half,
    }
    with open(OUT, "w") as f:
        json.dump(out, f)
    print(f"wrote {OUT}: {len(rec)} rows, {len(half)} half-cycles")


if __name__ == "__main__":
    main()
