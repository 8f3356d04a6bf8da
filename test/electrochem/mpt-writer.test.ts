import assert from "node:assert/strict";
import { formatMpt, simulateCycler, LNRO_XU2018 } from "../../src/simulate";

describe("formatMpt writes EC-Lab's ASCII layout", () => {
  it("magic line, header-line count pointing at the column names, settings with the mass, EC-Lab number style", () => {
    const { data } = simulateCycler({ cell: LNRO_XU2018, mass: 3.2, interval: 3600, seed: 1 });
    const lines = formatMpt(data, { material: "Li1.2Ni0.2Ru0.6O2" }).split("\n");
    assert.equal(lines[0], "EC-Lab ASCII FILE");
    const m = /^Nb header lines : (\d+)\s*$/.exec(lines[1]);
    assert.ok(m);
    const names = lines[Number(m![1]) - 1].split("\t");
    assert.deepEqual(names.slice(0, 11), ["mode", "ox/red", "error", "control changes", "Ns changes", "counter inc.", "Ns", "time/s", "control/mA", "Ewe/V", "I/mA"]);
    assert.ok(names.includes("Q charge/discharge/mA.h") && names.includes("cycle number"));
    assert.equal(lines[3], "Galvanostatic Cycling with Potential Limitation");
    assert.ok(lines.includes("Mass of active material : 3.200 mg"));
    assert.ok(lines.includes("Electrode material : Li1.2Ni0.2Ru0.6O2"));
    const row = lines[Number(m![1])].split("\t");
    assert.equal(row.length, names.filter((s) => s !== "").length);
    assert.match(row[7], /^\d\.\d{15}E[+-]\d{3}$/);
    assert.match(row[9], /^\d\.\d{7}E[+-]\d{3}$/);
    assert.equal(lines.length - Number(m![1]) - 1, data.nPoints); // rows + final newline
  });
});
