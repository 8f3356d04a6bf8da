"""Reference values for the STXM file readers (test/io), read independently of edgeworks.

Reads the real files in ../shared/external/stxm/ with h5py / numpy (NXstxm) and plain
regular-expression parsing + numpy.loadtxt (.hdr/.xim), and writes a compact JSON fixture
(shapes, energies, axes, per-image sums, sample values at known [e, y, x] indices) to
test/fixtures/io/stxm_files.json.

Run from the repository root:  .venv/bin/python python/ref_stxm_files.py
"""
import json
import os
import re
import sys

import h5py
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXT = os.path.normpath(os.path.join(ROOT, "..", "shared", "external", "stxm"))
OUT = os.path.join(ROOT, "test", "fixtures", "io", "stxm_files.json")

# Indices [e, y, x] sampled in every stack (clipped to the shape).
PICKS = [(0, 0, 0), (0, 0, 1), (0, 1, 0), (-1, -1, -1), (1, 7, 23), (2, 31, 11), (-1, 17, 3)]


def summary(arr, energies, x, y, dwell_ms):
    """arr: numpy array [nE, ny, nx] (float64)."""
    nE, ny, nx = arr.shape
    picks = []
    for e, yy, xx in PICKS:
        e, yy, xx = e % nE, yy % ny, xx % nx
        picks.append({"e": e, "y": yy, "x": xx, "value": float(arr[e, yy, xx])})
    return {
        "shape": [nE, ny, nx],
        "energies": [float(v) for v in energies],
        "x": {"first": float(x[0]), "last": float(x[-1]), "sum": float(np.sum(x)), "n": len(x)},
        "y": {"first": float(y[0]), "last": float(y[-1]), "sum": float(np.sum(y)), "n": len(y)},
        "dwell_ms": [float(v) for v in dwell_ms],
        "image_sums": [float(v) for v in arr.reshape(nE, -1).sum(axis=1)],
        "total": float(arr.sum()),
        "min": float(arr.min()),
        "max": float(arr.max()),
        "samples": picks,
    }


def s(v):
    """A str from bytes / numpy bytes / one-element arrays."""
    if isinstance(v, np.ndarray):
        v = v.reshape(-1)[0]
    if isinstance(v, (bytes, np.bytes_)):
        v = v.decode("utf-8", "replace")
    return str(v)


def nxstxm(path):
    out = {}
    with h5py.File(path, "r") as f:
        for key in f:
            g = f[key]
            if s(g.attrs.get("NX_class", b"")) != "NXentry" or "definition" not in g:
                continue
            if s(g["definition"][()]) != "NXstxm":
                continue
            for ch in g:
                d = g[ch]
                if not isinstance(d, h5py.Group) or s(d.attrs.get("NX_class", b"")) != "NXdata":
                    continue
                sig = s(d.attrs.get("signal", b"data"))
                data = d[sig][()].astype(np.float64)
                scan_type = s(d["stxm_scan_type"][()]) if "stxm_scan_type" in d else ""
                idx = {k[: -len("_indices")]: int(np.asarray(d.attrs[k]).reshape(-1)[0]) for k in d.attrs if k.endswith("_indices")}
                energy = d["energy"][()]
                ct = d["count_time"][()] * 1000.0
                if data.ndim == 3:
                    arr = np.transpose(data, (idx["energy"], idx["sample_y"], idx["sample_x"]))
                    x, y = d["sample_x"][()], d["sample_y"][()]
                    mon_t = lambda m: np.transpose(m, (idx["energy"], idx["sample_y"], idx["sample_x"]))
                elif data.ndim == 2 and "line" in scan_type:
                    e_dim = idx.get("energy", 0)
                    arr = (data if e_dim == 0 else data.T)[:, None, :]
                    x, y = d["line_position"][()], np.zeros(1)
                    mon_t = lambda m: (m if e_dim == 0 else m.T)[:, None, :]
                else:
                    t = (idx["sample_y"], idx["sample_x"])
                    arr = np.transpose(data, t)[None, :, :]
                    x, y = d["sample_x"][()], d["sample_y"][()]
                    energy = energy[:1]
                    mon_t = lambda m: np.transpose(m, t)[None, :, :]
                rec = summary(arr, energy, x, y, np.broadcast_to(ct, (arr.shape[0],)) if ct.size == 1 else ct)
                rec["entry"] = key
                rec["channel"] = ch
                rec["stxm_scan_type"] = scan_type
                rec["raw_shape"] = list(data.shape)
                mons = {}
                for mname in g:
                    m = g[mname]
                    if isinstance(m, h5py.Group) and s(m.attrs.get("NX_class", b"")) == "NXmonitor" and "data" in m:
                        md = mon_t(m["data"][()].astype(np.float64))
                        mons[mname] = {
                            "units": s(m["data"].attrs.get("units", b"")),
                            "sum": float(md.sum()),
                            "first": float(md.reshape(-1)[0]),
                            "last": float(md.reshape(-1)[-1]),
                        }
                rec["monitors"] = mons
                # Where the first compressed chunks of the signal lie in the file (for the
                # corruption tests: a byte flipped there must give an error, never data).
                sd = d[sig]
                if sd.chunks is not None:
                    rec["signal_chunks"] = [
                        {"offset": int(ci.byte_offset), "size": int(ci.size), "filters": sd.compression or ""}
                        for ci in (sd.id.get_chunk_info(i) for i in range(min(8, sd.id.get_num_chunks())))
                    ]
                out.setdefault("stacks", []).append(rec)
    return out


def points(text, name):
    m = re.search(name + r"\s*=\s*\{[^{}]*?Points\s*=\s*\(([^)]*)\)", text, re.S)
    vals = [float(v) for v in m.group(1).split(",")]
    assert int(vals[0]) == len(vals) - 1, name
    return np.array(vals[1:])


def sdf(hdr_path):
    text = open(hdr_path, encoding="latin-1").read()
    x = points(text, "PAxis")
    y = points(text, "QAxis")
    stack_axis = points(text, "StackAxis")
    d = os.path.dirname(hdr_path)
    base = os.path.basename(hdr_path)[:-4]
    files = sorted(f for f in os.listdir(d) if re.match(re.escape(base) + r"_a\d{3}\.xim$", f))
    energies, images, indices = [], [], []
    for f in files:
        i = int(f[-7:-4])
        indices.append(i)
        rec = re.search(r"Image%03d_0\s*=\s*\{[^}]*?Energy\s*=\s*([-+0-9.eE]+)" % i, text)
        energies.append(float(rec.group(1)))
        img = np.loadtxt(os.path.join(d, f))  # rows = QAxis (y), columns = PAxis (x)
        assert img.shape == (len(y), len(x)), (f, img.shape)
        images.append(img)
    arr = np.array(images, dtype=np.float64)
    dwell = float(re.search(r"ScanDefinition\s*=\s*\{[^{}]*?Dwell\s*=\s*([-+0-9.eE]+)", text, re.S).group(1))
    rec = summary(arr, energies, x, y, [dwell] * len(files))
    rec["files"] = files
    rec["image_indices"] = indices
    rec["stack_axis_points"] = [float(v) for v in stack_axis]
    rec["channel"] = re.search(r'Channels\s*=\s*\(\s*1\s*,\s*\{\s*Name\s*=\s*"([^"]*)"', text).group(1)
    return {"stacks": [rec]}


def main():
    if not os.path.isdir(EXT):
        sys.exit(f"real files not found at {EXT}")
    out = {
        "_about": "Reference values for test/io (made by python/ref_stxm_files.py with h5py "
        + h5py.__version__ + ", numpy " + np.__version__ + "). Axis order [e, y, x]; energies eV; dwell ms.",
        "als_cosmic_ni_L/stxm-scan.hdr": sdf(os.path.join(EXT, "als_cosmic_ni_L", "stxm-scan.hdr")),
    }
    for f in sorted(os.listdir(os.path.join(EXT, "sls_pollux_nxstxm"))):
        if f.endswith(".hdf5"):
            out["sls_pollux_nxstxm/" + f] = nxstxm(os.path.join(EXT, "sls_pollux_nxstxm", f))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(out, fh, indent=1)
        fh.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
