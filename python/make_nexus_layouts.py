"""Small NXstxm / NeXus HDF5 files in the layouts real beamlines write, and faulty ones.

Used by test/io/nexus-layouts.test.ts and test/io/fuzz-hdf5.test.ts (which run this script
into a temporary folder in a before() hook), and to write the reference reading
test/fixtures/io/nexus_layouts.json: each good file read back with h5py and put in
[energy, y, x] order using the layout this script wrote (not edgeworks' rules).

Every value is planted: data[e, y, x] = 10000 e + 100 y + x + 0.25, so a transposed or
shifted read shows. Layouts (after NeXus application definitions and real files):
  i08_axis_attrs.nxs     Diamond I08 style: per-field @axis=1,2,3 and @primary, @signal=1 on
                         the data, energy named photon_energy, no @axes/@signal on the group
  subentry.nxs           definition NXstxm in an NXsubentry inside a plain NXentry
  no_nx_class.h5         entry1/Counter0/{data, energy, sample_x, sample_y}, no NeXus attributes
  no_attrs_xy.h5         the same with the image stored x, y (only the axes' lengths tell)
  no_attrs_square.h5     the same with a square image (the order cannot be told: NXstxm's y, x)
  pystxm_aborted.hdf5    pyStxm (CLS): an aborted stack, its unmeasured energies NaN
  pystxmcontrol_aborted.stxm  pystxmcontrol (ALS): an aborted stack, its unmeasured energies 0
  pollux_focus.hdf5      PolLux focus scan: @axes = [zone_plate, line_position]
  rank0.h5               one value
  point.h5, line_transposed.h5, image.h5, stack_permuted.h5, legacy_signal_axes.h5,
  sinogram.h5, frames.h5, aborted.h5 (chunks of the last energies never written),
  mono_disagrees.h5, image_many_energies.h5, bin_edges.h5 (read with a warning),
  big_gzip.h5 (a 6 x 40 x 30 gzip + fletcher32 stack in chunks, for partial reads and fuzzing)
Faulty files (bad_*.h5): wrong data types, string / NaN / negative fields, LZF (a filter h5wasm
lacks), a corrupt gzip chunk, a failed fletcher32 checksum, a huge unwritten dataset,
disagreeing axes attributes, the signal an external link into another file.

Run from the repository root:
  .venv/bin/python python/make_nexus_layouts.py <folder>     # write the files
  .venv/bin/python python/make_nexus_layouts.py --fixture    # (re)write the fixture JSON
"""
import json
import os
import sys
import tempfile

import h5py
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "test", "fixtures", "io", "nexus_layouts.json")

STR = h5py.string_dtype("utf-8")


def planted(ne, ny, nx):
    e, y, x = np.meshgrid(np.arange(ne), np.arange(ny), np.arange(nx), indexing="ij")
    return (10000.0 * e + 100.0 * y + x + 0.25).astype("<f8")


def nx(obj, cls):
    obj.attrs["NX_class"] = cls
    return obj


def text(g, name, value):
    g.create_dataset(name, data=value, dtype=STR)


def entry(f, name="entry1", definition="NXstxm"):
    e = nx(f.create_group(name), "NXentry")
    if definition is not None:
        text(e, "definition", definition)
    return e


def axes_group(e, name, data, axes, fields, scan_type, indices=True, **kw):
    """An NXdata group with NeXus 2014 @signal/@axes/@AXIS_indices."""
    g = nx(e.create_group(name), "NXdata")
    g.attrs["signal"] = "data"
    g.attrs["axes"] = np.array(axes, dtype=object) if len(axes) else np.array([], dtype=STR)
    for i, a in enumerate(axes):
        if indices and a != ".":
            g.attrs[a + "_indices"] = np.int32(i)
    g.create_dataset("data", data=data, **kw)
    for k, (v, units) in fields.items():
        d = g.create_dataset(k, data=np.asarray(v, dtype="<f8"))
        if units:
            d.attrs["units"] = units
    if scan_type:
        text(g, "stxm_scan_type", scan_type)
    return g


E3 = [280.0, 285.25, 290.5]
Y4 = [10.0, 10.5, 11.0, 11.5]
X5 = [-2.0, -1.75, -1.5, -1.25, -1.0]


def write_all(out):
    """Write every file into `out`; return {file: reference} for the good ones."""
    os.makedirs(out, exist_ok=True)
    ref = {}
    p = lambda n: os.path.join(out, n)
    d345 = planted(3, 4, 5)

    # Diamond I08: per-field @axis, @primary, @signal=1, photon_energy.
    with h5py.File(p("i08_axis_attrs.nxs"), "w") as f:
        e = entry(f)
        g = nx(e.create_group("Counter1"), "NXdata")
        ds = g.create_dataset("data", data=d345)
        ds.attrs["signal"] = np.int32(1)
        for name, v, ax, units in [("photon_energy", E3, 1, "eV"), ("sample_y", Y4, 2, "um"), ("sample_x", X5, 3, "um")]:
            a = g.create_dataset(name, data=np.asarray(v))
            a.attrs["axis"] = np.int32(ax)
            a.attrs["primary"] = np.int32(1)
            a.attrs["units"] = units
        r = g.create_dataset("mono_readback", data=np.asarray(E3) + 0.01)
        r.attrs["axis"] = np.int32(1)
        g.create_dataset("count_time", data=np.array([0.001, 0.002, 0.003]))
    ref["i08_axis_attrs.nxs"] = dict(src="/entry1/Counter1/data", perm=[0, 1, 2], energies=E3, y=Y4, x=X5, dwell=[1.0, 2.0, 3.0], kind="stack", axes=["photon_energy", "sample_y", "sample_x"])

    # NXsubentry.
    with h5py.File(p("subentry.nxs"), "w") as f:
        e = entry(f, "entry", None)
        s = nx(e.create_group("stxm"), "NXsubentry")
        text(s, "definition", "NXstxm")
        axes_group(s, "counter0", d345, ["energy", "sample_y", "sample_x"], {"energy": (E3, "eV"), "sample_y": (Y4, "um"), "sample_x": (X5, "um"), "count_time": ([0.004], "s")}, "sample image stack")
    ref["subentry.nxs"] = dict(src="/entry/stxm/counter0/data", perm=[0, 1, 2], energies=E3, y=Y4, x=X5, dwell=[4.0] * 3, kind="stack", axes=["energy", "sample_y", "sample_x"])

    # No NeXus attributes at all.
    with h5py.File(p("no_nx_class.h5"), "w") as f:
        g = f.create_group("entry1").create_group("Counter0")
        g.create_dataset("data", data=d345)
        g.create_dataset("energy", data=np.asarray(E3))
        g.create_dataset("sample_y", data=np.asarray(Y4))
        g.create_dataset("sample_x", data=np.asarray(X5))
        f["entry1"].create_group("control").create_dataset("data", data=400.0 - d345 / 1e6)
    ref["no_nx_class.h5"] = dict(src="/entry1/Counter0/data", perm=[0, 1, 2], energies=E3, y=Y4, x=X5, dwell=[1.0] * 3, kind="stack", axes=["energy", "sample_y", "sample_x"])

    # No NeXus attributes, the image stored x, y (as Orange reads SOLEIL HERMES files): only the
    # lengths of sample_x (5) and sample_y (4) tell the order.
    with h5py.File(p("no_attrs_xy.h5"), "w") as f:
        g = f.create_group("entry1").create_group("Counter0")
        g.create_dataset("data", data=np.ascontiguousarray(np.transpose(d345, (0, 2, 1))))
        g.create_dataset("energy", data=np.asarray(E3))
        g.create_dataset("sample_x", data=np.asarray(X5))
        g.create_dataset("sample_y", data=np.asarray(Y4))
        f["entry1"].create_group("collection").create_dataset("beamline", data=np.array([b"Hermes"]))
    ref["no_attrs_xy.h5"] = dict(src="/entry1/Counter0/data", perm=[0, 2, 1], energies=E3, y=Y4, x=X5, dwell=[1.0] * 3, kind="stack", axes=["energy", "sample_y", "sample_x"])

    # No NeXus attributes and a square image: the order cannot be told; NXstxm's y, x is taken.
    with h5py.File(p("no_attrs_square.h5"), "w") as f:
        g = f.create_group("entry1").create_group("Counter0")
        g.create_dataset("data", data=planted(3, 4, 4))
        g.create_dataset("energy", data=np.asarray(E3))
        g.create_dataset("sample_x", data=np.asarray(X5[:4]))
        g.create_dataset("sample_y", data=np.asarray(Y4))
    ref["no_attrs_square.h5"] = dict(src="/entry1/Counter0/data", perm=[0, 1, 2], energies=E3, y=Y4, x=X5[:4], dwell=[1.0] * 3, kind="stack", axes=["energy", "sample_y", "sample_x"])

    # pyStxm (CLS) layout of an aborted stack: group @axes/@signal, a string @signal="1" on the
    # data, float32 data written full of NaN and filled energy by energy (2 of 4 measured). Not
    # in the fixture (JSON has no NaN): nexus-layouts.test.ts checks it against the planted values.
    with h5py.File(p("pystxm_aborted.hdf5"), "w") as f:
        e = entry(f, "entry0")
        g = nx(e.create_group("counter0"), "NXdata")
        g.attrs["axes"] = ["energy", "sample_y", "sample_x"]
        g.attrs["signal"] = "data"
        d = np.full((4, 4, 5), np.nan, dtype=np.float32)
        d[:2] = planted(2, 4, 5)
        g.create_dataset("data", data=d).attrs["signal"] = "1"
        g.create_dataset("energy", data=np.asarray(E3 + [295.75]))
        g.create_dataset("sample_y", data=np.asarray(Y4, dtype=np.float32))
        g.create_dataset("sample_x", data=np.asarray(X5, dtype=np.float32))
        text(g, "stxm_scan_type", "sample image stack")

    # pystxmcontrol (ALS) layout, .stxm: group @axes as bytes and per-field @axis too, the data
    # written as zeros (contiguous) before measuring; an aborted stack (2 of 4 energies measured).
    with h5py.File(p("pystxmcontrol_aborted.stxm"), "w") as f:
        e = entry(f, "entry0")
        g = nx(e.create_group("default"), "NXdata")
        g.attrs["axes"] = [np.bytes_("energy"), np.bytes_("sample_y"), np.bytes_("sample_x")]
        g.attrs["signal"] = "data"
        g.create_dataset("stxm_scan_type", data=[b"Image"])
        d = np.zeros((4, 4, 5))
        d[:2] = planted(2, 4, 5)
        g.create_dataset("data", data=d)
        for name, v, ax in [("energy", E3 + [295.75], 1), ("sample_y", Y4, 2), ("sample_x", X5, 3)]:
            g.create_dataset(name, data=np.asarray(v)).attrs["axis"] = ax
        g.create_dataset("count_time", data=np.full(4, 0.002))

    # NXentry with definition NXstxm whose channel group has no NX_class.
    with h5py.File(p("classless_channel.h5"), "w") as f:
        g = entry(f).create_group("counter0")
        g.attrs["signal"] = "data"
        g.attrs["axes"] = np.array(["energy", "sample_y", "sample_x"], dtype=object)
        g.create_dataset("data", data=d345)
        for k, v in [("energy", E3), ("sample_y", Y4), ("sample_x", X5)]:
            g.create_dataset(k, data=np.asarray(v))
    ref["classless_channel.h5"] = dict(src="/entry1/counter0/data", perm=[0, 1, 2], energies=E3, y=Y4, x=X5, dwell=[1.0] * 3, kind="stack", axes=["energy", "sample_y", "sample_x"])

    # PolLux focus scan: zone plate x line position, at one energy.
    zp = [-5620.0, -5615.0, -5610.0, -5605.0]
    lp = [0.0, 0.25, 0.5, 0.75, 1.0]
    foc = planted(1, 4, 5)[0]
    with h5py.File(p("pollux_focus.hdf5"), "w") as f:
        e = entry(f)
        g = axes_group(e, "Counter0", foc, ["zone_plate", "line_position"], {"zone_plate": (zp, "um"), "line_position": (lp, "um"), "energy": ([700.0], "eV"), "sample_x": ([1.0, 1.1, 1.2, 1.3, 1.4], "um"), "sample_y": ([3.0] * 5, "um"), "count_time": ([0.002], "s")}, "sample focus")
        g.attrs["sample_x_indices"] = np.int32(1)
        g.attrs["sample_y_indices"] = np.int32(1)
    ref["pollux_focus.hdf5"] = dict(src="/entry1/Counter0/data", perm=[None, 0, 1], energies=[700.0], y=zp, x=lp, dwell=[2.0], kind="focus", axes=["", "zone_plate", "line_position"])

    # Rank 0.
    with h5py.File(p("rank0.h5"), "w") as f:
        e = entry(f)
        g = nx(e.create_group("counter0"), "NXdata")
        g.attrs["signal"] = "data"
        g.create_dataset("data", data=np.float64(1234.5))
        g.create_dataset("energy", data=np.float64(530.0))
    ref["rank0.h5"] = dict(src="/entry1/counter0/data", perm=[None, None, None], energies=[530.0], y=[0.0], x=[0.0], dwell=[1.0], kind="point", axes=["", "", ""])

    # Point spectrum (uint16 counts).
    with h5py.File(p("point.h5"), "w") as f:
        axes_group(entry(f), "counter0", (np.arange(3) * 7 + 100).astype("<u2"), ["energy"], {"energy": (E3, "eV")}, "sample point spectrum")
    ref["point.h5"] = dict(src="/entry1/counter0/data", perm=[0, None, None], energies=E3, y=[0.0], x=[0.0], dwell=[1.0] * 3, kind="point", axes=["energy", "", ""])

    # Line spectrum stored [line_position, energy], big-endian int32.
    lin = planted(3, 1, 5)[:, 0, :]
    with h5py.File(p("line_transposed.h5"), "w") as f:
        g = axes_group(entry(f), "counter0", np.ascontiguousarray(np.floor(lin.T)).astype(">i4"), ["line_position", "energy"], {"line_position": (lp, "um"), "energy": (E3, "eV"), "sample_x": (X5, "um"), "sample_y": (Y4[:1] * 5, "um"), "count_time": ([0.001, 0.001, 0.001], "s")}, "sample line spectrum")
        g.attrs["sample_x_indices"] = np.int32(0)
        g.attrs["sample_y_indices"] = np.int32(0)
    ref["line_transposed.h5"] = dict(src="/entry1/counter0/data", perm=[1, None, 0], energies=E3, y=[0.0], x=lp, dwell=[1.0] * 3, kind="line", axes=["energy", "", "line_position"])

    # Image (float32).
    with h5py.File(p("image.h5"), "w") as f:
        axes_group(entry(f), "counter0", d345[1].astype("<f4"), ["sample_y", "sample_x"], {"sample_y": (Y4, "um"), "sample_x": (X5, "um"), "energy": ([350.0], "eV")}, "sample image")
    ref["image.h5"] = dict(src="/entry1/counter0/data", perm=[None, 0, 1], energies=[350.0], y=Y4, x=X5, dwell=[1.0], kind="image", axes=["", "sample_y", "sample_x"])

    # Stack stored [x, energy, y].
    with h5py.File(p("stack_permuted.h5"), "w") as f:
        axes_group(entry(f), "counter0", np.ascontiguousarray(np.transpose(d345, (2, 0, 1))), ["sample_x", "energy", "sample_y"], {"sample_x": (X5, "um"), "energy": (E3, "eV"), "sample_y": (Y4, "um")}, "sample image stack")
    ref["stack_permuted.h5"] = dict(src="/entry1/counter0/data", perm=[1, 2, 0], energies=E3, y=Y4, x=X5, dwell=[1.0] * 3, kind="stack", axes=["energy", "sample_y", "sample_x"])

    # NeXus 2012: @signal=1 and @axes on the data field.
    with h5py.File(p("legacy_signal_axes.h5"), "w") as f:
        g = nx(entry(f).create_group("counter0"), "NXdata")
        ds = g.create_dataset("data", data=d345)
        ds.attrs["signal"] = np.int32(1)
        ds.attrs["axes"] = "energy:sample_y:sample_x"
        for k, v in [("energy", E3), ("sample_y", Y4), ("sample_x", X5)]:
            g.create_dataset(k, data=np.asarray(v))
    ref["legacy_signal_axes.h5"] = dict(src="/entry1/counter0/data", perm=[0, 1, 2], energies=E3, y=Y4, x=X5, dwell=[1.0] * 3, kind="stack", axes=["energy", "sample_y", "sample_x"])

    # Sinogram: rotation angle x sample_x at one energy.
    ang = [0.0, 45.0, 90.0, 135.0]
    with h5py.File(p("sinogram.h5"), "w") as f:
        axes_group(entry(f), "counter0", d345[2], ["rotation_angle", "sample_x"], {"rotation_angle": (ang, "deg"), "sample_x": (X5, "um"), "energy": ([710.0], "eV")}, "generic scan")
    ref["sinogram.h5"] = dict(src="/entry1/counter0/data", perm=[None, 0, 1], energies=[710.0], y=ang, x=X5, dwell=[1.0], kind="sinogram", axes=["", "rotation_angle", "sample_x"])

    # Frames: time x y x at one energy.
    with h5py.File(p("frames.h5"), "w") as f:
        axes_group(entry(f), "counter0", d345, ["time", "sample_y", "sample_x"], {"time": ([0.0, 1.0, 2.0], "s"), "sample_y": (Y4, "um"), "sample_x": (X5, "um"), "energy": ([850.0], "eV")}, "generic scan")
    ref["frames.h5"] = dict(src="/entry1/counter0/data", perm=[0, 1, 2], energies=[850.0] * 3, y=Y4, x=X5, dwell=[1.0] * 3, kind="frames", axes=["time", "sample_y", "sample_x"])

    # Warnings: the monochromator's energies disagree with the NXdata's; an image whose energy
    # field holds several different values.
    with h5py.File(p("mono_disagrees.h5"), "w") as f:
        e = entry(f)
        axes_group(e, "counter0", d345, ["energy", "sample_y", "sample_x"], {"energy": (E3, "eV"), "sample_y": (Y4, "um"), "sample_x": (X5, "um")}, "sample image stack")
        mono = nx(nx(e.create_group("instrument"), "NXinstrument").create_group("monochromator"), "NXmonochromator")
        mono.create_dataset("energy", data=np.asarray(E3) + [0.0, 0.0, 0.5])
    ref["mono_disagrees.h5"] = dict(src="/entry1/counter0/data", perm=[0, 1, 2], energies=E3, y=Y4, x=X5, dwell=[1.0] * 3, kind="stack", axes=["energy", "sample_y", "sample_x"])
    with h5py.File(p("image_many_energies.h5"), "w") as f:
        axes_group(entry(f), "counter0", d345[0], ["sample_y", "sample_x"], {"sample_y": (Y4, "um"), "sample_x": (X5, "um"), "energy": (E3, "eV")}, "sample image")
    ref["image_many_energies.h5"] = dict(src="/entry1/counter0/data", perm=[None, 0, 1], energies=[280.0], y=Y4, x=X5, dwell=[1.0], kind="image", axes=["", "sample_y", "sample_x"])

    # NeXus histogram data: x holds bin edges (one more value than the data).
    edges = [-2.125, -1.875, -1.625, -1.375, -1.125, -0.875]
    with h5py.File(p("bin_edges.h5"), "w") as f:
        axes_group(entry(f), "counter0", d345[1], ["sample_y", "sample_x"], {"sample_y": (Y4, "um"), "sample_x": (edges, "um"), "energy": ([350.0], "eV")}, "sample image")
    ref["bin_edges.h5"] = dict(src="/entry1/counter0/data", perm=[None, 0, 1], energies=[350.0], y=Y4, x=[(a + b) / 2 for a, b in zip(edges[:-1], edges[1:])], dwell=[1.0], kind="image", axes=["", "sample_y", "sample_x"])

    # Aborted stack: 4 energies declared, chunks of the last two never written.
    with h5py.File(p("aborted.h5"), "w") as f:
        e4 = E3 + [295.0]
        g = axes_group(entry(f), "counter0", None, ["energy", "sample_y", "sample_x"], {"energy": (e4, "eV"), "sample_y": (Y4, "um"), "sample_x": (X5, "um")}, "sample image stack", shape=(4, 4, 5), dtype="<f8", chunks=(1, 4, 5), compression="gzip")
        g["data"][0:2] = planted(2, 4, 5)
    ref["aborted.h5"] = dict(src="/entry1/counter0/data", perm=[0, 1, 2], energies=E3 + [295.0], y=Y4, x=X5, dwell=[1.0] * 4, kind="stack", axes=["energy", "sample_y", "sample_x"])

    # A larger compressed, checksummed stack (partial reads, fuzzing); metadata with checksums too.
    big = planted(6, 40, 30)
    eb = [700.0 + 0.5 * i for i in range(6)]
    yb = [0.05 * i for i in range(40)]
    xb = [1.0 + 0.05 * i for i in range(30)]
    with h5py.File(p("big_gzip.h5"), "w", libver="latest") as f:
        e = entry(f)
        kw = dict(chunks=True, compression="gzip", fletcher32=True)
        g = nx(e.create_group("counter0"), "NXdata")
        g.attrs["signal"] = "data"
        g.attrs["axes"] = np.array(["energy", "sample_y", "sample_x"], dtype=object)
        g.attrs["energy_indices"] = np.int32(0)
        g.attrs["sample_y_indices"] = np.int32(1)
        g.attrs["sample_x_indices"] = np.int32(2)
        g.create_dataset("data", data=big, chunks=(1, 10, 30), compression="gzip", fletcher32=True)
        for k, v in [("energy", eb), ("sample_y", yb), ("sample_x", xb), ("count_time", [0.001 * (i + 1) for i in range(6)])]:
            g.create_dataset(k, data=np.asarray(v), **kw)
        text(g, "stxm_scan_type", "sample image stack")
        m = nx(e.create_group("control"), "NXmonitor")
        md = m.create_dataset("data", data=400.0 - big / 1e6, chunks=(1, 10, 30), compression="gzip", fletcher32=True)
        md.attrs["units"] = "mA"
    ref["big_gzip.h5"] = dict(src="/entry1/counter0/data", perm=[0, 1, 2], energies=eb, y=yb, x=xb, dwell=[1.0 * (i + 1) for i in range(6)], kind="stack", axes=["energy", "sample_y", "sample_x"])

    write_faulty(out)
    write_fuzz_base(out)
    return ref


def write_fuzz_base(out):
    """The fuzz test's file: every byte that matters is checksummed or decoded strictly.

    libver="latest" gives a superblock, object headers and chunk indexes with checksums; every
    numeric dataset is chunked with gzip and fletcher32; attributes and texts are fixed-length
    (stored in the checksummed object headers, not the unchecked global heap). The chunk map
    (file offset and size of every chunk) goes to fuzz_base.chunks.json beside it.
    """
    path = os.path.join(out, "fuzz_base.h5")
    b = lambda v: np.bytes_(v)
    kw = dict(compression="gzip", fletcher32=True)
    with h5py.File(path, "w", libver="latest") as f:
        f.attrs["NX_class"] = b("NXroot")
        e = f.create_group("entry1")
        e.attrs["NX_class"] = b("NXentry")
        e.create_dataset("definition", data=b("NXstxm"))
        g = e.create_group("counter0")
        g.attrs["NX_class"] = b("NXdata")
        g.attrs["signal"] = b("data")
        g.attrs["axes"] = np.array([b"energy", b"sample_y", b"sample_x"])
        for i, a in enumerate(["energy", "sample_y", "sample_x"]):
            g.attrs[a + "_indices"] = np.int32(i)
        g.create_dataset("data", data=planted(4, 12, 10), chunks=(1, 6, 10), **kw)
        for k, v, units in [("energy", [520.0, 525.5, 530.25, 540.0], "eV"), ("sample_y", [0.1 * i for i in range(12)], "um"), ("sample_x", [2.0 + 0.1 * i for i in range(10)], "um"), ("count_time", [0.001, 0.002, 0.002, 0.004], "s")]:
            ds = g.create_dataset(k, data=np.asarray(v), chunks=(len(v),), **kw)
            ds.attrs["units"] = b(units)
        g.create_dataset("stxm_scan_type", data=b("sample image stack"))
        m = e.create_group("control")
        m.attrs["NX_class"] = b("NXmonitor")
        md = m.create_dataset("data", data=400.0 - planted(4, 12, 10) / 1e6, chunks=(2, 12, 10), **kw)
        md.attrs["units"] = b("mA")
    chunks = {}
    with h5py.File(path, "r") as f:
        def visit(name, o):
            if isinstance(o, h5py.Dataset) and o.chunks is not None:
                chunks["/" + name] = [[int(c.byte_offset), int(c.size)] for c in (o.id.get_chunk_info(i) for i in range(o.id.get_num_chunks()))]
        f.visititems(visit)
    with open(os.path.join(out, "fuzz_base.chunks.json"), "w") as fh:
        json.dump(chunks, fh)


def good_stack(f, data=None, fields=None, unwritten=False, **kw):
    """A minimal NXstxm stack whose fields can be replaced (data never written when `unwritten`)."""
    e = entry(f)
    base = {"energy": (E3, "eV"), "sample_y": (Y4, "um"), "sample_x": (X5, "um"), "count_time": ([0.001] * 3, "s")}
    g = nx(e.create_group("counter0"), "NXdata")
    g.attrs["signal"] = "data"
    g.attrs["axes"] = np.array(["energy", "sample_y", "sample_x"], dtype=object)
    if unwritten:
        g.create_dataset("data", **kw)
    elif data is None:
        g.create_dataset("data", data=planted(3, 4, 5), **kw)
    else:
        g.create_dataset("data", data=data, **kw)
    for k, (v, units) in base.items():
        if fields and k in fields:
            g.create_dataset(k, data=fields[k])
        else:
            g.create_dataset(k, data=np.asarray(v, dtype="<f8")).attrs["units"] = units
    return g


def flip_in_chunk(path, dset, chunk=0, at=0.5, mask=0x01):
    with h5py.File(path, "r") as f:
        info = f[dset].id.get_chunk_info(chunk)
    off = info.byte_offset + int(info.size * at)
    with open(path, "r+b") as fh:
        fh.seek(off)
        b = fh.read(1)[0]
        fh.seek(off)
        fh.write(bytes([b ^ mask]))


def write_faulty(out):
    p = lambda n: os.path.join(out, n)
    d = planted(3, 4, 5)
    with h5py.File(p("bad_data_strings.h5"), "w") as f:
        good_stack(f, data=np.array([[[b"abc"] * 5] * 4] * 3, dtype="S3"))
    with h5py.File(p("bad_data_vlen_strings.h5"), "w") as f:
        good_stack(f, data=np.array([[["x"] * 5] * 4] * 3, dtype=object), dtype=STR)
    with h5py.File(p("bad_data_complex.h5"), "w") as f:
        good_stack(f, data=d + 1j * d)
    with h5py.File(p("bad_data_compound.h5"), "w") as f:
        c = np.zeros((3, 4, 5), dtype=[("counts", "<f8"), ("flag", "<i4")])
        good_stack(f, data=c)
    with h5py.File(p("bad_data_opaque.h5"), "w") as f:
        good_stack(f, data=np.zeros((3, 4, 5), dtype="V8"))
    with h5py.File(p("bad_energy_strings.h5"), "w") as f:
        good_stack(f, fields={"energy": np.array([b"280", b"285", b"290"])})
    with h5py.File(p("bad_energy_nan.h5"), "w") as f:
        good_stack(f, fields={"energy": np.array([280.0, np.nan, 290.0])})
    with h5py.File(p("bad_sample_x_strings.h5"), "w") as f:
        good_stack(f, fields={"sample_x": np.array([b"a", b"b", b"c", b"d", b"e"])})
    with h5py.File(p("bad_sample_x_inf.h5"), "w") as f:
        good_stack(f, fields={"sample_x": np.array([0.0, 1.0, np.inf, 3.0, 4.0])})
    with h5py.File(p("bad_count_time_strings.h5"), "w") as f:
        good_stack(f, fields={"count_time": np.array([b"1ms"] * 3)})
    with h5py.File(p("bad_count_time_negative.h5"), "w") as f:
        good_stack(f, fields={"count_time": np.array([0.001, -0.002, 0.001])})
    with h5py.File(p("bad_lzf.h5"), "w") as f:
        good_stack(f, chunks=(1, 4, 5), compression="lzf")
    with h5py.File(p("bad_gzip_chunk.h5"), "w") as f:
        good_stack(f, data=np.arange(3 * 40 * 50, dtype="<f8").reshape(3, 40, 50) * 0.37, chunks=(1, 40, 50), compression="gzip", fields={"sample_y": np.arange(40.0), "sample_x": np.arange(50.0)})
    flip_in_chunk(p("bad_gzip_chunk.h5"), "/entry1/counter0/data", chunk=1, at=0.5, mask=0xFF)
    with h5py.File(p("bad_fletcher32.h5"), "w") as f:
        good_stack(f, chunks=(1, 4, 5), fletcher32=True)
    flip_in_chunk(p("bad_fletcher32.h5"), "/entry1/counter0/data", chunk=2, at=0.25)
    with h5py.File(p("bad_huge_unwritten.h5"), "w") as f:
        good_stack(f, unwritten=True, fields={"sample_y": np.arange(10000.0), "sample_x": np.arange(10000.0), "energy": np.array([280.0, 290.0]), "count_time": np.array([0.001, 0.001])}, shape=(2, 10000, 10000), dtype="<f8", chunks=(1, 100, 100))
    with h5py.File(p("other_file.h5"), "w") as f:
        f["d"] = d + 1e6
    with h5py.File(p("bad_external_link.h5"), "w") as f:
        g = good_stack(f)
        del g["data"]
        g["data"] = h5py.ExternalLink("other_file.h5", "/d")
    with h5py.File(p("bad_axes_conflict.h5"), "w") as f:
        g = good_stack(f)
        g.attrs["energy_indices"] = np.int32(1)


def reference(out, ref):
    """Read each good file back with h5py into [e, y, x] order by the layout written."""
    res = {}
    for name, r in ref.items():
        with h5py.File(os.path.join(out, name), "r") as f:
            a = np.asarray(f[r["src"]][()], dtype=np.float64)
        perm = r["perm"]
        present = [d for d in perm if d is not None]
        a = np.transpose(a, present) if a.ndim > 0 else a
        shape = []
        k = 0
        for d in perm:
            if d is None:
                shape.append(1)
            else:
                shape.append(a.shape[k])
                k += 1
        a = a.reshape(shape)
        res[name] = dict(
            shape=list(a.shape),
            data=[float(v) for v in a.reshape(-1)],
            energies=r["energies"],
            y=r["y"],
            x=r["x"],
            dwell=r["dwell"],
            kind=r["kind"],
            axes=r["axes"],
        )
    return res


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "--fixture":
        with tempfile.TemporaryDirectory() as d:
            ref = write_all(d)
            res = reference(d, ref)
        res = {"_about": "h5py " + h5py.__version__ + " reading of python/make_nexus_layouts.py's files, [e, y, x] order; energies eV, dwell ms", **res}
        with open(FIXTURE, "w") as fh:
            json.dump(res, fh, separators=(",", ":"))
            fh.write("\n")
        print("wrote", FIXTURE)
    elif len(sys.argv) == 2:
        write_all(sys.argv[1])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
