/**
 * The photoelectron wavenumber k and its conversion from energy (larch's constants).
 * @module
 */

/**
 * ħ²·10²⁰/(2 mₑ e) in eV·Å²: E − E0 = KTOE·k² (CODATA 2018 via scipy, as larch). 3.80998… eV·Å².
 * @example
 * const k = Math.sqrt((e - e0) / KTOE); // Å⁻¹
 */
export const KTOE = 3.8099819442818976;

/**
 * χ(k): the EXAFS oscillations on a k grid (Å⁻¹), as {@link autobk} returns them and {@link xftf} takes them.
 * @example
 * const c: ChiK = { k: Float64Array.of(0, 0.05, 0.1), chi: Float64Array.of(0, 0.01, 0.02) };
 */
export interface ChiK {
  /** k in Å⁻¹, increasing. */
  readonly k: Float64Array;
  /** χ(k) (dimensionless, not k-weighted), same length. */
  readonly chi: Float64Array;
  /** Display name. */
  readonly name?: string;
}
