"""numpy side of bench/rixs.bench.ts (started by it; not run on its own).

The same steps as edgeworks' processRixsScan, written the way a numpy user would:
read each 16-bit TIFF (IFD parsed with struct, pixels with np.frombuffer), mask saturated
pixels, subtract the dark frame, cosmic rays by the local-median test (candidates above
min + T*s0, the median of the 8 neighbours by np.nanmedian on a NaN-padded frame, grow once
with T/2, repair with the median of unflagged neighbours), integrate with the curvature by
linear redistribution (np.bincount), divide by I0/<I0> and exposure, stack, calibrate on the
elastic line (argmax, Theil-Sen, Gaussian + line by scipy curve_fit, weighted np.polyfit).
Protocol on stdin: "run <half-width> <dir>" -> {"t": seconds, "dispersion": ..., "offset": ..., "map": [...first row...]}
"""
import json
import struct
import sys
import time

import numpy as np
from scipy.optimize import curve_fit


def read_tiff(path):
    b = open(path, "rb").read()
    le = b[:2] == b"II"
    e = "<" if le else ">"
    ifd = struct.unpack(e + "I", b[4:8])[0]
    n = struct.unpack(e + "H", b[ifd:ifd + 2])[0]
    tags = {}
    for k in range(n):
        tag, typ, cnt, val = struct.unpack(e + "HHII", b[ifd + 2 + 12 * k: ifd + 14 + 12 * k])
        if typ == 3 and cnt == 1:
            val = struct.unpack(e + "H", b[ifd + 10 + 12 * k: ifd + 12 + 12 * k])[0]
        tags[tag] = val
    w, h, bits, fmt = tags[256], tags[257], tags[258], tags.get(339, 1)
    assert bits == 16 and fmt == 1 and tags[259] == 1
    return np.frombuffer(b, dtype=e + "u2", count=w * h, offset=tags[273]).reshape(h, w).astype(np.float64)


def read_table(path):
    lines = open(path).read().splitlines()
    hdr = next(i for i, l in enumerate(lines) if l.startswith("Time\t"))
    cols = lines[hdr].split("\t")
    rows = [l.split("\t") for l in lines[hdr + 1:] if l.strip()]
    g = lambda name: np.array([float(r[cols.index(name)]) for r in rows])
    return g("BL 8 Energy"), g("Izero"), g("Exposure (s)"), [r[cols.index("Filename")] for r in rows]


def noise_floor(f):
    h = f.shape[1] // 2
    d = (f[:, 1:2 * h:2] - f[:, 0:2 * h:2]).ravel()
    d = d[np.isfinite(d)]
    return 1.4826 * np.median(np.abs(d - np.median(d))) / np.sqrt(2)


OFFS = [(dr, dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1) if (dr, dc) != (0, 0)]


def neigh(P, r, c):
    return np.stack([P[r + 1 + dr, c + 1 + dc] for dr, dc in OFFS], axis=-1)


def cosmic(f, T=8.0):
    s0 = noise_floor(f)
    P = np.pad(f, 1, constant_values=np.nan)
    gmin = np.nanmin(f)
    r, c = np.nonzero(f > gmin + T * s0)
    flag = np.zeros(f.shape, dtype=bool)
    if r.size:
        with np.errstate(all="ignore"):
            m = np.nanmedian(neigh(P, r, c), axis=1)
            hit = f[r, c] - m > T * np.sqrt(np.maximum(m, 0) + s0 * s0)
        flag[r[hit], c[hit]] = True
    seeds = np.argwhere(flag)
    for (sr, sc) in seeds:
        for dr, dc in [(0, 0)] + OFFS:
            rr, cc = sr + dr, sc + dc
            if rr < 0 or cc < 0 or rr >= f.shape[0] or cc >= f.shape[1] or flag[rr, cc] or not np.isfinite(f[rr, cc]):
                continue
            vals = [P[rr + 1 + a, cc + 1 + b] for a, b in OFFS if not (0 <= rr + a < f.shape[0] and 0 <= cc + b < f.shape[1] and flag[rr + a, cc + b])]
            vals = [v for v in vals if np.isfinite(v)]
            if vals:
                m = np.median(vals)
                if f[rr, cc] - m > (T / 2) * np.sqrt(max(m, 0) + s0 * s0):
                    flag[rr, cc] = True
    out = f.copy()
    for (rr, cc) in np.argwhere(flag):
        vals = [P[rr + 1 + a, cc + 1 + b] for a, b in OFFS if not (0 <= rr + a < f.shape[0] and 0 <= cc + b < f.shape[1] and flag[rr + a, cc + b])]
        vals = [v for v in vals if np.isfinite(v)]
        out[rr, cc] = np.median(vals) if vals else np.nan
    return out, int(flag.sum())


def gl(x, a, x0, s, b0, b1):
    return a * np.exp(-((x - x0) ** 2) / (2 * s * s)) + b0 + b1 * x


def fit_peak(x, y, x0):
    xm = 0.5 * (x[0] + x[-1])
    try:
        p, cov = curve_fit(gl, x - xm, y, p0=[max(y.max() - y.min(), 1e-9), x0 - xm, max(2.0, (x[-1] - x[0]) / 8), y.min(), 0.0], maxfev=5000)
        return p[1] + xm, np.sqrt(cov[1, 1])
    except Exception:
        return np.nan, np.nan


def curvature(el, bins=16, hw=8):
    rows, cols = el.shape
    ref = (cols - 1) / 2
    xs, ys, ws = [], [], []
    for b in range(bins):
        c0, c1 = b * cols // bins, (b + 1) * cols // bins
        prof = np.nanmean(el[:, c0:c1], axis=1) * (c1 - c0)
        am = int(np.nanargmax(prof))
        lo, hi = max(0, am - hw), min(rows, am + hw + 1)
        cen, err = fit_peak(np.arange(lo, hi, dtype=float), prof[lo:hi], am)
        if np.isfinite(cen) and np.isfinite(err) and err > 0:
            xs.append(0.5 * (c0 + c1 - 1) - ref); ys.append(cen); ws.append(1 / max(err, 1e-3))
    c = np.polynomial.polynomial.polyfit(xs, ys, 2, w=ws)
    return c, ref


def integrate(f, K, F):
    rows, cols = f.shape
    r = np.arange(rows)[:, None]
    k = (r + K[None, :] + 1)
    ok = np.isfinite(f) & (k >= 0) & (k <= rows)
    kk = k[ok]
    fv = f[ok]
    g = np.broadcast_to(1 - F, f.shape)[ok]
    ff = np.broadcast_to(F, f.shape)[ok]
    S = np.bincount(kk, weights=g * fv, minlength=rows + 2) + np.bincount(kk + 1, weights=ff * fv, minlength=rows + 2)
    W = np.bincount(kk, weights=g, minlength=rows + 2) + np.bincount(kk + 1, weights=ff, minlength=rows + 2)
    S, W = S[1:rows + 1], W[1:rows + 1]
    return np.where(W < 0.5 * cols, np.nan, np.where(W < cols - 1e-9, S * cols / np.maximum(W, 1e-300), S))


def calibrate(E, M, hw=6, sw=20):
    first = np.nanargmax(M, axis=1).astype(float)
    sl = [(first[j] - first[i]) / (E[j] - E[i]) for i in range(len(E)) for j in range(i + 1, len(E))]
    b = np.median(sl)
    a = np.median(first - b * E)
    pix, err = [], []
    for i in range(len(E)):
        pred = int(round(a + b * E[i]))
        lo, hi = max(0, pred - sw), min(M.shape[1], pred + sw + 1)
        am = lo + int(np.nanargmax(M[i, lo:hi]))
        l2, h2 = max(0, am - hw), min(M.shape[1], am + hw + 1)
        c, e = fit_peak(np.arange(l2, h2, dtype=float), M[i, l2:h2], am)
        pix.append(c); err.append(e)
    pix, err = np.array(pix), np.array(err)
    ok = np.isfinite(pix) & np.isfinite(err) & (err > 0)
    bb, aa = np.polyfit(E[ok] - E[0], pix[ok], 1, w=1 / np.maximum(err[ok], 1e-4))
    return 1 / bb, E[0] - aa / bb


def run(hw, d):
    E, I0, X, names = read_table(f"{d}/scan-AI.txt")
    dark = read_tiff(f"{d}/dark.tif")
    el = read_tiff(f"{d}/elastic.tif")
    el = np.where(el >= 65535, np.nan, el) - dark
    el, _ = cosmic(el)
    c, ref = curvature(el, hw=hw)
    cols = dark.shape[1]
    x = np.arange(cols) - ref
    m = -(c[1] * x + c[2] * x * x)
    K = np.floor(m).astype(np.int64)
    F = m - K
    i0m = I0.mean()
    spectra, ncos = [], 0
    for i, n in enumerate(names):
        f = read_tiff(f"{d}/Andor/{n}.tif")
        f = np.where(f >= 65535, np.nan, f) - dark
        f, k = cosmic(f)
        ncos += k
        spectra.append(integrate(f, K, F) * i0m / (I0[i] * X[i]))
    order = np.argsort(E)
    M = np.array(spectra)[order]
    disp, off = calibrate(E[order], M, hw=hw, sw=2 * hw)
    return {"dispersion": disp, "offset": off, "cosmics": ncos, "curvature": c.tolist(), "row": M[len(E) // 2].tolist()}


for line in sys.stdin:
    cmd, arg = line.strip().split(" ", 1)
    if cmd == "run":
        t0 = time.perf_counter()
        hw, d = arg.split(" ", 1)
        out = run(int(hw), d)
        out["t"] = time.perf_counter() - t0
        print(json.dumps(out), flush=True)
