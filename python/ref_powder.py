"""Reference outputs for edgeworks' CIF, space-group and powder-pattern code (not run by CI).

Writes test/fixtures/diffraction/powder/:
  spacegroups-spglib.json  for each of spglib's 530 Hall settings: number of operations and the
                           sha1 of the sorted operations (rotation by rows, translation in 1/24,
                           "r11 r12 ... r33 t1 t2 t3" lines joined by newlines)
  pymatgen-patterns.json   pymatgen XRDCalculator / NDCalculator peaks (2theta, d, intensity scaled
                           to 100, hkl families) for the structures the tests read

Run: .venv/bin/python python/ref_powder.py
"""
import hashlib
import json
import math
import os
import warnings

import spglib
from pymatgen.analysis.diffraction.neutron import NDCalculator
from pymatgen.analysis.diffraction.xrd import XRDCalculator
from pymatgen.io.cif import CifParser, CifFile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.join(ROOT, "test", "fixtures", "diffraction", "powder")


def spacegroups():
    out = []
    for n in range(1, 531):
        s = spglib.get_symmetry_from_database(n)
        keys = sorted(
            " ".join(str(int(v)) for v in r.flatten()) + " " + " ".join(str(int(round(x * 24)) % 24) for x in t)
            for r, t in zip(s["rotations"], s["translations"])
        )
        out.append({"hall_number": n, "order": len(keys), "sha1": hashlib.sha1("\n".join(keys).encode()).hexdigest()})
    return out


def element_b(path):
    """Per-element B = 8 pi^2 Uiso from the CIF (pymatgen takes Debye-Waller factors per element)."""
    block = list(CifFile.from_file(path).data.values())[0]
    labels = block["_atom_site_type_symbol"]
    if "_atom_site_U_iso_or_equiv" in block.data:
        b = [8 * math.pi**2 * float(u.split("(")[0]) for u in block["_atom_site_U_iso_or_equiv"]]
    else:
        b = [float(v.split("(")[0]) for v in block["_atom_site_B_iso_or_equiv"]]
    out = {}
    for sym, bb in zip(labels, b):
        el = "".join(c for c in sym if c.isalpha())
        if el in out and abs(out[el] - bb) > 1e-12:
            raise ValueError(f"{path}: {el} has several B values; pymatgen cannot represent that")
        out[el] = bb
    return out


CASES = [
    # (id, file, radiation, wavelength, two_theta_range, debye_waller)
    ("LiCoO2-xray-CuKa1-dw", "test/fixtures/diffraction/powder/LiCoO2-like.cif", "xray", 1.5406, (5, 90), True),
    ("LiCoO2-neutron-1.54-dw", "test/fixtures/diffraction/powder/LiCoO2-like.cif", "neutron", 1.54, (5, 120), True),
    ("NiO-xray-CuKa1-dw", "test/fixtures/diffraction/powder/NiO-like.cif", "xray", 1.5406, (5, 120), True),
    ("NiO-neutron-1.54-dw", "test/fixtures/diffraction/powder/NiO-like.cif", "neutron", 1.54, (5, 120), False),
    ("gent-s1-c2m-xray-CuKa1", "data/gent2017/table-s1-c2m.cif", "xray", 1.5406, (5, 90), False),
    ("gent-s1-c2m-xray-0.459", "data/gent2017/table-s1-c2m.cif", "xray", 0.459, (2, 30), False),
    ("gent-s1-c2m-neutron-1.54", "data/gent2017/table-s1-c2m.cif", "neutron", 1.54, (5, 90), False),
    ("lnro-r3m-xray-CuKa1", "data/li/lnro-r3m-table-s1.cif", "xray", 1.5406, (5, 90), False),
    ("lnro-r3m-neutron-1.54", "data/li/lnro-r3m-table-s1.cif", "neutron", 1.54, (5, 120), False),
    ("lnro-fm3m-xray-CuKa1-dw", "data/li/lnro-fm3m-table-s1.cif", "xray", 1.5406, (5, 90), True),
]


def patterns():
    out = {}
    for cid, rel, radiation, wl, tt, dw in CASES:
        path = os.path.join(ROOT, rel)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            s = CifParser(path).parse_structures(primitive=False)[0]
        b = element_b(path) if dw else {}
        calc = XRDCalculator(wavelength=wl, debye_waller_factors=b) if radiation == "xray" else NDCalculator(wavelength=wl, debye_waller_factors=b)
        p = calc.get_pattern(s, scaled=True, two_theta_range=tt)
        out[cid] = {
            "file": rel, "radiation": radiation, "wavelength": wl, "two_theta_range": list(tt), "debye_waller": dw,
            "element_b": b, "n_sites_in_cell": len(s),
            "peaks": [
                {"two_theta": float(x), "d": float(d), "intensity": float(y), "hkls": [[int(v) for v in f["hkl"]] for f in h], "multiplicity": sum(f["multiplicity"] for f in h)}
                for x, y, h, d in zip(p.x, p.y, p.hkls, p.d_hkls)
            ],
        }
    return out


if __name__ == "__main__":
    import pymatgen.core

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "spacegroups-spglib.json"), "w") as f:
        json.dump({"spglib": spglib.__version__, "settings": spacegroups()}, f, separators=(",", ":"))
    with open(os.path.join(OUT, "pymatgen-patterns.json"), "w") as f:
        json.dump({"pymatgen": pymatgen.core.__version__, "cases": patterns()}, f, indent=1)
    print("wrote", OUT)
