"""Real-browser test harness: a throw-away JupyterLab server driven by Debian's chromium.

Typical use inside a test::

    require_browser()
    with jupyterlab_server(tmp_path) as server, browser_page() as page:
        open_notebook(page, server, "lesson.ipynb")
        run_all(page)
        page.get_by_role("button", name="Check").click()

Nothing here talks to the internet: the server has news and update checks
disabled, and the browser aborts every request whose host is not local.
Playwright's own browser download is never used (no ``playwright install``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Playwright, Route

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "KERNEL_DISPLAY_NAME",
    "JupyterServer",
    "browser_page",
    "chromium_available",
    "chromium_page",
    "error_outputs",
    "jupyterlab_server",
    "lab_session",
    "open_notebook",
    "require_browser",
    "run_all",
    "run_command",
    "save",
    "wait_idle",
]

log = logging.getLogger(__name__)

#: Debian's chromium; override with the CHROMIUM_EXECUTABLE environment variable.
CHROMIUM = os.environ.get("CHROMIUM_EXECUTABLE", "/usr/bin/chromium")

CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--no-proxy-server",
)

#: Display name of the ipykernel kernelspec, as shown in JupyterLab's status bar.
KERNEL_DISPLAY_NAME = "Python 3 (ipykernel)"

SERVER_START_TIMEOUT = 60.0  # seconds
KERNEL_TIMEOUT_MS = 60_000
RUN_TIMEOUT_MS = 120_000

_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})

# Settings pre-seeded into the isolated user-settings dir: no news prompt, no
# update check, and auto-start the default kernel for notebooks without kernelspec.
_USER_SETTINGS: dict[str, dict[str, Any]] = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "autoStartDefaultKernel": True,
    },
}


# --------------------------------------------------------------------------- availability


def chromium_available() -> bool:
    """Return True when the chromium binary and the playwright package are both usable."""
    exe = Path(CHROMIUM)
    if not (exe.is_file() and os.access(exe, os.X_OK)):
        return False
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def require_browser() -> None:
    """Skip the calling test when chromium is missing; fail instead when CI=true."""
    if chromium_available():
        return
    msg = (
        f"real-browser test needs chromium at {CHROMIUM} and the playwright package: "
        "run `apt-get install chromium` (or `make test`, which installs it)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(f"{msg}; browser tests must never be skipped under CI", pytrace=False)
    pytest.skip(msg)


# --------------------------------------------------------------------------- server


@dataclass
class JupyterServer:
    """A running JupyterLab server started by :func:`jupyterlab_server`."""

    url: str
    token: str
    root: Path
    log_path: Path
    process: subprocess.Popen[bytes] = field(repr=False)

    def log_tail(self, lines: int = 60) -> str:
        """Return the last ``lines`` lines of the server log."""
        return _tail(self.log_path, lines)

    def wait_ready(self, timeout: float = SERVER_START_TIMEOUT) -> None:
        """Block until ``/api/status`` answers; raise with the log tail if it never does."""
        _wait_for_server(self, timeout)

    def api_url(self, path: str) -> str:
        """Return the absolute URL of ``path`` (e.g. ``api/status``) with the token appended."""
        sep = "&" if "?" in path else "?"
        return f"{self.url}/{path.lstrip('/')}{sep}token={self.token}"


def _tail(path: Path, lines: int) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        return f"<no server log: {exc}>"
    return "\n".join(text.splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _isolated_env(base: Path, config_dir: Path | None = None,
                  settings: dict[str, dict[str, Any]] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    if config_dir is not None:  # a copy, so the server never writes into the repository
        shutil.copytree(config_dir, base / "config", dirs_exist_ok=True)
    for var in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTER_TOKEN", "JUPYTER_PLATFORM_DIRS"):
        env.pop(var, None)
    dirs = {
        "HOME": base / "home",
        "JUPYTER_CONFIG_DIR": base / "config",
        "JUPYTER_DATA_DIR": base / "data",
        "JUPYTER_RUNTIME_DIR": base / "runtime",
        "IPYTHONDIR": base / "ipython",
        "JUPYTERLAB_SETTINGS_DIR": base / "lab-settings",
        "JUPYTERLAB_WORKSPACES_DIR": base / "lab-workspaces",
        "XDG_CONFIG_HOME": base / "home" / ".config",
        "XDG_CACHE_HOME": base / "home" / ".cache",
        "XDG_DATA_HOME": base / "home" / ".local" / "share",
        "MPLCONFIGDIR": base / "home" / ".config" / "matplotlib",
    }
    for var, path in dirs.items():
        path.mkdir(parents=True, exist_ok=True)
        env[var] = str(path)
    for name, values in {**_USER_SETTINGS, **(settings or {})}.items():
        target = dirs["JUPYTERLAB_SETTINGS_DIR"] / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")
    env["PYTHONUNBUFFERED"] = "1"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return env


def _stop_process_group(proc: subprocess.Popen[bytes], grace: float = 5.0) -> None:
    """SIGTERM the server's process group, then SIGKILL whatever is left after ``grace``."""
    pgid = proc.pid  # started with start_new_session=True, so pid == pgid
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGTERM)
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, signal.SIGKILL)
            proc.wait(timeout=grace)
    # Reap stragglers that stayed in the group after the server itself exited.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


@contextlib.contextmanager
def jupyterlab_server(
    root: Path,
    *,
    timeout: float = SERVER_START_TIMEOUT,
    wait: bool = True,
    expose_app: bool = True,
    extra_args: Sequence[str] = (),
    config_dir: Path | None = None,
    settings: dict[str, dict[str, Any]] | None = None,
) -> Iterator[JupyterServer]:
    """Run an isolated ``jupyter lab`` on 127.0.0.1 serving ``root`` for the duration.

    With ``wait=False`` the server is yielded while still booting; call
    :meth:`JupyterServer.wait_ready` before using it (see :func:`lab_session`).
    ``config_dir`` (for example the learners' ``jupyter/learner``) is copied in as the
    server's Jupyter configuration folder. ``settings`` adds JupyterLab user settings
    (``{"<plugin>.jupyterlab-settings": {...}}``) to the harness's own.
    """
    root = Path(root).resolve()
    token = secrets.token_hex(24)
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="jlab-harness-", ignore_cleanup_errors=True) as tmp:
        base = Path(tmp)
        env = _isolated_env(base, config_dir, settings)
        log_path = base / "jupyterlab.log"
        cmd = [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--ServerApp.open_browser=False",
            "--ServerApp.terminals_enabled=False",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            f"--LabApp.expose_app_in_browser={expose_app}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        cmd.extend(extra_args)
        url = f"http://127.0.0.1:{port}"
        with log_path.open("wb") as log_file:
            proc = subprocess.Popen(
                cmd,
                cwd=root,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            server = JupyterServer(url=url, token=token, root=root, log_path=log_path, process=proc)
            try:
                if wait:
                    server.wait_ready(timeout)
                yield server
            finally:
                _stop_process_group(proc)


# Talk to 127.0.0.1 directly even when http_proxy/HTTP_PROXY is set in the environment.
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _wait_for_server(server: JupyterServer, timeout: float) -> None:
    status_url = server.api_url("api/status")
    deadline = time.monotonic() + timeout
    last_error: object = None
    while time.monotonic() < deadline:
        code = server.process.poll()
        if code is not None:
            raise RuntimeError(
                f"jupyter lab exited with code {code} before answering {server.url}/api/status"
                f"\n--- server log tail ({server.log_path}) ---\n{server.log_tail()}"
            )
        try:
            with _NO_PROXY.open(status_url, timeout=2) as resp:
                if resp.status == 200:
                    json.load(resp)
                    return
                last_error = f"HTTP {resp.status}"
        except (OSError, urllib.error.URLError, ValueError) as exc:
            last_error = exc
        time.sleep(0.2)
    raise RuntimeError(
        f"jupyter lab did not answer {server.url}/api/status within {timeout:.0f}s "
        f"(last error: {last_error!r})"
        f"\n--- server log tail ({server.log_path}) ---\n{server.log_tail()}"
    )


# --------------------------------------------------------------------------- browser


def _is_local(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome", "chrome-extension"):
        return True
    return (parts.hostname or "") in _LOCAL_HOSTS


def _local_only(route: Route) -> None:
    url = route.request.url
    if _is_local(url):
        route.continue_()
    else:
        log.info("blocked non-local request: %s", url)
        route.abort()


@contextlib.contextmanager
def chromium_page(
    playwright: Playwright,
    *,
    viewport: tuple[int, int] = (1366, 900),
    default_timeout_ms: float = 30_000,
) -> Iterator[Page]:
    """Launch Debian's chromium with a fresh profile and yield a page limited to localhost."""
    with tempfile.TemporaryDirectory(prefix="chromium-harness-", ignore_cleanup_errors=True) as ud:
        context: BrowserContext = playwright.chromium.launch_persistent_context(
            ud,
            executable_path=CHROMIUM,
            headless=True,
            args=list(CHROMIUM_ARGS),
            service_workers="block",
            viewport={"width": viewport[0], "height": viewport[1]},
            accept_downloads=False,
        )
        try:
            context.set_default_timeout(default_timeout_ms)
            context.route("**/*", _local_only)
            page = context.pages[0] if context.pages else context.new_page()
            yield page
        finally:
            with contextlib.suppress(Exception):
                context.close()


@contextlib.contextmanager
def browser_page(**kwargs: Any) -> Iterator[Page]:
    """Start Playwright and yield a :func:`chromium_page` (kwargs are passed through)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw, chromium_page(pw, **kwargs) as page:
        yield page


@contextlib.contextmanager
def lab_session(
    root: Path, *, timeout: float = SERVER_START_TIMEOUT, **server_kwargs: Any
) -> Iterator[tuple[JupyterServer, Page]]:
    """Yield ``(server, page)``, launching chromium while the JupyterLab server boots."""
    with (
        jupyterlab_server(root, timeout=timeout, wait=False, **server_kwargs) as server,
        browser_page() as page,
    ):
        server.wait_ready(timeout)
        yield server, page


# --------------------------------------------------------------------------- JupyterLab UI

_KERNEL_STATUS = "#jp-main-statusbar span.jp-StatusBar-TextItem[title^='Change kernel']"

_RUN_COMMAND_JS = """
([id, args, key]) => {
  const store = (window.__harness = window.__harness || {});
  store[key] = {done: false};
  Promise.resolve()
    .then(() => window.jupyterapp.commands.execute(id, args))
    .then(
      (value) => {
        let v = null;
        try { v = JSON.parse(JSON.stringify(value === undefined ? null : value)); } catch (e) {}
        store[key] = {done: true, value: v};
      },
      (err) => { store[key] = {done: true, error: String((err && err.stack) || err)}; },
    );
}
"""

_NO_RUNNING_CELLS_JS = """
() => {
  const app = window.jupyterapp;
  const nb = app && app.shell.currentWidget && app.shell.currentWidget.content;
  if (nb && nb.widgets) {
    return nb.widgets.every((c) => !c.model || c.model.executionState !== 'running');
  }
  const prompts = document.querySelectorAll(
    '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell .jp-InputPrompt');
  return !Array.from(prompts).some((p) => p.textContent.includes('[*]'));
}
"""

_CLEAN_JS = """
() => {
  const app = window.jupyterapp;
  const w = app && app.shell.currentWidget;
  if (w && w.context && w.context.model) { return w.context.model.dirty === false; }
  return document.querySelector(
    '#jp-main-dock-panel .lm-TabBar-tab.jp-mod-current.jp-mod-dirty') === null;
}
"""


def _app_exposed(page: Page) -> bool:
    return bool(page.evaluate("() => typeof window.jupyterapp === 'object' && !!window.jupyterapp"))


def run_command(
    page: Page, command_id: str, args: dict[str, Any] | None = None, timeout: float = RUN_TIMEOUT_MS
) -> Any:
    """Execute a JupyterLab command via ``window.jupyterapp`` and return its JSON-able result."""
    if not _app_exposed(page):
        raise RuntimeError("window.jupyterapp is not exposed; start the server with expose_app")
    key = secrets.token_hex(8)
    page.evaluate(_RUN_COMMAND_JS, [command_id, args or {}, key])
    page.wait_for_function(
        "(key) => window.__harness[key].done", arg=key, timeout=timeout, polling=100
    )
    result = page.evaluate(
        "(key) => { const r = window.__harness[key]; delete window.__harness[key]; return r; }",
        key,
    )
    if "error" in result:
        raise RuntimeError(f"JupyterLab command {command_id!r} failed: {result['error']}")
    return result.get("value")


def wait_idle(
    page: Page, *, kernel: str = KERNEL_DISPLAY_NAME, timeout: float = KERNEL_TIMEOUT_MS
) -> None:
    """Wait until the status bar reads ``<kernel> | Idle``, e.g. ``Python 3 (ipykernel) | Idle``."""
    pattern = re.compile(rf"^\s*{re.escape(kernel)} \| Idle\s*$")
    page.locator(_KERNEL_STATUS, has_text=pattern).first.wait_for(state="visible", timeout=timeout)


def open_notebook(
    page: Page,
    server: JupyterServer,
    relpath: str,
    *,
    kernel: str = KERNEL_DISPLAY_NAME,
    timeout: float = KERNEL_TIMEOUT_MS,
) -> None:
    """Open ``relpath`` (relative to the server root) in JupyterLab and wait for an idle kernel."""
    path = urllib.parse.quote(Path(relpath).as_posix().lstrip("/"), safe="/")
    page.goto(f"{server.url}/lab/tree/{path}?token={server.token}", wait_until="domcontentloaded")
    page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(state="visible", timeout=timeout)
    if _app_exposed(page):
        # JupyterLab restores the notebooks a test opened before: wait until this one is
        # the current document, or "run all" would run the one restored in front
        page.wait_for_function(
            "(p) => { const w = window.jupyterapp.shell.currentWidget;"
            " return !!(w && w.context && w.context.path === p); }",
            arg=Path(relpath).as_posix().lstrip("/"), timeout=timeout, polling=100)
    wait_idle(page, kernel=kernel, timeout=timeout)


def run_all(
    page: Page, *, kernel: str = KERNEL_DISPLAY_NAME, timeout: float = RUN_TIMEOUT_MS
) -> None:
    """Run all cells of the current notebook and wait until none is running and the kernel idles."""
    if _app_exposed(page):
        # Resolves once every cell has been executed (or execution stopped on an error).
        run_command(page, "notebook:run-all-cells", timeout=timeout)
    else:
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        # Give the frontend a moment to mark cells as [*] before polling for completion.
        with contextlib.suppress(Exception):
            page.locator(".jp-InputPrompt", has_text="[*]").first.wait_for(timeout=2_000)
    page.wait_for_function(_NO_RUNNING_CELLS_JS, timeout=timeout, polling=100)
    wait_idle(page, kernel=kernel, timeout=timeout)


_KEPT_JS = """
(mime) => {
  const app = window.jupyterapp;
  const nb = app && app.shell.currentWidget && app.shell.currentWidget.content;
  if (!nb || !nb.widgets) { return null; }
  const kept = {};
  for (const cell of nb.widgets) {
    const outputs = cell.model && cell.model.outputs;
    if (!outputs) { continue; }
    for (const out of outputs.toJSON()) {
      const payload = out.data && out.data[mime];
      if (payload && payload.exercise) {
        kept[payload.exercise] = payload.answer ? payload.answer.saved_at : null;
      }
    }
  }
  return kept;
}
"""


def kept_copies(page: Page) -> dict[str, str]:
    """Return ``{exercise: saved_at or None}`` of the answer copies the open notebook holds."""
    from course.answers import ANSWER_MIME

    return page.evaluate(_KEPT_JS, ANSWER_MIME) or {}


def save(
    page: Page, *, record: Path | None = None, timeout: float = 30_000
) -> None:
    """Save the current document (``docmanager:save`` or Ctrl+S) and wait until it is clean.

    With ``record`` (the answer record beside the notebook), first wait until the copies
    kept in the notebook have caught up with every answer in it that has a copy there: the
    kernel writes the record, then sends the display update, and a save in between would
    keep the old copy. (Drafts, ``<exercise>-draft``, live in the record only.)
    """
    if record is not None:
        answers = json.loads(record.read_text())["answers"]
        deadline = time.monotonic() + timeout / 1000
        while True:
            kept = kept_copies(page)
            wanted = {ex: entry["saved_at"] for ex, entry in answers.items() if ex in kept}
            if wanted and all(kept[ex] == at for ex, at in wanted.items()):
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"the notebook's copies never caught up: {kept} != {wanted}")
            time.sleep(0.1)
    if _app_exposed(page):
        run_command(page, "docmanager:save", timeout=timeout)
    else:
        page.keyboard.press("ControlOrMeta+s")
    page.wait_for_function(_CLEAN_JS, timeout=timeout, polling=100)


_ERRORS_JS = """
() => {
  const app = window.jupyterapp;
  const nb = app && app.shell.currentWidget && app.shell.currentWidget.content;
  if (!nb || !nb.widgets) { return null; }
  const found = [];
  for (const cell of nb.widgets) {
    const outputs = cell.model && cell.model.outputs;
    if (!outputs) { continue; }
    for (const out of outputs.toJSON()) {
      if (out.output_type === 'error') { found.push(`${out.ename}: ${out.evalue}`); }
    }
  }
  return found;
}
"""


def error_outputs(page: Page) -> list[str]:
    """Return ``'EName: value'`` for every error output in the current notebook."""
    found = page.evaluate(_ERRORS_JS)
    if found is not None:
        return list(found)
    # DOM fallback: errors render as stderr text, so recognise them by their traceback.
    sel = ".jp-NotebookPanel:not(.lm-mod-hidden) [data-mime-type='application/vnd.jupyter.stderr']"
    texts = page.locator(sel).all_inner_texts()
    return [t.strip().splitlines()[-1] for t in texts if "Traceback (most recent call last)" in t]


def wait_for_record(
    path: Path, predicate: Callable[[dict], bool], timeout: float = 30.0
) -> dict:
    """Wait until the answer record at ``path`` exists and ``predicate(record)`` holds."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if path.exists():
            last = json.loads(path.read_text())  # writes are atomic: never half a file
            with contextlib.suppress(KeyError):  # the exercise may not be saved yet
                if predicate(last):
                    return last
        time.sleep(0.1)
    raise AssertionError(f"{path.name} never reached the expected state; last seen: {last}")
