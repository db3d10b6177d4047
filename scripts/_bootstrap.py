"""Put ``hooks/`` on the import path so scripts can use the core package ``sotay``."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

BUILD_SOURCES = ("mkdocs.yml", "docs", "hooks", "overrides")


def copy_build_sources(dest: Path) -> Path:
    """Copy what a build needs besides its data (config, guides, hooks, theme) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in BUILD_SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, dest / name)
    return dest
