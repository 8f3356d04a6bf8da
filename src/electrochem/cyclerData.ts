/**
 * The shape every cycler reader returns: one row per recorded point, in SI-adjacent units the
 * field uses (s, V, mA, mAh), with the cycler's own cycle/step numbering kept.
 * @module
 */

/**
 * A cycler record as read from a file (BioLogic, Neware, Maccor, Arbin or a mapped CSV).
 * @example
 * const run: CyclerData = readCycler("cell07.mpr");
 * run.time[run.nPoints - 1] / 3600; // hours of testing
 */
export interface CyclerData {
  /** Path of the file read. */
  file: string;
  /** Format and version found, e.g. "biologic-mpt", "biologic-mpr v3", "neware-ndax". */
  format: string;
  /** Number of rows. */
  nPoints: number;
  /**
   * Time since the start of the record, s; non-decreasing (the readers throw where it decreases,
   * unless called with `allowUnsortedTime: true`, which keeps the file's order and warns). Shape (nPoints).
   */
  time: Float64Array;
  /** Cell voltage (working vs counter/reference), V. Shape (nPoints). */
  voltage: Float64Array;
  /**
   * Current, mA; positive = charge (oxidation of the working electrode). BioLogic, Neware and
   * Arbin write it so; Maccor writes magnitudes and the readers sign them from the State column.
   * Shape (nPoints).
   */
  current: Float64Array;
  /**
   * Charge passed within the current half-cycle or step as the cycler counts it, mAh, when the
   * file has it; negative while discharging (BioLogic `Q charge/discharge`, Neware and Arbin
   * charge − discharge capacity, Maccor capacity signed by state). `metadata.capacityColumn` says which.
   */
  capacity?: Float64Array;
  /** Cycle number per row, as the cycler numbers it (0- or 1-based as written). */
  cycle?: Int32Array;
  /** Step (or sequence/Ns) index per row, when the file has it. */
  step?: Int32Array;
  /** Any other columns, by the name written in the file (converted to numbers). */
  extra: Record<string, Float64Array>;
  /** Header facts: technique, active mass (mg) when written, start time, channel, … */
  metadata: Record<string, string | number>;
  /** What the reader noticed and did, one sentence each. */
  warnings: string[];
}
