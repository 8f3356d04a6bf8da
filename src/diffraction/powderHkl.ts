/**
 * Miller indices: families of equivalent reflections (the Laue class of the space group, Friedel
 * pairs included), a conventional representative, and labels such as "(003)", "(-111)".
 * @module
 */
import type { SpaceGroup } from "./symmetry/spaceGroup";

/** Miller indices h, k, l. */
export type Hkl = [number, number, number];

/**
 * The distinct rotation parts of a group's operations with −1 added (the Laue group), acting on
 * row vectors of Miller indices: h' = h·W.
 * @example
 * laueRotations(spaceGroup("C 2/m")).length; // 4
 */
export function laueRotations(group: SpaceGroup): number[][] {
  const seen = new Map<string, number[]>();
  for (const op of group.operations) {
    for (const sign of [1, -1]) {
      const r = op.rotation.map((v) => sign * v);
      seen.set(r.join(","), r);
    }
  }
  return [...seen.values()];
}

/**
 * The reflections equivalent to h (including −h) under the Laue group.
 * @example
 * equivalentHkls([0, 0, 3], laueRotations(spaceGroup("R -3 m"))); // [[0,0,3], [0,0,-3]]
 */
export function equivalentHkls(h: readonly number[], rotations: readonly number[][]): Hkl[] {
  const out = new Map<string, Hkl>();
  for (const w of rotations) {
    const e: Hkl = [
      h[0] * w[0] + h[1] * w[3] + h[2] * w[6],
      h[0] * w[1] + h[1] * w[4] + h[2] * w[7],
      h[0] * w[2] + h[1] * w[5] + h[2] * w[8],
    ];
    out.set(e.join(","), e);
  }
  return [...out.values()];
}

/**
 * The conventional representative of a family: most non-negative indices, then l ≥ 0, k ≥ 0, then
 * the largest h, k, l — (104) rather than (01-4), (-111) rather than (11-1).
 * @example
 * representativeHkl([[1, 1, -1], [-1, 1, 1], [-1, -1, 1], [1, -1, -1]]); // [-1, 1, 1]
 */
export function representativeHkl(family: readonly Hkl[]): Hkl {
  const score = (h: Hkl) => [h.filter((v) => v >= 0).length, h[2] >= 0 ? 1 : 0, h[1] >= 0 ? 1 : 0, h[0], h[1], h[2]];
  let best = family[0];
  for (const h of family) {
    const a = score(h), b = score(best);
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        if (a[i] > b[i]) best = h;
        break;
      }
    }
  }
  return best;
}

/**
 * A label for Miller indices: "(003)", "(-111)", "(1 0 10)" when an index has two digits.
 * @example
 * hklLabel([1, 0, 4]);  // "(104)"
 * hklLabel([-1, 3, 1]); // "(-131)"
 */
export function hklLabel(h: readonly number[]): string {
  const wide = h.some((v) => Math.abs(v) >= 10);
  return `(${h.map(String).join(wide ? " " : "")})`;
}
