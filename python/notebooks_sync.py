"""The notebooks' .ts files are their source; this writes each notebooks/<name>.ipynb from its .ts.

Usage: python notebooks_sync.py [--check] [NOTEBOOK.ts ...]   (default: every notebooks/*.ts)

Each notebook is a jupytext pair (notebooks/jupytext.toml: formats = "ipynb,ts:percent"):
<name>.ts in the percent format (`// %%` code cells, `// %% [markdown]` cells) and <name>.ipynb.
JupyterLab (with jupytext's contents manager) saves both; this script rewrites the .ipynb from
the .ts so that it holds no outputs and no execution counts (the committed notebooks never do),
keeps the ids of the cells that did not change (so the git diff shows the edit only) and numbers
new cells after their position. A .ts without an .ipynb gets a new one.

--check writes nothing and exits 1 naming every notebook whose .ipynb differs from its .ts
(the first differing cell) or holds outputs.
"""
import argparse
import glob
import os
import re
import sys

import jupytext
import nbformat
from jupytext.combine import combine_inputs_with_outputs

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
FIX = "node scripts/notebooks-sync.mjs"

KERNELSPEC = {"display_name": "TypeScript (edgeworks)", "language": "typescript", "name": "edgeworks"}
LANGUAGE_INFO = {"name": "typescript", "file_extension": ".ts", "mimetype": "text/typescript", "version": "5.0.4"}


def pairs():
    """Every (ts, ipynb) path pair in notebooks/, from the .ts files and the .ipynb files (a lone file of either kind is listed too)."""
    names = {os.path.splitext(os.path.basename(p))[0] for p in glob.glob(os.path.join(NOTEBOOKS, "*.ts")) + glob.glob(os.path.join(NOTEBOOKS, "*.ipynb"))}
    return [(os.path.join(NOTEBOOKS, n + ".ts"), os.path.join(NOTEBOOKS, n + ".ipynb")) for n in sorted(names)]


def from_text(ts_path, existing=None):
    """The .ipynb notebook for the .ts file: cells from the text, ids of unchanged cells from `existing`, no outputs."""
    nb = jupytext.read(ts_path, fmt="ts:percent")
    if existing is not None:
        nb = combine_inputs_with_outputs(nb, existing, fmt="ts:percent")
    taken = set()
    for i, cell in enumerate(nb.cells):
        cid = cell.get("id")
        if not cid or cid in taken or not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", cid):
            cid = f"c{i:02d}"
            n = 1
            while cid in taken:
                cid, n = f"c{i:02d}-{n}", n + 1
        cell["id"] = cid
        taken.add(cid)
        if cell.cell_type == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        else:
            cell.pop("outputs", None)
            cell.pop("execution_count", None)
    meta = nb.metadata
    meta.pop("jupytext", None)
    meta["kernelspec"] = meta.get("kernelspec") or dict(KERNELSPEC)
    meta["language_info"] = dict(LANGUAGE_INFO)
    for key in list(meta):
        if key not in ("kernelspec", "language_info"):
            meta.pop(key)
    nb.nbformat, nb.nbformat_minor = 4, 5
    return nb


def serialize(nb):
    return nbformat.writes(nb, version=4) + "\n"


def read_ipynb(path):
    return nbformat.read(path, as_version=4) if os.path.exists(path) else None


def first_difference(ts_path, ipynb_path):
    """None when the .ipynb's cells are those of the .ts (through jupytext), else a message naming the first differing cell."""
    name = os.path.basename(ipynb_path)
    if not os.path.exists(ts_path):
        return f"{name} has no paired {os.path.basename(ts_path)}"
    if not os.path.exists(ipynb_path):
        return f"{os.path.basename(ts_path)} has no paired {name}"
    want = jupytext.read(ts_path, fmt="ts:percent").cells
    have = nbformat.read(ipynb_path, as_version=4).cells
    for i in range(max(len(want), len(have))):
        if i >= len(want):
            return f"{name} has {len(have) - len(want)} more cell(s) than {os.path.basename(ts_path)}, from cell {i} ({have[i].cell_type}: {_first_line(have[i].source)!r})"
        if i >= len(have):
            return f"{os.path.basename(ts_path)} has {len(want) - len(have)} more cell(s) than {name}, from cell {i} ({want[i].cell_type}: {_first_line(want[i].source)!r})"
        w, h = want[i], have[i]
        if w.cell_type != h.cell_type or w.source != h.source:
            wl, hl = w.source.splitlines(), h.source.splitlines()
            line = next((k for k in range(max(len(wl), len(hl))) if k >= len(wl) or k >= len(hl) or wl[k] != hl[k]), 0)
            return (
                f"{name} differs from {os.path.basename(ts_path)} at cell {i} ({h.cell_type} in the .ipynb, {w.cell_type} in the .ts), line {line + 1} of the cell:\n"
                f"  .ts:    {(wl[line] if line < len(wl) else '<end of cell>')!r}\n"
                f"  .ipynb: {(hl[line] if line < len(hl) else '<end of cell>')!r}"
            )
    return None


def with_outputs(ipynb_path):
    """Indices of the code cells of the .ipynb that hold outputs or an execution count."""
    nb = nbformat.read(ipynb_path, as_version=4)
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None)]


def _first_line(src):
    return (src.strip().splitlines() or [""])[0][:80]


def sync(ts_path, ipynb_path):
    """Rewrite ipynb_path from ts_path; return whether the file changed."""
    text = serialize(from_text(ts_path, read_ipynb(ipynb_path)))
    old = open(ipynb_path, encoding="utf-8").read() if os.path.exists(ipynb_path) else None
    if old == text:
        return False
    with open(ipynb_path, "w", encoding="utf-8") as f:
        f.write(text)
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if a pair differs or an .ipynb holds outputs")
    ap.add_argument("notebooks", nargs="*", help="notebooks/<name>.ts files (default: all)")
    a = ap.parse_args()
    todo = [(os.path.abspath(p), os.path.splitext(os.path.abspath(p))[0] + ".ipynb") for p in a.notebooks] or pairs()
    bad = 0
    for ts, ipynb in todo:
        rel = os.path.relpath(ipynb, ROOT)
        if a.check:
            diff = first_difference(ts, ipynb)
            cells = with_outputs(ipynb) if diff is None else []
            if diff or cells:
                bad += 1
                print(f"notebooks: {diff or f'{rel} holds outputs in code cell(s) {cells}'}", file=sys.stderr)
            continue
        if not os.path.exists(ts):
            print(f"notebooks: {rel} has no {os.path.basename(ts)}; create it with `.venv/bin/jupytext --to ts:percent {rel}`", file=sys.stderr)
            bad += 1
            continue
        print(f"notebooks: {rel} {'written' if sync(ts, ipynb) else 'up to date'}")
    if bad and a.check:
        print(f"notebooks: {bad} notebook(s) out of step with their .ts; `{FIX}` rewrites every .ipynb from its .ts", file=sys.stderr)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
