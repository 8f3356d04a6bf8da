"""Reference outputs for edgeworks' image shifts (test/stack/align-kernels.test.ts).

A small image with a sharp-edged particle (an ellipsoid's thickness, as the simulator draws it)
and smooth binder blobs is shifted by sub-pixel amounts, `out(y, x) = in(y + sy, x + sx)`:

- "fourier": the phase ramp exp(2 pi i (fx sx + fy sy)) on the image padded as src/stack/_fft2.ts
  pads it (to powers of two >= ny + 8 and nx + 8, each row and then each column continued by a
  linear blend from its last value back to its first, so the periodic extension has no jump),
  with _fft2.ts' conventions: Nyquist frequencies at -0.5, and the inverse keeps the half spectrum
  kx = 0 ... px/2 and completes it Hermitian along x (numpy FFTs);
- "fourier_scipy": scipy.ndimage.fourier_shift (real FFT along x, n = px; it moves content by
  +shift, so it gets (-sy, -sx)) on the same padding. It differs from "fourier" only in the
  Nyquist terms' convention (by ~5e-4 at this sharp edge);
- "lanczos": the separable Lanczos-4 windowed sinc of src/stack/applyShifts.ts written out with
  numpy: taps k = -3 ... 4 around floor(s), weights sinc(t - k) sinc((t - k) / 4) normalised to
  sum 1, indices clamped to the image (edge replicated), x pass then y pass (smoothing 0);
- "lanczos_smooth": the same taps convolved with the common smoothing [1/6, 2/3, 1/6] (the cubic
  B-spline, applyShifts' default smoothing 1/3), taps -4 ... 5, applied to every image
  including the unshifted one.

Writes inputs and outputs to test/fixtures/stack/ref_align.json.

Run:  /work/main/.venv/bin/python python/ref_align.py
"""
import json
import os

import numpy as np
import scipy
from scipy import ndimage

ny, nx = 23, 29
yy, xx = np.mgrid[0:ny, 0:nx].astype(np.float64)
q = ((xx - 12.3) / 6.1) ** 2 + ((yy - 10.7) / 4.9) ** 2
img = np.where(q < 1, 1.5 * np.sqrt(np.clip(1 - q, 0, None)), 0.0)
img += 0.2 * np.exp(-((xx - 22.0) ** 2 + (yy - 16.0) ** 2) / (2 * 3.0 ** 2)) + 0.05


def next_pow2(n):
    p = 2
    while p < n:
        p *= 2
    return p


def pad_like_fft2(a):
    h, w = a.shape
    py, px = next_pow2(h + 8), next_pow2(w + 8)
    buf = np.zeros((py, px))
    buf[:h, :w] = a
    for x in range(w, px):
        t = (x - w + 1) / (px - w + 1)
        buf[:h, x] = (1 - t) * a[:, w - 1] + t * a[:, 0]
    for y in range(h, py):
        t = (y - h + 1) / (py - h + 1)
        buf[y, :] = (1 - t) * buf[h - 1, :] + t * buf[0, :]
    return buf


def fourier(a, sx, sy):
    buf = pad_like_fft2(a)
    py, px = buf.shape
    fy, fx = np.fft.fftfreq(py)[:, None], np.fft.fftfreq(px)[None, :]
    g = np.fft.ifft(np.fft.fft2(buf) * np.exp(2j * np.pi * (fx * sx + fy * sy)), axis=0)
    hx = px // 2 + 1
    g[:, hx:] = np.conj(g[:, 1 : px - hx + 1][:, ::-1])
    return np.fft.ifft(g, axis=1).real[: a.shape[0], : a.shape[1]]


def fourier_scipy(a, sx, sy):
    buf = pad_like_fft2(a)
    py, px = buf.shape
    out = np.fft.irfft2(ndimage.fourier_shift(np.fft.rfft2(buf), (-sy, -sx), n=px, axis=-1), s=(py, px))
    return out[: a.shape[0], : a.shape[1]]


def lanczos_weights(t, a=4):
    if t < 1e-12:
        w = np.zeros(2 * a)
        w[a - 1] = 1.0
        return w
    u = t - np.arange(-a + 1, a + 1)
    w = np.sinc(u) * np.sinc(u / a)
    return w / w.sum()


def lanczos(a_img, sx, sy, a=4, s=0.0):
    h, w = a_img.shape
    ix, iy = int(np.floor(sx)), int(np.floor(sy))
    sm = np.array([s / 2, 1 - s, s / 2])
    wx, wy = np.convolve(lanczos_weights(sx - ix, a), sm), np.convolve(lanczos_weights(sy - iy, a), sm)
    k = np.arange(-a, a + 2)
    cols = np.clip(np.arange(w)[:, None] + ix + k[None, :], 0, w - 1)  # [w, 2a]
    tmp = (a_img[:, cols] * wx[None, None, :]).sum(axis=2)
    rows = np.clip(np.arange(h)[:, None] + iy + k[None, :], 0, h - 1)
    return (tmp[rows, :] * wy[None, :, None]).sum(axis=1)


shifts = [(0.0, 0.0), (0.5, -0.5), (1.3, -0.6), (-2.25, 1.7), (3.0, 2.0)]
out = {
    "note": f"made by python/ref_align.py (numpy {np.__version__}, scipy {scipy.__version__}); do not edit",
    "ny": ny, "nx": nx, "image": img.ravel().tolist(),
    "shifts": [{"dx": sx, "dy": sy, "fourier": fourier(img, sx, sy).ravel().tolist(), "fourier_scipy": fourier_scipy(img, sx, sy).ravel().tolist(), "lanczos": lanczos(img, sx, sy).ravel().tolist(), "lanczos_smooth": lanczos(img, sx, sy, s=1 / 3).ravel().tolist()} for sx, sy in shifts],
}
path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "stack", "ref_align.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote", os.path.normpath(path))
