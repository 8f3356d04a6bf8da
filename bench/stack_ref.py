"""numpy equivalent of edgeworks' STXM preprocessing, for bench/stack.bench.ts.

Reads the raw counts the TypeScript bench wrote (Float64 or Float32, little-endian, one
[nE, ny, nx] block per sample) and a meta JSON, runs the same steps as src/stack with the same
parameters — I0 from the sample-free rectangle, OD = -ln(I/I0), phase-correlation alignment
(Tukey window 0.2, Gaussian-shaped peak sigma 1.5 px, 3-point Gaussian sub-pixel fit, one
Fourier-shift refinement; reference = the image of largest variance), bilinear shift, crop to
the common area, per-pixel normalisation, pixel table (`table`), noise filter (10 %, `noise`; `filter` = both) — and prints one JSON
line with the best-of-N time of every step, the peak RSS and a few results for cross-checking.

    .venv/bin/python bench/stack_ref.py META.json [TABLE_PREFIX]

With TABLE_PREFIX, the table is also written (after the timings) to TABLE_PREFIX.f64 (float64,
rows × energies) and its rows' sample, y, x in the uncropped images to TABLE_PREFIX.pos.i32.

    .venv/bin/python bench/stack_ref.py META.json TABLE_PREFIX --serve

keeps every intermediate after that run and then times single steps on request, so that the
bench can run each step on both sides back to back: for every line `od`, `normalise`, `table` or
`noise` read from stdin it prints one JSON line {"step": …, "t": best-of-N seconds (summed over
the samples for od and normalise)}; it ends at end of input.
"""
import json
import resource
import sys
import time

import numpy as np


def tukey(n, alpha):
    w = np.ones(n)
    if alpha <= 0 or n < 3:
        return w
    m = alpha * (n - 1) / 2
    t = np.minimum(np.arange(n), n - 1 - np.arange(n))
    sel = t < m
    w[sel] = 0.5 * (1 - np.cos(np.pi * t[sel] / m))
    return w


def next_pow2(n):
    p = 2
    while p < n:
        p *= 2
    return p


def edge_blend_pad(img):
    """The image (NaN = 0) padded to powers of two >= ny + 8, nx + 8, each row and then each
    column continued by a linear blend from its last value back to its first (no jump)."""
    ny, nx = img.shape
    py, px = next_pow2(ny + 8), next_pow2(nx + 8)
    v = np.where(np.isfinite(img), img, 0.0)
    buf = np.zeros((py, px))
    buf[:ny, :nx] = v
    tx = (np.arange(nx, px) - nx + 1) / (px - nx + 1)
    buf[:ny, nx:] = (1 - tx)[None, :] * v[:, nx - 1:nx] + tx[None, :] * v[:, 0:1]
    ty = (np.arange(ny, py) - ny + 1) / (py - ny + 1)
    buf[ny:, :] = (1 - ty)[:, None] * buf[ny - 1][None, :] + ty[:, None] * buf[0][None, :]
    return buf


def fourier_shift(img, sx, sy):
    ny, nx = img.shape
    buf = edge_blend_pad(img)
    py, px = buf.shape
    F = np.fft.fft2(buf)
    fy = np.fft.fftfreq(py)[:, None]
    fx = np.fft.fftfreq(px)[None, :]
    F *= np.exp(2j * np.pi * (fx * sx + fy * sy))
    return np.fft.ifft2(F).real[:ny, :nx]


def compute_shifts(od, sigma=1.5, taper=0.2, refine=1):
    nE, ny, nx = od.shape
    flat = od.reshape(nE, -1)
    var = np.nanvar(flat, axis=1)
    ref = int(np.argmax(var))
    py, px = next_pow2(ny), next_pow2(nx)
    wy, wx = tukey(ny, taper), tukey(nx, taper)
    fy = np.fft.fftfreq(py)[:, None]
    fx = np.fft.fftfreq(px)[None, :]
    gauss = np.exp(-2 * np.pi ** 2 * sigma ** 2 * (fx ** 2 + fy ** 2))
    total = gauss.sum()
    lim = max(1, min(ny, nx) // 4)
    ly, lx = min(lim, py // 2 - 1), min(lim, px // 2 - 1)

    def spec(img):
        m = np.nanmean(img)
        buf = np.zeros((py, px))
        buf[:ny, :nx] = np.where(np.isfinite(img), img - m, 0.0) * wy[:, None] * wx[None, :]
        return np.fft.fft2(buf)

    def fit(m, c0, p):
        if m > 0 and c0 > 0 and p > 0:
            lm, l0, lp = np.log(m), np.log(c0), np.log(p)
            den = lm - 2 * l0 + lp
            return 0.5 * (lm - lp) / den if den < 0 else 0.0
        den = m - 2 * c0 + p
        return 0.5 * (m - p) / den if den < 0 else 0.0

    def register(Fm, Fr):
        R = Fm * np.conj(Fr)
        mag = np.abs(R)
        eps = 1e-12 * mag.max() + 5e-324
        c = np.fft.ifft2(R / (mag + eps) * gauss).real
        win = np.roll(np.roll(c, ly, axis=0), lx, axis=1)[: 2 * ly + 1, : 2 * lx + 1]
        j = int(np.argmax(win))
        by, bx = j // (2 * lx + 1) - ly, j % (2 * lx + 1) - lx
        at = lambda y, x: c[y % py, x % px]  # noqa: E731
        ox = fit(at(by, bx - 1), at(by, bx), at(by, bx + 1))
        oy = fit(at(by - 1, bx), at(by, bx), at(by + 1, bx))
        return bx + max(-0.5, min(0.5, ox)), by + max(-0.5, min(0.5, oy)), at(by, bx) * py * px / total

    Fr = spec(od[ref])
    dx, dy = np.zeros(nE), np.zeros(nE)
    for e in range(nE):
        if e == ref:
            continue
        sx, sy, _ = register(spec(od[e]), Fr)
        for _ in range(refine):
            rx, ry, _ = register(spec(fourier_shift(od[e], sx, sy)), Fr)
            sx, sy = sx + rx, sy + ry
        dx[e], dy[e] = sx, sy
    return dx, dy, ref


def apply_shifts_bilinear(od, dx, dy):
    nE, ny, nx = od.shape
    out = np.empty_like(od, dtype=np.float64)
    Y, X = np.mgrid[0:ny, 0:nx].astype(np.float64)
    for e in range(nE):
        fy, fx = Y + dy[e], X + dx[e]
        inside = (fy >= -1e-9) & (fy <= ny - 1 + 1e-9) & (fx >= -1e-9) & (fx <= nx - 1 + 1e-9)
        y0 = np.clip(np.floor(fy), 0, max(ny - 2, 0)).astype(int)
        x0 = np.clip(np.floor(fx), 0, max(nx - 2, 0)).astype(int)
        ty, tx = fy - y0, fx - x0
        y1, x1 = np.minimum(y0 + 1, ny - 1), np.minimum(x0 + 1, nx - 1)
        im = od[e]
        v = (1 - ty) * ((1 - tx) * im[y0, x0] + tx * im[y0, x1]) + ty * ((1 - tx) * im[y1, x0] + tx * im[y1, x1])
        out[e] = np.where(inside, v, np.nan)
    return out


def crop_common(a, dx, dy):
    nE, ny, nx = a.shape
    eps = 1e-9
    x0 = max(0, int(np.ceil(-dx.min() - eps)))
    x1 = min(nx, int(np.floor(nx - 1 - dx.max() + eps)) + 1)
    y0 = max(0, int(np.ceil(-dy.min() - eps)))
    y1 = min(ny, int(np.floor(ny - 1 - dy.max() + eps)) + 1)
    return a[:, y0:y1, x0:x1], y0, x0


def normalise(od, energies, bg_r=(520, 526), area_r=(525, 535), br_r=(535, 560)):
    def sel(r):
        return np.where((energies >= r[0]) & (energies <= r[1]))[0]

    bg = od[sel(bg_r)].mean(axis=0)

    def area(r):
        idx = sel(r)
        e = energies[idx]
        acc = np.zeros(od.shape[1:])
        for j in range(1, len(idx)):
            acc += (e[j] - e[j - 1]) * ((od[idx[j]] - bg) + (od[idx[j - 1]] - bg)) / 2
        return acc

    a = area(area_r)
    b = area(br_r)
    a = np.where(a > 0, a, np.nan)
    return (od - bg[None]) / a[None], b


SETTLE = 0.0  # seconds idle before each timed step (meta "settle"; the bench's large case)


def best(repeats, fn):
    time.sleep(SETTLE)
    t_best, out = np.inf, None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        t_best = min(t_best, time.perf_counter() - t0)
    return t_best, out


def main():
    serve = "--serve" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--serve"]
    meta = json.load(open(args[0]))
    dtype = np.float32 if meta["dtype"] == "float32" else np.float64
    raw = np.fromfile(meta["path"], dtype=dtype)
    repeats = meta["repeats"]
    global SETTLE
    SETTLE = float(meta.get("settle", 0))
    times = dict(od=0.0, align=0.0, normalise=0.0, filter=0.0)
    peaks = {}  # peak RSS after each step (the last sample's)

    def rss():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    off = 0
    shifts = []
    rows = []
    kept_steps = dict(od=[], normalise=[])  # per sample, for --serve
    for s in meta["samples"]:
        nE, ny, nx = s["nE"], s["ny"], s["nx"]
        counts = raw[off: off + nE * ny * nx].reshape(nE, ny, nx)
        off += nE * ny * nx
        energies = np.array(s["energies"])
        r = s["region"]

        def od_step(counts=counts, r=r, nE=nE):
            i0 = counts[:, r["y0"]:r["y1"], r["x0"]:r["x1"]].reshape(nE, -1).mean(axis=1, dtype=np.float64)
            c = np.where(counts <= 0, 1.0, counts.astype(np.float64, copy=False))
            return -np.log(c / i0[:, None, None])

        t, od = best(repeats, od_step)
        times["od"] += t
        peaks["od"] = rss()

        def align_step():
            dx, dy, ref = compute_shifts(od)
            aligned, y0, x0 = crop_common(apply_shifts_bilinear(od, dx, dy), dx, dy)
            return aligned, (y0, x0), dx, dy, ref

        t, (aligned, origin, dx, dy, ref) = best(repeats if meta["alignRepeats"] else 1, align_step)
        times["align"] += t
        peaks["align"] = rss()
        shifts.append(dict(dx=dx.tolist(), dy=dy.tolist(), reference=ref))
        del od
        if serve:
            kept_steps["od"].append(od_step)
            kept_steps["normalise"].append(lambda a=aligned, e=energies: normalise(a, e))
        t, (norm, bright) = best(repeats, lambda: normalise(aligned, energies))
        times["normalise"] += t
        peaks["normalise"] = rss()
        del aligned
        cols = np.where((energies >= 520) & (energies <= 535))[0]
        rows.append((norm, cols, energies, origin))

    def table_step():
        mats = []
        for norm, cols, _, _ in rows:
            nE = norm.shape[0]
            m = norm.reshape(nE, -1).T[:, cols]
            mats.append(m[np.all(np.isfinite(m), axis=1)])
        return np.concatenate(mats, axis=0)

    t, table = best(repeats, table_step)
    times["table"] = t
    peaks["table"] = rss()

    def noise_step():
        e = rows[0][2][rows[0][1]]
        bgc = np.where((e >= 520) & (e <= 526))[0]
        noise = table[:, bgc].std(axis=1)
        k = int(round(0.1 * table.shape[0]))
        cutoff = np.sort(noise)[table.shape[0] - k - 1]
        keep = noise <= cutoff
        return table[keep], int(table.shape[0]), int((~keep).sum())

    t, (kept, n_rows, removed) = best(repeats, noise_step)
    times["noise"] = t
    peaks["noise"] = rss()
    times["filter"] = times["table"] + times["noise"]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    if len(args) > 1:
        # after the timed steps: the table and its rows' sample, y, x in the uncropped images, for
        # the bench's cross-check (the same finite-row selection as table_step)
        table.tofile(args[1] + ".f64")
        pos = []
        for s, (norm, cols, _, (y0, x0)) in enumerate(rows):
            nE, h, w = norm.shape
            m = norm.reshape(nE, -1).T[:, cols]
            p = np.nonzero(np.all(np.isfinite(m), axis=1))[0]
            pos.append(np.stack([np.full(p.size, s), p // w + y0, p % w + x0], axis=1).astype(np.int32))
        np.concatenate(pos, axis=0).tofile(args[1] + ".pos.i32")
    print(json.dumps(dict(times=times, peakRss=peak, peaks=peaks, rows=n_rows, removed=removed, shifts=shifts, numpy=np.__version__)), flush=True)
    if serve:
        steps = dict(od=kept_steps["od"], normalise=kept_steps["normalise"], table=[table_step], noise=[noise_step])
        for line in sys.stdin:
            step = line.strip()
            if step not in steps:
                print(json.dumps(dict(error=f"unknown step {step!r}; expected one of {sorted(steps)}")), flush=True)
                continue
            t = sum(best(repeats, fn)[0] for fn in steps[step])
            print(json.dumps(dict(step=step, t=t)), flush=True)


if __name__ == "__main__":
    main()
