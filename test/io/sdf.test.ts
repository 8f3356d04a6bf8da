import assert from "node:assert/strict";
import { mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseSdf, readSdf } from "../../src/io/sdf";
import { formatSdf, writeSdf } from "../../src/io/sdfWriter";
import { readNxstxm } from "../../src/io/nxstxm";
import { writeNxstxm } from "../../src/io/nxstxmWriter";
import { parseXim, formatXim } from "../../src/io/xim";
import { makeStack } from "../../src/types/stack";
import { assertSameStack, fileHash, tempDir, tinyStack } from "./helpers";

/** A hand-written 2-energy, 2-row, 3-column stack header (image indices 0 and 5 recorded). */
function header(extra = "", stackPoints = "(2, 700, 705)"): string {
  return [
    'ScanDefinition = { Label = "s.hdr"; Type = "NEXAFS Image Scan"; Flags = "Image Stack"; Dwell = 3;',
    "\tRegions = (1,\r\n{",
    '\t\tPAxis = { Name = "Sample X"; Unit = "um"; Min = 0; Max = 2; Dir = 1; Points = (3, 0, 1, 2);};',
    '\t\tQAxis = { Name = "Sample Y"; Unit = "um"; Min = 5; Max = 6; Dir = 1; Points = (2, 5, 6);};',
    "});",
    `\tStackAxis = { Name = "Energy"; Unit = "eV"; Min = 700; Max = 705; Dir = 1; Points = ${stackPoints};};`,
    '\tChannels = (2, { Name = "PMT"; Unit = "counts";}, { Name = "Diode"; Unit = "counts";});',
    "};",
    'Time = "2026 Nov 22";',
    extra,
  ].join("\r\n");
}

const RECORDS = "Image000_0 = {Energy = 700.25; Time = \"t0\";};\r\nImage005_0 = {Energy = 705.5;};\r\n";

describe("parseSdf (hand-made scans)", () => {
  it("assembles a stack from skipped image indices, taking energies from the ImageNNN records", () => {
    const files = {
      "s_a000.xim": "1\t2\t3\t\r\n4\t5\t6\t\r\n",
      "s_a005.xim": "7\t8\t9\t\r\n10\t11\t12\t\r\n",
      "s_b000.xim": "-1\t-2\t-3\t\r\n-4\t-5\t-6\t\r\n",
      "s_b005.xim": "-7\t-8\t-9\t\r\n-10\t-11\t-12\t\r\n",
      "other_a000.xim": "garbage",
    };
    const scan = parseSdf(header(RECORDS), files, { name: "dir/s.hdr" });
    assert.equal(scan.stacks.length, 2);
    const [a, b] = scan.stacks;
    assert.deepEqual([a.nE, a.ny, a.nx], [2, 2, 3]);
    assert.deepEqual(Array.from(a.data), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.deepEqual(Array.from(a.energies), [700.25, 705.5]);
    assert.deepEqual(Array.from(a.x), [0, 1, 2]);
    assert.deepEqual(Array.from(a.y), [5, 6]);
    assert.deepEqual(Array.from(a.dwell), [3, 3]);
    assert.equal(a.channel, "PMT");
    assert.equal(b.channel, "Diode");
    assert.equal(b.data[11], -12);
    assert.equal(a.scanType, "stack");
    assert.equal(a.source, "dir/s.hdr");
    assert.deepEqual(a.metadata.imageIndices, [0, 5]);
    assert.equal(a.metadata.energySource, "records");
    assert.equal(a.metadata.nonFiniteCount, 0);
  });

  it("falls back to StackAxis points by rank when the axis lists one energy per file", () => {
    const files = { "s_a000.xim": "1 2 3\n4 5 6\n", "s_a005.xim": "7 8 9\n10 11 12\n" };
    const scan = parseSdf(header(), files, { name: "s.hdr" });
    assert.deepEqual(Array.from(scan.stacks[0].energies), [700, 705]);
    assert.equal(scan.stacks[0].metadata.energySource, "StackAxis");
  });

  it("takes StackAxis points by index when the axis is long enough (aborted stack)", () => {
    const files = { "s_a000.xim": "1 2 3\n4 5 6\n", "s_a002.xim": "7 8 9\n10 11 12\n" };
    const scan = parseSdf(header("", "(4, 700, 701, 702, 703)"), files, { name: "s.hdr" });
    assert.deepEqual(Array.from(scan.stacks[0].energies), [700, 702]);
  });

  it("refuses images without energy records, naming the record and the file", () => {
    const files = { "s_a000.xim": "1 2 3\n4 5 6\n", "s_a005.xim": "7 8 9\n10 11 12\n", "s_a007.xim": "7 8 9\n10 11 12\n" };
    assert.throws(() => parseSdf(header(), files, { name: "s.hdr" }), {
      message: "s.hdr: Image000_0.Energy (for s_a000.xim): expected an energy record for every image file, got no record and StackAxis.Points lists 2 energies for image indices up to 7",
    });
  });

  it("refuses a truncated .xim", () => {
    const files = { "s_a000.xim": "1\t2\t3\t\r\n4\t5", "s_a005.xim": "7 8 9\n10 11 12\n" };
    assert.throws(() => parseSdf(header(RECORDS), files, { name: "s.hdr" }), {
      message: "s_a000.xim: line 2: expected 3 values (PAxis points in s.hdr ScanDefinition.Regions[0]), got 2 (truncated file?)",
    });
    const short = { "s_a000.xim": "1\t2\t3\t\r\n", "s_a005.xim": "7 8 9\n10 11 12\n" };
    assert.throws(() => parseSdf(header(RECORDS), short, { name: "s.hdr" }), {
      message: "s_a000.xim: number of lines: expected 2 lines (QAxis points in s.hdr ScanDefinition.Regions[0]), got 1 (truncated file?)",
    });
  });

  it("refuses a header whose sizes disagree with the data", () => {
    const files = { "s_a000.xim": "1 2 3 4\n4 5 6 7\n", "s_a005.xim": "7 8 9 1\n10 11 12 1\n" };
    assert.throws(() => parseSdf(header(RECORDS), files, { name: "s.hdr" }), {
      message: "s_a000.xim: line 1: expected 3 values (PAxis points in s.hdr ScanDefinition.Regions[0]), got 4",
    });
  });

  it("refuses an absurd size before allocating", () => {
    const n = 50000;
    const pts = `(${n}, ${Array.from({ length: n }, (_, i) => i).join(", ")})`;
    const text = header(RECORDS).replace("Points = (3, 0, 1, 2)", `Points = ${pts}`).replace("Points = (2, 5, 6)", `Points = ${pts}`);
    const files = { "s_a000.xim": "1", "s_a005.xim": "1" };
    assert.throws(() => parseSdf(text, files, { name: "s.hdr" }), {
      message:
        "s.hdr: ScanDefinition.Regions[0] (PAxis × QAxis × images): claims 2 × 50000 × 50000 = 5000000000 values; refusing to allocate more than 2147483648 values (raise the maxValues option if the file is really that large)",
    });
  });

  it("counts NaN/Inf in metadata.nonFiniteCount, or refuses them with rejectNonFinite", () => {
    const files = { "s_a000.xim": "1 nan 3\n4 5 inf\n", "s_a005.xim": "7 8 9\n10 11 12\n" };
    const s = parseSdf(header(RECORDS), files, { name: "s.hdr" }).stacks[0];
    assert.equal(s.metadata.nonFiniteCount, 2);
    assert.ok(Number.isNaN(s.data[1]));
    assert.equal(s.data[5], Infinity);
    assert.throws(() => parseSdf(header(RECORDS), files, { name: "s.hdr", rejectNonFinite: true }), {
      message: "s.hdr: data: expected finite numbers, got 2 NaN/Infinity values (of 12)",
    });
  });

  it("refuses a header without ScanDefinition, and data files that are missing", () => {
    assert.throws(() => parseSdf('Time = "x";', {}, { name: "s.hdr" }), {
      message: 's.hdr: ScanDefinition: expected a { … } group describing the scan, got nothing',
    });
    assert.throws(() => parseSdf(header(RECORDS), {}, { name: "s.hdr" }), {
      message: 's.hdr: ScanDefinition.Regions[0], channel "PMT": expected image files named s_aEEE.xim beside the header, found none',
    });
  });

  it("refuses an unknown option", () => {
    assert.throws(() => parseSdf(header(), {}, { name: "s.hdr", channel: 1 } as never), {
      message: 'parseSdf: unknown option "channel"; expected one of: name, rejectNonFinite, maxValues, select',
    });
  });

  it("reads several regions (<base>_<ch><EEE><R>.xim) and takes per-region energy records", () => {
    const text = [
      'ScanDefinition = { Type = "NEXAFS Image Scan"; Flags = "Multi-Region Image Stack"; Dwell = 1;',
      'Regions = (2, { PAxis = { Name = "Sample X"; Points = (2, 0, 1);}; QAxis = { Name = "Sample Y"; Points = (1, 0);}; },',
      '{ PAxis = { Name = "Sample X"; Points = (3, 10, 11, 12);}; QAxis = { Name = "Sample Y"; Points = (1, 3);}; });',
      'StackAxis = { Name = "Energy"; Unit = "eV"; Points = (1, 290);}; Channels = (1, { Name = "PMT";}); };',
      "Image000_0 = { Energy = 290.5; }; Image000_1 = { Energy = 290.75; };",
    ].join("\n");
    const scan = parseSdf(text, { "m_a0000.xim": "1 2\n", "m_a0001.xim": "3 4 5\n" }, { name: "m.hdr" });
    assert.equal(scan.stacks.length, 2);
    assert.deepEqual(Array.from(scan.stacks[1].data), [3, 4, 5]);
    assert.deepEqual(Array.from(scan.stacks[1].x), [10, 11, 12]);
    assert.deepEqual(Array.from(scan.stacks[1].energies), [290.75]);
    assert.equal(scan.stacks[1].metadata.region, 1);
  });

  it("reads a NEXAFS line scan with the energy on the PAxis (rows = positions)", () => {
    const text = [
      'ScanDefinition = { Type = "NEXAFS Line Scan"; Flags = "Image"; Dwell = 2;',
      'Regions = (1, { PAxis = { Name = "Energy"; Unit = "eV"; Points = (3, 280, 281, 282);}; QAxis = { Name = "Sample X"; Unit = "um"; Points = (2, 0.5, 1);}; });',
      'Channels = (1, { Name = "PMT";}); };',
    ].join("\n");
    const s = parseSdf(text, { "l_a.xim": "1 2 3\n4 5 6\n" }, { name: "l.hdr" }).stacks[0];
    assert.deepEqual([s.nE, s.ny, s.nx, s.scanType], [3, 1, 2, "line"]);
    assert.deepEqual(Array.from(s.energies), [280, 281, 282]);
    assert.deepEqual(Array.from(s.x), [0.5, 1]);
    assert.deepEqual(Array.from(s.data), [1, 4, 2, 5, 3, 6]);
  });

  it("reads a line scan with the energy on the QAxis (rows = energies)", () => {
    const text = [
      'ScanDefinition = { Type = "NEXAFS Line Scan"; Flags = "Image"; Dwell = 2;',
      'Regions = (1, { PAxis = { Name = "Sample X"; Unit = "um"; Points = (2, 0.5, 1);}; QAxis = { Name = "Energy"; Unit = "eV"; Points = (3, 280, 281, 282);}; });',
      'Channels = (1, { Name = "PMT";}); };',
    ].join("\n");
    const s = parseSdf(text, { "l_a.xim": "1 4\n2 5\n3 6\n" }, { name: "l.hdr" }).stacks[0];
    assert.deepEqual(Array.from(s.data), [1, 4, 2, 5, 3, 6]);
  });

  it("reads a point scan from its .xsp (energy column + one column per channel)", () => {
    const text = 'ScanDefinition = { Type = "NEXAFS Point Scan"; Flags = "Spectra"; Dwell = 5; Regions = (1, { PAxis = { Name = "Energy"; Points = (2, 1, 2);}; }); Channels = (1, { Name = "PMT";}); };';
    const s = parseSdf(text, { "p_0.xsp": "280\t10\n281\t12\n" }, { name: "p.hdr" }).stacks[0];
    assert.deepEqual([s.nE, s.ny, s.nx, s.scanType], [2, 1, 1, "point"]);
    assert.deepEqual(Array.from(s.energies), [280, 281]);
    assert.deepEqual(Array.from(s.data), [10, 12]);
    // no ImageScan.SpatialRegions: the position is unknown, and the reader says so
    assert.deepEqual([Array.from(s.x), Array.from(s.y)], [[0], [0]]);
    assert.match(String(s.metadata.warnings), /region 0: the header gives no position for the point \(ImageScan\.SpatialRegions\[0\]\.CentreXPos, CentreYPos\); x and y are 0/);
  });

  it("reads a stack that follows a magnetic field, not energy, as frames at the monochromator's energy (MAXYMUS)", async () => {
    // as MAXYMUS writes a field series: StackAxis still named "Energy" but with unit "", the
    // stepped stage in ImageScan.ScanningStage, the photon energy in Monochromator.LastPosition
    const head = [
      'ScanDefinition = { Label = "f.hdr"; Type = "NEXAFS Image Scan"; Flags = "Image Stack"; Dwell = 2.601;',
      ' Regions = (1, { PAxis = { Name = "Sample X"; Unit = "um"; Min = 0; Max = 1; Dir = 1; Points = (2, 0, 1);}; QAxis = { Name = "Sample Y"; Unit = "um"; Min = 5; Max = 5; Dir = 1; Points = (1, 5);}; });',
      ' StackAxis = { Name = "Energy"; Unit = ""; Min = -2; Max = -1; Dir = 1; Points = (2, -2.000, -1.000);};',
      ' Channels = (1, { Name = "APD"; Unit = "counts";}); };',
    ];
    const mono = 'Monochromator = { Name = "Energy"; LastPosition = 707.71925; Status = 0;};';
    const scanRec = 'ImageScan = { ScanType = "Image (Line - unidirection)"; ScanningStage = "MagnetField"; SingleEnergy = false; EnergyRegions = (1, { StartEnergy = -2; EndEnergy = -1; Range = 1; Step = 1; Points = 2; DwellTime = 2.601;}); };';
    const files = { "f_a000.xim": "9601\t9650\t\n", "f_a001.xim": "9702\t9555\t\n" };
    const scan = parseSdf([...head, mono, scanRec].join("\n"), files, { name: "f.hdr" });
    const st = scan.stacks[0];
    assert.deepEqual(Array.from(st.energies), [707.71925, 707.71925]);
    assert.equal(st.metadata.kind, "frames");
    assert.deepEqual(st.metadata.axes, { e: { name: "MagnetField", units: "", dim: 0, values: Float64Array.from([-2, -1]) } });
    assert.deepEqual(Array.from(st.data), [9601, 9650, 9702, 9555]);
    assert.deepEqual(scan.warnings, [
      'f.hdr: region 0, channel "APD": the stack follows MagnetField (ImageScan.ScanningStage = "MagnetField"; values -2 … -1), not the photon energy: read as frames (metadata.kind "frames", the values in metadata.axes.e) at the photon energy 707.71925 eV of Monochromator.LastPosition',
    ]);
    // written as NXstxm, the frames stay frames (the field axis in the E slot, the photon energy beside it)
    const { dir, cleanup } = tempDir();
    try {
      await writeNxstxm(join(dir, "f.hdf5"), st);
      const back = (await readNxstxm(join(dir, "f.hdf5"))).stacks[0];
      assert.deepEqual([back.metadata.kind, Array.from(back.energies), Array.from((back.metadata.axes as { e: { values: Float64Array } }).e.values)], ["frames", [707.71925, 707.71925], [-2, -1]]);
    } finally {
      cleanup();
    }
    // a stack axis in another unit is frames too; an energy stack with a scanning stage named is not
    const degrees = parseSdf([...head.map((l) => l.replace('Unit = ""', 'Unit = "deg"').replace('Name = "Energy"', 'Name = "Theta"')), mono].join("\n"), files, { name: "f.hdr" }).stacks[0];
    assert.deepEqual([degrees.metadata.kind, degrees.metadata.axes], ["frames", { e: { name: "Theta", units: "deg", dim: 0, values: Float64Array.from([-2, -1]) } }]);
    const energy = parseSdf([...head.map((l) => l.replace('Unit = ""', 'Unit = "eV"').replace("(2, -2.000, -1.000)", "(2, 707, 708)")), mono, scanRec].join("\n"), files, { name: "f.hdr" });
    assert.deepEqual([energy.stacks[0].metadata.kind, Array.from(energy.stacks[0].energies), energy.warnings], ["stack", [707, 708], []]);
    // without the monochromator's position there is no photon energy: an error that says so
    assert.throws(() => parseSdf([...head, scanRec].join("\n"), files, { name: "f.hdr" }), {
      message: 'f.hdr: Monochromator.LastPosition: expected the photon energy in eV of a stack that follows MagnetField, not energy (ImageScan.ScanningStage = "MagnetField"), got nothing',
    });
  });

  it("takes each point's position from ImageScan.SpatialRegions (a multi-region point scan, as MAXYMUS writes it)", () => {
    const region = '{ PAxis = { Name = "Energy"; Unit = "eV"; Min = 700; Max = 701; Dir = 1; Points = (2, 700, 701);}; }';
    const text = [
      `ScanDefinition = { Label = "m.hdr"; Type = "NEXAFS Point Scan"; Flags = "Multi-Region Spectra"; ScanType = "Spectra"; Dwell = 1000; Regions = (2, ${region}, ${region}); Channels = (1, { Name = "APD"; Unit = "counts";}); };`,
      'ImageScan = { ScanType = "Point"; MultipleRegions = true; EnergyRegions = (1, { StartEnergy = 700; EndEnergy = 701; Range = 1; Step = 1; Points = 2; DwellTime = 1000;});',
      " SpatialRegions = (2, { CentreXPos = -3045.324; CentreYPos = -517.636;}, { CentreXPos = -3052.004; CentreYPos = -519.417;}); };",
    ].join("\r\n");
    const scan = parseSdf(text, { "m_0.xsp": "700\t356556\t\n701\t356706\t\n", "m_1.xsp": "700\t425154\t\n701\t417737\t\n" }, { name: "m.hdr" });
    assert.deepEqual(scan.warnings, []);
    assert.deepEqual(scan.stacks.map((st) => [st.x[0], st.y[0], st.metadata.xUnit, Array.from(st.data)]), [
      [-3045.324, -517.636, "um", [356556, 356706]],
      [-3052.004, -519.417, "um", [425154, 417737]],
    ]);
    // a position that is not a number is an error naming the field
    assert.throws(() => parseSdf(text.replace("CentreYPos = -519.417", 'CentreYPos = "n/a"'), { "m_0.xsp": "700\t1\n701\t2\n", "m_1.xsp": "700\t1\n701\t2\n" }, { name: "m.hdr" }), {
      message: 'm.hdr: ImageScan.SpatialRegions[1].CentreYPos: expected the point\'s position in µm (a finite number), got "n/a"',
    });
  });
});

describe("parseXim / formatXim", () => {
  it("reads CRLF lines with trailing tabs, and formats back", () => {
    const img = parseXim("1\t2\t3\t\r\n4\t5\t6\t\r\n");
    assert.deepEqual([img.nRows, img.nCols], [2, 3]);
    assert.equal(formatXim(img.data, 2, 3), "1\t2\t3\t\r\n4\t5\t6\t\r\n");
  });
  it("names a non-numeric token", () => {
    assert.throws(() => parseXim("1 2\n3 x\n", { name: "q.xim" }), { message: 'q.xim: line 2, column 2: expected a number, got "x"' });
  });
});

describe("writeSdf → readSdf round trip", () => {
  it("writes a 2×3×4 stack and reads back an identical stack; input files are not modified", () => {
    const { dir, cleanup } = tempDir();
    try {
      const s = tinyStack();
      const paths = writeSdf(join(dir, "sim.hdr"), s, { time: "2026-11-22T00:00:00Z" });
      assert.deepEqual(readdirSync(dir).sort(), ["sim.hdr", "sim_a000.xim", "sim_a001.xim"]);
      assert.equal(paths.length, 3);
      const before = paths.map(fileHash);
      const back = readSdf(join(dir, "sim.hdr"));
      assert.equal(back.stacks.length, 1);
      assertSameStack(back.stacks[0], s);
      assert.deepEqual(paths.map(fileHash), before);
    } finally {
      cleanup();
    }
  });

  it("says that a MAXYMUS .bbx (time-resolved data) beside the header is not read, and reads the image", () => {
    const { dir, cleanup } = tempDir();
    try {
      const img = tinyStack({ nE: 1, energies: [709.5], dwell: [49] });
      writeSdf(join(dir, "tr.hdr"), img);
      writeFileSync(join(dir, "tr.bbx"), Buffer.alloc(64));
      const back = readSdf(join(dir, "tr.hdr"));
      assertSameStack(back.stacks[0], img);
      assert.deepEqual(back.warnings, [`tr.hdr: tr.bbx beside the header holds time-resolved (pump–probe) data, which this reader does not read; only the .xim / .xsp data were read`]);
    } finally {
      cleanup();
    }
  });

  it("readSdf keeps finding the data files when a display name is given", () => {
    const { dir, cleanup } = tempDir();
    try {
      writeSdf(join(dir, "sim.hdr"), tinyStack());
      const back = readSdf(join(dir, "sim.hdr"), { name: "beamtime 42" });
      assert.equal(back.source, "beamtime 42");
      assertSameStack(back.stacks[0], tinyStack());
    } finally {
      cleanup();
    }
  });

  it("round-trips two channels, a float32 od stack, an image, a line and a point spectrum", () => {
    const { dir, cleanup } = tempDir();
    try {
      const a = tinyStack();
      const b = makeStack({ ...a, data: Float32Array.from(a.data, (v) => v / 3), channel: "Diode", quantity: "od", metadata: {} });
      writeSdf(join(dir, "two.hdr"), [a, b]);
      const two = readSdf(join(dir, "two.hdr")).stacks;
      assertSameStack(two[0], a);
      assertSameStack(two[1], b);

      const img = tinyStack({ nE: 1, energies: [530], dwell: [7] });
      writeSdf(join(dir, "img.hdr"), img);
      assert.ok(readdirSync(dir).includes("img_a.xim"));
      assertSameStack(readSdf(join(dir, "img.hdr")).stacks[0], img);

      const line = makeStack({ data: Float64Array.from({ length: 6 }, (_, i) => i * 1.5), nE: 3, ny: 1, nx: 2, energies: [280, 281, 282.5], x: [0, 0.3], dwell: [1, 1, 2], scanType: "line", channel: "PMT" });
      writeSdf(join(dir, "line.hdr"), line);
      assertSameStack(readSdf(join(dir, "line.hdr")).stacks[0], line);

      const pt = makeStack({ data: new Float64Array([5, 6, 7]), nE: 3, ny: 1, nx: 1, energies: [280, 281, 282], x: [12.5], y: [-3.25], dwell: [4, 4, 4], scanType: "point", channel: "PMT" });
      writeSdf(join(dir, "pt.hdr"), pt);
      assertSameStack(readSdf(join(dir, "pt.hdr")).stacks[0], pt);
    } finally {
      cleanup();
    }
  });

  it("round-trips a multi-region stack, image, line and point scan with two channels", () => {
    const { dir, cleanup } = tempDir();
    try {
      const reg = (over: Parameters<typeof tinyStack>[0], r: number, ch: string) =>
        makeStack({ ...tinyStack(over), channel: ch, metadata: { region: r } });
      const cases = {
        stack: [reg({}, 0, "PMT"), reg({}, 0, "Diode"), reg({ nx: 5, x: [9, 9.5, 10, 10.5, 11] }, 1, "PMT"), reg({ nx: 5, x: [9, 9.5, 10, 10.5, 11] }, 1, "Diode")],
        image: [reg({ nE: 1, energies: [530], dwell: [3] }, 0, "PMT"), reg({ nE: 1, ny: 2, energies: [530], dwell: [3] }, 1, "PMT")],
        line: [
          makeStack({ data: new Float64Array([1, 2, 3, 4]), nE: 2, ny: 1, nx: 2, energies: [280, 290], x: [0, 1], scanType: "line", channel: "PMT", metadata: { region: 0 } }),
          makeStack({ data: new Float64Array([5, 6, 7, 8, 9, 10]), nE: 2, ny: 1, nx: 3, energies: [280, 290], x: [4, 5, 6], scanType: "line", channel: "PMT", metadata: { region: 1 } }),
        ],
        point: [
          makeStack({ data: new Float64Array([1, 2]), nE: 2, ny: 1, nx: 1, energies: [280, 290], x: [-3045.324], y: [-517.636], scanType: "point", channel: "PMT", metadata: { region: 0 } }),
          makeStack({ data: new Float64Array([3, 4]), nE: 2, ny: 1, nx: 1, energies: [280, 290], x: [-3052.004], y: [-519.417], scanType: "point", channel: "PMT", metadata: { region: 1 } }),
        ],
      };
      for (const [kind, stacks] of Object.entries(cases)) {
        writeSdf(join(dir, `${kind}.hdr`), stacks);
        const back = readSdf(join(dir, `${kind}.hdr`)).stacks;
        assert.equal(back.length, stacks.length, kind);
        back.forEach((b, i) => {
          assertSameStack(b, stacks[i]);
          assert.equal(b.metadata.region, stacks[i].metadata.region);
        });
      }
      assert.ok(readdirSync(dir).includes("stack_b0011.xim"));
      assert.ok(readdirSync(dir).includes("image_a1.xim"));
    } finally {
      cleanup();
    }
  });

  it("formatSdf is pure and names the files after the base", () => {
    const out = formatSdf(tinyStack(), "scan", { time: "t" });
    assert.equal(out.headerName, "scan.hdr");
    assert.deepEqual(Object.keys(out.files), ["scan_a000.xim", "scan_a001.xim"]);
    assert.match(out.header, /^ImageScan = \{ ScanType = "Image";/);
    assert.match(out.header, /\r\nScanDefinition = \{ Label = "scan.hdr"; Type = "NEXAFS Image Scan"; Flags = "Image Stack";/);
    assert.match(out.header, /Image001_0 = \{ Energy = 701.75; DwellTime = 3; \};/);
  });

  it("refuses stacks that cannot share one header, and unknown options", () => {
    assert.throws(() => formatSdf([tinyStack(), tinyStack({ nx: 5 })], "x"), {
      message: 'formatSdf: stack "PMT" (region 0, channel 1) differs from the others in shape, energies, positions, dwell or scan type; write it as a separate scan',
    });
    assert.throws(() => writeSdf("/tmp/x.hdr", tinyStack(), { base: "x" } as never), { message: 'writeSdf: unknown option "base"; expected one of: time' });
  });

  it("writes .xim text that an independent reader parses", () => {
    const { dir, cleanup } = tempDir();
    try {
      writeSdf(join(dir, "t.hdr"), tinyStack());
      const text = readFileSync(join(dir, "t_a001.xim"), "latin1");
      assert.equal(text.split("\r\n")[2], "1020.25\t1021.25\t1022.25\t1023.25\t");
    } finally {
      cleanup();
    }
  });
});

describe("readSdf: part of a stack (select)", () => {
  /** A 4-energy, 5-row, 6-column stack written as an SDF scan in `dir`. */
  function writeScan(dir: string): ReturnType<typeof tinyStack> {
    const s = tinyStack({ nE: 4, ny: 5, nx: 6 });
    writeSdf(join(dir, "big.hdr"), s, { time: "t" });
    return s;
  }

  it("reads an energy range, a band of rows and a range of columns equal to the same part of a full read", () => {
    const { dir, cleanup } = tempDir();
    try {
      writeScan(dir);
      const full = readSdf(join(dir, "big.hdr")).stacks[0];
      const e0 = full.energies[1];
      const e1 = full.energies[2];
      const part = readSdf(join(dir, "big.hdr"), { select: { energyRange: [e0, e1], rows: [1, 4], columns: [2, 5] } }).stacks[0];
      assert.deepEqual([part.nE, part.ny, part.nx], [2, 3, 3]);
      const want: number[] = [];
      for (let e = 1; e <= 2; e++) for (let y = 1; y < 4; y++) for (let x = 2; x < 5; x++) want.push(full.data[(e * full.ny + y) * full.nx + x]);
      assert.deepEqual(Array.from(part.data), want);
      assert.deepEqual(Array.from(part.energies), [e0, e1]);
      assert.deepEqual(Array.from(part.dwell), Array.from(full.dwell.subarray(1, 3)));
      assert.deepEqual(Array.from(part.x), Array.from(full.x.subarray(2, 5)));
      assert.deepEqual(Array.from(part.y), Array.from(full.y.subarray(1, 4)));
      assert.deepEqual(part.metadata.imageFiles, ["big_a001.xim", "big_a002.xim"]);
      assert.deepEqual(part.metadata.selection, { rows: [1, 4], columns: [2, 5], imagesOf: 4 });
      // Rows only, every energy: the same rows of every image.
      const band = readSdf(join(dir, "big.hdr"), { select: { rows: [4, 5] } }).stacks[0];
      assert.deepEqual([band.nE, band.ny, band.nx], [4, 1, 6]);
      for (let e = 0; e < 4; e++) assert.deepEqual(Array.from(band.data.subarray(e * 6, e * 6 + 6)), Array.from(full.data.subarray((e * 5 + 4) * 6, (e * 5 + 5) * 6)));
    } finally {
      cleanup();
    }
  });

  it("checks maxValues against the part read, so a stack too large to read whole can be read in parts", () => {
    const { dir, cleanup } = tempDir();
    try {
      writeScan(dir);
      assert.throws(() => readSdf(join(dir, "big.hdr"), { maxValues: 60 }), { message: /big\.hdr: ScanDefinition\.Regions\[0\] \(PAxis × QAxis × images\): claims 4 × 5 × 6 = 120 values; refusing to allocate more than 60 values/ });
      assert.equal(readSdf(join(dir, "big.hdr"), { maxValues: 60, select: { rows: [0, 2] } }).stacks[0].data.length, 48);
    } finally {
      cleanup();
    }
  });

  it("opens only the images in the energy range (a damaged image outside it is not read)", () => {
    const { dir, cleanup } = tempDir();
    try {
      const s = writeScan(dir);
      writeFileSync(join(dir, "big_a003.xim"), "damaged");
      assert.throws(() => readSdf(join(dir, "big.hdr")), { name: "StxmFileError", message: /^big_a003\.xim: number of lines: expected 5 lines/ });
      const part = readSdf(join(dir, "big.hdr"), { select: { energyRange: [0, s.energies[2]] } }).stacks[0];
      assert.equal(part.nE, 3);
      assert.deepEqual(Array.from(part.data), Array.from(s.data.subarray(0, 3 * 30)));
    } finally {
      cleanup();
    }
  });

  it("refuses a selection outside the stack, an unknown selection key, and a selection of a line or point scan", () => {
    const { dir, cleanup } = tempDir();
    try {
      writeScan(dir);
      const p = join(dir, "big.hdr");
      assert.throws(() => readSdf(p, { select: { rows: [3, 9] } }), { name: "RangeError", message: 'readSdf: option select.rows [3, 9) goes past the 5 rows of big.hdr region 0, channel "PMT"' });
      assert.throws(() => readSdf(p, { select: { columns: [2, 2] } }), { message: "readSdf: option select.columns must be [start, end) with integers 0 <= start < end, got [2,2]" });
      assert.throws(() => readSdf(p, { select: { energyRange: [1, 2] } }), { message: 'readSdf: option select.energyRange [1, 2] matches none of the 4 images of big.hdr region 0, channel "PMT" (700.5–704.25)' });
      assert.throws(() => readSdf(p, { select: { row: [0, 1] } as never }), { message: 'readSdf: option select: unknown option "row"; expected one of: energyRange, rows, columns' });
      const line = makeStack({ data: new Float64Array([1, 2, 3, 4]), nE: 2, ny: 1, nx: 2, energies: [280, 281], scanType: "line", channel: "PMT" });
      writeSdf(join(dir, "line.hdr"), line);
      assert.throws(() => readSdf(join(dir, "line.hdr"), { select: { rows: [0, 1] } }), { message: 'readSdf: option select reads part of an image stack; line.hdr is a line scan ("NEXAFS Line Scan")' });
    } finally {
      cleanup();
    }
  });
});

describe("readSdf / parseSdf: warnings, refused values, file guards", () => {
  it("warns when the energies come from StackAxis by rank, or by index from a longer (aborted) axis", () => {
    const files = { "s_a000.xim": "1 2 3\n4 5 6\n", "s_a005.xim": "7 8 9\n10 11 12\n" };
    assert.deepEqual(parseSdf(header(), files, { name: "s.hdr" }).warnings, [
      's.hdr: region 0, channel "PMT": images without an ImageNNN_0 record matched to StackAxis.Points by rank (the axis lists 2 energies, image numbers go up to 5)',
      's.hdr: channel "Diode" is listed in the header but has no image files (s_bEEE.xim); skipped',
    ]);
    const aborted = parseSdf(header("", "(6, 700, 701, 702, 703, 704, 705)"), files, { name: "s.hdr" });
    assert.deepEqual(Array.from(aborted.stacks[0].energies), [700, 705]);
    assert.match(aborted.warnings[0], /StackAxis\.Points lists 6 energies but 2 image files were found \(an aborted or trimmed stack\); read the 2 found$/);
    assert.deepEqual(aborted.stacks[0].metadata.warnings, [aborted.warnings[0]]);
  });

  it("warns when a record disagrees with StackAxis (records used), when some records are missing, and when a channel lacks images", () => {
    const files = { "s_a000.xim": "1 2 3\n4 5 6\n", "s_a001.xim": "7 8 9\n10 11 12\n", "s_b000.xim": "1 2 3\n4 5 6\n" };
    const scan = parseSdf(header("Image000_0 = { Energy = 699.5; };", "(2, 700, 705)"), files, { name: "s.hdr" });
    assert.deepEqual(Array.from(scan.stacks[0].energies), [699.5, 705]);
    assert.deepEqual(scan.warnings, [
      's.hdr: region 0, channel "PMT": the ImageNNN_0.Energy records and ScanDefinition.StackAxis.Points disagree for 1 of 2 images (image 0: record 699.5, StackAxis 700); used the records (the energy logged with each image)',
      's.hdr: region 0, channel "PMT": 1 of 2 images have no ImageNNN_0.Energy record; their energies come from StackAxis.Points',
      's.hdr: region 0, channel "Diode": the ImageNNN_0.Energy records and ScanDefinition.StackAxis.Points disagree for 1 of 1 images (image 0: record 699.5, StackAxis 700); used the records (the energy logged with each image)',
      's.hdr: region 0, channel "Diode": StackAxis.Points lists 2 energies but 1 image file was found (an aborted or trimmed stack); read the 1 found',
      's.hdr: region 0: channel "Diode" lacks s_b001.xim that other channels have; its stack has 1 of the 2 energies',
    ]);
  });

  it("warns for a record energy of 0 eV (not recorded), kept as read", () => {
    const files = { "s_a000.xim": "1 2 3\n4 5 6\n", "s_a005.xim": "7 8 9\n10 11 12\n" };
    const scan = parseSdf(header("Image000_0 = { Energy = 0; }; Image005_0 = { Energy = 705; };", "(2, 0, 705)"), files, { name: "s.hdr" });
    assert.deepEqual(Array.from(scan.stacks[0].energies), [0, 705]);
    assert.ok(scan.warnings.includes('s.hdr: region 0, channel "PMT": energy <= 0 eV for image 0 (not recorded?); kept as read'), scan.warnings.join("\n"));
  });

  it("warns when the header gives no dwell (1 ms assumed), and refuses a negative or non-finite one", () => {
    const text = header(RECORDS, "(2, 700.25, 705.5)").replace("Dwell = 3;", "");
    const files = { "s_a000.xim": "1 2 3\n4 5 6\n", "s_a005.xim": "7 8 9\n10 11 12\n", "s_b000.xim": "1 2 3\n4 5 6\n", "s_b005.xim": "1 2 3\n4 5 6\n" };
    const scan = parseSdf(text, files, { name: "s.hdr" });
    assert.deepEqual(Array.from(scan.stacks[1].dwell), [1, 1]);
    assert.deepEqual(scan.warnings, ["s.hdr: ScanDefinition.Dwell is absent; dwell set to 1 ms where no per-image dwell is given"]);
    assert.deepEqual(scan.stacks[1].metadata.warnings, scan.warnings);
    assert.throws(() => parseSdf(header(RECORDS).replace("Dwell = 3;", "Dwell = inf;"), files, { name: "s.hdr" }), {
      message: "s.hdr: ScanDefinition.Dwell: expected a dwell time in ms (a finite number >= 0), got Infinity",
    });
  });

  it("refuses an .xim whose last value is cut short (no separator after it), and hexadecimal or other non-decimal values", () => {
    assert.throws(() => parseXim("1\t2\t\r\n3\t4", { name: "c.xim" }), { message: "c.xim: line 2: expected a tab or line end after the last value, got the end of the file in the middle of a value (truncated file?)" });
    assert.deepEqual(Array.from(parseXim("1\t2\t\r\n3\t4\t").data), [1, 2, 3, 4]);
    assert.throws(() => parseXim("1 0x10\n", { name: "h.xim" }), { message: 'h.xim: line 1, column 2: expected a number, got "0x10"' });
    assert.deepEqual(Array.from(parseXim("\ufeff1 2\n").data), [1, 2]);
  });

  it("reads a header that starts with a UTF-8 byte-order mark (and keeps its UTF-8 text)", () => {
    const { dir, cleanup } = tempDir();
    try {
      const s = tinyStack();
      writeSdf(join(dir, "b.hdr"), s, { time: "t" });
      const text = readFileSync(join(dir, "b.hdr"), "latin1").replace('Unit = "um"', 'Unit = "µm"');
      writeFileSync(join(dir, "b.hdr"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]));
      const back = readSdf(join(dir, "b.hdr")).stacks[0];
      assertSameStack(back, s);
      assert.equal(back.metadata.xUnit, "µm");
    } finally {
      cleanup();
    }
  });

  it("names the file for a header that is a directory, a dangling link or a link loop, and for an image that is a directory", () => {
    const { dir, cleanup } = tempDir();
    try {
      writeSdf(join(dir, "g.hdr"), tinyStack(), { time: "t" });
      mkdirSync(join(dir, "d.hdr"));
      assert.throws(() => readSdf(join(dir, "d.hdr")), { name: "StxmFileError", message: `${join(dir, "d.hdr")}: header: is a directory; expected a file (pass one of the files inside it)` });
      symlinkSync("nowhere.hdr", join(dir, "l.hdr"));
      assert.throws(() => readSdf(join(dir, "l.hdr")), { message: `${join(dir, "l.hdr")}: header: is a symbolic link to a file that does not exist` });
      symlinkSync("m.hdr", join(dir, "n.hdr"));
      symlinkSync("n.hdr", join(dir, "m.hdr"));
      assert.throws(() => readSdf(join(dir, "m.hdr")), { message: `${join(dir, "m.hdr")}: header: cannot be opened: too many levels of symbolic links (a link loop)` });
      rmSync(join(dir, "g_a001.xim"));
      mkdirSync(join(dir, "g_a001.xim"));
      assert.throws(() => readSdf(join(dir, "g.hdr")), { message: `${join(dir, "g_a001.xim")}: data file: is a directory; expected a file (pass one of the files inside it)` });
    } finally {
      cleanup();
    }
  });
});
