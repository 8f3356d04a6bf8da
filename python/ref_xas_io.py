"""Reference outputs for edgeworks' XAS readers (src/xas/io), from xraylarch's readers.

Run from the repository root:  .venv/bin/python python/ref_xas_io.py
Writes test/fixtures/xas/io/ref_*.json. Each entry gives, per file (or group/scan): the column
names larch reports, the number of rows, each column's first and last values and its sum, and the
header fields the tests check. The TypeScript tests compare with these committed outputs.
Files under ../shared/external are read when present (not redistributed); their entries are marked
"external": true and the tests skip them when the folder is absent.
"""
import json
import os
import sys

import numpy as np
from larch.io import read_ascii, read_athena, read_xdi

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "test", "fixtures", "xas", "io")
REAL = os.path.join(FIX, "real")
EXTERNAL = os.path.join(ROOT, "..", "shared", "external", "xas")


def summary(names, arrays):
    out = {"names": list(names), "n": int(len(arrays[0])) if arrays else 0, "first": {}, "last": {}, "sum": {}}
    for name, a in zip(names, arrays):
        a = np.asarray(a, dtype=float)
        out["first"][name] = float(a[0])
        out["last"][name] = float(a[-1])
        out["sum"][name] = float(np.sum(a))
    return out


def ref_xdi():
    files = [(os.path.join(REAL, "xdi", f), f, False) for f in ("cu_metal_rt.xdi", "bad_00.xdi", "nonxafs_2d.xdi")]
    files += [(os.path.join(EXTERNAL, f), f, True) for f in ("ni_metal_rt.xdi", "co_metal_rt.xdi")]
    out = {}
    for path, name, external in files:
        if not os.path.exists(path):
            print("missing", path, file=sys.stderr)
            continue
        d = read_xdi(path)
        labels = list(d.array_labels)
        entry = summary(labels, [getattr(d, lab) for lab in labels])
        entry["external"] = external
        attrs = d.attrs
        entry["fields"] = {
            "Element.symbol": attrs.get("element", {}).get("symbol"),
            "Element.edge": attrs.get("element", {}).get("edge"),
            "Mono.d_spacing": attrs.get("mono", {}).get("d_spacing"),
            "Facility.name": attrs.get("facility", {}).get("name"),
        }
        out[name] = entry
    return out


def ref_athena():
    """Per project: per group (in file order) label, arrays, and the numeric bkg_/fft_ parameters.

    read_athena(do_preedge=False) keeps the stored arrays, but sorts them by energy and nudges
    repeated energies (remove_dups); the projects chosen here have increasing energies.
    """
    files = [(os.path.join(REAL, "athena", f), f, False) for f in
             ("FeS2_ex.prj", "abc.prj", "fbo.prj", "danger.prj", "sf6.prj", "athena3.prj", "Ni_FeNiS20_RT.prj")]
    files += [(os.path.join(EXTERNAL, f), f, True) for f in ("FeO.prj", "MnO_bv.prj")]
    out = {}
    for path, name, external in files:
        if not os.path.exists(path):
            print("missing", path, file=sys.stderr)
            continue
        prj = read_athena(path, do_preedge=False)
        groups = []
        for gname, g in prj.groups.items():
            arrays = [("energy", g.energy), ("mu", g.mu)]
            for extra in ("i0", "signal", "stddev"):
                a = getattr(g, extra, None)
                if a is not None and len(a) == len(g.energy):
                    arrays.append((extra, a))
            entry = summary([a for a, _ in arrays], [v for _, v in arrays])
            entry["label"] = str(getattr(g, "label", gname))
            entry["hashkey"] = g.athena_id
            params = {}
            for prefix, grp in (("bkg_", g.athena_params.bkg), ("fft_", g.athena_params.fft)):
                for k, v in vars(grp).items():
                    if k.startswith("_"):
                        continue
                    if isinstance(v, (int, float)) and not isinstance(v, bool):
                        params[prefix + k] = float(v)
            entry["params"] = params
            groups.append(entry)
        out[name] = {"external": external, "groups": groups}
    return out


COLUMN_FILES = ("APS20BM_2001.dat", "APS13ID_2008.dat", "CLSHXMA.dat", "SSRL1_2006.dat", "ESRF_BM08_LISA_2021.dat",
                "generic_columns_no_header.dat", "incomplete_label.dat", "mn_cpmnco3.dat", "cu_rt01.xmu", "PFBL12C_2005.dat",
                # soft X-ray O K edge scans (michaelplews/materials-research): ALS BCS "SigScan" (larch
                # splits its names at single blanks and reads the hh:mm:ss column as a date), and two
                # TEY/FY files ("#, mono, …": larch drops the "#" name, so its names are shifted by one)
                "SigScan.25702", "htxs_scan.881", "xo1s_d55_z3.5_Blank_C_tape_886.dat")


def ref_columns():
    """larch.io.read_ascii: labels (larch lower-cases them and turns other characters into '_'), rows, values."""
    out = {}
    for name in COLUMN_FILES:
        d = read_ascii(os.path.join(REAL, "columns", name))
        labels = list(d.array_labels)
        entry = summary(labels, [d.data[i] for i in range(len(labels))])
        entry["external"] = False
        out[name] = entry
    return out


SPEC_FILES = ("APS9BM_2006.dat", "ESRF_SNBL_2013.dat", "twoc.dat", "user6idd.dat", "issue216_scan1.spec",
              "CdSe_scan92_excerpt.spec")


def ref_spec():
    """silx.io.specfile.SpecFile, the reader under larch.io.read_specfile: per scan its number,
    order, labels, and each data column (by position) first/last/sum; motor names and positions."""
    from silx.io.specfile import SpecFile

    out = {}
    for name in SPEC_FILES:
        sf = SpecFile(os.path.join(REAL, "spec", name))
        scans = []
        for sc in sf:
            data = np.asarray(sc.data)
            ncol = data.shape[0] if data.size else 0
            cols = [f"{j}" for j in range(ncol)]
            entry = summary(cols, [data[j] for j in range(ncol)]) if ncol else {"names": [], "n": 0, "first": {}, "last": {}, "sum": {}}
            entry["number"] = int(sc.number)
            entry["order"] = int(sc.order)
            entry["labels"] = list(sc.labels)
            entry["motors"] = dict(zip(sc.motor_names, [float(v) for v in sc.motor_positions]))
            scans.append(entry)
        out[name] = {"external": False, "scans": scans}
    return out


def main():
    os.makedirs(FIX, exist_ok=True)
    for name, fn in (("ref_xdi.json", ref_xdi), ("ref_athena.json", ref_athena), ("ref_columns.json", ref_columns), ("ref_spec.json", ref_spec)):
        with open(os.path.join(FIX, name), "w") as f:
            json.dump(fn(), f, indent=1, sort_keys=True)
            f.write("\n")
        print("wrote", name)


if __name__ == "__main__":
    main()
