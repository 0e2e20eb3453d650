"""Shared helpers for the evaluations on the reference data in ../shared/data/.

The data sets stay outside the repository (several may not be redistributed). An evaluation whose
data is absent prints why and exits 0, so `make eval` still works on a machine without them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def shared_data(folder: str) -> Path:
    """Return ../shared/data/<folder>, or exit 0 with a message when it is not there.

    STEPSTONES_SHARED_DATA overrides where the data sets live.
    """
    base = Path(os.environ.get("STEPSTONES_SHARED_DATA", ROOT.parent / "shared" / "data"))
    path = base / folder
    if not path.is_dir():
        print(f"skipped: reference data {path} is absent (STEPSTONES_SHARED_DATA names its folder)")
        sys.exit(0)
    return path
