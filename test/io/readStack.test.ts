import assert from "node:assert/strict";
import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { formatNcb } from "../../src/io/ncb";
import { writeNxstxm } from "../../src/io/nxstxmWriter";
import { detectStxmFormat, readStack, readStxm } from "../../src/io/readStack";
import { writeSdf } from "../../src/io/sdfWriter";
import { formatStk } from "../../src/io/stk";
import { makeStack } from "../../src/types/stack";
import { assertSameStack, tempDir, tinyStack } from "./helpers";

describe("readStack / readStxm dispatcher", () => {
  it("reads every format by extension or magic bytes, to the same stack", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const s = tinyStack({ channel: "" }); // .ncb and .stk have no channel names
      writeSdf(join(dir, "s.hdr"), makeStack({ ...s, channel: "PMT" }));
      await writeNxstxm(join(dir, "n.data"), makeStack({ ...s, channel: "PMT" })); // odd extension: found by the HDF5 signature
      const { ncb, dat } = formatNcb(s, { encoding: "float32" });
      writeFileSync(join(dir, "a.ncb"), ncb);
      writeFileSync(join(dir, "a.dat"), dat);
      writeFileSync(join(dir, "k.stk"), formatStk(s));
      const cases: [string, string][] = [
        ["s.hdr", "sdf"],
        ["s_a001.xim", "sdf"],
        ["n.data", "nxstxm"],
        ["a.ncb", "ncb"],
        ["k.stk", "stk"],
      ];
      for (const [f, fmt] of cases) {
        assert.equal(detectStxmFormat(join(dir, f)), fmt, f);
        const got = await readStack(join(dir, f));
        assertSameStack(got, fmt === "ncb" || fmt === "stk" ? s : makeStack({ ...s, channel: "PMT" }));
        assert.equal((await readStxm(join(dir, f))).format, fmt);
      }
    } finally {
      cleanup();
    }
  });

  it("selects a channel by index or name and lists what exists when asked for a missing one", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const a = tinyStack();
      const b = makeStack({ ...a, channel: "Diode", metadata: {} });
      writeSdf(join(dir, "c.hdr"), [a, b]);
      assert.equal((await readStack(join(dir, "c.hdr"), { channel: 1 })).channel, "Diode");
      assert.equal((await readStack(join(dir, "c.hdr"), { channel: "Diode" })).channel, "Diode");
      await assert.rejects(readStack(join(dir, "c.hdr"), { channel: "APD" }), {
        message: 'c.hdr: channel: expected channel "APD" in region 0 (the file has: region 0 channel 0 "PMT", region 0 channel 1 "Diode"), got no such channel',
      });
      await assert.rejects(readStack(join(dir, "c.hdr"), { region: 2 }), {
        message: 'c.hdr: region: expected region 2 (the file has: region 0 channel 0 "PMT", region 0 channel 1 "Diode"), got no such region',
      });
      await assert.rejects(readStack(join(dir, "c.hdr"), { chanel: 1 } as never), {
        message: 'readStack: unknown option "chanel"; expected one of: name, rejectNonFinite, maxValues, region, channel, select',
      });
    } finally {
      cleanup();
    }
  });

  it("refuses a file of unknown format", () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(join(dir, "x.txt"), "hello");
      assert.throws(() => detectStxmFormat(join(dir, "x.txt")), {
        message: 'x.txt: format: expected an STXM file (.hdr/.xim, NXstxm HDF5, .ncb/.dat or .stk), got extension ".txt" and first bytes that match none of them',
      });
    } finally {
      cleanup();
    }
  });

  it("says what a file that is not HDF5 is: a text-mode copy of one, HDF4, gzip or zip", async () => {
    const { dir, cleanup } = tempDir();
    try {
      // an HDF5 file written back by a text-mode copy: "\r\n" → "\n" (seen in a public repository's .nx5)
      const good = join(dir, "good.h5");
      await writeNxstxm(good, makeStack({ ...tinyStack({ channel: "PMT" }) }));
      const bytes = (await import("node:fs")).readFileSync(good);
      const lf = Buffer.concat([bytes.subarray(0, 4), bytes.subarray(5)]);
      writeFileSync(join(dir, "lf.nx5"), lf);
      writeFileSync(join(dir, "lf.bin"), lf);
      writeFileSync(join(dir, "crlf.h5"), Buffer.concat([bytes.subarray(0, 5), Buffer.from([0x0d]), bytes.subarray(5)]));
      writeFileSync(join(dir, "old.nxs"), Buffer.from([0x0e, 0x03, 0x13, 0x01, 0, 0xc8, 0, 1]));
      writeFileSync(join(dir, "z.h5"), Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]));
      writeFileSync(join(dir, "k.hdf5"), Buffer.from("PK\x03\x04\x14\x00\x00\x00", "latin1"));
      const hdf5 = 'expected an HDF5 file (bytes 89 48 44 46 0d 0a 1a 0a, "\\x89HDF\\r\\n\\x1a\\n")';
      const text = "the file was copied in text mode (FTP ASCII, a line-ending conversion), which damages every binary file; copy it again in binary mode";
      const cases: [string, string][] = [
        ["lf.nx5", `lf.nx5: signature: ${hdf5}, got 89 48 44 46 0a 1a 0a 02; this is the HDF5 signature with its "\\r\\n" turned into "\\n": ${text}`],
        ["lf.bin", `lf.bin: format: expected an STXM file (.hdr/.xim, NXstxm HDF5, .ncb/.dat or .stk), got extension ".bin" and first bytes that match none of them; this is the HDF5 signature with its "\\r\\n" turned into "\\n": ${text}`],
        ["crlf.h5", `crlf.h5: signature: ${hdf5}, got 89 48 44 46 0d 0d 0a 1a; this is the HDF5 signature with its "\\n" turned into "\\r\\n": ${text}`],
        ["old.nxs", `old.nxs: signature: ${hdf5}, got 0e 03 13 01 00 c8 00 01; these bytes begin an HDF4 file (the format of NeXus files before HDF5): convert it to HDF5 first, e.g. with h4toh5`],
        ["z.h5", `z.h5: signature: ${hdf5}, got 1f 8b 08 00 00 00 00 00; these bytes begin a gzip-compressed file: decompress it first`],
        ["k.hdf5", `k.hdf5: signature: ${hdf5}, got 50 4b 03 04 14 00 00 00; these bytes begin a zip archive: extract the file from it first`],
      ];
      for (const [f, message] of cases) {
        const got = await readStxm(join(dir, f)).then(() => "read", (e: Error) => e.message);
        assert.equal(got, message, f);
      }
    } finally {
      cleanup();
    }
  });

  it("names a missing path or a directory instead of a bare ENOENT/EISDIR", async () => {
    const { dir, cleanup } = tempDir();
    try {
      await assert.rejects(readStack(join(dir, "nope.hdr")), { name: "StxmFileError", message: `${join(dir, "nope.hdr")}: file: not found (working directory ${process.cwd()})` });
      await assert.rejects(readStack(dir), { name: "StxmFileError", message: /: file: is a directory; expected a scan file \(\.hdr, .*pass one of the files inside it$/ });
    } finally {
      cleanup();
    }
  });

  it("names the path for a dangling link, a link to a device, a path through a file, and an .xim without its header", async () => {
    const { dir, cleanup } = tempDir();
    try {
      symlinkSync("gone.hdr", join(dir, "d.hdr"));
      await assert.rejects(readStack(join(dir, "d.hdr")), { name: "StxmFileError", message: `${join(dir, "d.hdr")}: file: is a symbolic link to a file that does not exist` });
      symlinkSync("/dev/zero", join(dir, "z.stk"));
      await assert.rejects(readStack(join(dir, "z.stk")), { name: "StxmFileError", message: `${join(dir, "z.stk")}: file: is a character device; expected a regular file` });
      writeFileSync(join(dir, "f.stk"), formatStk(tinyStack()));
      await assert.rejects(readStack(join(dir, "f.stk", "a.stk")), {
        name: "StxmFileError",
        message: `${join(dir, "f.stk", "a.stk")}: file: cannot be opened: a component of the path is a file, not a directory`,
      });
      writeFileSync(join(dir, "lone_a000.xim"), "1\t2\t\r\n");
      await assert.rejects(readStack(join(dir, "lone_a000.xim")), {
        name: "StxmFileError",
        message: `${join(dir, "lone_a000.xim")}: header: expected the scan header lone.hdr beside it (it holds the energies and axes of the images), found none`,
      });
    } finally {
      cleanup();
    }
  });

  it("passes the readers' warnings on in StxmScan.warnings", async () => {
    const { dir, cleanup } = tempDir();
    try {
      const { ncb } = formatNcb(tinyStack({ channel: "" }), { encoding: "float32" });
      writeFileSync(join(dir, "w.ncb"), ncb);
      writeFileSync(join(dir, "w.dat"), "\t4\t3\t-1\n0 1.5\n7.25 8.25\n2\n700.5\n701.75\n");
      const scan = await readStxm(join(dir, "w.ncb"));
      assert.deepEqual(scan.warnings, ['w.dat: no "<name> <energy> <dwell>" lines; dwell set to 1 ms']);
      assert.deepEqual(Array.from(scan.stacks[0].data), Array.from(tinyStack().data));
    } finally {
      cleanup();
    }
  });
});
