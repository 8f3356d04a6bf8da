/**
 * Join another instrument's time axis to a cycler record: the cell voltage at given times.
 * @module
 */
import type { CyclerData } from "./cyclerData";
import { checkCycler } from "./checkCycler";

/**
 * The cell voltage at each of `times` (s, on the cycler's clock), by linear interpolation in
 * the cycler record; NaN outside the record. Used to put DEMS rates against voltage.
 *
 * @param data - the cycler record.
 * @param times - s, non-decreasing, shape (m).
 * @returns V, shape (m).
 * @throws RangeError when `times` decrease or the record is invalid.
 * @example
 * const v = voltageAtTimes(cycler, gas.time);
 */
export function voltageAtTimes(data: CyclerData, times: ArrayLike<number>): Float64Array {
  const fn = "voltageAtTimes";
  const d = checkCycler(fn, data);
  const m = times.length;
  const out = new Float64Array(m);
  let j = 0;
  const n = d.nPoints;
  for (let k = 0; k < m; k++) {
    const t = times[k];
    if (k > 0 && t < times[k - 1]) throw new RangeError(`${fn}: times decrease at ${k} (${times[k - 1]} → ${t} s); expected non-decreasing times`);
    if (!(t >= d.time[0] && t <= d.time[n - 1])) { out[k] = NaN; continue; }
    while (j < n - 2 && d.time[j + 1] < t) j++;
    const t0 = d.time[j], t1 = d.time[j + 1];
    out[k] = t1 > t0 ? d.voltage[j] + ((d.voltage[j + 1] - d.voltage[j]) * (t - t0)) / (t1 - t0) : d.voltage[j + 1];
  }
  return out;
}
