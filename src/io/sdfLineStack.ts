/**
 * A line spectrum of an SDF scan (one region, one channel): energy along one axis, position along
 * the other, read from one `.xim`. @internal
 * @module
 */
import { makeStack, type Stack } from "../types/stack";
import { checkSize, fail, nonFinitePolicy } from "./errors";
import type { SdfStruct } from "./sdfHeader";
import { parseXim } from "./xim";
import { BYTES_PER_TEXT_VALUE, axisPoints, isEnergyAxis, isStruct, quantityOf, str, type DataFile, type SdfScanContext } from "./sdfFields";

/** Read the line spectrum of region `r`, channel `c` (one file in `mine`), as a [nE, 1, nPositions] stack. */
export function lineStack(ctx: SdfScanContext, reg: SdfStruct, rField: string, r: number, c: number, mine: DataFile[]): Stack {
  const { file, name, source, common, scanDwell, channelNames, channelUnits, dwellList, maxValues, reject } = ctx;
  const mineWarnings: string[] = [];
  if (mine.length > 1) fail(file, `${rField}, channel "${channelNames[c]}"`, "one image file for a line scan", mine.map((d) => d.file).join(", "));
  const f = mine[0].file;
  const p = reg["PAxis"];
  const q = reg["QAxis"];
  const energyOnP = isEnergyAxis(p);
  if (!energyOnP && !isEnergyAxis(q)) {
    fail(file, `${rField}.PAxis.Name / QAxis.Name`, 'one axis named "Energy" (unit eV) in a line scan', `"${str(isStruct(p) ? p["Name"] : "")}" and "${str(isStruct(q) ? q["Name"] : "")}"`);
  }
  const pts = axisPoints(p, file, `${rField}.PAxis`, energyOnP ? "a finite energy (eV)" : "a finite position (µm)");
  const qts = axisPoints(q, file, `${rField}.QAxis`, energyOnP ? "a finite position (µm)" : "a finite energy (eV)");
  const energies = energyOnP ? pts : qts;
  const pos = energyOnP ? qts : pts;
  const nE = energies.length;
  const nL = pos.length;
  const total = checkSize(file, `${rField} (PAxis × QAxis)`, [nE, nL], maxValues);
  const maxBytes = qts.length * (pts.length + 2) * BYTES_PER_TEXT_VALUE + 65536;
  const img = parseXim(source.read(f, maxBytes), { name: f, nCols: pts.length, nRows: qts.length, sizeField: `${file} ${rField}` });
  let data: Float64Array;
  if (energyOnP) {
    // rows = positions, columns = energies → transpose to [nE, nL].
    data = new Float64Array(total);
    for (let j = 0; j < nL; j++) for (let e = 0; e < nE; e++) data[e * nL + j] = img.data[j * nE + e];
  } else data = img.data;
  const unit = channelUnits[c] ?? "";
  const dwellMs = dwellList && dwellList.length === nE ? Float64Array.from(dwellList) : new Float64Array(nE).fill(scanDwell(mineWarnings));
  const posAxis = energyOnP ? q : p;
  return makeStack({
    data,
    nE,
    ny: 1,
    nx: nL,
    energies,
    x: pos,
    y: [0],
    dwell: dwellMs,
    quantity: quantityOf(unit),
    channel: channelNames[c],
    scanType: "line",
    source: name,
    metadata: {
      ...common,
      region: r,
      channelIndex: c,
      channelUnit: unit,
      imageFiles: [f],
      kind: "line",
      energyAxis: energyOnP ? "PAxis" : "QAxis",
      xUnit: str(isStruct(posAxis) ? posAxis["Unit"] : ""),
      xName: str(isStruct(posAxis) ? posAxis["Name"] : ""),
      warnings: mineWarnings,
      nonFiniteCount: nonFinitePolicy(file, "data", data, reject),
    },
  });
}
