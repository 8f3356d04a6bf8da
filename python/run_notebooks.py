"""Execute notebooks headless with nbclient on the edgeworks kernel and collect their figures.

Usage: python run_notebooks.py OUT_DIR NOTEBOOK... [--cwd DIR]

For every notebook: executes it (working directory = the notebook's folder, or --cwd), writes the
executed notebook to OUT_DIR/<name>.ipynb, every SVG/PNG output to OUT_DIR/<name>/, and at the end
OUT_DIR/index.html linking them. Stops at the first failing cell with a message naming the
notebook, the cell number and the error.
"""
import argparse
import base64
import html
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def cell_number(nb, cell):
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    return code_cells.index(cell) + 1 if cell in code_cells else None


def run(path, out_dir, cwd=None, timeout=600):
    name = os.path.splitext(os.path.basename(path))[0]
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="edgeworks", timeout=timeout, resources={"metadata": {"path": cwd or os.path.dirname(os.path.abspath(path))}})
    t0 = time.time()
    current = {"cell": None}
    orig = client.async_execute_cell

    async def tracking(cell, index, **kw):
        current["cell"] = (index, cell)
        return await orig(cell, index, **kw)

    client.async_execute_cell = tracking
    try:
        client.execute()
    except CellExecutionError as e:
        index, cell = current["cell"] or (None, None)
        first = (cell.source.strip().splitlines() or [""])[0] if cell is not None else ""
        ename = getattr(e, "ename", "") or "error"
        evalue = getattr(e, "evalue", "") or str(e).strip().splitlines()[-1]
        sys.stderr.write(
            f"\nnotebook {path} failed in code cell {cell_number(nb, cell)} (cell index {index}: `{first[:80]}`):\n"
            f"  {ename}: {evalue}\n"
        )
        os.makedirs(out_dir, exist_ok=True)
        nbformat.write(nb, os.path.join(out_dir, name + ".ipynb"))
        return None
    seconds = time.time() - t0
    os.makedirs(os.path.join(out_dir, name), exist_ok=True)
    figures = []
    for ci, cell in enumerate(nb.cells):
        for oi, out in enumerate(cell.get("outputs", [])):
            data = out.get("data", {})
            if "image/svg+xml" in data:
                f = os.path.join(name, f"cell{ci:02d}-{oi}.svg")
                svg = data["image/svg+xml"]
                open(os.path.join(out_dir, f), "w").write(svg if isinstance(svg, str) else "".join(svg))
                figures.append(f)
            elif "image/png" in data:
                f = os.path.join(name, f"cell{ci:02d}-{oi}.png")
                open(os.path.join(out_dir, f), "wb").write(base64.b64decode(data["image/png"]))
                figures.append(f)
    nbformat.write(nb, os.path.join(out_dir, name + ".ipynb"))
    return {"name": name, "seconds": seconds, "figures": figures}


def write_index(out_dir, results):
    rows = []
    for r in results:
        imgs = "".join(f'<img src="{html.escape(f)}" style="max-width:420px;margin:4px;border:1px solid #ddd">' for f in r["figures"])
        rows.append(f'<h2><a href="{html.escape(r["name"])}.ipynb">{html.escape(r["name"])}</a> <small>({r["seconds"]:.1f} s, {len(r["figures"])} figures)</small></h2><div>{imgs}</div>')
    page = "<!doctype html><meta charset=utf-8><title>edgeworks figures</title><h1>edgeworks figures</h1>" + "".join(rows)
    open(os.path.join(out_dir, "index.html"), "w").write(page)


def warn_unpaired(paths):
    """The .ipynb runs, the paired .ts is the source: say when they differ (the figures would come from the .ipynb)."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import notebooks_sync

    for p in paths:
        ts = os.path.splitext(p)[0] + ".ts"
        if os.path.exists(ts):
            diff = notebooks_sync.first_difference(ts, p)
            if diff:
                print(f"figures: warning: {diff}\n  running the .ipynb as it is; `{notebooks_sync.FIX}` rewrites it from the .ts", file=sys.stderr, flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir")
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("--cwd", default=None, help="working directory of the kernel (default: the notebook's folder)")
    a = ap.parse_args()
    warn_unpaired(a.notebooks)
    results = []
    for p in a.notebooks:
        print(f"figures: running {p} …", flush=True)
        r = run(p, a.out_dir, a.cwd)
        if r is None:
            sys.exit(1)
        print(f"figures: {p} ok in {r['seconds']:.1f} s, {len(r['figures'])} figures", flush=True)
        results.append(r)
    write_index(a.out_dir, results)
    print(f"figures: {len(results)} notebooks → {os.path.join(a.out_dir, 'index.html')}")


if __name__ == "__main__":
    main()
