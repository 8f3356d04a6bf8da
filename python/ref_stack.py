"""Reference outputs for edgeworks' STXM preprocessing (test/stack/reference.test.ts).

Generates a small seeded stack of counts inside the script, runs the same steps as
src/stack with numpy (I0 from a sample-free rectangle, optical density -ln(I/I0) with counts
<= 0 floored to 1, per-pixel normalisation: subtract the mean over the background range,
divide by the trapezoid area over the area range, brightness = trapezoid area over the
post-edge range; noise = population std over the background range; thresholded average
spectrum) and writes inputs and outputs as JSON to test/fixtures/stack/ref_stack.json.

Run:  /work/main/.venv/bin/python python/ref_stack.py
"""
import json
import os

import numpy as np

rng = np.random.default_rng(20170)
nE, ny, nx = 14, 6, 7
energies = np.concatenate([np.linspace(520.0, 535.0, 11), [540.0, 550.0, 560.0]])
dwell = np.full(nE, 1.0)
# thickness map: a particle in the left part, sample-free columns 5..6
yy, xx = np.mgrid[0:ny, 0:nx]
thick = np.clip(1.2 - 0.25 * ((yy - 2.5) ** 2 + (xx - 2.0) ** 2), 0, None)
thick[:, 5:] = 0.0
mu = 0.35 + 0.8 * np.exp(-0.5 * ((energies - 529.2) / 0.6) ** 2) + 0.9 * (0.5 + np.arctan((energies - 535.8) / 1.0) / np.pi)
i0_true = 3000.0 * (1 - 0.2 * np.exp(-(((energies - 531.2) / 1.2) ** 2)))
lam = i0_true[:, None, None] * np.exp(-thick[None] * mu[:, None, None])
counts = rng.poisson(lam).astype(np.float64)
counts[3, 1, 1] = 0.0  # a zero count, floored to 1
counts[7, 2, 3] = -2.0  # a negative count (e.g. dark-subtracted), floored to 1

region = dict(x0=5, y0=0, x1=7, y1=6)
i0 = counts[:, region["y0"]:region["y1"], region["x0"]:region["x1"]].reshape(nE, -1).mean(axis=1)
non_positive = int((counts <= 0).sum())
floored = np.where(counts <= 0, 1.0, counts)
od = -np.log(floored / i0[:, None, None])

bg_r, area_r, br_r = (520.0, 526.0), (525.0, 535.0), (535.0, 560.0)


def sel(r):
    return np.where((energies >= r[0]) & (energies <= r[1]))[0]


def trapz_seq(e, y):
    """Trapezoid rule, summed left to right like the TypeScript loop."""
    acc = np.zeros(y.shape[1:])
    for j in range(1, len(e)):
        acc = acc + (e[j] - e[j - 1]) * (y[j] + y[j - 1]) / 2
    return acc


bg = od[sel(bg_r)].mean(axis=0)
sub = od - bg[None]
area = trapz_seq(energies[sel(area_r)], sub[sel(area_r)])
brightness = trapz_seq(energies[sel(br_r)], sub[sel(br_r)])
norm = np.where(area[None] > 0, sub / np.where(area > 0, area, np.nan)[None], np.nan)

# pixel table (all pixels, y-then-x order, energies 520-535), noise = population std over 520-526
table_cols = sel((520.0, 535.0))
flat = norm.reshape(nE, -1).T  # pixels x energies
finite_rows = np.all(np.isfinite(flat[:, table_cols]), axis=1)
table = flat[finite_rows][:, table_cols]
bg_cols = np.where((energies[table_cols] >= 520) & (energies[table_cols] <= 526))[0]
noise = table[:, bg_cols].std(axis=1)
k = int(round(0.2 * table.shape[0]))
cutoff = np.sort(noise)[table.shape[0] - k - 1]
kept = (noise <= cutoff).astype(int)

# thresholded average spectrum: OD at 529.5 eV (nearest) minus mean over the free region > 0.3
ei = int(np.argmin(np.abs(energies - 529.5)))
img = od[ei]
bgv = img[region["y0"]:region["y1"], region["x0"]:region["x1"]].mean()
mask = (img - bgv > 0.3)
avg = od[:, mask].mean(axis=1)

out = dict(
    note="made by python/ref_stack.py (numpy %s); do not edit" % np.__version__,
    nE=nE, ny=ny, nx=nx,
    energies=energies.tolist(), dwell=dwell.tolist(),
    counts=counts.ravel().tolist(),
    region=region,
    i0=i0.tolist(),
    nonPositive=non_positive,
    od=od.ravel().tolist(),
    ranges=dict(background=bg_r, area=area_r, brightness=br_r),
    background=bg.ravel().tolist(),
    area=area.ravel().tolist(),
    brightness=brightness.ravel().tolist(),
    norm=[None if not np.isfinite(v) else v for v in norm.ravel().tolist()],
    tableRows=int(table.shape[0]),
    noise=noise.tolist(),
    noiseFraction=0.2,
    cutoff=float(cutoff),
    kept=kept.tolist(),
    threshold=dict(energy=529.5, threshold=0.3, energyIndex=ei, mask=mask.astype(int).ravel().tolist()),
    average=avg.tolist(),
)
path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "stack", "ref_stack.json")
with open(path, "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"))
    f.write("\n")
print("wrote", os.path.normpath(path), "rows", table.shape[0], "kept", kept.sum())
