"""`make new`: a proposed safe id, refusal of ids in use, and a template that, once filled,
passes the check, matches its JSON Schema and builds into a page with links and backlinks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from test_editor_schema import _yaml12
from test_search_browser import result_urls, search

from conftest import OfflineBrowser, copy_project, mkdocs_build
from sotay.editor_schema import type_schema
from sotay.pipeline import build_graph
from sotay.schema import TYPES, TYPES_BY_NAME

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "golden" / "render" / "basic" / "data"


def _new(data: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "new.py"), "--data", str(data),
                           *args], input=stdin, capture_output=True, text=True, check=False)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return Path(shutil.copytree(GOOD, tmp_path / "data"))


def test_proposes_a_safe_id_from_the_vietnamese_title(data: Path) -> None:
    result = _new(data, "--type", "mo-hinh", "--title", "Tổ dân vận bản Đông Hồ – Sìn Hồ")
    assert result.returncode == 0, result.stderr
    created = data / "mo-hinh" / "to-dan-van-ban-dong-ho-sin-ho.yaml"
    text = created.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schemas/mo-hinh.schema.json"
    assert 'tieu_de: "Tổ dân vận bản Đông Hồ – Sìn Hồ"' in text


@pytest.mark.parametrize("record_type", TYPES, ids=[t.name for t in TYPES])
def test_template_names_every_field_and_checks_once_filled(data: Path,
                                                           record_type: object) -> None:
    name = record_type.name  # type: ignore[attr-defined]
    assert _new(data, "--type", name, "--title", "Bản ghi thử").returncode == 0
    file = data / name / "ban-ghi-thu.yaml"
    text = file.read_text(encoding="utf-8")
    for spec in TYPES_BY_NAME[name].fields:
        assert f"{spec.name}:" in text, spec.name
    # Fill the required fields the scaffold leaves empty.
    filled = {"loai": {"van-ban": "ket-luan", "to-chuc": "khac"}, "cap": {"dia-danh": "xa"},
              "viet_tat": {"viet-tat": "BGT"}, "day_du": {"viet-tat": "Bản ghi thử"},
              "doi_tuong": {"bai-giang": "Cán bộ xã"},
              "buoc": {"bai-giang": "\n  - ban_ghi: ket-luan-1"}}
    for field, by_type in filled.items():
        if name in by_type:
            text = text.replace(f"\n{field}:\n", f"\n{field}: {by_type[name]}\n")
    if name != "nguon":
        text = text.replace("\nnguon: []\n", "\nnguon: [bai-a]\n")
    file.write_text(text, encoding="utf-8")
    _, problems = build_graph(data)
    assert [str(p) for p in problems] == []
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    validator = jsonschema.Draft202012Validator(type_schema(TYPES_BY_NAME[name]))
    assert [e.message for e in validator.iter_errors(_yaml12(root))] == []


def test_unfilled_required_field_is_reported(data: Path) -> None:
    assert _new(data, "--type", "van-ban", "--title", "Kết luận số 2").returncode == 0
    _, problems = build_graph(data)
    assert [(p.path, p.field) for p in problems] == [("data/van-ban/ket-luan-so-2.yaml", "loai"),
                                                     ("data/van-ban/ket-luan-so-2.yaml", "nguon")]


def test_refuses_an_id_in_use_and_a_former_id(data: Path) -> None:
    taken = _new(data, "--type", "van-ban", "--title", "Kết luận 1")
    assert taken.returncode == 1
    assert "ket-luan-1" in taken.stderr and "--id ket-luan-1-2" in taken.stderr
    (data / "chu-de").mkdir()
    (data / "chu-de" / "dan-toc.yaml").write_text(
        "id: cong-tac-dan-toc\ntieu_de: Công tác dân tộc\nid_cu: [dan-toc]\n", encoding="utf-8")
    former = _new(data, "--type", "chu-de", "--title", "Dân tộc")
    assert former.returncode == 1 and "data/chu-de/dan-toc.yaml" in former.stderr
    assert not (data / "chu-de" / "dan-toc.md").exists()


def test_prompts_when_type_and_title_are_missing(data: Path) -> None:
    result = _new(data, "--body", stdin="chu-de\nĐoàn kết dân tộc\n\n")
    assert result.returncode == 0, result.stderr
    created = data / "chu-de" / "doan-ket-dan-toc.md"
    assert created.read_text(encoding="utf-8").startswith("---\n")
    _, problems = build_graph(data)
    assert [(p.path, p.field) for p in problems] == [("data/chu-de/doan-ket-dan-toc.md", "nguon")]


@pytest.mark.browser
def test_scaffold_fill_build_page_links_and_backlinks(tmp_path: Path, data: Path,
                                                     offline_browser: OfflineBrowser) -> None:
    assert _new(data, "--type", "mo-hinh", "--title", "Tổ tự quản Đông Hồ").returncode == 0
    file = data / "mo-hinh" / "to-tu-quan-dong-ho.yaml"
    filled = file.read_text(encoding="utf-8").replace("\nnguon: []\n", "\nnguon: [bai-a]\n")
    file.write_text(filled + "dia_ban: [huyen-b]\ntrien_khai: [ket-luan-1]\n", encoding="utf-8")
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project", data=data)
    (project / "docs" / "huong-dan" / "index.md").write_text("# Hướng dẫn\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    page = (site / "mo-hinh" / "to-tu-quan-dong-ho.html").read_text(encoding="utf-8")
    assert "Tổ tự quản Đông Hồ" in page
    for target in ("../dia-danh/huyen-b.html", "../nguon/bai-a.html", "../van-ban/ket-luan-1.html"):
        assert f'href="{target}' in page, target
    for backlinked in ("dia-danh/huyen-b.html", "nguon/bai-a.html", "van-ban/ket-luan-1.html"):
        html = (site / backlinked).read_text(encoding="utf-8")
        assert 'href="../mo-hinh/to-tu-quan-dong-ho.html"' in html, backlinked
    for query in ("Tổ tự quản Đông Hồ", "to tu quan dong ho"):
        tab = search(offline_browser, site, query)
        assert (site / "mo-hinh" / "to-tu-quan-dong-ho.html").as_uri() in result_urls(tab), query
    assert offline_browser.blocked == [] and offline_browser.console_errors == []
