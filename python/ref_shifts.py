"""Reference drifts for edgeworks' computeShifts (test/stack/shifts-reference.test.ts).

A small stack (5 energies, 37 x 50 pixels: not powers of two, so the padding is exercised) of
14 small Gaussian particles plus a fixed pseudo-random texture, each image drawn at a sub-pixel offset, one
pixel of one image NaN. The drifts are computed by the numpy port of the algorithm in
bench/stack_ref.py (`compute_shifts`: mean-subtracted images, Tukey window 0.2, zero padding to
powers of two, phase correlation with a Gaussian-shaped peak sigma 1.5 px, 3-point Gaussian
sub-pixel fit, one refinement by a Fourier shift on an edge-blended padding; reference = the image
of largest variance), twice:

- "dx"/"dy": with bench/stack_ref.py's Fourier shift as it is (numpy's full complex spectrum,
  `ifft2(...).real`);
- "dxHalf"/"dyHalf": with the half-spectrum convention of src/stack/_fft2.ts (rfft2, ramp,
  irfft2: the inverse along x drops the imaginary parts of the kx = 0 and Nyquist columns). The two
  differ only in the terms of the y-Nyquist row, where the full spectrum ramped by
  exp(2 pi i (fx sx + fy sy)) with fy = -0.5 is not Hermitian; here by ~6e-6 px.

Writes test/fixtures/stack/ref_shifts.json.

Run:  .venv/bin/python python/ref_shifts.py
"""
import json
import os
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import stack_ref  # noqa: E402
from stack_ref import compute_shifts  # noqa: E402


def fourier_shift_half(img, sx, sy):
    """stack_ref.fourier_shift with the half spectrum (rfft2 / irfft2), Nyquist at -0.5 on both axes."""
    ny, nx = img.shape
    buf = stack_ref.edge_blend_pad(img)
    py, px = buf.shape
    F = np.fft.rfft2(buf)
    fy = np.fft.fftfreq(py)[:, None]
    kx = np.arange(px // 2 + 1)
    fx = np.where(kx == px // 2, -0.5, kx / px)[None, :]
    F *= np.exp(2j * np.pi * (fx * sx + fy * sy))
    return np.fft.irfft2(F, s=(py, px))[:ny, :nx]


def scene(ny, nx, sx, sy):
    y, x = np.mgrid[0:ny, 0:nx].astype(float)
    y = y - sy
    x = x - sx
    img = np.zeros((ny, nx))
    rng = np.random.default_rng(7)
    for cx, cy, r, t in zip(rng.uniform(6, 44, 14), rng.uniform(5, 32, 14), rng.uniform(1.2, 3.0, 14), rng.uniform(0.5, 1.5, 14)):
        img += t * np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * r * r))
    img += 0.05 * np.sin(0.9 * x + 0.3 * y) * np.cos(0.4 * x - 1.1 * y)
    return img


def main():
    ny, nx = 37, 50
    offsets = [(0.0, 0.0), (1.3, -0.6), (-2.25, 1.7), (0.4, 2.9), (-1.1, -1.45)]
    data = np.stack([scene(ny, nx, sx, sy) for sx, sy in offsets])
    data[3, 5, 7] = np.nan
    dx, dy, ref = compute_shifts(data)
    full_shift = stack_ref.fourier_shift
    stack_ref.fourier_shift = fourier_shift_half
    dxh, dyh, refh = compute_shifts(data)
    stack_ref.fourier_shift = full_shift
    assert refh == ref
    out = dict(
        note=f"made by python/ref_shifts.py (numpy {np.__version__}); do not edit",
        ny=ny, nx=nx, nE=len(offsets),
        data=[None if not np.isfinite(v) else float(v) for v in data.ravel()],
        planted=[[sx, sy] for sx, sy in offsets],
        reference=int(ref), dx=dx.tolist(), dy=dy.tolist(), dxHalf=dxh.tolist(), dyHalf=dyh.tolist(),
    )
    path = os.path.join(ROOT, "test", "fixtures", "stack", "ref_shifts.json")
    with open(path, "w") as f:
        json.dump(out, f)
    print(f"wrote {path}: reference {ref}, dx {np.round(dx, 4).tolist()}, dy {np.round(dy, 4).tolist()}; "
          f"full vs half spectrum: {max(np.abs(dx - dxh).max(), np.abs(dy - dyh).max()):.2e} px")


if __name__ == "__main__":
    main()
