/**
 * WebAssembly SIMD emitters for the W half of a scikit-learn `cd` NMF iteration (internal to
 * edgeworks/linalg): {@link cdRows} updates rows of W, {@link nmfBlock} runs it with the XᵀW
 * and WᵀW accumulation over a block of rows, chunk by chunk.
 * @module
 */
import { Fn, I32, F64, V128 } from "./wasmAsm";

/** Row pairs (the two f64x2 lanes) in flight: more hides the division latency of the updates, until registers run out (measured). */
const pairsFor = (k: number): number => (k <= 5 ? 3 : 2);

/**
 * cdRows{k}(pX, m, E, pH, pHHt, pW, pAcc, pZero): for the m rows x of a chunk (stride E), the
 * coordinate-descent update of the matching rows of W [m, k]: xh = H x (f64x2 over energy
 * pairs, then the odd tail), then for t = 0..k−1: grad = −xh_t + Σ_r HHᵀ_tr w_r;
 * violation += |w_t = 0 ? min(0, grad) : grad|; w_t = max(w_t − grad / HHᵀ_tt, 0) (kept when
 * HHᵀ_tt = 0). pAcc[0] += violation. Two rows run in the two lanes of each vector, two or three
 * such pairs at a time; rows past m read the zero row at pZero (E zeros, then k zeros for W) and
 * contribute exactly nothing. (`P` pairs and the energy-loop `unroll` change no result.)
 */
export function cdRows(k: number, P = pairsFor(k), unroll = 1, name = `cdRows${k}`): Fn {
  const f = new Fn(name, ["pX", "m", "E", "pH", "pHHt", "pW", "pAcc", "pZero"]);
  f.local("i", I32).local("j", I32).local("E2", I32).local("E4", I32).local("stride", I32).local("kb", I32).local("row", I32);
  f.local("pa", I32).local("pb", I32).local("zw", I32);
  for (let q = 0; q < P; q++) f.local(`xa${q}`, I32).local(`xb${q}`, I32).local(`wa${q}`, I32).local(`wb${q}`, I32);
  for (let t = 0; t < k; t++) f.local(`hb${t}`, I32);
  for (let c = 0; c < 4; c++) f.local(`ph${c}`, I32);
  for (let c = 0; c < 4; c++) f.local(`sa${c}`, V128).local(`sb${c}`, V128);
  f.local("va", V128).local("vb", V128).local("hv", V128).local("viol", V128).local("zero", V128);
  for (let q = 0; q < P; q++) {
    for (let t = 0; t < k; t++) f.local(`r${q}_${t}`, V128).local(`w${q}_${t}`, V128);
    f.local(`g${q}`, V128).local(`c${q}`, V128);
  }
  for (let t = 0; t < k; t++) f.local(`mask${t}`, V128);

  f.get("E").i32(-2).op(0x71).set("E2");
  f.get("E").i32(-4).op(0x71).set("E4");
  f.get("E").i32(3).op(0x74).set("stride");
  f.i32(8 * k).set("kb");
  f.get("pZero").get("stride").op(0x6a).set("zw");
  for (let t = 0; t < k; t++) f.get("pH").i32(t * 8).get("E").op(0x6c).op(0x6a).set(`hb${t}`);
  f.vzero().set("zero").vzero().set("viol");
  for (let t = 0; t < k; t++) f.get("pHHt").vsplat(8 * (t * k + t)).get("zero").fne().set(`mask${t}`);

  /** row pointers of pair q for the group starting at row i (rows ≥ m → the zero row) */
  const pointers = (q: number): void => {
    for (const [x, w, d] of [[`xa${q}`, `wa${q}`, 2 * q], [`xb${q}`, `wb${q}`, 2 * q + 1]] as const) {
      f.get("i").i32(d).op(0x6a).set("row");
      f.get("pX").get("row").get("stride").op(0x6c).op(0x6a).get("pZero").get("row").get("m").op(0x48).op(0x1b).set(x);
      f.get("pW").get("row").get("kb").op(0x6c).op(0x6a).get("zw").get("row").get("m").op(0x48).op(0x1b).set(w);
    }
  };
  /** r{q}_t = (xa · H_t, xb · H_t) for t in [c0, c0 + nc) */
  const dots = (q: number, c0: number, nc: number): void => {
    for (let c = 0; c < nc; c++) f.vzero().set(`sa${c}`).vzero().set(`sb${c}`).get(`hb${c0 + c}`).set(`ph${c}`);
    f.get(`xa${q}`).set("pa").get(`xb${q}`).set("pb");
    const step = (off: number): void => {
      f.get("pa").vload(off).set("va");
      f.get("pb").vload(off).set("vb");
      for (let c = 0; c < nc; c++) {
        f.get(`ph${c}`).vload(off).set("hv");
        f.get("va").get("hv").fmul().get(`sa${c}`).fadd().set(`sa${c}`);
        f.get("vb").get("hv").fmul().get(`sb${c}`).fadd().set(`sb${c}`);
      }
    };
    const advance = (by: number): void => {
      f.inc("pa", by).inc("pb", by);
      for (let c = 0; c < nc; c++) f.inc(`ph${c}`, by);
    };
    if (unroll === 2) {
      f.forLt("j", 0, "E4", 4, () => { step(0); step(16); advance(32); });
      f.get("E4").get("E2").op(0x48).ifThen(() => { step(0); advance(16); });
    } else {
      f.forLt("j", 0, "E2", 2, () => { step(0); advance(16); });
    }
    // (a.lane0 + a.lane1, b.lane0 + b.lane1), as the scalar lane sum of each row
    for (let c = 0; c < nc; c++) {
      f.get(`sa${c}`).get(`sb${c}`).simd(0x0d, ...[0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]);
      f.get(`sa${c}`).get(`sb${c}`).simd(0x0d, ...[8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31]);
      f.fadd().set(`r${q}_${c0 + c}`);
    }
    f.get("E2").get("E").op(0x48).ifThen(() => {
      f.get("pa").f64load().fsplat().get("pb").f64load().simd(0x22, 1).set("va");
      for (let c = 0; c < nc; c++) {
        f.get(`r${q}_${c0 + c}`).get("va").get(`ph${c}`).vsplat().fmul().fadd().set(`r${q}_${c0 + c}`);
      }
    });
  };

  f.forLt("i", 0, "m", 2 * P, () => {
    for (let q = 0; q < P; q++) pointers(q);
    for (let q = 0; q < P; q++) for (let c0 = 0; c0 < k; c0 += 4) dots(q, c0, Math.min(4, k - c0));
    for (let q = 0; q < P; q++) {
      for (let t = 0; t < k; t++) f.get(`wa${q}`).vsplat(8 * t).set(`w${q}_${t}`).get(`wb${q}`).get(`w${q}_${t}`).vloadLane(1, 8 * t).set(`w${q}_${t}`);
    }
    for (let t = 0; t < k; t++) {
      for (let q = 0; q < P; q++) {
        // grad = −xh_t + Σ_r HHᵀ_tr w_r   (scikit-learn's summation order)
        f.get(`r${q}_${t}`).simd(0xed /* neg */);
        for (let r = 0; r < k; r++) f.get("pHHt").vsplat(8 * (t * k + r)).get(`w${q}_${r}`).fmul().fadd();
        f.set(`g${q}`);
        f.get(`w${q}_${t}`).set(`c${q}`);
      }
      for (let q = 0; q < P; q++) {
        // violation += |cur == 0 ? min(0, grad) : grad|
        f.get("viol");
        f.get("zero").get(`g${q}`).pmin().get(`g${q}`).get(`c${q}`).get("zero").feq().bitselect().fabs();
        f.fadd().set("viol");
        // w_t = HHᵀ_tt ≠ 0 ? max(cur − grad / HHᵀ_tt, 0) : cur
        f.get("zero").get(`c${q}`).get(`g${q}`).get("pHHt").vsplat(8 * (t * k + t)).fdiv().fsub().pmax();
        f.get(`c${q}`).get(`mask${t}`).bitselect().set(`w${q}_${t}`);
      }
    }
    for (let q = 0; q < P; q++) {
      for (let t = 0; t < k; t++) {
        f.get(`wa${q}`).get(`w${q}_${t}`).vstoreLane(0, 8 * t);
        f.get(`wb${q}`).get(`w${q}_${t}`).vstoreLane(1, 8 * t);
      }
    }
  });
  f.get("pAcc").get("pAcc").f64load().get("viol").lane(0).get("viol").lane(1).op(0xa0).op(0xa0).f64store();
  return f;
}

/**
 * nmfBlock{k}(pX, n, E, pH, pHHt, pW, pAcc, pZero, pXtW, pWtW, ch): the W half of a cd
 * iteration over n rows, in chunks of ch rows: {@link cdRows} then XtW += X_chunkᵀ W_chunk
 * ([k, E]) and WtW += W_chunkᵀ W_chunk ([k, k]) with the atb kernel.
 */
export function nmfBlock(k: number): Fn {
  const f = new Fn(`nmfBlock${k}`, ["pX", "n", "E", "pH", "pHHt", "pW", "pAcc", "pZero", "pXtW", "pWtW", "ch"]);
  f.local("r0", I32).local("m", I32).local("px", I32).local("pw", I32);
  f.forLt("r0", 0, "n", "ch", () => {
    f.get("n").get("r0").op(0x6b).set("m");
    f.get("ch").get("m").get("ch").get("m").op(0x48).op(0x1b).set("m"); // min(ch, n − r0)
    f.get("pX").get("r0").get("E").op(0x6c).i32(3).op(0x74).op(0x6a).set("px");
    f.get("pW").get("r0").i32(8 * k).op(0x6c).op(0x6a).set("pw");
    f.get("px").get("m").get("E").get("pH").get("pHHt").get("pw").get("pAcc").get("pZero").call(`cdRows${k}`);
    f.get("px").get("m").get("E").get("pw").get("pXtW").call(`atb${k}`);
    f.get("pw").get("m").i32(k).get("pw").get("pWtW").call(`atb${k}`);
  });
  return f;
}

/** i32 words per block in the {@link nmfQueue} table: the 11 arguments of {@link nmfBlock}. */
export const BLOCK_ARGS = 11;

/**
 * nmfQueue{k}(pCounter, pTable, nBlocks): take block numbers b = counter++ (atomically) until
 * b ≥ nBlocks and run nmfBlock{k} with the arguments at pTable + 4·BLOCK_ARGS·b — so the threads
 * sharing a memory split the blocks by speed (shared memories only).
 */
export function nmfQueue(k: number): Fn {
  const f = new Fn(`nmfQueue${k}`, ["pCounter", "pTable", "nBlocks"]);
  f.local("b", I32).local("p", I32);
  f.op(0x02, 0x40, 0x03, 0x40); // block, loop
  f.get("pCounter").i32(1).atomicAdd().tee("b").get("nBlocks").op(0x4e /* ge_s */, 0x0d, 1); // br_if exit
  f.get("pTable").get("b").i32(4 * BLOCK_ARGS).op(0x6c).op(0x6a).set("p");
  for (let a = 0; a < BLOCK_ARGS; a++) f.get("p").i32load(4 * a);
  f.call(`nmfBlock${k}`);
  f.op(0x0c, 0, 0x0b, 0x0b); // br loop; end loop; end block
  return f;
}

/**
 * resid{k}(pX, m, E, pW, wStride, pH, pOut): pOut[0] += Σ_i Σ_j (X[i, j] − Σ_t W[i, t] H[t, j])²
 * over m rows (W rows `wStride` bytes apart: 0 repeats one row, e.g. zeros for ‖X‖²).
 */
export function resid(k: number): Fn {
  const f = new Fn(`resid${k}`, ["pX", "m", "E", "pW", "wStride", "pH", "pOut"]);
  f.local("i", I32).local("j", I32).local("E2", I32).local("px", I32).local("pw", I32).local("o", I32);
  f.local("acc", V128).local("v", V128);
  for (let t = 0; t < k; t++) f.local(`w${t}`, V128).local(`hb${t}`, I32);
  f.local("tail", F64).local("s", F64);
  f.get("E").i32(-2).op(0x71).set("E2");
  for (let t = 0; t < k; t++) f.get("pH").i32(8 * t).get("E").op(0x6c).op(0x6a).set(`hb${t}`);
  f.vzero().set("acc").f64zero().set("tail");
  f.get("pX").set("px").get("pW").set("pw");
  f.forLt("i", 0, "m", 1, () => {
    for (let t = 0; t < k; t++) f.get("pw").vsplat(8 * t).set(`w${t}`);
    f.forLt("j", 0, "E2", 2, () => {
      f.get("j").i32(3).op(0x74).set("o");
      f.get("px").get("o").op(0x6a).vload();
      for (let t = 0; t < k; t++) f.get(`w${t}`).get(`hb${t}`).get("o").op(0x6a).vload().fmul().fsub();
      f.tee("v").get("v").fmul().get("acc").fadd().set("acc");
    });
    f.get("E2").get("E").op(0x48).ifThen(() => {
      f.get("E2").i32(3).op(0x74).set("o");
      f.get("px").get("o").op(0x6a).f64load();
      for (let t = 0; t < k; t++) f.get(`w${t}`).lane(0).get(`hb${t}`).get("o").op(0x6a).f64load().op(0xa2).op(0xa1);
      f.set("s").get("s").get("s").op(0xa2).get("tail").op(0xa0).set("tail");
    });
    f.get("px").get("E").i32(3).op(0x74).op(0x6a).set("px");
    f.inc("pw", "wStride");
  });
  f.get("pOut").get("pOut").f64load().get("acc").lane(0).get("acc").lane(1).op(0xa0).get("tail").op(0xa0).op(0xa0).f64store();
  return f;
}

/**
 * residQueue{k}(pCounter, pTable, nBlocks, zeroW): like {@link nmfQueue}, but runs resid{k} on
 * each block (X, rows, E, H from the nmfBlock arguments; W from them or, with zeroW, the zero row)
 * into the block's violation word.
 */
export function residQueue(k: number): Fn {
  const f = new Fn(`residQueue${k}`, ["pCounter", "pTable", "nBlocks", "zeroW"]);
  f.local("b", I32).local("p", I32);
  f.op(0x02, 0x40, 0x03, 0x40);
  f.get("pCounter").i32(1).atomicAdd().tee("b").get("nBlocks").op(0x4e, 0x0d, 1);
  f.get("pTable").get("b").i32(4 * BLOCK_ARGS).op(0x6c).op(0x6a).set("p");
  f.get("p").i32load(0).get("p").i32load(4).get("p").i32load(8);
  f.get("p").i32load(28).get("p").i32load(20).get("zeroW").op(0x1b); // W: the zero row or the block's rows
  f.i32(0).i32(8 * k).get("zeroW").op(0x1b);
  f.get("p").i32load(12).get("p").i32load(24);
  f.call(`resid${k}`);
  f.op(0x0c, 0, 0x0b, 0x0b);
  return f;
}
