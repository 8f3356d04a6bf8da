/**
 * The point spectra of an SDF scan: one `.xsp` per region (energy column + a column per
 * channel), checked against the header's energies, each at the sample position its region
 * lists in `ImageScan.SpatialRegions` (`CentreXPos`, `CentreYPos`, µm: where the STXM control
 * software of the ALS, PolLux and MAXYMUS microscopes writes a point's position). @internal
 * @module
 */
import { makeStack, type Stack, type ScanType } from "../types/stack";
import { StxmFileError, checkSize, fail, nonFinitePolicy } from "./errors";
import type { StxmScan } from "./scan";
import { parseXim } from "./xim";
import { BYTES_PER_TEXT_VALUE, ENERGY_TOLERANCE, LETTERS, axisPoints, isEnergyAxis, isStruct, quantityOf, show, type SdfScanContext } from "./sdfFields";
import type { SdfStruct } from "./sdfHeader";

/**
 * The sample position (µm) of point region `r`: `ImageScan.SpatialRegions[r]`'s `CentreXPos`
 * and `CentreYPos`; undefined when the header has no such record. A record whose positions are
 * not finite numbers is an error naming the field.
 */
function pointPosition(hdr: SdfStruct, r: number, file: string): { x: number; y: number } | undefined {
  const scan = hdr["ImageScan"];
  const regs = isStruct(scan) ? scan["SpatialRegions"] : undefined;
  const reg = Array.isArray(regs) ? regs[r] : undefined;
  if (!isStruct(reg) || (reg["CentreXPos"] === undefined && reg["CentreYPos"] === undefined)) return undefined;
  const at = (key: string): number => {
    const v = reg[key];
    if (typeof v !== "number" || !Number.isFinite(v)) fail(file, `ImageScan.SpatialRegions[${r}].${key}`, "the point's position in µm (a finite number)", show(v));
    return v;
  };
  return { x: at("CentreXPos"), y: at("CentreYPos") };
}

/** Read every region's point spectrum as [nE, 1, 1] stacks, one per channel. */
export function readPointScan(ctx: SdfScanContext): StxmScan {
  const { file, name, base, hdr, source, common, warnings, warn, scanDwell, channelNames, channelUnits, chV, regions, maxValues, reject } = ctx;
  const out: Stack[] = [];
  const names = new Set(source.names);
  for (let r = 0; r < regions.length; r++) {
    const mineWarnings: string[] = [];
    const rField = `ScanDefinition.Regions[${r}]`;
    const candidates = [`${base}_${r}.xsp`, ...(regions.length === 1 ? [`${base}.xsp`] : [])];
    const f = candidates.find((c) => names.has(c));
    if (!f) throw new StxmFileError(file, rField, `expected the spectrum file ${candidates[0]} beside the header, found none`);
    // The header's energies for this spectrum (PAxis of a point scan), when it lists them.
    const reg = regions[r];
    const axis = isEnergyAxis(reg["PAxis"]) || !isEnergyAxis(reg["QAxis"]) ? reg["PAxis"] : reg["QAxis"];
    const axisField = axis === reg["PAxis"] ? `${rField}.PAxis` : `${rField}.QAxis`;
    const planned = isStruct(axis) && axis["Points"] !== undefined ? axisPoints(axis, file, axisField, "a finite energy (eV)") : undefined;
    const nCh = chV.length;
    const maxBytes = (planned ? planned.length : 1e6) * ((nCh || 8) + 3) * BYTES_PER_TEXT_VALUE + 65536;
    const img = parseXim(source.read(f, maxBytes), { name: f, ...(planned ? { nRows: planned.length, rowsWhat: `one per energy in ${file} ${axisField}.Points` } : {}) });
    const nE = img.nRows;
    checkSize(file, "spectrum", [nE, img.nCols], maxValues);
    if (img.nCols < 2) fail(f, "columns", "an energy column and at least one data column", `${img.nCols} column`);
    if (nCh > 0 && img.nCols - 1 !== nCh) fail(f, "columns", `1 energy column + ${nCh} data column${nCh === 1 ? "" : "s"} (the channels listed in ${file})`, `${img.nCols} columns`);
    if (!planned) warn(`region ${r}: the header lists no energies for the spectrum; read the ${nE} rows of ${f} as they are`, mineWarnings);
    const energies = new Float64Array(nE);
    let differ = 0;
    let example = "";
    for (let e = 0; e < nE; e++) {
      const v = img.data[e * img.nCols];
      if (!Number.isFinite(v)) fail(f, `line ${e + 1}, column 1 (energy)`, "a finite energy in eV", String(v));
      energies[e] = v;
      if (planned && Math.abs(planned[e] - v) > ENERGY_TOLERANCE) {
        if (differ === 0) example = `row ${e + 1}: ${v} vs ${planned[e]}`;
        differ++;
      }
    }
    if (differ > 0) warn(`region ${r}: the energy column of ${f} and ${axisField}.Points disagree in ${differ} of ${nE} rows (${example}); used the file's energy column`, mineWarnings);
    const dw = scanDwell(mineWarnings);
    const pos = pointPosition(hdr, r, file);
    if (!pos) warn(`region ${r}: the header gives no position for the point (ImageScan.SpatialRegions[${r}].CentreXPos, CentreYPos); x and y are 0`, mineWarnings);
    for (let c = 1; c < img.nCols; c++) {
      const data = new Float64Array(nE);
      for (let e = 0; e < nE; e++) data[e] = img.data[e * img.nCols + c];
      const unit = channelUnits[c - 1] ?? "";
      out.push(
        makeStack({
          data,
          nE,
          ny: 1,
          nx: 1,
          energies,
          x: [pos?.x ?? 0],
          y: [pos?.y ?? 0],
          dwell: new Float64Array(nE).fill(dw),
          quantity: quantityOf(unit),
          channel: channelNames[c - 1] ?? `channel ${LETTERS[c - 1]}`,
          scanType: "point" as ScanType,
          source: name,
          metadata: { ...common, region: r, channelIndex: c - 1, channelUnit: unit, imageFiles: [f], kind: "point", ...(pos ? { xUnit: "um", yUnit: "um" } : {}), warnings: mineWarnings, nonFiniteCount: nonFinitePolicy(f, "data", data, reject) },
        }),
      );
    }
  }
  return { format: "sdf", source: name, stacks: out, metadata: { header: hdr, ...common }, warnings };
}
