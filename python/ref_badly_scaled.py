"""Reference outputs for edgeworks on badly scaled data (issue 8): scipy.optimize.nnls and
scikit-learn NMF where one energy is 10⁶ times the others, every value carries an offset of 10⁸,
or two members are correlated at 0.995.

Run:  .venv/bin/python python/ref_badly_scaled.py
Writes test/fixtures/decompose/badly_scaled.json (inputs and outputs, generated here from fixed
seeds; arrays flat, row-major, with their shapes).
"""
import json
import pathlib

import numpy as np
import scipy
import sklearn
from scipy.optimize import nnls
from sklearn.decomposition import NMF
from sklearn.decomposition._nmf import _initialize_nmf

OUT = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "decompose" / "badly_scaled.json"
OUT.parent.mkdir(parents=True, exist_ok=True)


def flat(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def members(rng, k, E):
    """k smooth non-negative spectra (Gaussian peaks on a slope), one per row."""
    e = np.linspace(0, 1, E)
    S = np.stack([np.exp(-0.5 * ((e - 0.2 - 0.6 * t / max(k - 1, 1)) / 0.08) ** 2) + 0.2 + 0.3 * e for t in range(k)])
    return S * (1 + 0.05 * rng.random(S.shape))


def correlated_pair(rng, E, r):
    """Two spectra with Pearson correlation r (a shared peak plus a small independent part)."""
    e = np.linspace(0, 1, E)
    a = np.exp(-0.5 * ((e - 0.5) / 0.1) ** 2)
    d = rng.standard_normal(E)
    d -= d.mean()
    d -= (d @ (a - a.mean())) / ((a - a.mean()) @ (a - a.mean())) * (a - a.mean())
    d /= np.linalg.norm(d)
    ac = a - a.mean()
    # b = a + t·d with corr(a, b) = r: t = ‖a − ā‖·sqrt(1/r² − 1)
    t = np.linalg.norm(ac) * np.sqrt(1 / r**2 - 1)
    b = a + t * d
    shift = 1 - min(a.min(), b.min())  # keep them positive
    return np.stack([a + shift, b + shift])


def weights(rng, n, k, sum_to_one):
    """Planted weights with about a third of the entries zero (active constraints)."""
    w = rng.exponential(size=(n, k))
    w[rng.random((n, k)) < 0.35] = 0
    w[w.sum(axis=1) == 0, 0] = 1
    if sum_to_one:
        w /= w.sum(axis=1, keepdims=True)
    return w


def pixel_case(name, rng, S, n, noise, sum_to_one=False, col_scale=None, offset=0.0):
    """Pixels = planted weights · members + noise; then an energy column scaled or an offset added to members and pixels."""
    k, E = S.shape
    w = weights(rng, n, k, sum_to_one)
    X = w @ S + noise * rng.standard_normal((n, E))
    S2 = S.copy()
    if col_scale is not None:
        j, f = col_scale
        X[:, j] *= f
        S2[:, j] *= f
    X += offset
    S2 += offset
    ref = np.array([nnls(S2.T, X[i], maxiter=50 * k)[0] for i in range(n)])
    res = np.linalg.norm(X - ref @ S2, axis=1)
    return {"name": name, "nRows": n, "nCols": E, "nMembers": k, "X": flat(X), "endmembers": flat(S2),
            "planted": flat(w), "weights": flat(ref), "residualNorm": flat(res)}


def single(name, A, b):
    x, rnorm = nnls(A, b, maxiter=50 * A.shape[1])
    return {"name": name, "m": A.shape[0], "n": A.shape[1], "A": flat(A), "b": flat(b), "x": flat(x), "rnorm": float(rnorm)}


rng = np.random.default_rng(8)
E, k, n = 50, 4, 40
S = members(rng, k, E)
pixels = [
    pixel_case("energy column x1e6", rng, S, n, 0.01, col_scale=(7, 1e6)),
    pixel_case("offset 1e8 on pixels and members (weights sum to 1)", rng, S, n, 0.0, sum_to_one=True, offset=1e8),
    pixel_case("members correlated at 0.995", rng, np.vstack([correlated_pair(rng, E, 0.995), S[:2]]), n, 0.01),
]

singles = [single("hand: rows [1e6,1e6],[1,0],[0,1]", np.array([[1e6, 1e6], [1, 0], [0, 1]]), np.array([2e6, 1, 1]))]
for c in pixels:
    Sm = np.array(c["endmembers"]).reshape(c["nMembers"], c["nCols"])
    Xm = np.array(c["X"]).reshape(c["nRows"], c["nCols"])
    for i in range(3):
        singles.append(single(f"{c['name']}, pixel {i}", Sm.T.copy(), Xm[i].copy()))
# a member (column of A) scaled by 1e6
A = S.T.copy()
A[:, 2] *= 1e6
b = A @ np.array([0.5, 0, 2e-6, 1.5]) + 0.01 * rng.standard_normal(E)
singles.append(single("member column x1e6", A, b))

# NMF: X = rand(300,3)·rand(3,6), column 0 × 1e6
X = rng.random((300, 3)) @ rng.random((3, 6))
X[:, 0] *= 1e6
MAX_ITER = 2000
nmf_ref = {"nRows": 300, "nCols": 6, "k": 3, "maxIter": MAX_ITER, "X": flat(X)}
W0, H0 = _initialize_nmf(X, 3, init="nndsvd")
nmf_ref["W0"], nmf_ref["H0"] = flat(W0), flat(H0)
# mu with the default tol; cd with tol 1e-3 so that it stops before max_iter (at 1e-4 it runs all 2000)
for solver, tol in [("mu", 1e-4), ("cd", 1e-3)]:
    est = NMF(n_components=3, solver=solver, init="nndsvd", tol=tol, max_iter=MAX_ITER)
    est.fit_transform(X)
    cst = NMF(n_components=3, solver=solver, init="custom", tol=tol, max_iter=MAX_ITER)
    cst.fit_transform(X, W=W0.copy(), H=H0.copy())
    nmf_ref[solver] = {"tol": tol, "nIter": int(est.n_iter_), "reconstructionError": float(est.reconstruction_err_),
                       "customNIter": int(cst.n_iter_), "customReconstructionError": float(cst.reconstruction_err_)}
    print(solver, est.n_iter_, est.reconstruction_err_, cst.n_iter_, cst.reconstruction_err_)

out = {"pixels": pixels, "single": singles, "nmf": nmf_ref,
       "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__},
       "script": "python/ref_badly_scaled.py"}
OUT.write_text(json.dumps(out))
for c in pixels:
    w = np.array(c["weights"]).reshape(-1, c["nMembers"])
    p = np.array(c["planted"]).reshape(-1, c["nMembers"])
    print(c["name"], "max |scipy − planted| / max", np.abs(w - p).max() / np.abs(p).max())
print(f"{OUT}: {OUT.stat().st_size / 1024:.1f} KB")
