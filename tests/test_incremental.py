"""`make serve` rebuilds with --dirty: only pages whose Markdown changed are converted again,
yet the site and its search index stay whole."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project

pytestmark = pytest.mark.slow

_SCRIPT = r'''
import json, os, re, sys
os.environ["NO_MKDOCS_2_WARNING"] = "1"
from mkdocs.config import load_config
from mkdocs.commands.build import build

site = sys.argv[1]
config = lambda: load_config("mkdocs.yml", site_dir=site, strict=False)
build(config())
times = {p: os.path.getmtime(os.path.join(site, p)) for p in sys.argv[3:]}
record = sys.argv[2]
text = open(record, encoding="utf-8").read()
open(record, "w", encoding="utf-8").write(
    re.sub(r"(?m)^tieu_de: .*$", "tieu_de: Tiêu đề xem trước 4711", text, count=1))
build(config(), dirty=True)
print(json.dumps({p: os.path.getmtime(os.path.join(site, p)) > t for p, t in times.items()}))
'''


def test_dirty_rebuild_converts_only_changed_pages(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    record = project / "data" / "chu-de" / "tiep-cong-dan.yaml"  # no article check on a topic title
    assert record.is_file()
    site = tmp_path / "site"
    watched = ["chu-de/tiep-cong-dan.html", "chu-de/index.html", "van-ban/nghi-quyet-25-nq-tw.html",
               "in-so-tay.html"]
    result = subprocess.run([sys.executable, "-c", _SCRIPT, str(site), str(record), *watched],
                            cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    rewritten = json.loads(result.stdout.strip().splitlines()[-1])
    assert rewritten == {
        "chu-de/tiep-cong-dan.html": True,   # its own page
        "chu-de/index.html": True,          # a listing that shows the title
        "van-ban/nghi-quyet-25-nq-tw.html": False,  # does not mention it: left alone
        "in-so-tay.html": False,              # the costly print page waits for a clean build
    }
    page = (site / "chu-de" / "tiep-cong-dan.html").read_text(encoding="utf-8")
    assert "Tiêu đề xem trước 4711" in page
    search = "".join(p.read_text(encoding="utf-8") for p in (site / "search").glob("m-*.js"))
    assert "Tiêu đề xem trước 4711" in search
    assert "nghi-quyet-25-nq-tw.html" in search  # pages not converted again stay searchable
