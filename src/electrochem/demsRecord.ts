/**
 * The shape of a mass-spectrometer record for DEMS: time and one column per channel (m/z).
 * @module
 */

/** A mass-spectrometer (DEMS) record as read from its software's export. */
export interface DemsRecord {
  /** Path of the file read. */
  file: string;
  /** Number of rows. */
  nPoints: number;
  /** Time since the first scan, s; non-decreasing. Shape (nPoints). */
  time: Float64Array;
  /** Each channel by its written name (e.g. "mass 32"), in the unit written (see `units`). Shape (nPoints) each. */
  channels: Record<string, Float64Array>;
  /** Unit of each channel as the header states it (e.g. "A", "Torr"), "" when not stated. */
  units: Record<string, string>;
  /** Header facts (key → value) as written, and `timeColumn`, `timeUnit`. */
  metadata: Record<string, string | number>;
  /** What the reader noticed, one sentence each. */
  warnings: string[];
}

/** Gas evolution rates, one column per species. */
export interface GasRates {
  /** Time, s, on the clock of the cycler record (after any offset). Shape (n). */
  time: Float64Array;
  /** Rate of each species, nmol/min (per mg when `perMg`). Shape (n) each. */
  rates: Record<string, Float64Array>;
  /** Whether the rates are divided by the active mass (nmol min⁻¹ mg⁻¹). */
  perMg: boolean;
}
