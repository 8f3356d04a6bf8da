"""numpy / scikit-learn side of bench/decompose.bench.ts (started by it; not run on its own).

A small line protocol on stdin/stdout so the TypeScript side can alternate rounds
(edgeworks, numpy, edgeworks, numpy, …) and machine load hits both sides alike:
  load <dir>        read <dir>/X.f64 (row-major float64), <dir>/S.f64 (if present), <dir>/meta.json
  run <task>        run once; reply {"t": seconds, ...}
  rss               reply {"maxrss_kb": ...}
Tasks: pca_eigh, pca_sklearn, nmf_cd, nnls_vectorised, nnls_scipy_loop.
"""
import json
import os
import resource
import sys
import time
import warnings
from itertools import combinations

import numpy as np
from scipy.optimize import nnls
from sklearn.decomposition import NMF, PCA
from sklearn.exceptions import ConvergenceWarning


def pca_eigh(X):
    """The paper's PCA the numpy way: centre, XᵀX, eigh."""
    Y = X - X.mean(axis=0)
    w, v = np.linalg.eigh(Y.T @ Y)
    return w[::-1] / w.sum()


def nnls_vectorised(X, S):
    """Exact NNLS for all pixels at once: least squares on every passive set (batched), keep
    the feasible solution of smallest residual (the NNLS optimum is one of them)."""
    k = S.shape[0]
    G = S @ S.T
    Q = X @ S.T
    xx = np.einsum("ij,ij->i", X, X)
    best_r = xx.copy()  # x = 0
    best_w = np.zeros((X.shape[0], k))
    for size in range(1, k + 1):
        for P in combinations(range(k), size):
            P = list(P)
            GP = G[np.ix_(P, P)]
            W = np.linalg.solve(GP, Q[:, P].T).T
            feas = np.all(W >= 0, axis=1)
            r = xx - 2 * np.einsum("ij,ij->i", W, Q[:, P]) + np.einsum("ij,jk,ik->i", W, GP, W)
            better = feas & (r < best_r)
            best_r[better] = r[better]
            full = np.zeros((int(better.sum()), k))
            full[:, P] = W[better]
            best_w[better] = full
    return best_w, np.sqrt(np.maximum(best_r, 0))


def run_task(task, X, meta, data, out):
    """One run of a task; results that the TypeScript side checks go into `out`."""
    if task == "pca_eigh":
        ratio = pca_eigh(X)
        out["ratio"] = [float(v) for v in ratio[:5]]
    elif task == "pca_sklearn":
        PCA(n_components=meta["pcaComponents"]).fit_transform(X)
    elif task == "nmf_cd":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            est = NMF(n_components=meta["k"], solver="cd", init="nndsvda", tol=0.0, max_iter=meta["nmfIter"])
            est.fit_transform(data["Xn"])
        out["error"], out["nIter"] = float(est.reconstruction_err_), int(est.n_iter_)
    elif task == "nnls_vectorised":
        _, r = nnls_vectorised(X, data["S"])
        out["residualSum"] = float(r.sum())
    elif task == "nnls_scipy_loop":
        m = 5000  # a subset, scaled to all pixels
        S = data["S"]
        for i in range(m):
            nnls(S.T, X[i])
        out["scale"] = X.shape[0] / m


def main():
    data = {}
    for line in sys.stdin:
        cmd = line.split()
        if not cmd:
            continue
        out = {}
        if cmd[0] == "load":
            d = cmd[1]
            meta = json.load(open(f"{d}/meta.json"))
            n, E = meta["nRows"], meta["nCols"]
            data = {"meta": meta, "X": np.fromfile(f"{d}/X.f64", dtype=np.float64).reshape(n, E)}
            if os.path.exists(f"{d}/S.f64"):
                data["S"] = np.fromfile(f"{d}/S.f64", dtype=np.float64).reshape(meta["k"], E)
                data["Xn"] = np.maximum(data["X"], 0)
            out = {"numpy": np.__version__, "sklearn": __import__("sklearn").__version__}
        elif cmd[0] == "rss":
            out = {"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
        elif cmd[0] == "run":
            # run TASK [REPS]: REPS back-to-back runs (warm threads after the first), best time
            task, X, meta = cmd[1], data["X"], data["meta"]
            reps = int(cmd[2]) if len(cmd) > 2 else 1
            best = float("inf")
            for _ in range(reps):
                out = {}
                t0 = time.perf_counter()
                run_task(task, X, meta, data, out)
                best = min(best, (time.perf_counter() - t0) * out.get("scale", 1))
            out["t"] = best
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
