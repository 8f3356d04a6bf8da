"""Every notebook in notebooks/ executes headless (nbclient, edgeworks kernel); figures go to build/figures."""
import glob
import os
import shutil
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "python"))
import run_notebooks  # noqa: E402

NOTEBOOKS = sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))
OUT = os.path.join(ROOT, "build", "figures")
RESULTS = {}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[os.path.basename(p) for p in NOTEBOOKS])
def test_notebook_runs_in_the_repository(path):
    result = run_notebooks.run(path, OUT)
    assert result is not None, f"{os.path.basename(path)} failed (see the message above)"
    RESULTS[path] = result


def test_getting_started_runs_from_a_directory_outside_the_repository(tmp_path):
    nb = os.path.join(ROOT, "notebooks", "getting-started.ipynb")
    copy = tmp_path / "getting-started.ipynb"
    shutil.copy(nb, copy)
    assert not str(tmp_path).startswith(ROOT)
    result = run_notebooks.run(str(copy), str(tmp_path / "out"), cwd=str(tmp_path))
    assert result is not None
    assert len(result["figures"]) >= 1


def test_index_lists_every_notebook():
    """Runs after the notebooks above (file order); writes build/figures/index.html from their results."""
    assert sorted(RESULTS) == NOTEBOOKS, "every notebook must have run"
    run_notebooks.write_index(OUT, [RESULTS[p] for p in NOTEBOOKS])
    page = open(os.path.join(OUT, "index.html")).read()
    for p in NOTEBOOKS:
        assert os.path.splitext(os.path.basename(p))[0] in page
