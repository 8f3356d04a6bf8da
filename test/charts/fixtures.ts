// Test helper: small, realistic inputs for the chart and map builders — a pixel table of six
// samples with a pixel size, fraction maps of three named end members, the end members as
// Spectra, PCA/NMF/LCF results computed by the library.
import { makePixelTable, type PixelTable } from "../../src/types/pixel-table";
import { makeSpectra, spectrumOf, type Spectra } from "../../src/types/spectra";
import { matrix, type Matrix } from "../../src/types/matrix";
import { pixelMaps, type PixelMaps } from "../../src/types/pixelMaps";
import { lcf, nmf, pca, type Endmembers, type LcfResult, type NmfResult, type PcaResult } from "../../src/decompose";

export const E = Float64Array.from({ length: 50 }, (_, i) => 520 + (15 * i) / 49);
const gauss = (c: number, w: number) => E.map((e) => Math.exp(-((e - c) ** 2) / (2 * w * w)));
export const MEMBER_NAMES = ["1 reduced LMR-NMC", "2 oxidised LMR-NMC", "3 carbon/binder"];
/** Three end members `[3, 50]`: peaks at 529.3, 530.8 and 533 eV on an edge step. */
export const members: Spectra<"member"> = makeSpectra({
  energies: E,
  values: [529.3, 530.8, 533].map((c) => gauss(c, 0.7).map((v, i) => v + (E[i] > 532 ? 0.5 : 0))),
  names: MEMBER_NAMES,
  dim: "member",
});

/** Six samples of 40 × 60 pixels (0.04 µm), a particle each; per pixel a mix of the members. */
export function plateau(): { T: PixelTable; W: Matrix<"pixel", "member">; maps: PixelMaps } {
  const names = [131, 179, 230, 257, 280, 311].map((c) => `${c} mAh/g`);
  const sample: number[] = [], x: number[] = [], y: number[] = [], brightness: number[] = [], w: number[] = [];
  names.forEach((_, s) => {
    for (let j = 0; j < 40; j++) for (let i = 0; i < 60; i++) {
      const d = Math.hypot(i - 30, j - 20);
      if (d > 17) continue;
      const ox = Math.min(1, Math.max(0, s / 5 + (i - 30) / 130));
      sample.push(s); x.push(i); y.push(j); brightness.push(1 - d / 20);
      w.push(0.9 * (1 - ox), 0.9 * ox, 0.1);
    }
  });
  const n = sample.length;
  const W = matrix(Float64Array.from(w), n, 3, ["pixel", "member"] as const);
  const data = new Float64Array(n * E.length);
  for (let r = 0; r < n; r++) for (let e = 0; e < E.length; e++) {
    let v = 0;
    for (let k = 0; k < 3; k++) v += w[r * 3 + k] * members.data[k * E.length + e];
    data[r * E.length + e] = v * brightness[r] + 0.002 * Math.sin(r * 7.1 + e * 1.3);
  }
  const T = makePixelTable({ data, nPixels: n, nE: E.length, energies: E, sample, x, y, brightness,
    samples: names.map((name) => ({ name, ny: 40, nx: 60, pixelSize: [0.04, 0.04] as const })) });
  return { T, W, maps: pixelMaps(T, W, MEMBER_NAMES, "fraction") };
}

let cache: { T: PixelTable; W: Matrix<"pixel", "member">; maps: PixelMaps; p: PcaResult; nm: NmfResult; em: Endmembers; fit: LcfResult } | undefined;

/** The plateau with its PCA (k = 3), NMF (k = 3), end members (clusters of purest pixels) and an LCF of one pixel. */
export function results() {
  if (cache) return cache;
  const { T, W, maps } = plateau();
  const p = pca(T, { k: 3 });
  const nm = nmf(T, { k: 3, maxIter: 50, clipNegative: true });
  const clusters = [0, 1, 2].map((k) => Int32Array.from({ length: 40 }, (_, i) => i).map((i) => {
    let best = 0; // the i-th pixel whose weight of member k is largest (deterministic)
    for (let r = 0, seen = 0; r < T.nPixels; r++) if (W.data[r * 3 + k] >= 0.85 && seen++ === i) { best = r; break; }
    return best;
  }));
  const em: Endmembers = { kind: "endmembers", members, std: members, clusters, purity: new Float64Array(3), refined: 0 };
  const spectrum = { energies: E, values: Float64Array.from(E, (_, e) => 0.6 * members.data[e] + 0.4 * members.data[E.length + e] + 0.01 * Math.sin(3.7 * e)), name: "average", unit: "" };
  const fit = lcf(spectrum, members);
  cache = { T, W, maps, p, nm, em, fit };
  return cache;
}

export { spectrumOf };
