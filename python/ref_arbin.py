"""Reference values for the Arbin reader (src/electrochem/io/readArbin.ts), from cellpy.

cellpy 1.0.3 reads an Arbin `.res` file (MS Access; cellpy's arbin_res loader, which needs
mdbtools' mdb-export on Linux) and this script writes what it read to
test/fixtures/electrochem/arbin/cellpy__<file name>.json: the number of rows; per column its
first and last value and sum (cellpy's units: s, V, A, Ah); the first and last date_time as
ISO text; and per cycle the largest charge and discharge capacity (Ah). The TypeScript test
test/electrochem/io-arbin.test.ts compares readArbin's reading of a CSV export of the same
test against it, without running Python. The tests never run this script.

Usage (from the repo root):
    .venv/bin/python python/ref_arbin.py /work/edgeworks-arbin-data/20160805_test001_45_cc_01.res
The .res file is cellpy's testdata/data/20160805_test001_45_cc_01.res (MIT), commit
8e3c9425f980d37d4a3a366f5e8fd6438b29d8d5.
"""
import json
import os
import sys

import cellpy
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "electrochem", "arbin")
COLUMNS = ["test_time", "step_time", "voltage", "current", "charge_capacity", "discharge_capacity", "cycle_index", "step_index", "data_point", "internal_resistance"]


def reference(path):
    c = cellpy.get(path, instrument="arbin_res", auto_summary=False)
    raw = c.data.raw
    cols = []
    for name in COLUMNS:
        a = raw[name].to_numpy(np.float64)
        cols.append({"name": name, "first": float(a[0]), "last": float(a[-1]), "sum": float(np.nansum(a))})
    per_cycle = raw.groupby("cycle_index").agg(charge=("charge_capacity", "max"), discharge=("discharge_capacity", "max"), rows=("data_point", "size"))
    return {
        "file": os.path.basename(path),
        "reader": f"cellpy {cellpy.__version__} arbin_res (mdb-export)",
        "rows": int(len(raw)),
        "units": {"time": "s", "voltage": "V", "current": "A", "capacity": "Ah"},
        "columns": cols,
        "dateTime": {"first": raw["date_time"].iloc[0].isoformat(), "last": raw["date_time"].iloc[-1].isoformat()},
        "cycles": [{"cycle": int(k), "rows": int(r.rows), "charge": float(r.charge), "discharge": float(r.discharge)} for k, r in per_cycle.iterrows()],
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    for path in sys.argv[1:]:
        ref = reference(path)
        out = os.path.join(OUT, f"cellpy__{os.path.basename(path)}.json")
        with open(out, "w") as f:
            json.dump(ref, f, indent=1)
            f.write("\n")
        print(f"{out}: {ref['rows']} rows, {len(ref['cycles'])} cycles")


if __name__ == "__main__":
    main()
