"""Run stock nbgrader commands on a course root, the way an instructor would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

__all__ = ["ROOT", "NbgraderError", "copy_course", "course_config", "modules", "nbgrader"]

#: The repository root, which is the nbgrader course root.
ROOT = Path(__file__).resolve().parent.parent


class NbgraderError(RuntimeError):
    """A stock nbgrader command failed; the message carries its log tail."""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # nbgrader runs `alembic` by name: put this interpreter's bin/ first on PATH.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.setdefault("PYTHONWARNINGS", "ignore")
    return env


def nbgrader(*args: str, root: Path = ROOT, check: bool = True) -> subprocess.CompletedProcess:
    """Run ``nbgrader *args`` with ``root`` as the course root and return the result."""
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=root, env=_env(),
        capture_output=True, text=True,
    )
    failed = result.returncode != 0 or "[ERROR]" in result.stderr or "| ERROR]" in result.stderr
    if check and failed:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
        raise NbgraderError(f"nbgrader {' '.join(args)} failed in {root}:\n{tail}")
    return result


def course_config(root: Path = ROOT) -> Config:
    """Return the configuration ``root/nbgrader_config.py`` sets."""
    return PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()


def modules(root: Path = ROOT) -> list[str]:
    """Return the module (assignment) ids found in ``root/source``."""
    return sorted(p.name for p in (root / "source").iterdir() if p.is_dir() and
                  not p.name.startswith("."))


def copy_course(dest: Path, root: Path = ROOT, *, with_release: bool = True) -> Path:
    """Copy what a course root needs (config, source/, release/) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(root / "nbgrader_config.py", dest / "nbgrader_config.py")
    ignore = shutil.ignore_patterns("*.answers*.json", ".ipynb_checkpoints", "__pycache__")
    shutil.copytree(root / "source", dest / "source", ignore=ignore, dirs_exist_ok=True)
    if with_release and (root / "release").exists():
        shutil.copytree(root / "release", dest / "release", ignore=ignore, dirs_exist_ok=True)
    return dest
