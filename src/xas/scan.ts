/**
 * The shape every XAS reader returns: the file's columns by name, what the header says, and
 * what the reader had to report. Turning columns into μ(E) is {@link scanSpectrum}'s job
 * (`scanSpectrum.ts`), so a reader never decides what is signal. Readers: `readXdi`,
 * `readColumnFile`, `readSpec`, `readAthena` (groups are {@link XasScan}s with `params`), and
 * `readXas`, which finds the format from the content.
 * @module
 */

/**
 * One scan as read from a file (an XDI file, a column file, one `#S` of a SPEC file, or one Athena group).
 * @example
 * const scan: XasScan = readXdi("cu_metal_rt.xdi");
 * scan.columns.i0[0];        // 149013.7
 * scan.units.energy;         // "eV"
 * scan.warnings;             // [] — or what was dropped and why
 */
export interface XasScan {
  /** Path of the file read (for error messages and provenance). */
  file: string;
  /** Format read: "xdi", "columns", "spec" or "athena". */
  format: string;
  /** Scan or group label: the SPEC `#S` number and command, the Athena group name, or the file's base name. */
  label: string;
  /** Column names in file order, as written (trimmed). */
  names: string[];
  /** Columns by name, each length {@link nPoints}. Units in {@link units} when the file gives them. */
  columns: Record<string, Float64Array>;
  /** Units by column name when the file states them (XDI `Column.N: name unit`, `Energy (keV)`), or when a reader inferred them and said so in {@link warnings} (keV energies, hh:mm:ss times); else absent. */
  units: Record<string, string>;
  /** Number of rows kept. */
  nPoints: number;
  /** Name of the column holding the incident energy in eV, when known (header or sniffing). */
  energy?: string;
  /** Header fields: XDI `Family.key` → value, SPEC `#` lines, EPICS/CLS header entries, Athena parameters. */
  metadata: Record<string, string | number | number[]>;
  /** What the reader noticed and did (dropped NaN rows, …), one sentence each, naming rows and columns. */
  warnings: string[];
}
