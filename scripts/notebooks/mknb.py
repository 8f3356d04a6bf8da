"""Write a notebook (.ipynb) for the edgeworks kernel from a list of (kind, source) cells.

The scripts beside this file are the sources of the notebooks in notebooks/; run one to regenerate its notebook."""
import json
def nb(cells, path):
    out = {"cells": [], "metadata": {"kernelspec": {"display_name": "TypeScript (edgeworks)", "language": "typescript", "name": "edgeworks"},
           "language_info": {"name": "typescript", "file_extension": ".ts", "mimetype": "text/typescript", "version": "5.0.4"}},
           "nbformat": 4, "nbformat_minor": 5}
    for i, (kind, src) in enumerate(cells):
        src = src.strip("\n")
        c = {"cell_type": kind, "id": f"c{i:02d}", "metadata": {}, "source": src}
        if kind == "code":
            c.update(execution_count=None, outputs=[])
        out["cells"].append(c)
    json.dump(out, open(path, "w"), indent=1, ensure_ascii=False)
    open(path, "a").write("\n")
