"""Bad data in, exact Vietnamese messages out; and values YAML 1.1 would change stay as typed.

Each folder of ``tests/golden/invalid/`` holds a ``data/`` tree with one kind of bad input
(plus the good records it needs) and ``expected.txt``: every problem line ``make check``
prints for it. Set UPDATE_GOLDEN=1 to rewrite them after a deliberate change, then review.
"""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from sotay.model import PartialDate
from sotay.pipeline import build_graph

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((Path(__file__).parent / "golden" / "invalid").iterdir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_golden(case: Path) -> None:
    graph, problems = build_graph(case / "data")
    lines = [str(p) for p in problems]
    expected = case / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    assert graph is None
    assert lines == expected.read_text(encoding="utf-8").splitlines()
    for problem in problems:
        assert problem.path.startswith("data/")


def _check(data: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), "--data", str(data),
         "--docs", str(data.parent / "no-docs"), *extra],
        capture_output=True, text=True, check=False, cwd=data.parent)


@pytest.mark.parametrize("name", ["not-utf8", "object-tag", "yaml-unclosed-quote",
                                  "markdown-front-matter"])
def test_check_script_exits_1_without_traceback(name: str) -> None:
    case = Path(__file__).parent / "golden" / "invalid" / name
    result = _check(case / "data")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.stderr.splitlines() == expected + [
        f"Có {len(expected)} lỗi trong dữ liệu; chưa dựng trang nào."]


def test_github_annotations_name_file_and_line() -> None:
    case = Path(__file__).parent / "golden" / "invalid" / "missing-reference"
    result = _check(case / "data", "--github")
    assert result.returncode == 1
    assert ("::error file=data/dia-danh/than-uyen.yaml,line=4,title=thuoc::không có địa danh "
            "nào mang mã 'lai-chauu' (có phải 'lai-chau'?)") in result.stdout.splitlines()


def test_yaml_11_words_keep_the_text_typed(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "van-ban"
    folder.mkdir(parents=True)
    (folder / "a.yaml").write_text(
        "id: a\ntieu_de: no\nloai: khac\nso_hieu: 06\nkhoa: 1:20\ntrich_yeu: 2013-08-13\n"
        "giai_doan: on\nngay_ban_hanh: 2013-08-13\nghi_chu: 1e3\nnguon: [c]\n", encoding="utf-8")
    (tmp_path / "data" / "mo-hinh").mkdir()
    (tmp_path / "data" / "mo-hinh" / "b.yaml").write_text(
        "id: b\ntieu_de: B\ntu_ngay: 2012-10\nso_lieu:\n  - {chi_tieu: x, gia_tri: 06, "
        "ty_le: 108.10}\nnguon: [c]\n", encoding="utf-8")
    (tmp_path / "data" / "nguon").mkdir()
    (tmp_path / "data" / "nguon" / "c.yaml").write_text("id: c\ntieu_de: C\n", encoding="utf-8")
    graph, problems = build_graph(tmp_path / "data")
    assert problems == [] and graph is not None
    record = graph.records["a"]
    assert record.title == "no"
    assert record.values["so_hieu"] == "06"
    assert record.values["khoa"] == "1:20"
    assert record.values["trich_yeu"] == "2013-08-13"
    assert record.values["giai_doan"] == "on"
    assert record.values["ghi_chu"] == "1e3"
    assert record.values["ngay_ban_hanh"] == PartialDate(2013, 8, 13)
    model = graph.records["b"]
    assert model.values["tu_ngay"] == PartialDate(2012, 10)
    assert model.values["so_lieu"][0]["gia_tri"] == Decimal("6")
    assert str(model.values["so_lieu"][0]["ty_le"]) == "108.10"


def test_every_problem_at_once(tmp_path: Path) -> None:
    """Problems of many files and of every stage come out of one run."""
    data = tmp_path / "data"
    for case in CASES:
        for file in (case / "data").rglob("*"):
            if file.is_file():
                target = data / file.relative_to(case / "data").parent / f"{case.name}-{file.name}"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(file.read_bytes())
    _, problems = build_graph(data)
    assert {p.path.split("/")[-1].split("-")[0] for p in problems} >= {"yaml", "object", "place"}
    assert len(problems) > len(CASES)


def test_markdown_records_are_split_by_python_frontmatter(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The design card's library does the split; lines stay those of the file."""
    import sotay.load as load

    calls: list[str] = []
    handler = load._FRONT_MATTER
    monkeypatch.setattr(load, "_FRONT_MATTER", type(handler)())
    original = load._FRONT_MATTER.split
    monkeypatch.setattr(load._FRONT_MATTER, "split",
                        lambda text: calls.append(text) or original(text))
    folder = tmp_path / "data" / "chu-de"
    folder.mkdir(parents=True)
    (folder / "a.md").write_text("---\nid: a\ntieu_de: T\nnguon: [khong-co]\n---\n\nNội dung\n",
                                 encoding="utf-8")
    _, problems = build_graph(tmp_path / "data")
    assert len(calls) == 1
    assert [(p.line, p.field) for p in problems] == [(4, "nguon[1]")]


def _figure_data(tmp_path: Path, figure: str) -> Path:
    (tmp_path / "data" / "mo-hinh").mkdir(parents=True)
    (tmp_path / "data" / "nguon").mkdir()
    (tmp_path / "data" / "nguon" / "c.yaml").write_text("id: c\ntieu_de: C\n", encoding="utf-8")
    (tmp_path / "data" / "mo-hinh" / "b.yaml").write_text(
        f"id: b\ntieu_de: B\nso_lieu:\n  - chi_tieu: x\n{figure}nguon: [c]\n", encoding="utf-8")
    return tmp_path / "data"


@pytest.mark.parametrize("typed", ["1.981", '"1.981"', "'1.981'", "-2.500"])
def test_a_thousands_dot_is_refused_with_both_readings(tmp_path: Path, typed: str) -> None:
    graph, problems = build_graph(_figure_data(tmp_path, f"    gia_tri: {typed}\n"))
    assert graph is None
    text = typed.strip("'\"")
    whole = text.replace(".", "")
    assert [(p.path, p.line, p.field) for p in problems] == [
        ("data/mo-hinh/b.yaml", 5, "so_lieu[1].gia_tri")]
    message = problems[0].message
    assert f"'{text}' có hai cách đọc" in message
    assert f"là số {whole}" in message and f"số thập phân {text.replace('.', ',')}" in message
    assert "thap_phan: true" in message


@pytest.mark.parametrize("figure", [
    "    gia_tri: 1981\n", "    gia_tri: 1.98\n", "    gia_tri: 1.9812\n", "    gia_tri: 12.5\n",
    "    gia_tri: 1.981\n    thap_phan: true\n", "    gia_tri: 5\n    ty_le: 1.875\n",
])
def test_unambiguous_or_declared_decimals_pass(tmp_path: Path, figure: str) -> None:
    graph, problems = build_graph(_figure_data(tmp_path, figure))
    assert problems == [] and graph is not None


def test_several_thousands_dots_get_a_hint(tmp_path: Path) -> None:
    _, problems = build_graph(_figure_data(tmp_path, "    gia_tri: 1.756.000\n"))
    assert [(p.line, p.field) for p in problems] == [(5, "so_lieu[1].gia_tri")]
    assert "gõ 1756000" in problems[0].message
