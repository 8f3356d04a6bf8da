/**
 * Rich-display views of the analysis results: PCA, NMF, end members, per-pixel NNLS and LCF.
 * @module
 */
import { isPixelTable } from "../src/types/pixel-table";
import type { PcaResult } from "../src/decompose/pca";
import type { NmfResult } from "../src/decompose/nmf";
import type { Endmembers } from "../src/decompose/suggestEndmembers";
import type { NnlsPixelsResult } from "../src/decompose/nnlsPixels";
import type { LcfResult } from "../src/decompose/lcf";
import { View, int, num, pct, extent, percentile, count, energyRange, uniqueNames, screeChart, spectraChart, lcfChart, fractionsChart } from "./richView";
/** PCA: pixels × energies, k, centring, variance of the first components, the suggestion; the scree chart. */
export function pcaView(p: PcaResult): View {
  const cum = p.cumulativeVarianceRatio;
  const facts: [string, string][] = [
    ["pixels × energies", `${int(p.nPixels)} × ${int(p.nE)}`],
    ["components kept (k)", String(p.k)],
    ["centred", p.center ? "yes (mean spectrum subtracted)" : "no"],
  ];
  for (let i = 0; i < Math.min(3, cum.length); i++) facts.push([i === 0 ? "variance explained by PC1" : `… by PC1–${i + 1}`, pct(cum[i])]);
  const s = p.suggestion;
  facts.push(["suggested components", `${s.nComponents} (scree elbow ${s.elbow}, Malinowski IND ${s.ind})`]);
  facts.push(["scores", p.scores ? `${int(p.scores.nRows)} × ${int(p.scores.nCols)}` : "not computed"]);
  return {
    title: "PcaResult",
    headline: `${count(p.nPixels, "pixel", "pixels")} × ${count(p.nE, "energy", "energies")}, ${s.nComponents} suggested`,
    facts,
    notes: [s.reasoning],
    chart: () => screeChart(p),
    chartText: `scree chart: explained variance ratio of the first ${count(Math.min(20, p.explainedVarianceRatio.length), "component", "components")} (log scale), ${s.nComponents} suggested`,
  };
}

/** NMF: k, iterations, stop reason, reconstruction error; the component spectra. */
export function nmfView(r: NmfResult): View {
  const stop = r.converged ? "converged" : r.stopReason === "maxIter" ? "stopped at maxIter (not converged)" : `stopped by ${r.stopReason} (not converged)`;
  return {
    title: "NmfResult",
    headline: `${count(r.nPixels, "pixel", "pixels")} × ${count(r.nE, "energy", "energies")}, k = ${r.k}, ${r.converged ? "converged" : "not converged"}`,
    facts: [
      ["pixels × energies", `${int(r.nPixels)} × ${int(r.nE)}`],
      ["components (k)", String(r.k)],
      ["solver / init", `${r.solver} / ${r.init}${r.init === "random" ? ` (seed ${r.seed})` : ""}`],
      ["iterations", `${int(r.nIter)} of at most ${int(r.maxIter)} (tol ${num(r.tol)})`],
      ["stop", stop],
      ["reconstruction error ‖X − WH‖_F", `${num(r.reconstructionError)} (initial ${num(r.initialError)})`],
    ],
    chart: () => spectraChart(r.H, "NMF component spectra"),
    chartText: `chart: the ${r.k} component spectra (${r.H.names.join(", ")})`,
  };
}

/** End members: the member spectra and a table of name, cluster size, purity. */
export function endmembersView(em: Endmembers): View {
  const m = em.members;
  const facts: [string, string][] = [
    ["members", String(m.nRows)],
    ["energies", energyRange(m.energies)],
    ["refinement rounds", String(em.refined)],
  ];
  if (em.vca) facts.push(["VCA", `${em.vca.projection} projection, SNR ${num(em.vca.snr, 3)} dB`]);
  return {
    title: "Endmembers",
    headline: `${m.nRows} members: ${m.names.join(", ")}`,
    facts,
    tables: [{
      columns: ["member", "cluster size (pixels)", "purity"],
      rows: m.names.map((n, i) => [n, int(em.clusters[i]?.length ?? NaN), Number.isFinite(em.purity[i]) ? em.purity[i].toFixed(3) : "—"]),
    }],
    notes: em.refined === 0 ? ["Purity is the mean abundance of a member over its own cluster after refinement; — when there was none."] : [],
    chart: () => spectraChart(m, "End members"),
    chartText: `chart: the ${m.nRows} member spectra`,
  };
}

/** Which sample each fitted row belongs to, found from the result's maps; null (with the reason) when it cannot be told. */
function rowSamples(r: NnlsPixelsResult): { sample: Int32Array; names: string[] } | { reason: string } {
  const table = r.table;
  if (isPixelTable(table) && table.nPixels === r.nPixels) return { sample: table.sample, names: table.samples.map((s) => s.name) };
  return { reason: "the input was a plain matrix, not a PixelTable" };
}

/** Per-pixel NNLS: phase fractions (per sample when it can tell the samples), residual summary, counts. */
export function nnlsPixelsView(r: NnlsPixelsResult): View {
  const k = r.k;
  const extra = new Set(r.extraneous);
  const phases = r.names.map((_, i) => i).filter((i) => !extra.has(i));
  const F = r.fractions.data;
  // one pass: per group (sample, or 0 for all) the pixel count, Σ phase total and Σ fraction·total
  const weighted = (group: Int32Array | null, nGroups: number): { n: number; f: number[] }[] => {
    const n = new Float64Array(nGroups), tot = new Float64Array(nGroups), acc = new Float64Array(nGroups * k);
    const P = r.phaseTotal;
    for (let row = 0; row < r.nPixels; row++) {
      const g = group ? group[row] : 0;
      n[g]++;
      const t = P[row];
      if (!(t > 0)) continue;
      tot[g] += t;
      for (let j = 0; j < phases.length; j++) acc[g * k + phases[j]] += F[row * k + phases[j]] * t;
    }
    return Array.from({ length: nGroups }, (_, g) => ({ n: n[g], f: phases.map((m) => (tot[g] > 0 ? acc[g * k + m] / tot[g] : NaN)) }));
  };
  const columns = ["sample", "pixels", ...phases.map((m) => r.names[m])];
  const tableRows: string[][] = [];
  const labels: string[] = [];
  const values: number[][] = [];
  const notes: string[] = [];
  const samples = rowSamples(r);
  const add = (label: string, w: { n: number; f: number[] }): void => {
    tableRows.push([label, int(w.n), ...w.f.map(pct)]);
    labels.push(label);
    values.push(w.f);
  };
  if ("sample" in samples) weighted(samples.sample, samples.names.length).forEach((w, s) => add(samples.names[s], w));
  else notes.push(`Per-sample fractions are not shown: ${samples.reason}.`);
  add("all pixels", weighted(null, 1)[0]);
  notes.push("Fractions: per sample, the mean phase fraction of each member weighted by the pixel's phase total (Σ of non-extraneous weights), i.e. Σ weight / Σ phase total." +
    (r.extraneous.length ? ` Extraneous (fitted, not a phase): ${r.extraneous.map((i) => r.names[i]).join(", ")}.` : ""));
  const res = r.residualNorm;
  let mean = 0;
  for (let i = 0; i < res.length; i++) mean += res[i];
  mean /= Math.max(res.length, 1);
  const ex = extent(res);
  return {
    title: "NnlsPixelsResult",
    headline: `${int(r.nPixels)} pixels, ${k} members: ${r.names.join(", ")}`,
    warnings: r.nNotConverged > 0 ? [`${int(r.nNotConverged)} pixels hit the iteration limit of the active-set solve`] : [],
    facts: [
      ["pixels", int(r.nPixels)],
      ["members", r.names.map((n, i) => (extra.has(i) ? `${n} (extraneous)` : n)).join(", ")],
      ["sum to one", r.sumToOne ? "yes" : "no"],
      ["residual ‖x − Σwe‖₂", res.length ? `mean ${num(mean)}, median ${num(percentile(res, 50))}, 95th percentile ${num(percentile(res, 95))}, max ${ex ? num(ex[1]) : "—"}` : "—"],
      ["not converged", int(r.nNotConverged)],
      ["no phase (fractions 0)", int(r.nNoPhase)],
    ],
    tables: [{ caption: "Phase fractions", columns, rows: tableRows }],
    notes,
    chart: phases.length ? () => fractionsChart(uniqueNames(labels), uniqueNames(phases.map((m) => r.names[m])), values) : undefined,
    chartText: phases.length ? `chart: the phase fractions of ${labels.length === 1 ? "all pixels" : "each sample"}` : undefined,
  };
}

/** LCF: weights ± uncertainties, R-factor, reduced χ²; the fit chart. */
export function lcfView(r: LcfResult): View {
  const facts: [string, string][] = [
    ["spectrum", `${r.spectrum.name || "(unnamed)"}, ${energyRange(r.energies)}`],
    ["R-factor", num(r.rFactor)],
    ["reduced χ²", num(r.reducedChi2)],
    ["χ²", num(r.chi2)],
    ["points / free parameters", `${int(r.nPoints)} / ${r.nVarys}`],
    ["Σ weights", num(r.sum)],
    ["constraints", [r.nonNegative ? "non-negative" : "", r.sumToOne ? "sum to one" : ""].filter(Boolean).join(", ") || "none"],
  ];
  if (r.shift !== 0) facts.push(["energy shift", `${num(r.shift)} eV`]);
  return {
    title: "LcfResult",
    headline: r.names.map((n, i) => `${num(r.weights[i], 3)} × ${n}`).join(" + ") + `, R = ${num(r.rFactor, 3)}`,
    facts,
    tables: [{ columns: ["reference", "weight", "± 1σ"], rows: r.names.map((n, i) => [n, num(r.weights[i]), num(r.uncertainties[i])]) }],
    chart: () => lcfChart(r),
    chartText: "chart: data, fit, weighted references and residual",
  };
}
