/**
 * Intensity ratios of reflections, such as I(003)/I(104) of layered oxides (Li/Ni exchange).
 * @module
 */
import { checkOptions } from "../util/checkOptions";
import { equivalentHkls, laueRotations } from "./powderHkl";
import type { PowderPattern, Reflection } from "./powderPattern";

/**
 * The reflection family containing h (any equivalent indices), or undefined when it is absent
 * or outside the pattern's range.
 * @example
 * findReflection(p, [1, 0, 4])?.twoTheta; // 44.5
 */
export function findReflection(pattern: PowderPattern, hkl: readonly number[]): Reflection | undefined {
  const keys = new Set(equivalentHkls(hkl, laueRotations(pattern.contents.spaceGroup)).map((h) => h.join(",")));
  return pattern.reflections.find((r) => keys.has(r.hkl.join(",")));
}

/**
 * I(a)/I(b) of two reflections of a pattern: with `peak: true` (default) the whole peak each
 * lies in (all families at the same d, as a measurement sees them), else the families alone.
 *
 * @throws Error naming the reflection when it is systematically absent or outside the 2θ range.
 * @example
 * intensityRatio(p, [0, 0, 3], [1, 0, 4]); // ≈ 1.49 for LiCoO2 (Cu Kα1)
 */
export function intensityRatio(pattern: PowderPattern, a: readonly number[], b: readonly number[], options: { peak?: boolean } = {}): number {
  checkOptions("intensityRatio", options, ["peak"]);
  const value = (h: readonly number[]) => {
    const r = findReflection(pattern, h);
    if (!r) throw new Error(`intensityRatio: reflection (${h.join(" ")}) is absent or outside ${pattern.twoThetaRange[0]}–${pattern.twoThetaRange[1]}° 2θ in ${pattern.name}`);
    if (options.peak === false) return r.intensity;
    const i = pattern.reflections.indexOf(r);
    return pattern.peaks.find((p) => p.reflections.includes(i))!.intensity;
  };
  return value(a) / value(b);
}
