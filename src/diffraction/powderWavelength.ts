/**
 * X-ray tube lines and how a wavelength option is read: a number in Å, or a line name.
 * @module
 */

/**
 * Characteristic lines in Å (Kα1, Kα2 and the weighted Kα = (2·Kα1 + Kα2)/3), the values of
 * International Tables Vol. C (Table 4.2.2.1) as pymatgen tabulates them, except Cu Kα1, which
 * is 1.5406 Å as the papers here quote it (pymatgen: 1.54056).
 */
export const WAVELENGTHS: Readonly<Record<string, number>> = {
  CuKa1: 1.5406, CuKa2: 1.54439, CuKa: 1.54184,
  MoKa1: 0.7093, MoKa2: 0.71359, MoKa: 0.71073,
  CoKa1: 1.78897, CoKa2: 1.79285, CoKa: 1.79026,
  FeKa1: 1.93604, FeKa2: 1.93998, FeKa: 1.93735,
  CrKa1: 2.2897, CrKa2: 2.29361, CrKa: 2.291,
  AgKa1: 0.559421, AgKa2: 0.563813, AgKa: 0.560885,
};

/** A wavelength: Å, or the name of a line in {@link WAVELENGTHS} ("CuKa1", "MoKa", …). */
export type Wavelength = number | string;

/**
 * The wavelength in Å of a {@link Wavelength}, and the Kα2 line of the same tube when it is a Kα1 line.
 * @throws Error `powderPattern: unknown wavelength "CuKb"; expected Å or one of CuKa1, …`.
 * @example
 * resolveWavelength("CuKa1");  // { wavelength: 1.5406, alpha2: 1.54439, name: "Cu Kα1" }
 * resolveWavelength(0.459);    // { wavelength: 0.459, name: "0.459 Å" }
 */
export function resolveWavelength(w: Wavelength, fn = "powderPattern"): { wavelength: number; alpha2?: number; name: string } {
  if (typeof w === "number") {
    if (!(Number.isFinite(w) && w > 0 && w < 100)) throw new RangeError(`${fn}: option wavelength must be a positive length in Å, got ${w}`);
    return { wavelength: w, name: `${w} Å` };
  }
  const key = Object.keys(WAVELENGTHS).find((k) => k.toLowerCase() === String(w).replace(/[\s_-]/g, "").replace(/α/g, "a").toLowerCase());
  if (key === undefined) throw new Error(`${fn}: unknown wavelength "${w}"; expected a length in Å or one of ${Object.keys(WAVELENGTHS).join(", ")}`);
  const name = key.replace(/Ka(\d?)$/, (_, d: string) => ` Kα${d}`);
  const alpha2 = key.endsWith("Ka1") ? WAVELENGTHS[key.replace(/1$/, "2")] : undefined;
  return { wavelength: WAVELENGTHS[key], name, ...(alpha2 !== undefined ? { alpha2 } : {}) };
}
