"""Reference outputs for edgeworks' CIF, space-group and powder-pattern code (not run by CI).

Writes test/fixtures/diffraction/powder/:
  spacegroups-spglib.json  for each of spglib's 530 Hall settings: number of operations and the
                           sha1 of the sorted operations (rotation by rows, translation in 1/24,
                           "r11 r12 ... r33 t1 t2 t3" lines joined by newlines)
  pymatgen-patterns.json   pymatgen XRDCalculator / NDCalculator peaks (2theta, d, intensity scaled
                           to 100, hkl families) for the structures the tests read

and, with --build-structures, the idealised C2/m and C2/c structures of data/xu2018/ (an ideal O3
layered oxide with honeycomb Li/TM order, stacked as Li2MnO3 or as Li2RuO3, symmetrised by spglib).

Run: .venv/bin/python python/ref_powder.py [--build-structures]
"""
import hashlib
import json
import math
import os
import warnings

import numpy as np
import spglib
from pymatgen.analysis.diffraction.neutron import NDCalculator
from pymatgen.analysis.diffraction.xrd import XRDCalculator
from pymatgen.core import Lattice, Structure
from pymatgen.io.cif import CifParser, CifFile
from pymatgen.symmetry.analyzer import SpacegroupAnalyzer

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
    ("xu-lnro-c2c-xray-0.459", "data/xu2018/lnro-c2c.cif", "xray", 0.459, (2, 30), False),
    ("xu-lnmo-c2m-xray-0.459", "data/xu2018/lnmo-c2m.cif", "xray", 0.459, (2, 30), False),
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



# --- idealised structures for Xu 2018 Fig. 1 ---
R_CENTRING = [np.array([0,0,0]), np.array([2/3,1/3,1/3]), np.array([1/3,2/3,2/3])]


def build(seq, a_h, c_h, zO):
    """Ideal O3 layered supercell (sqrt3 x sqrt3 in plane, 6 TM layers); seq[n] picks which of the
    three TM sublattice sites of layer n is the honeycomb 'Li' site (placeholder Na; Ru = TM site)."""
    hexl = Lattice.hexagonal(a_h, c_h)
    M = np.array([[1,-1,0],[1,2,0],[0,0,2]]); lat = Lattice(M @ hexl.matrix); Minv = np.linalg.inv(M)
    sp, fc = [], []
    def add(s, f): sp.append(s); fc.append((f @ Minv) % 1.0)
    layer = 0
    for rep in range(2):
        for t in R_CENTRING:
            base = t + np.array([0,0,rep])
            for k in range(3):
                add("Na" if k == seq[layer] else "Ru", base + np.array([k,0,0]))   # Na = honeycomb Li site, Ru = M site
                add("Li", base + np.array([k,0,0.5])); add("O", base + np.array([k,0,zO])); add("O", base + np.array([k,0,-zO]))
            layer += 1
    return Structure(lat, sp, fc)


def cif(name, comment, seq, a_h, c_h, zO, occ):
    """CIF text of the spglib-standardised cell: one row per species of every Wyckoff orbit."""
    s = build(seq, a_h, c_h, zO)
    conv = SpacegroupAnalyzer(s, symprec=0.01).get_refined_structure()
    sga = SpacegroupAnalyzer(conv, symprec=0.01)
    sym = sga.get_symmetrized_structure()
    hm = {12: "C 2/m", 15: "C 2/c"}[sga.get_space_group_number()]
    L = conv.lattice
    rows = []
    counts = {}
    for eq, wy in zip(sym.equivalent_sites, sym.wyckoff_symbols):
        s0 = eq[0]; role = s0.species_string
        f = [0.0 if abs(v) < 1e-9 or abs(v - 1) < 1e-9 else v for v in s0.frac_coords]
        for el, o in occ[role]:
            counts[el] = counts.get(el, 0) + 1
            rows.append(f"{el}{counts[el]:<3} {el:<2} {wy:<4} {f[0]:.5f} {f[1]:.5f} {f[2]:.5f} {o:.4f} 0")
    return "\n".join(["# " + l for l in comment.strip().splitlines()] + [
        f"data_{name}", f"_cell_length_a {L.a:.5f}", f"_cell_length_b {L.b:.5f}", f"_cell_length_c {L.c:.5f}",
        f"_cell_angle_alpha 90", f"_cell_angle_beta {L.beta:.4f}", f"_cell_angle_gamma 90",
        f"_symmetry_space_group_name_H-M '{hm}'", f"_space_group_IT_number {sga.get_space_group_number()}", "loop_", "_atom_site_label", "_atom_site_type_symbol", "_atom_site_Wyckoff_symbol",
        "_atom_site_fract_x", "_atom_site_fract_y", "_atom_site_fract_z", "_atom_site_occupancy", "_atom_site_U_iso_or_equiv", *rows, ""])


COMMON = """
Idealised structure built for the calculated patterns of Xu et al. 2018, Fig. 1 (edgeworks
python/ref_powder.py --build-structures): an ideal O3 layered oxide (cubic close-packed O,
hexagonal a = {a_h} A, c = {c_h} A, O z = {zO}) with honeycomb Li/TM order in the TM layer,
stacked {stack}, symmetrised with spglib (symprec 0.01). The refined parameters of the paper's
Supplementary Tables 1-2 are not in the text available to us: cell and O position are typical
values, not the paper's. Composition {comp}: the honeycomb 'Li' site holds {hc}, the other TM
sites {tm}; the Li layer is all Li. Uiso = 0."""


def build_structures():
    """Write the idealised Xu 2018 structures to data/xu2018/ (run with --build-structures)."""
    for name, grp, seq, a_h, c_h, comp, M in [
        ("xu2018_lnmo_c2m", "C2/m", (0,0,1,0,0,1), 2.857, 14.25, "Li1.2Ni0.2Mn0.6O2 (LNMO)", "Mn"),
        ("xu2018_lnro_c2c", "C2/c", (0,0,0,2,1,2), 2.93, 14.55, "Li1.2Ni0.2Ru0.6O2 (LNRO)", "Ru"),
        ("xu2018_lnro_c2m", "C2/m", (0,0,1,0,0,1), 2.93, 14.55, "Li1.2Ni0.2Ru0.6O2 (LNRO)", "Ru"),
    ]:
        occ = {"Na": [("Li", 0.6), ("Ni", 0.2), (M, 0.2)], "Ru": [("Ni", 0.2), (M, 0.8)], "Li": [("Li", 1.0)], "O": [("O", 1.0)]}
        stack = "as Li2MnO3 (C2/m, one layer per cell)" if grp == "C2/m" else "as Li2RuO3 / Li2SnO3 (C2/c, two layers per cell)"
        text = cif(name, COMMON.format(a_h=a_h, c_h=c_h, zO=0.2577, stack=stack, comp=comp, hc=f"Li 0.6, Ni 0.2, {M} 0.2", tm=f"Ni 0.2, {M} 0.8"), seq, a_h, c_h, 0.2577, occ)
        fn = {"xu2018_lnmo_c2m": "lnmo-c2m.cif", "xu2018_lnro_c2c": "lnro-c2c.cif", "xu2018_lnro_c2m": "lnro-c2m.cif"}[name]
        open(os.path.join(ROOT, "data", "xu2018", fn), "w").write(text)
        print("wrote data/xu2018/" + fn)


if __name__ == "__main__":
    import sys

    if "--build-structures" in sys.argv:
        build_structures()
    import pymatgen.core

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "spacegroups-spglib.json"), "w") as f:
        json.dump({"spglib": spglib.__version__, "settings": spacegroups()}, f, separators=(",", ":"))
    with open(os.path.join(OUT, "pymatgen-patterns.json"), "w") as f:
        json.dump({"pymatgen": pymatgen.core.__version__, "cases": patterns()}, f, indent=1)
    print("wrote", OUT)
