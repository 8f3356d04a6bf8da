"""Every notebooks/<name>.ipynb is the jupytext pair of notebooks/<name>.ts (the source), without outputs."""
import asyncio
import os
import re
import shutil
import subprocess
import sys
import time

import jupytext
import nbformat
import pytest
from jupytext.config import find_jupytext_configuration_file, load_jupytext_configuration_file

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "python"))
import notebooks_sync  # noqa: E402

PAIRS = notebooks_sync.pairs()
FIX = notebooks_sync.FIX


@pytest.mark.parametrize("ts,ipynb", PAIRS, ids=[os.path.basename(i) for _, i in PAIRS])
def test_ipynb_has_the_cells_of_its_ts(ts, ipynb):
    diff = notebooks_sync.first_difference(ts, ipynb)
    assert diff is None, f"{diff}\nThe .ts is the source: `{FIX}` rewrites the .ipynb from it (or, if the .ipynb holds the edit you want, `.venv/bin/jupytext --to ts:percent notebooks/{os.path.basename(ipynb)}` first)."


@pytest.mark.parametrize("ts,ipynb", PAIRS, ids=[os.path.basename(i) for _, i in PAIRS])
def test_ipynb_is_committed_without_outputs(ts, ipynb):
    if not os.path.exists(ipynb):
        pytest.fail(f"{os.path.basename(ts)} has no .ipynb; `{FIX}` writes it")
    cells = notebooks_sync.with_outputs(ipynb)
    assert not cells, f"{os.path.basename(ipynb)} holds outputs or execution counts in code cell(s) {cells} (saved from JupyterLab?); `{FIX}` writes it from its .ts without them"


def test_there_are_pairs_and_the_sync_writes_what_is_committed():
    assert len(PAIRS) >= 10
    for ts, ipynb in PAIRS:
        text = notebooks_sync.serialize(notebooks_sync.from_text(ts, notebooks_sync.read_ipynb(ipynb)))
        assert text == open(ipynb, encoding="utf-8").read(), f"{os.path.basename(ipynb)} is not what `{FIX}` writes from its .ts; run it"


def test_jupytext_config_pairs_ipynb_with_ts_percent():
    path = find_jupytext_configuration_file(os.path.join(ROOT, "notebooks"))
    assert path == os.path.join(ROOT, "notebooks", "jupytext.toml")
    formats = load_jupytext_configuration_file(path).formats
    assert formats in ("ipynb,ts:percent", ["ipynb,ts:percent"]), formats


def test_ts_cells_are_typescript_with_slash_comments():
    ts = os.path.join(ROOT, "notebooks", "getting-started.ts")
    text = open(ts, encoding="utf-8").read()
    assert "\n// %% [markdown]\n// # Getting started with edgeworks\n" in text
    assert '\n// %%\nimport * as ew from "edgeworks";\n' in text
    nb = jupytext.read(ts)
    assert nb.metadata["kernelspec"]["name"] == "edgeworks"
    assert nb.metadata["kernelspec"]["language"] == "typescript"


def _copy_pair(tmp_path, name="getting-started"):
    for f in (name + ".ts", name + ".ipynb", "jupytext.toml"):
        shutil.copy(os.path.join(ROOT, "notebooks", f), tmp_path / f)
    return str(tmp_path / (name + ".ts")), str(tmp_path / (name + ".ipynb"))


def test_the_check_names_the_first_differing_cell_and_the_sync_fixes_it(tmp_path):
    ts, ipynb = _copy_pair(tmp_path)
    assert notebooks_sync.first_difference(ts, ipynb) is None
    text = open(ts, encoding="utf-8").read().replace("const energies = Float64Array.from({ length: 81 }", "const energies = Float64Array.from({ length: 91 }")
    open(ts, "w", encoding="utf-8").write(text)
    diff = notebooks_sync.first_difference(ts, ipynb)
    assert diff is not None and "at cell 3" in diff and "line 1 of the cell" in diff and "const energies = Float64Array.from({ length: 91 }" in diff and "const energies = Float64Array.from({ length: 81 }" in diff
    ids_before = [c.id for c in nbformat.read(ipynb, as_version=4).cells]
    assert notebooks_sync.sync(ts, ipynb) is True
    assert notebooks_sync.first_difference(ts, ipynb) is None
    nb = nbformat.read(ipynb, as_version=4)
    assert [c.id for c in nb.cells] == ids_before  # an edited cell keeps its id
    assert "const energies = Float64Array.from({ length: 91 }" in nb.cells[3].source
    assert notebooks_sync.sync(ts, ipynb) is False  # idempotent


def test_a_new_cell_in_the_ts_gets_a_new_id_and_no_outputs(tmp_path):
    ts, ipynb = _copy_pair(tmp_path)
    text = open(ts, encoding="utf-8").read() + '\n// %%\nconsole.log("one more");\n'
    open(ts, "w", encoding="utf-8").write(text)
    diff = notebooks_sync.first_difference(ts, ipynb)
    assert diff is not None and "more cell(s)" in diff
    notebooks_sync.sync(ts, ipynb)
    nb = nbformat.read(ipynb, as_version=4)
    ids = [c.id for c in nb.cells]
    assert len(set(ids)) == len(ids)
    assert nb.cells[-1].source == 'console.log("one more");' and nb.cells[-1].outputs == []
    nbformat.validate(nb)


def test_outputs_saved_from_jupyterlab_are_dropped_by_the_sync(tmp_path):
    ts, ipynb = _copy_pair(tmp_path)
    nb = nbformat.read(ipynb, as_version=4)
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="hi\n")]
    nb.cells[1].execution_count = 3
    nbformat.write(nb, ipynb)
    assert notebooks_sync.with_outputs(ipynb) == [1]
    notebooks_sync.sync(ts, ipynb)
    assert notebooks_sync.with_outputs(ipynb) == []


def test_jupytext_contents_manager_saves_both_files_and_opens_a_synced_pair(tmp_path):
    """What JupyterLab does through jupytext's server extension (its contents manager over
    jupyter_server's default AsyncLargeFileManager): open the pair, edit a cell, save."""
    from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
    from jupytext.async_contentsmanager import build_async_jupytext_contents_manager_class

    ts, ipynb = _copy_pair(tmp_path)
    # after `node scripts/notebooks-sync.mjs` the .ipynb is newer than the .ts; with equal cells jupytext opens it
    now = time.time()
    os.utime(ts, (now - 60, now - 60))
    os.utime(ipynb, (now, now))
    cm = build_async_jupytext_contents_manager_class(AsyncLargeFileManager)(root_dir=str(tmp_path))

    async def edit_and_save():
        model = await cm.get("getting-started.ipynb")
        cells = model["content"].cells
        assert cells[3].source.startswith("const energies = Float64Array.from({ length: 81 }")
        cells[3].source = cells[3].source.replace("const energies = Float64Array.from({ length: 81 }", "const energies = Float64Array.from({ length: 61 }")
        await cm.save(model, "getting-started.ipynb")

    asyncio.run(edit_and_save())
    assert "const energies = Float64Array.from({ length: 61 }" in open(ts, encoding="utf-8").read()
    assert notebooks_sync.first_difference(ts, ipynb) is None
    # and an edit of the .ts reaches the notebook JupyterLab opens
    time.sleep(0.01)
    open(ts, "a", encoding="utf-8").write('\n// %%\nconsole.log("from the .ts");\n')
    os.utime(ts, (now + 120, now + 120))
    model = asyncio.run(cm.get("getting-started.ipynb"))
    assert model["content"].cells[-1].source == 'console.log("from the .ts");'


def test_jupytext_server_extension_is_enabled_in_the_venv():
    """The .venv JupyterLab that `npm start` runs loads jupytext's contents manager (which keeps the pair in step on save)."""
    env = {**os.environ, "PATH": os.path.join(ROOT, ".venv", "bin") + os.pathsep + os.environ.get("PATH", "")}
    r = subprocess.run([os.path.join(ROOT, ".venv", "bin", "jupyter"), "server", "extension", "list"], capture_output=True, text=True, env=env)
    out = re.sub(r"\x1b\[[0-9;]*m", "", r.stdout + r.stderr)
    assert re.search(r"jupyterlab_jupytext\s+enabled", out), out
    assert re.search(r"jupyterlab_jupytext\s+OK", out), out
