"""Reference outputs for the RIXS pipeline (test/rixs/reference.test.ts), computed with numpy/scipy.

Writes test/fixtures/rixs/reference.json: small inputs (seeded numpy) and what an independent
numpy/scipy implementation of the same steps gives:
  - noise floor: 1.4826 * MAD(v[r, c+1] - v[r, c], c even) / sqrt(2)
  - cosmic-ray test: v - m > T * sqrt(gain * max(m, 0) + s0^2), m = median of the 3x3 neighbours
    (centre excluded, clipped at the frame edge); grow once around seeds with T/2 (median without
    flagged pixels); repair = median of unflagged neighbours
  - integration with curvature by linear redistribution (np.add.at), coverage scaling
  - Gaussian + linear background fit (scipy.optimize.curve_fit)
  - weighted polynomial fit (numpy.polynomial.polynomial.polyfit with w = 1/sigma)
  - linear pixel -> energy calibration (np.polyfit)
Run: .venv/bin/python python/ref_rixs.py
"""
import json
import os

import numpy as np
from scipy.optimize import curve_fit

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.join(ROOT, "test", "fixtures", "rixs", "reference.json")


def noise_floor(f):
    d = (f[:, 1::2][:, : f.shape[1] // 2] - f[:, 0::2][:, : f.shape[1] // 2]).ravel()
    d = d[np.isfinite(d)]
    return 1.4826 * np.median(np.abs(d - np.median(d))) / np.sqrt(2)


def neighbour_median(f, r, c, skip=None):
    vals = []
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            rr, cc = r + dr, c + dc
            if (dr == 0 and dc == 0) or rr < 0 or cc < 0 or rr >= f.shape[0] or cc >= f.shape[1]:
                continue
            if skip is not None and skip[rr, cc]:
                continue
            if np.isfinite(f[rr, cc]):
                vals.append(f[rr, cc])
    return np.median(vals) if vals else np.nan


def cosmic(f, T=8.0, gain=1.0):
    s0 = noise_floor(f)
    flag = np.zeros(f.shape, dtype=np.uint8)
    seeds = []
    for r in range(f.shape[0]):
        for c in range(f.shape[1]):
            m = neighbour_median(f, r, c)
            if np.isfinite(m) and f[r, c] - m > T * np.sqrt(gain * max(m, 0) + s0 * s0):
                flag[r, c] = 1
                seeds.append((r, c))
    for r, c in seeds:
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                rr, cc = r + dr, c + dc
                if rr < 0 or cc < 0 or rr >= f.shape[0] or cc >= f.shape[1] or flag[rr, cc]:
                    continue
                m = neighbour_median(f, rr, cc, flag)
                if np.isfinite(m) and f[rr, cc] - m > (T / 2) * np.sqrt(gain * max(m, 0) + s0 * s0):
                    flag[rr, cc] = 2
    out = f.copy()
    for r, c in zip(*np.nonzero(flag)):
        out[r, c] = neighbour_median(f, r, c, flag)
    return s0, flag, out


def shifts(coef, ref, ncols):
    x = np.arange(ncols) - ref
    return sum(coef[k] * x**k for k in range(1, len(coef)))


def integrate(f, coef, ref):
    nrows, ncols = f.shape
    m = -shifts(coef, ref, ncols)
    K = np.floor(m).astype(int)
    F = m - K
    S = np.zeros(nrows + 2)
    W = np.zeros(nrows + 2)
    r = np.arange(nrows)[:, None] + np.zeros((1, ncols), dtype=int)
    k = r + K[None, :]
    g = np.broadcast_to(1 - F, f.shape)
    ff = np.broadcast_to(F, f.shape)
    ok = (k >= -1) & (k < nrows) & np.isfinite(f)
    np.add.at(S, (k + 1)[ok], (g * f)[ok])
    np.add.at(W, (k + 1)[ok], g[ok])
    np.add.at(S, (k + 2)[ok], (ff * f)[ok])
    np.add.at(W, (k + 2)[ok], ff[ok])
    S, W = S[1 : nrows + 1], W[1 : nrows + 1]
    out = np.where(W < 0.5 * ncols, np.nan, np.where(W < ncols - 1e-9, S * ncols / np.maximum(W, 1e-300), S))
    return out, W / ncols


def gauss_lin(x, a, x0, s, b0, b1, xm):
    return a * np.exp(-((x - x0) ** 2) / (2 * s * s)) + b0 + b1 * (x - xm)


def fit_peak(x, y, p0):
    xm = 0.5 * (x.min() + x.max())
    popt, pcov = curve_fit(lambda xx, a, x0, s, b0, b1: gauss_lin(xx, a, x0, s, b0, b1, xm), x, y, p0=p0, maxfev=20000)
    return popt, np.sqrt(np.diag(pcov))


def main():
    rng = np.random.default_rng(20260101)
    out = {}
    # 1. cosmic rays on a 40 x 30 Poisson frame with a sloped level and 4 planted hits
    rows, cols = 40, 30
    lam = 5 + 0.3 * np.arange(rows)[:, None] + 0.1 * np.arange(cols)[None, :]
    f = rng.poisson(lam).astype(float) + rng.normal(0, 2, (rows, cols))
    for (r, c, v) in [(5, 5, 900.0), (20, 0, 400.0), (39, 29, 700.0), (12, 17, 2000.0)]:
        f[r, c] += v
    f[12, 18] += 600.0  # a track: neighbour of (12, 17)
    s0, flag, rep = cosmic(f)
    out["cosmic"] = {"rows": rows, "cols": cols, "frame": f.ravel().tolist(), "noise": s0,
                     "flagged": [int(i) for i in np.flatnonzero(flag)], "repaired": rep.ravel().tolist()}
    # 2. integration with curvature
    rows, cols = 30, 20
    f = rng.normal(10, 3, (rows, cols))
    f[7, 3] = np.nan
    coef = [0.0, 0.07, 0.004]
    ref = 9.5
    spec, cov = integrate(f, coef, ref)
    out["integrate"] = {"rows": rows, "cols": cols, "frame": [None if not np.isfinite(v) else v for v in f.ravel()],
                        "coefficients": coef, "referenceColumn": ref,
                        "counts": [None if not np.isfinite(v) else v for v in spec], "coverage": cov.tolist()}
    # 3. Gaussian + linear background fits
    x = np.arange(0, 25, 1.0)
    y = gauss_lin(x, 50, 11.3, 2.1, 5, 0.3, 12) + rng.normal(0, 1.0, x.size)
    popt, perr = fit_peak(x, y, [40, 11, 2, 5, 0])
    out["peak"] = {"x": x.tolist(), "y": y.tolist(), "amplitude": popt[0], "centre": popt[1], "sigma": abs(popt[2]),
                   "b0": popt[3], "b1": popt[4], "centreError": perr[1], "amplitudeError": perr[0]}
    # 4. weighted polynomial (degree 2)
    xs = np.linspace(-120, 120, 16)
    sig = 0.05 + 0.05 * rng.random(16)
    ys = 250 + 0.015 * xs + 1.2e-4 * xs**2 + rng.normal(0, 1, 16) * sig
    c = np.polynomial.polynomial.polyfit(xs, ys, 2, w=1 / sig)
    out["polyfit"] = {"x": xs.tolist(), "y": ys.tolist(), "sigma": sig.tolist(), "coefficients": c.tolist()}
    # 5. calibration line: pixel = a + b E with weights 1/sigma^2
    E = np.round(np.arange(527.0, 534.01, 0.2), 6)
    sig = 0.02 + 0.03 * rng.random(E.size)
    pix = (E - 517.5) / 0.0345 + rng.normal(0, 1, E.size) * sig
    b, a = np.polyfit(E - E[0], pix, 1, w=1 / sig)
    out["calibration"] = {"excitation": E.tolist(), "pixel": pix.tolist(), "sigma": sig.tolist(),
                          "dispersion": 1 / b, "offset": E[0] - a / b}
    with open(OUT, "w") as fh:
        json.dump(out, fh, indent=0)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
