/**
 * The shape every XAS reader returns: the file's columns by name, what the header says, and
 * what the reader had to report. Turning columns into μ(E) is {@link scanSpectrum}'s job
 * (in `muOf.ts`), so a reader never decides what is signal.
 * @module
 */

/** One scan as read from a file (an XDI file, a column file, one `#S` of a SPEC file, or one Athena group). */
export interface XasScan {
  /** Path of the file read (for error messages and provenance). */
  file: string;
  /** Format found: "xdi", "columns", "spec", "athena", … */
  format: string;
  /** Scan or group label: the SPEC `#S` number and command, the Athena group name, or the file's base name. */
  label: string;
  /** Column names in file order, as written (trimmed). */
  names: string[];
  /** Columns by name, each length {@link nPoints}. Units in {@link units} when the file gives them. */
  columns: Record<string, Float64Array>;
  /** Units by column name when the file states them (XDI `Column.N: name unit`), else absent. */
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
