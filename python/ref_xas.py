"""Reference outputs of xraylarch for edgeworks' XAS numerics (test/xas/*.test.ts).

Run:  .venv/bin/python python/ref_xas.py   (needs xraylarch; CI does not run it)
Writes test/fixtures/xas/ref_*.json:
  ref_foils.json     Ni and Co foils (../shared/external/xas/*.xdi): find_e0, pre_edge (defaults),
                     autobk (rbkg 1, kweight 2), xftf (hanning, kmin 3, kmax 14, dk 1, kw 2)
  ref_athena.json    MnO_bv.prj / FeO.prj groups re-processed with their stored Athena parameters
                     (nnorm = Athena's bkg_nnorm - 1, since Athena counts terms)
  ref_synthetic.json synthetic spectra (given here with their arrays): a glitch, a Ru K edge
                     with two shells, badly scaled copies
  ref_edges.json     xraydb edge energies
"""
import json, os, sys
import numpy as np
from larch import Group
from larch.io import read_xdi, read_athena
from larch.xafs import find_e0, pre_edge, autobk, xftf
import xraydb

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXT = os.path.join(os.path.dirname(ROOT), "shared", "external", "xas")
OUT = os.path.join(ROOT, "test", "fixtures", "xas")
os.makedirs(OUT, exist_ok=True)


def arr(a):
    return [float(x) for x in np.asarray(a)]


def process(energy, mu, pre_kws=None, bkg_kws=None, ft_kws=None):
    g = Group(energy=np.asarray(energy, float), mu=np.asarray(mu, float))
    e0 = find_e0(g.energy, g.mu)
    pre_edge(g, **(pre_kws or {}))
    d = g.pre_edge_details
    out = dict(find_e0=float(e0), e0=float(g.e0), edge_step=float(g.edge_step),
               pre1=float(d.pre1), pre2=float(d.pre2), norm1=float(d.norm1), norm2=float(d.norm2),
               nnorm=int(d.nnorm), norm=arr(g.norm), flat=arr(g.flat), pre_edge=arr(g.pre_edge),
               post_edge=arr(g.post_edge))
    if bkg_kws is not None:
        autobk(g, **bkg_kws)
        ad = g.autobk_details
        out.update(k=arr(g.k), chi=arr(g.chi), bkg=arr(g.bkg), nspl=int(ad.nspl), irbkg=int(ad.irbkg),
                   bkg_kws={k: (v if not isinstance(v, np.generic) else float(v)) for k, v in bkg_kws.items()})
        fk = dict(kmin=3, kmax=12, dk=1, kweight=2, window="hanning")
        fk.update(ft_kws or {})
        xftf(g, **fk)
        out.update(r=arr(g.r), chir_mag=arr(g.chir_mag), chir_re=arr(g.chir_re), chir_im=arr(g.chir_im), ft_kws=fk)
    return out


def foils():
    res = {}
    for name in ("ni_metal_rt", "co_metal_rt"):
        path = os.path.join(EXT, name + ".xdi")
        x = read_xdi(path)
        labels = x.array_labels
        en = np.asarray(x.energy, float)
        if "mutrans" in labels:
            mu = np.asarray(x.mutrans, float)
        else:
            mu = -np.log(np.asarray(x.itrans, float) / np.asarray(x.i0, float))
        r = process(en, mu, {}, dict(rbkg=1.0, kweight=2), dict(kmin=3, kmax=14, dk=1, kweight=2, window="hanning"))
        r["labels"] = list(labels)
        r["npts"] = len(en)  # the input arrays stay in ../shared/external (not copied into the repo)
        res[name] = r
    return res


def athena():
    res = {}
    for name in ("MnO_bv", "FeO"):
        prj = read_athena(os.path.join(EXT, name + ".prj"), do_preedge=False, do_bkg=False, do_fft=False)
        for gname in prj.groups:
            g = getattr(prj, gname)
            b, f = g.athena_params.bkg, g.athena_params.fft
            clamp = {"none": 0, "slight": 3, "weak": 6, "medium": 12, "strong": 24, "rigid": 96}
            def cl(v):
                try:
                    return float(v)
                except Exception:
                    return float(clamp[str(v).strip().lower()])
            pre_kws = dict(e0=float(b.e0), pre1=float(b.pre1), pre2=float(b.pre2), norm1=float(b.nor1),
                           norm2=float(b.nor2), nnorm=int(round(float(b.nnorm))) - 1)
            bkg_kws = dict(e0=float(b.e0), rbkg=float(b.rbkg), kmin=float(b.spl1), kmax=float(b.spl2),
                           kweight=float(b.kw), dk=float(b.dk), clamp_lo=cl(b.clamp1), clamp_hi=cl(b.clamp2),
                           nclamp=int(float(getattr(b, "nclamp", 3))))
            win = getattr(f, "kwindow", getattr(f, "win", "hanning"))
            ft_kws = dict(kmin=float(f.kmin), kmax=float(f.kmax), dk=float(f.dk), kweight=2,
                          window="kaiser" if "kaiser" in str(win) else str(win))
            r = process(g.energy, g.mu, pre_kws, bkg_kws, ft_kws)
            r.update(npts=len(g.energy), pre_kws=pre_kws,
                     athena_step=float(b.step), athena_e0=float(b.e0))
            res[name] = r
    return res


def synthetic():
    res = {}
    # 1. a Ni-like edge with a one-point glitch below the edge
    e = np.concatenate([np.arange(8200, 8320, 5.0), np.arange(8320, 8360, 0.5), 8360 + (np.arange(0, 15.5, 0.05) ** 2) * 3.80998])
    mu = 0.2 - 1e-5 * (e - 8200) + 1.0 * (0.5 + np.arctan((e - 8333.0) / 1.5) / np.pi)
    g = mu.copy(); g[60] += 0.5
    res["glitch"] = dict(energy=arr(e), mu=arr(g), find_e0=float(find_e0(e, g)), find_e0_clean=float(find_e0(e, mu)))
    # 2. Ru K with two shells (the model edgeworks' simulator uses): step, white line, EXAFS
    e = np.concatenate([np.arange(21900, 22090, 5.0), np.arange(22090, 22160, 0.5),
                        22160 + (np.arange(2.0, 16.0, 0.05) ** 2) * 3.80998])
    e = np.unique(e)
    ek = np.clip(e - 22125.0, 0, None)
    k = np.sqrt(ek / 3.80998)
    chi = np.zeros_like(e)
    for (N, R, s2, amp) in ((6, 1.98, 0.003, 0.9), (6, 3.05, 0.005, 0.7)):
        ks = np.maximum(k, 1e-3)
        chi += amp * N / (ks * R * R) * np.exp(-2 * ks * ks * s2) * np.exp(-2 * R / 8.0) * np.sin(2 * ks * R - 1.2 * ks * 0 - 1.5)
    chi *= (k > 0) * (1 - np.exp(-ks * ks / 2.0)) * 0.08
    mu0 = 0.1 + 1e-6 * (e - 21900) + (0.5 + np.arctan((e - 22125) / 2.5) / np.pi) * (1 - 2e-5 * (e - 22125).clip(0))
    muR = mu0 + 0.4 * (2.0 / np.pi) / (1 + ((e - 22131) / 3.0) ** 2) * 0.25 + chi * (e > 22125)
    r = process(e, muR, {}, dict(rbkg=1.0, kweight=2), dict(kmin=3, kmax=14, dk=1, kweight=2, window="hanning"))
    r.update(energy=arr(e), mu=arr(muR))
    res["ru_two_shells"] = r
    for kind, win in (("kaiser", dict(kmin=3, kmax=14, dk=4, kweight=2, window="kaiser")),
                      ("sine", dict(kmin=3, kmax=14, dk=1, kweight=3, window="sine"))):
        g2 = Group(k=np.asarray(r["k"]), chi=np.asarray(r["chi"]))
        xftf(g2, **win)
        res["ft_" + kind] = dict(ft_kws=win, r=arr(g2.r), chir_mag=arr(g2.chir_mag), chir_re=arr(g2.chir_re), chir_im=arr(g2.chir_im))
    return res


def edges():
    out = {}
    for el in ["Li", "C", "O", "F", "P", "S", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Zr", "Nb", "Mo", "Ru", "Rh", "Pd", "Sn", "Ir", "Pt"]:
        ed = xraydb.xray_edges(el)
        out[el] = {k: float(ed[k].energy) for k in ("K", "L1", "L2", "L3") if k in ed}
    return out


if __name__ == "__main__":
    import larch
    meta = dict(larch=larch.__version__, numpy=np.__version__)
    for fname, fn in (("ref_foils.json", foils), ("ref_athena.json", athena), ("ref_synthetic.json", synthetic), ("ref_edges.json", edges)):
        data = fn()
        data["_meta"] = meta
        with open(os.path.join(OUT, fname), "w") as fh:
            json.dump(data, fh)
        print("wrote", fname, file=sys.stderr)
