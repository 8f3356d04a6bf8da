"""Reference outputs for edgeworks' decomposition tests (numpy / scipy / scikit-learn).

Run:  .venv/bin/python python/ref_decompose.py
Writes JSON fixtures (inputs and outputs, all generated here from fixed seeds) to
test/fixtures/decompose/. Arrays are stored flat, row-major, with their shapes.
"""
import json
import pathlib

import numpy as np
import scipy
import sklearn
from scipy.optimize import curve_fit, lsq_linear, nnls
from sklearn.decomposition import NMF
from sklearn.decomposition._nmf import _beta_divergence, _update_coordinate_descent

OUT = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "decompose"
OUT.mkdir(parents=True, exist_ok=True)
VERSIONS = {"numpy": np.__version__, "scipy": scipy.__version__, "sklearn": sklearn.__version__}


def flat(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def write(name, obj):
    obj["versions"] = VERSIONS
    obj["script"] = "python/ref_decompose.py"
    p = OUT / name
    p.write_text(json.dumps(obj))
    print(f"{p.relative_to(OUT.parent.parent.parent)}: {p.stat().st_size / 1024:.1f} KB")


def gauss(e, c, w):
    return np.exp(-0.5 * ((e - c) / w) ** 2)


def planted(rng, n, E, k=3, noise=0.01):
    e = np.linspace(0, 1, E)
    S = np.stack([gauss(e, 0.2 + 0.3 * i, 0.08) + 0.3 * e for i in range(k)])
    A = rng.dirichlet(np.ones(k) * 0.7, size=n) * rng.uniform(0.5, 1.5, size=(n, 1))
    X = A @ S + noise * rng.standard_normal((n, E))
    return X, A, S


# ---------------------------------------------------------------- PCA
rng = np.random.default_rng(1)
n, E = 300, 20
X, _, _ = planted(rng, n, E)
pca = {"nRows": n, "nCols": E, "X": flat(X)}
for centred in (True, False):
    Y = X - X.mean(0) if centred else X
    U, s, Vt = np.linalg.svd(Y, full_matrices=False)
    key = "centred" if centred else "uncentred"
    pca[key] = {
        "singularValues": flat(s),
        "explainedVarianceRatio": flat(s**2 / np.sum(s**2)),
        "explainedVariance": flat(s**2 / (n - 1)),
        "components": flat(Vt[:5]),
        "scores": flat((U * s)[:, :5]),
    }
write("pca.json", pca)

# ---------------------------------------------------------------- NMF
rng = np.random.default_rng(2)
n, E, k = 200, 15, 3
X, _, _ = planted(rng, n, E)
X = np.abs(X)
W0 = np.abs(rng.standard_normal((n, k))) * 0.3
H0 = np.abs(rng.standard_normal((k, E))) * 0.3
# scikit-learn's _fit_coordinate_descent, unrolled to record every iteration
W, Ht = W0.copy(), np.ascontiguousarray(H0.T)
errs, viols = [], []
viol_init = None
for it in range(1, 41):
    v = _update_coordinate_descent(X, W, Ht, 0.0, 0.0, False, None)
    v += _update_coordinate_descent(X.T, Ht, W, 0.0, 0.0, False, None)
    if viol_init is None:
        viol_init = v
    errs.append(_beta_divergence(X, W, Ht.T, 2, square_root=True))
    viols.append(v / viol_init)
est = NMF(n_components=k, solver="cd", init="custom", tol=0.0, max_iter=40)
Wsk = est.fit_transform(X, W=W0.copy(), H=H0.copy())
assert np.allclose(Wsk, W, rtol=1e-12, atol=1e-14)
est_mu = NMF(n_components=k, solver="mu", init="custom", tol=0.0, max_iter=40)
Wmu = est_mu.fit_transform(X, W=W0.copy(), H=H0.copy())
est_tol = NMF(n_components=k, solver="cd", init="custom", tol=1e-4, max_iter=500)
est_tol.fit_transform(X, W=W0.copy(), H=H0.copy())
est_a = NMF(n_components=k, solver="cd", init="nndsvda", tol=1e-4, max_iter=200)
est_a.fit_transform(X)
est_d = NMF(n_components=k, solver="cd", init="nndsvd", tol=1e-4, max_iter=200)
est_d.fit_transform(X)
write("nmf.json", {
    "nRows": n, "nCols": E, "k": k, "X": flat(X), "W0": flat(W0), "H0": flat(H0),
    "cd": {"maxIter": 40, "errors": [float(e) for e in errs], "violationRatios": [float(v) for v in viols],
           "W": flat(W), "H": flat(Ht.T), "reconstructionError": float(est.reconstruction_err_)},
    "mu": {"maxIter": 40, "W": flat(Wmu), "H": flat(est_mu.components_), "reconstructionError": float(est_mu.reconstruction_err_)},
    "cdTol": {"tol": 1e-4, "maxIter": 500, "nIter": int(est_tol.n_iter_), "reconstructionError": float(est_tol.reconstruction_err_)},
    "nndsvda": {"tol": 1e-4, "maxIter": 200, "nIter": int(est_a.n_iter_), "reconstructionError": float(est_a.reconstruction_err_)},
    "nndsvd": {"tol": 1e-4, "maxIter": 200, "nIter": int(est_d.n_iter_), "reconstructionError": float(est_d.reconstruction_err_)},
})

# ---------------------------------------------------------------- NNLS
rng = np.random.default_rng(3)
cases = []
for m, nn in [(30, 5), (12, 4), (50, 8), (8, 3), (40, 6)]:
    A = rng.standard_normal((m, nn))
    b = rng.standard_normal(m)
    x, r = nnls(A, b)
    cases.append({"m": m, "n": nn, "A": flat(A), "b": flat(b), "x": flat(x), "rnorm": float(r)})
n, E = 120, 20
X, _, S = planted(rng, n, E, noise=0.02)
X[:5] -= 0.5  # some pixels whose fit has zero weights
px, pr = [], []
for i in range(n):
    x, r = nnls(S.T, X[i])
    px.append(x)
    pr.append(r)
write("nnls.json", {"cases": cases, "pixels": {"nRows": n, "nCols": E, "nMembers": 3, "X": flat(X), "endmembers": flat(S),
                                                "weights": flat(np.array(px)), "residualNorm": flat(pr)}})

# ---------------------------------------------------------------- LCF
rng = np.random.default_rng(4)
E = 60
e = np.linspace(0, 1, E)
refs = np.stack([gauss(e, 0.3, 0.1) + e, gauss(e, 0.5, 0.1) + 0.5 * e, gauss(e, 0.7, 0.12) + 0.2])
w_true = np.array([0.5, 0.3, 0.2])
y = w_true @ refs + 0.01 * rng.standard_normal(E)
y_neg = np.array([0.7, -0.1, 0.4]) @ refs + 0.01 * rng.standard_normal(E)


def model(_x, *w):
    return np.asarray(w) @ refs


p_u, cov_u = curve_fit(model, e, y, p0=[0.3, 0.3, 0.3])
# sum-to-one by substitution w3 = 1 - w1 - w2 (all weights positive here)
D = refs[:2] - refs[2]
p_s, cov_s = curve_fit(lambda _x, a, b: a * D[0] + b * D[1] + refs[2], e, y, p0=[0.3, 0.3])
J = np.array([[1, 0], [0, 1], [-1, -1]])
w_s = np.array([p_s[0], p_s[1], 1 - p_s[0] - p_s[1]])
unc_s = np.sqrt(np.diag(J @ cov_s @ J.T))
nonneg = lsq_linear(refs.T, y_neg, bounds=(0, np.inf), tol=1e-14, method="bvls")
unconstrained_neg, _, _, _ = np.linalg.lstsq(refs.T, y_neg, rcond=None)
write("lcf.json", {
    "nPoints": E, "energy": flat(e), "references": [flat(r) for r in refs], "spectrum": flat(y), "spectrumNeg": flat(y_neg),
    "unconstrained": {"weights": flat(p_u), "uncertainties": flat(np.sqrt(np.diag(cov_u))),
                      "chi2": float(np.sum((y - p_u @ refs) ** 2))},
    "sumToOne": {"weights": flat(w_s), "uncertainties": flat(unc_s)},
    "nonNegativeNeg": {"weights": flat(nonneg.x)},
    "unconstrainedNeg": {"weights": flat(unconstrained_neg)},
})
