"""Reference outputs for the cycler readers (src/electrochem/io), from galvani and NewareNDA.

For each file this writes test/fixtures/electrochem/io/<reader>__<file name>.json with the
number of rows and, per column, its name, first and last value and sum (NaN-skipping), so the
TypeScript tests compare against them without running Python. The tests never run this script.

Usage (from the repo root, with galvani and NewareNDA installed in .venv):
    .venv/bin/python python/ref_cyclers.py FILE [FILE ...]
.mpr → galvani.BioLogic.MPRfile, .mpt → galvani.BioLogic.MPTfile,
.nda/.ndax → NewareNDA.read(file, software_cycle_number=False),
.txt (Maccor) → pandas.read_csv(sep="\t", skiprows=<lines before the Rec#/Step line>,
decimal="," when the cells use it, encoding latin-1), an incomplete last line left out (as
cellpy's maccor loader does with remove_last_if_bad).
"""
import json
import math
import os
import sys

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "electrochem", "io")


def summary(names_values, n, reader, version):
    cols = []
    for name, v in names_values:
        a = np.asarray(v)
        if a.dtype.kind in "biuf":
            a = a.astype(np.float64)
            finite = a[~np.isnan(a)]
            cols.append({
                "name": str(name),
                "first": None if n == 0 or math.isnan(a[0]) else float(a[0]),
                "last": None if n == 0 or math.isnan(a[-1]) else float(a[-1]),
                "sum": float(finite.sum()),
                "nan": int(np.isnan(a).sum()),
            })
        else:
            cols.append({"name": str(name), "kind": "text", "first": str(a[0]) if n else None, "last": str(a[-1]) if n else None})
    return {"reader": reader, "version": version, "rows": int(n), "columns": cols}


def galvani_mpr(path):
    from galvani import BioLogic
    import galvani
    m = BioLogic.MPRfile(path)
    d = m.data
    cols = [(k, d[k]) for k in d.dtype.names if k != "flags"]
    for flag in m.flags_dict:
        cols.append((flag, m.get_flag(flag)))
    return summary(cols, len(d), "galvani.BioLogic.MPRfile", getattr(galvani, "__version__", "0.5.0"))


def galvani_mpt(path):
    """galvani.MPTfile wants CRLF line ends; a file with LF ends (as stored in git) is fed with CRLF."""
    import io
    from galvani import BioLogic
    raw = open(path, "rb").read()
    note = None
    if not raw.startswith(b"EC-Lab ASCII FILE\r\n"):
        raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        note = "LF line ends given to galvani as CRLF"
    d, _ = BioLogic.MPTfile(io.BytesIO(raw), encoding="latin1")
    res = summary([(k, d[k]) for k in d.dtype.names], len(d), "galvani.BioLogic.MPTfile", "0.5.0")
    if note:
        res["note"] = note
    return res


def newarenda(path):
    import NewareNDA
    from importlib.metadata import version
    df = NewareNDA.read(path, software_cycle_number=False)
    cols = []
    for k in df.columns:
        s = df[k]
        if k == "Timestamp":
            cols.append((k, s.map(lambda t: t.timestamp()).to_numpy()))
        elif k == "Status":
            cols.append((k, s.astype(str).to_numpy()))
        else:
            cols.append((k, s.to_numpy()))
    return summary(cols, len(df), "NewareNDA.read(software_cycle_number=False)", version("NewareNDA"))


def pandas_maccor(path):
    import re
    import pandas as pd
    text = open(path, encoding="latin-1").read().split("\n")
    lines = [l.rstrip("\r") for l in text]
    name_line = next(i for i, l in enumerate(lines[:200])
                     if ({"Rec#", "Rec"} & set(c.strip() for c in l.split("\t"))) and "Step" in [c.strip() for c in l.split("\t")])
    names = [c for c in lines[name_line].split("\t")]
    data = [l for l in lines[name_line + 1:] if l.strip()]
    comma = sum(bool(re.fullmatch(r"[+-]?\d+,\d+", c)) for l in data[:50] for c in l.split("\t"))
    point = sum(bool(re.fullmatch(r"[+-]?\d*\.\d+", c)) for l in data[:50] for c in l.split("\t"))
    footer = 1 if len(data[-1].split("\t")) < len([n for n in names if n.strip()]) else 0
    df = pd.read_csv(path, sep="\t", skiprows=name_line, header=0, encoding="latin-1",
                     decimal="," if comma > point else ".", skipfooter=footer, engine="python")
    cols = [(str(k).strip(), df[k].to_numpy()) for k in df.columns]
    res = summary(cols, len(df), "pandas.read_csv(sep='\\t')", pd.__version__)
    res["skipfooter"] = footer
    return res


def main(files):
    os.makedirs(OUT, exist_ok=True)
    for f in files:
        ext = os.path.splitext(f)[1].lower()
        try:
            if ext == ".mpr":
                res, tag = galvani_mpr(f), "galvani"
            elif ext == ".mpt":
                res, tag = galvani_mpt(f), "galvani"
            elif ext in (".nda", ".ndax"):
                res, tag = newarenda(f), "newarenda"
            elif ext == ".txt":
                res, tag = pandas_maccor(f), "pandas"
            else:
                print("skip", f)
                continue
        except Exception as e:  # the failure is a reference fact too
            tag = {".mpr": "galvani", ".mpt": "galvani", ".txt": "pandas"}.get(ext, "newarenda")
            res = {"reader": tag, "error": f"{type(e).__name__}: {e}"}
        res["file"] = os.path.basename(f)
        out = os.path.join(OUT, f"{tag}__{os.path.basename(f)}.json")
        with open(out, "w") as fh:
            json.dump(res, fh, indent=1, allow_nan=False)
        print(out, res.get("rows", res.get("error")))


if __name__ == "__main__":
    main(sys.argv[1:])
