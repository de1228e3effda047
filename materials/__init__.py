"""Course materials: scenario data (curated and seeded-generated) and their generators."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["data_dir"]


def data_dir() -> Path:
    """Return the folder holding the course's data sets."""
    return Path(str(resources.files(__name__) / "data"))
