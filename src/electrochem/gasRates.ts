/**
 * Calibrated gas evolution rates from mass-spectrometer channels.
 * @module
 */
import type { DemsRecord, GasRates } from "./demsRecord";
import { checkOptions } from "../util/checkOptions";
import { checkMass } from "./checkCycler";

/** How one gas is measured: which channel, and its calibration factor. */
export interface GasCalibration {
  /** Channel name in the record, e.g. "mass 32". */
  channel: string;
  /** Rate per unit of signal, nmol min⁻¹ per channel unit (e.g. per A of ion current), from a calibration gas. */
  factor: number;
}

/** Options of {@link gasRates}. */
export interface GasRatesOptions {
  /** Seconds to add to the mass-spectrometer time to put it on the cycler's clock (MS time of cycler t = 0, negated). @default 0 */
  offset?: number;
  /** Divide by the active mass (mg) to give nmol min⁻¹ mg⁻¹. @default none */
  mass?: number;
}

/**
 * Gas evolution rates (nmol/min, or nmol min⁻¹ mg⁻¹ with `mass`) from a mass-spectrometer
 * record: each species' channel times its calibration factor. Background is not removed here
 * (see {@link subtractBaseline} and {@link analyzeDems}).
 *
 * @param record - a {@link DemsRecord} (readDemsCsv).
 * @param calibration - by species name, the channel and factor, e.g. `{ O2: { channel: "mass 32", factor: 2.4e11 } }`.
 * @param options - {@link GasRatesOptions}.
 * @returns {@link GasRates}.
 * @throws Error naming an unknown channel (and listing the record's), a factor that is not a finite number > 0, a mass ≤ 0.
 * @example
 * const gas = gasRates(readDemsCsv("dems.csv"), { O2: { channel: "mass 32", factor: 2.4e11 }, CO2: { channel: "mass 44", factor: 1.9e11 } });
 */
export function gasRates(record: DemsRecord, calibration: Record<string, GasCalibration>, options: GasRatesOptions = {}): GasRates {
  const fn = "gasRates";
  checkOptions(fn, options, ["offset", "mass"]);
  if (!record || !(record.time instanceof Float64Array)) throw new TypeError(`${fn}: record must be a DemsRecord (readDemsCsv)`);
  if (!calibration || typeof calibration !== "object" || Object.keys(calibration).length === 0) throw new TypeError(`${fn}: calibration must name at least one species, e.g. { O2: { channel: "mass 32", factor: 2.4e11 } }`);
  const offset = options.offset ?? 0;
  if (!Number.isFinite(offset)) throw new RangeError(`${fn}: option offset must be a finite number of seconds, got ${String(offset)}`);
  const mass = options.mass === undefined ? undefined : checkMass(fn, options.mass);
  const rates: Record<string, Float64Array> = {};
  for (const [species, cal] of Object.entries(calibration)) {
    checkOptions(`${fn}: calibration.${species}`, cal, ["channel", "factor"]);
    const col = record.channels[cal?.channel];
    if (!col) throw new Error(`${fn}: calibration.${species}.channel "${cal?.channel}" is not in ${record.file}; expected one of: ${Object.keys(record.channels).join(", ")}`);
    if (!(typeof cal.factor === "number" && Number.isFinite(cal.factor) && cal.factor > 0)) throw new RangeError(`${fn}: calibration.${species}.factor must be a finite number > 0 (nmol/min per ${record.units[cal.channel] || "signal unit"}), got ${String(cal.factor)}`);
    const k = cal.factor / (mass ?? 1);
    rates[species] = Float64Array.from(col, (v) => v * k);
  }
  return { time: Float64Array.from(record.time, (t) => t + offset), rates, perMg: mass !== undefined };
}
