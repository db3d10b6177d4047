"""The search engine's own tests, in Node's built-in runner, over an index built here.

``make test`` runs them through this file (``node --test tests/js/``); their output is the
failure message. Node is Debian's (installed with Chromium); no npm package is needed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.tool

sys.path.insert(0, str(ROOT / "tests" / "js"))


def test_engine_unit_tests_pass_in_node(tmp_path: Path) -> None:
    import build_index

    node = shutil.which("node")
    assert node, "Node.js is needed for the search engine's tests (apt-get install nodejs)"
    build_index.main(tmp_path)
    assert (tmp_path / "search" / "manifest.js").is_file()
    env = {**os.environ, "SOTAY_SEARCH_INDEX": str(tmp_path)}
    done = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "# fail 0" in done.stdout and "# pass 0" not in done.stdout, done.stdout[-2000:]
