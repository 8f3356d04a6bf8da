"""numpy / scikit-learn side of bench/decompose.bench.ts (run by it; not on its own).

usage: decompose_ref.py small <dir>   -> JSON timings on stdout for the 74,700 × 50 data set
       decompose_ref.py large <dir>   -> JSON PCA timing + peak memory for 1,000,000 × 100
Reads <dir>/X.f64 (row-major float64), <dir>/S.f64 (end members) and <dir>/meta.json.
"""
import json
import resource
import sys
import time
import warnings
from itertools import combinations

import numpy as np
from scipy.optimize import nnls
from sklearn.decomposition import NMF, PCA
from sklearn.exceptions import ConvergenceWarning


def best_of(fn, repeats):
    ts, out = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        ts.append(time.perf_counter() - t)
    return min(ts), out


def pca_eigh(X):
    Y = X - X.mean(axis=0)
    w, v = np.linalg.eigh(Y.T @ Y)
    return w[::-1] / w.sum()


def nnls_vectorised(X, S):
    """Exact NNLS for all pixels at once: least squares on every passive set (batched), keep
    the feasible solution of smallest residual (the NNLS optimum is one of them)."""
    k = S.shape[0]
    G = S @ S.T
    Q = X @ S.T  # (n, k)
    xx = np.einsum("ij,ij->i", X, X)
    best_r = np.full(X.shape[0], np.inf)
    best_w = np.zeros((X.shape[0], k))
    for size in range(1, k + 1):
        for P in combinations(range(k), size):
            P = list(P)
            W = np.linalg.solve(G[np.ix_(P, P)], Q[:, P].T).T
            feas = np.all(W >= 0, axis=1)
            r = xx - 2 * np.einsum("ij,ij->i", W, Q[:, P]) + np.einsum("ij,jk,ik->i", W, G[np.ix_(P, P)], W)
            better = feas & (r < best_r)
            best_r[better] = r[better]
            full = np.zeros((int(better.sum()), k))
            full[:, P] = W[better]
            best_w[better] = full
    zero = best_r > xx  # all-zero solution
    best_w[zero] = 0
    best_r[zero] = xx[zero]
    return best_w, np.sqrt(np.maximum(best_r, 0))


def main():
    mode, d = sys.argv[1], sys.argv[2]
    meta = json.load(open(f"{d}/meta.json"))
    n, E = meta["nRows"], meta["nCols"]
    X = np.fromfile(f"{d}/X.f64", dtype=np.float64).reshape(n, E)
    out = {"numpy": np.__version__, "nRows": n, "nCols": E}
    if mode == "large":
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t, ratio = best_of(lambda: pca_eigh(X), 1)
        out["pca_eigh"] = t
        out["maxrss_data_kb"] = rss0
        out["maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        out["ratio0"] = float(ratio[0])
        print(json.dumps(out))
        return
    k = meta["k"]
    S = np.fromfile(f"{d}/S.f64", dtype=np.float64).reshape(k, E)
    t, ratio = best_of(lambda: pca_eigh(X), 7)
    out["pca_eigh"], out["pca_ratio"] = t, [float(v) for v in ratio[:5]]
    t, _ = best_of(lambda: PCA(n_components=meta["pcaComponents"]).fit_transform(X), 5)
    out["pca_sklearn"] = t
    Xn = np.maximum(X, 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        est = NMF(n_components=k, solver="cd", init="nndsvda", tol=0.0, max_iter=meta["nmfIter"])
        t, _ = best_of(lambda: est.fit_transform(Xn), 3)
    out["nmf_cd"], out["nmf_cd_error"], out["nmf_cd_iter"] = t, float(est.reconstruction_err_), int(est.n_iter_)
    t, (w, r) = best_of(lambda: nnls_vectorised(X, S), 5)
    out["nnls_vectorised"] = t
    out["nnls_residual_sum"] = float(r.sum())
    m = 5000  # scipy loop on a subset, scaled to all pixels
    t, _ = best_of(lambda: [nnls(S.T, X[i]) for i in range(m)], 1)
    out["nnls_scipy_loop"] = t * n / m
    print(json.dumps(out))


if __name__ == "__main__":
    main()
