"""The lesson context: which module and notebook this kernel works on, and its answers."""

from __future__ import annotations

import html
import os
from pathlib import Path

from .answers import Answer, AnswerStore
from .variants import current

__all__ = ["RERUN_NOTICE", "Lesson", "fill", "rerun_notice", "show_rerun_notice", "start"]


class Lesson:
    """The answer record of one lesson notebook, opened from the notebook's folder."""

    def __init__(
        self, module: str, notebook: str, directory: str | os.PathLike[str] | None = None
    ) -> None:
        self.module = module
        self.notebook = notebook
        self.directory = Path.cwd() if directory is None else Path(directory)
        self.store = AnswerStore(self.directory, module, notebook)
        self._reported = 0
        self.answers = self.store.load()
        self.report_problems()

    def saved(self, exercise: str) -> Answer | None:
        """Return the saved answer of ``exercise`` (read fresh from the record)."""
        answer = self.store.get(exercise)
        self.report_problems()
        return answer

    def report_problems(self) -> list[str]:
        """Print (on stdout, never stderr) any record problem not reported yet."""
        fresh = self.store.problems[self._reported :]
        self._reported = len(self.store.problems)
        for message in fresh:
            print(f"Note: {message}")
        return fresh

    def brief(self, markdown: str) -> None:
        """Show ``markdown`` with this learner's figures filled in (see :func:`fill`)."""
        from IPython.display import Markdown, display

        display(Markdown(fill(markdown)))

    def __repr__(self) -> str:
        return f"Lesson({self.module!r}, {self.notebook!r}, answers in {self.store.path.name!r})"


def _number(value: object, spec: str) -> str:
    if spec:
        return format(value, spec)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,.4g}"


def fill(markdown: str) -> str:
    """Return ``markdown`` with every ``{figure}`` or ``{figure:spec}`` replaced by its value.

    A figure is a scenario number of the learner's variant, read with
    :func:`course.data.figure` (``"Your team has {m01_capacity} person-months"``). Whole
    numbers show without decimals and with thousands separators, unless a format spec
    such as ``{m03_budget:,.1f}`` says otherwise. ``{{`` and ``}}`` stay literal braces.
    """
    import string

    from .data import figure

    out = []
    for text, field, spec, _ in string.Formatter().parse(markdown):
        out.append(text)
        if field is not None:
            out.append(_number(figure(field), spec or ""))
    return "".join(out)


def start(module: str, notebook: str) -> Lesson:
    """Open the lesson ``notebook`` of ``module`` in the current folder and report its record."""
    _headless()
    print(current().describe() + ".")
    lesson = Lesson(module, notebook)
    count = len(lesson.answers)
    where = lesson.store.path.name
    if lesson.store.in_memory:
        print("This is the instructor's source folder: answers are kept in memory only, so "
              "no answer record can travel into the release.")
    elif count:
        noun = "saved answer" if count == 1 else "saved answers"
        print(f"Welcome back: {count} {noun} found in {where}.")
    else:
        print(f"Your answers in this notebook are saved as you go, in {where} beside it.")
    show_rerun_notice(module, notebook)
    return lesson


def _headless() -> None:
    """While nbgrader runs the notebook (no front end), skip what only a screen needs.

    - Widgets open no comms. Nobody sees a widget there (feedback pages and the
      formgrader leave widgets out) and scores come from the answer records and reports.
      So the kernel sends, and the grader decodes, no widget messages (several hundred a
      notebook), and the graded notebook holds no widget state. Widgets work as usual in
      Python.
    - An error shows as Python's plain traceback (IPython's ``%xmode Plain``): the same
      lines and message, without the costly variable-by-variable context.
    """
    if not os.environ.get("NBGRADER_EXECUTION"):
        return
    try:
        import comm

        comm.create_comm = comm.DummyComm
    except ImportError:  # pragma: no cover - ipykernel always brings it
        pass
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None and hasattr(shell, "InteractiveTB"):
        shell.InteractiveTB.set_mode("Plain")


#: The line a reopened notebook shows until its cells run again.
RERUN_NOTICE = ("Reopened this notebook? Its exercises are not live yet: choose Run \u25b8 Run "
                "All Cells to bring them back (your saved answers are kept). This line goes "
                "away once the cells have run.")


def rerun_notice(module: str, notebook: str) -> tuple[dict[str, str], str]:
    """Return the notice's display bundle and the CSS class that hides it.

    The notice is kept in the notebook's saved output; the style that hides it lives in a
    widget, which only shows while the kernel that ran the cells is live (or when the
    notebook saved its widget state). So a reopened notebook shows the notice, and running
    the cells hides it again.
    """
    css = "plc-rerun-" + "".join(c if c.isalnum() else "-" for c in f"{module}-{notebook}")
    # the output right after the notice is the widget that hides it: never show that one
    # (not even as "model not found" in a reopened notebook)
    quiet = (f"<style>.jp-OutputArea-child:has(.{css}) + .jp-OutputArea-child "
             f"{{ display: none; }}</style>")
    bundle = {
        "text/html": (f'{quiet}<div class="plc-rerun {css}" role="status" style="padding:6px '
                      f"10px;border-left:4px solid #9a6700;background:#fff8c5;color:#3b2300;"
                      f'font-weight:600">&#8635; {html.escape(RERUN_NOTICE)}</div>'),
        "text/plain": "",
    }
    return bundle, css


def show_rerun_notice(module: str, notebook: str) -> None:
    """In a notebook kernel, show the notice and, in a live widget, the style hiding it."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return  # a script or a test: no notebook to show it in
    import ipywidgets as widgets
    from IPython.display import display

    bundle, css = rerun_notice(module, notebook)
    display(bundle, raw=True)
    hider = widgets.HTML(f"<style>.{css} {{ display: none !important; }}</style>",
                         layout=widgets.Layout(display="none"))
    hider.add_class("plc-rerun-hider")
    display(hider)
