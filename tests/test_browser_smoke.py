import time
from pathlib import Path

import nbformat
import pytest

from tests.browser import (
    error_outputs,
    lab_session,
    open_notebook,
    require_browser,
    run_all,
    save,
)

WIDGET_CELL = """\
from pathlib import Path

import ipywidgets as widgets
from IPython.display import display

slider = widgets.IntSlider(value=7, min=0, max=10, description="Level")
button = widgets.Button(description="Write file")


def on_click(_):
    Path("clicked.txt").write_text(f"clicked {slider.value}", encoding="utf-8")


button.on_click(on_click)
display(widgets.VBox([slider, button]))
"""


def _write_notebook(path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Browser smoke test"),
        nbformat.v4.new_code_cell(WIDGET_CELL),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def _wait_for_file(path: Path, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.is_file() and path.stat().st_size:
            return path.read_text(encoding="utf-8")
        time.sleep(0.1)
    raise AssertionError(f"{path} was not written within {timeout:.0f}s")


@pytest.mark.browser
def test_widget_button_click_runs_kernel_callback(tmp_path: Path) -> None:
    """A real JupyterLab renders ipywidgets and a button click runs its kernel callback."""
    require_browser()
    notebook = tmp_path / "lesson" / "smoke.ipynb"
    _write_notebook(notebook)
    target = notebook.parent / "clicked.txt"

    with lab_session(tmp_path) as (server, page):
        open_notebook(page, server, "lesson/smoke.ipynb")
        run_all(page)
        assert error_outputs(page) == []

        page.locator(".jupyter-widgets.widget-slider").first.wait_for(state="visible")
        button = page.locator(".jupyter-widgets button", has_text="Write file")
        button.wait_for(state="visible")
        assert not target.exists()
        button.click()

        assert _wait_for_file(target) == "clicked 7"
        save(page)

    saved = nbformat.read(notebook, as_version=4)
    outputs = saved.cells[1].outputs
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs)
