/**
 * One image or image stack of an SDF scan (one region, one channel): energies and dwell from the
 * header (records or StackAxis, with the warnings that say which), then the `.xim` images read
 * and checked. @internal
 * @module
 */
import { makeStack, type Stack } from "../types/stack";
import { checkSize, fail, nonFinitePolicy } from "./errors";
import type { SdfStruct, SdfValue } from "./sdfHeader";
import { parseXim } from "./xim";
import { parseXimBytes, readXimRows } from "./ximLines";
import { BYTES_PER_TEXT_VALUE, ENERGY_TOLERANCE, axisPoints, dwellField, isStruct, quantityOf, show, str, type DataFile, type SdfScanContext } from "./sdfFields";

/** Read the images of region `r`, channel `c` (files `mine`); `mark` is where this stack's warnings start. */
export function imageStack(ctx: SdfScanContext, reg: SdfStruct, rField: string, r: number, c: number, mine: DataFile[], mark: number): Stack {
  const { file, name, hdr, source, common, warnings, warn, scanDwell, channelNames, channelUnits, sa, saPoints, isStack, multiRegion, dwellList, sel, energyRange, rowRange, colRange, maxValues, reject } = ctx;
  const mineWarnings: string[] = [];
  const xsAll = axisPoints(reg["PAxis"], file, `${rField}.PAxis`, "a finite position (µm)");
  const ysAll = axisPoints(reg["QAxis"], file, `${rField}.QAxis`, "a finite position (µm)");
  const items = mine
    .map((d) => ({ ...d, index: isStack ? Number(multiRegion ? d.digits.slice(0, 3) : d.digits) : 0 }))
    .sort((a, b) => a.index - b.index);
  for (let k = 1; k < items.length; k++) {
    if (items[k].index === items[k - 1].index) fail(file, `${rField} image ${items[k].index}`, "one image file per image number", `${items[k - 1].file} and ${items[k].file}`);
  }
  const n = items.length;
  const maxIndex = items[n - 1].index;
  // Energies and dwell of every image found (from the header only).
  const energies = new Float64Array(n);
  const dwell = new Float64Array(n);
  let fromRecords = 0;
  const disagree: string[] = [];
  const byRank = !(saPoints && saPoints.length > maxIndex) && saPoints !== undefined && saPoints.length === n;
  let rankUsed = false;
  const zeroDwell: string[] = [];
  for (let k = 0; k < n; k++) {
    const idx = items[k].index;
    const recKey = `Image${String(idx).padStart(3, "0")}_${r}`;
    const rec = hdr[recKey];
    const axisE = saPoints && saPoints.length > maxIndex ? saPoints[idx] : byRank && saPoints ? saPoints[k] : undefined;
    const recE = isStruct(rec) ? rec["Energy"] : undefined;
    if (recE !== undefined) {
      if (typeof recE !== "number" || !Number.isFinite(recE)) fail(file, `${recKey}.Energy (for ${items[k].file})`, "a finite energy in eV", show(recE));
      energies[k] = recE;
      fromRecords++;
      if (axisE !== undefined && Math.abs(axisE - recE) > ENERGY_TOLERANCE) disagree.push(`image ${idx}: record ${recE}, StackAxis ${axisE}`);
    } else if (axisE !== undefined) {
      energies[k] = axisE;
      if (byRank) rankUsed = true;
    } else {
      const have = saPoints ? `StackAxis.Points lists ${saPoints.length} energies for image indices up to ${maxIndex}` : "no StackAxis.Points";
      fail(file, `${recKey}.Energy (for ${items[k].file})`, "an energy record for every image file", `no record and ${have}`);
    }
    let d = isStruct(rec) ? dwellField(rec["DwellTime"] ?? rec["Dwell"], file, `${recKey}.${rec["DwellTime"] !== undefined ? "DwellTime" : "Dwell"}`) : undefined;
    if (d === 0) {
      zeroDwell.push(recKey);
      d = undefined;
    }
    dwell[k] = d !== undefined ? d : dwellList && dwellList.length > maxIndex && n > 1 ? dwellList[idx] : scanDwell(mineWarnings);
  }
  const label = `region ${r}, channel "${channelNames[c]}"`;
  if (disagree.length > 0) {
    warn(
      `${label}: the ImageNNN_${r}.Energy records and ScanDefinition.StackAxis.Points disagree for ${disagree.length} of ${n} images (${disagree.slice(0, 3).join("; ")}${disagree.length > 3 ? "; …" : ""}); ` +
        "used the records (the energy logged with each image)",
      mineWarnings,
    );
  }
  if (rankUsed) {
    warn(`${label}: images without an ImageNNN_${r} record matched to StackAxis.Points by rank (the axis lists ${n} energies, image numbers go up to ${maxIndex})`, mineWarnings);
  } else if (fromRecords < n && fromRecords > 0) {
    warn(`${label}: ${n - fromRecords} of ${n} images have no ImageNNN_${r}.Energy record; their energies come from StackAxis.Points`, mineWarnings);
  }
  if (isStack && saPoints && saPoints.length > n) {
    warn(`${label}: StackAxis.Points lists ${saPoints.length} energies but ${n} image file${n === 1 ? " was" : "s were"} found (an aborted or trimmed stack); read the ${n} found`, mineWarnings);
  }
  // A stack that follows something else than the photon energy (MAXYMUS writes a magnetic-field
  // series with ImageScan.ScanningStage = "MagnetField" and a StackAxis still named "Energy", unit
  // ""): its values are the frames' axis; the photon energy is the monochromator's.
  const frames = isStack ? frameAxisOf(hdr, sa) : null;
  let frameValues: Float64Array | null = null;
  if (frames) {
    frameValues = Float64Array.from(energies);
    const mono = hdr["Monochromator"];
    const eV = isStruct(mono) ? mono["LastPosition"] : undefined;
    if (typeof eV !== "number" || !Number.isFinite(eV) || eV <= 0) {
      fail(file, "Monochromator.LastPosition", `the photon energy in eV of a stack that follows ${frames.name}, not energy (${frames.why})`, show(eV));
    }
    energies.fill(eV);
    warn(
      `${label}: the stack follows ${frames.name} (${frames.why}; values ${frameValues[0]} … ${frameValues[n - 1]}${frames.units ? ` ${frames.units}` : ""}), not the photon energy: ` +
        `read as frames (metadata.kind "frames", the values in metadata.axes.e) at the photon energy ${eV} eV of Monochromator.LastPosition`,
      mineWarnings,
    );
  }
  const inEv = !frames && (isStruct(sa) ? /^ev$/i.test(str(sa["Unit"]).trim()) || (str(sa["Unit"]).trim() === "" && /^energy$/i.test(str(sa["Name"]).trim())) : true);
  const nonPositive = inEv ? items.filter((_, k) => energies[k] <= 0).map((d) => d.index) : [];
  if (nonPositive.length > 0) warn(`${label}: energy <= 0 eV for image${nonPositive.length === 1 ? "" : "s"} ${nonPositive.join(", ")} (not recorded?); kept as read`, mineWarnings);
  if (zeroDwell.length > 0) warn(`${label}: dwell 0 ms (not recorded) in ${zeroDwell.join(", ")}; used the scan's dwell instead`, mineWarnings);

  // What to read: energies in range, rows and columns asked for.
  let keep = items.map((_, k) => k);
  if (energyRange) {
    keep = keep.filter((k) => energies[k] >= energyRange[0] && energies[k] <= energyRange[1]);
    if (keep.length === 0) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const e of energies) [lo, hi] = [Math.min(lo, e), Math.max(hi, e)];
      throw new RangeError(`readSdf: option select.energyRange [${energyRange.join(", ")}] matches none of the ${n} images of ${file} ${label} (${lo}–${hi})`);
    }
  }
  const [y0, y1] = rowRange ?? [0, ysAll.length];
  const [x0, x1] = colRange ?? [0, xsAll.length];
  if (y1 > ysAll.length) throw new RangeError(`readSdf: option select.rows [${y0}, ${y1}) goes past the ${ysAll.length} rows of ${file} ${label}`);
  if (x1 > xsAll.length) throw new RangeError(`readSdf: option select.columns [${x0}, ${x1}) goes past the ${xsAll.length} columns of ${file} ${label}`);
  const nE = keep.length;
  const ny = y1 - y0;
  const nx = x1 - x0;
  const total = checkSize(file, `${rField} (PAxis × QAxis × images)`, [nE, ny, nx], maxValues);
  const data = new Float64Array(total);
  const plane = ny * nx;
  const maxBytes = ysAll.length * (xsAll.length + 2) * BYTES_PER_TEXT_VALUE + 65536;
  // A part of the image, from files on disk: through the files' line indexes (each file is
  // scanned once and kept indexed; only the rows asked for are read and converted).
  const byIndex = source.index !== undefined && (rowRange !== undefined || colRange !== undefined);
  for (let k = 0; k < nE; k++) {
    const f = items[keep[k]].file;
    if (byIndex) {
      readXimRows(source.index!(f, ysAll.length, xsAll.length, maxBytes, `${file} ${rField}`), y0, y1, x0, x1, data, k * plane);
      continue;
    }
    const ximOptions = {
      name: f,
      nCols: xsAll.length,
      nRows: ysAll.length,
      sizeField: `${file} ${rField}`,
      ...(rowRange ? { rows: [y0, y1] as const } : {}),
      ...(colRange ? { columns: [x0, x1] as const } : {}),
    };
    if (source.readBytes) parseXimBytes(source.readBytes(f, maxBytes), ximOptions, data, k * plane);
    else data.set(parseXim(source.read(f, maxBytes), ximOptions).data, k * plane);
  }
  const unit = channelUnits[c] ?? "";
  // Warnings of this stack: those added while it was read, and the dwell warning if it used the fallback.
  const own = [...new Set([...warnings.slice(mark), ...mineWarnings])];
  return makeStack({
    data,
    nE,
    ny,
    nx,
    energies: keep.map((k) => energies[k]),
    x: xsAll.subarray(x0, x1),
    y: ysAll.subarray(y0, y1),
    dwell: keep.map((k) => dwell[k]),
    quantity: quantityOf(unit),
    channel: channelNames[c],
    scanType: isStack ? "stack" : "image",
    source: name,
    metadata: {
      ...common,
      region: r,
      channelIndex: c,
      channelUnit: unit,
      imageFiles: keep.map((k) => items[k].file),
      imageIndices: keep.map((k) => items[k].index),
      kind: frames ? "frames" : isStack ? "stack" : "image",
      // as NXstxm frames: the axis the frames follow, in the E slot (the NXstxm writer writes it back)
      ...(frames && frameValues ? { axes: { e: { name: frames.name, units: frames.units, dim: 0, values: Float64Array.from(keep, (k) => (frameValues as Float64Array)[k]) } } } : {}),
      energySource: fromRecords === n ? "records" : fromRecords === 0 ? "StackAxis" : "records+StackAxis",
      stackAxisName: isStruct(sa) ? str(sa["Name"]) : "",
      stackAxisUnit: isStruct(sa) ? str(sa["Unit"]) : "",
      xUnit: str(isStruct(reg["PAxis"]) ? reg["PAxis"]["Unit"] : ""),
      yUnit: str(isStruct(reg["QAxis"]) ? reg["QAxis"]["Unit"] : ""),
      fileShape: [n, ysAll.length, xsAll.length],
      ...(sel !== undefined ? { selection: { rows: [y0, y1], columns: [x0, x1], imagesOf: n } } : {}),
      warnings: own,
      nonFiniteCount: nonFinitePolicy(file, "data", data, reject),
    },
  });
}

/**
 * What a stack's images follow when it is not the photon energy: `ImageScan.ScanningStage`
 * naming another stage (MAXYMUS: "MagnetField") while the `StackAxis` unit is not eV, or a
 * `StackAxis` unit other than eV; null for an energy stack.
 */
function frameAxisOf(hdr: SdfStruct, sa: SdfValue | undefined): { name: string; units: string; why: string } | null {
  const scan = hdr["ImageScan"];
  const stage = isStruct(scan) ? str(scan["ScanningStage"]).trim() : "";
  const unit = isStruct(sa) ? str(sa["Unit"]).trim() : "";
  const saName = isStruct(sa) ? str(sa["Name"]).trim() : "";
  if (stage !== "" && !/energy|mono/i.test(stage) && !/^ev$/i.test(unit)) return { name: stage, units: unit, why: `ImageScan.ScanningStage = "${stage}"` };
  if (unit !== "" && !/^ev$/i.test(unit)) return { name: saName || "the stack axis", units: unit, why: `ScanDefinition.StackAxis.Unit = "${unit}"` };
  return null;
}
