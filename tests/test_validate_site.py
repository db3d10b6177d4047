"""Bad input put into the real dataset fails `make check` and `make site` by file, line and
field, with no traceback, and the last good ``site/`` stays byte for byte as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import copy_project
from sotay.pipeline import build_graph

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "golden" / "render" / "basic" / "data"


def _with_line(path: Path, key: str, raw: str) -> int:
    """Rewrite a record without ``key``, then add the raw line ``raw``; return its line."""
    values = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    values.pop(key, None)
    text = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text + raw + "\n", encoding="utf-8")
    return text.count("\n") + 1


def _replace(content: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content)


# (type of the record to spoil, key, raw line, field expected, words expected in the message)
INJECTED = {
    "unknown field": ("chu-de", "tieu_đe", "tieu_đe: x", "tieu_đe", "có phải 'tieu_de'?"),
    "unsafe id": ("chu-de", "id", "id: Công tác dân vận", "id", "gợi ý: 'cong-tac-dan-van'"),
    "impossible date": ("van-ban", "ngay_ban_hanh", "ngay_ban_hanh: 2013-02-30",
                        "ngay_ban_hanh", "chỉ có 28 ngày"),
    "missing reference": ("van-ban", "can_cu", "can_cu: [nghi-quyet-khong-co]", "can_cu[1]",
                          "không có văn bản nào mang mã 'nghi-quyet-khong-co'"),
    "object tag": ("van-ban", "trich_yeu", 'trich_yeu: !!python/object/apply:os.system ["id"]',
                   "trich_yeu", "không được phép"),
    "yaml 1.1 no": ("van-ban", "loai", "loai: no", "loai", "giá trị 'no' không hợp lệ"),
    "wrong type": ("dia-danh", "thuoc", "thuoc: [a, b]", "thuoc", "gặp một danh sách"),
    "not http": ("nguon", "url", "url: javascript:alert(1)", "url", "http:// hoặc https://"),
    "syntax": ("chu-de", "mo_ta", "mo_ta: [chưa đóng", None, "lỗi cú pháp YAML"),
}


@pytest.mark.parametrize("case", INJECTED, ids=list(INJECTED))
def test_bad_input_in_real_data_is_located(tmp_path: Path, case: str) -> None:
    type_name, key, raw, field, words = INJECTED[case]
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    victim = sorted((data / type_name).glob("*.yaml"))[0]
    line = _with_line(victim, key, raw)
    shown = victim.relative_to(tmp_path).as_posix()
    _, problems = build_graph(data)
    mine = [p for p in problems if p.path == shown]
    assert any(p.field == field and words in p.message for p in mine), mine
    assert any(p.line in (line, line + 1) for p in mine), mine


@pytest.mark.parametrize("content", [b"", b"tieu_de: \xe1\n", b"- a\n- b\n"],
                         ids=["empty", "not utf-8", "not a mapping"])
def test_broken_real_file_is_named(tmp_path: Path, content: bytes) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    victim = sorted((data / "van-ban").glob("*.yaml"))[0]
    victim.write_bytes(content)
    _, problems = build_graph(data)
    assert [p.path for p in problems].count(victim.relative_to(tmp_path).as_posix()) == 1


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(file.relative_to(folder).as_posix().encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def _make_site(project: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SOTAY_DATA_DIR", None)
    return subprocess.run([sys.executable, str(project / "scripts" / "build_site.py")],
                          capture_output=True, text=True, env=env, cwd=project, check=False)


@pytest.mark.slow
def test_failed_make_site_leaves_site_unchanged(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project", data=GOOD)
    shutil.copytree(ROOT / "scripts", project / "scripts",
                    ignore=shutil.ignore_patterns("__pycache__"))
    # The real guides link real records; this small dataset needs a guide without [[id]].
    (project / "docs" / "huong-dan" / "index.md").write_text("# Hướng dẫn\n", encoding="utf-8")
    first = _make_site(project)
    assert first.returncode == 0, first.stdout + first.stderr
    site = project / "site"
    before = _tree_hash(site)
    assert (site / "van-ban" / "ket-luan-1.html").exists()

    # Bad data: stopped by the check before anything is written.
    record = project / "data" / "van-ban" / "ket-luan-1.yaml"
    good_text = record.read_text(encoding="utf-8")
    record.write_text(good_text + "ngay_het_han: 2013-02-30\n", encoding="utf-8")
    bad = _make_site(project)
    assert bad.returncode != 0
    assert "Traceback" not in bad.stdout + bad.stderr
    assert "data/van-ban/ket-luan-1.yaml:" in bad.stderr and "ngay_het_han" in bad.stderr
    assert _tree_hash(site) == before
    assert not list(project.glob(".site-build-*"))

    # Good data but a build that fails after the check (here: a broken mkdocs.yml).
    record.write_text(good_text, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "theme: [\n", encoding="utf-8")
    broken = _make_site(project)
    assert broken.returncode != 0
    assert _tree_hash(site) == before
    assert not list(project.glob(".site-build-*"))
