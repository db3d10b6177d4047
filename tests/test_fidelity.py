"""Fidelity: what a record states is in the text of the article it cites.

Golden cases (``tests/golden/fidelity/<case>/``: a ``data/`` tree and the exact problems
``make check`` must print), a few cases that a repository cannot hold (symlinks), and the real
data with one figure changed, through the ``make check`` command itself.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import synth

from sotay.fidelity import Article, check_fidelity
from sotay.pipeline import build_graph

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "fidelity"
CASES = sorted(p for p in GOLDEN.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fidelity_golden(case: Path) -> None:
    _, problems = build_graph(case / "data")
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in problems] == expected


def test_golden_cases_cover_every_check() -> None:
    """Each kind of claim has a case that fails, so the golden table cannot pass vacuously."""
    printed = "".join((c / "expected.txt").read_text(encoding="utf-8") for c in CASES)
    for field in ("so_lieu[4].gia_tri", "so_lieu[6].tren", "so_lieu[7].ty_le",
                  "so_lieu[9].nguyen_van", "tieu_de", "viet_tat", "chuc_vu[2].thoi_diem",
                  "ngay_ban_hanh", "tac_gia[2]", "url", "tep"):
        assert f": {field}: " in printed, field


@pytest.mark.parametrize(("number", "text", "found"), [
    ("53", "được 53/49 nhiệm vụ", True),
    ("49", "được 53/49 nhiệm vụ", True),
    ("3", "được 53/49 nhiệm vụ", False),
    ("5", "được 53/49 nhiệm vụ", False),
    ("4.728", "tặng 4.728 suất quà", True),
    ("4", "tặng 4.728 suất quà", False),
    ("728", "tặng 4.728 suất quà", False),
    ("108,1", "đạt 108,1% kế hoạch", True),
    ("108", "đạt 108,1% kế hoạch", False),
    ("2013", "đầu năm 2013.", True),
    ("1", "1 tỷ 756 triệu đồng", True),
])
def test_numbers_stand_alone(number: str, text: str, found: bool) -> None:
    assert (number in Article("a", "a.txt", text).numbers) is found


@pytest.mark.parametrize(("text", "pairs"), [
    ("Ngày 9/10, hội nghị", {(9, 10)}),
    ("ngày 13/8/2013", {(13, 8)}),
    ("Sáng 04/4", {(4, 4)}),
    ("ngày 03/02/2023", {(3, 2)}),
    ("19/10", {(19, 10)}),
    ("1/2/3", {(1, 2), (2, 3)}),
    ("2012/10", set()),
    ("ngày 113/8", set()),
])
def test_day_and_month_pairs(text: str, pairs: set[tuple[int, int]]) -> None:
    assert Article("a", "a.txt", text).day_months == pairs


def _source(data: Path, tep: str, text: str | None = "Tác giả: Lâm Trần, 53/49 nhiệm vụ.") -> None:
    (data / "nguon").mkdir(parents=True, exist_ok=True)
    (data / "nguon" / "bai.yaml").write_text(f"id: bai\ntieu_de: Bài\ntep: {tep}\n",
                                             encoding="utf-8")
    if text is not None:
        (data / "nguon" / "bai.txt").write_text(text, encoding="utf-8")


def test_a_symlinked_text_is_refused_and_never_read(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("53/49", encoding="utf-8")
    data = tmp_path / "repo" / "data"
    _source(data, "bai.txt", text=None)
    (data / "nguon" / "bai.txt").symlink_to(outside)
    graph, problems = build_graph(data)
    assert [(p.path, p.line, p.field) for p in problems] == [
        ("data/nguon/bai.txt", None, None), ("data/nguon/bai.yaml", 3, "tep")]
    assert all("symlink" in p.message for p in problems)


def test_a_text_is_read_once_per_build_and_kept_on_the_build(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    data = tmp_path / "data"
    _source(data, "bai.txt")
    (data / "mo-hinh").mkdir()
    for index in range(3):
        (data / "mo-hinh" / f"m{index}.yaml").write_text(
            f"id: m{index}\ntieu_de: M\nso_lieu:\n  - chi_tieu: C\n    gia_tri: 53\n"
            "    tren: 49\nnguon: [bai]\n", encoding="utf-8")
    reads: list[Path] = []
    real = Path.read_bytes

    def counted(self: Path) -> bytes:
        if self.suffix == ".txt":
            reads.append(self)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", counted)
    graph, problems = build_graph(data)
    assert problems == [] and graph is not None
    assert reads == [data / "nguon" / "bai.txt"]
    # A second build reads the file again: nothing is cached between builds.
    (data / "nguon" / "bai.txt").write_text("Tác giả: Lâm Trần, 54/49.", encoding="utf-8")
    problems = check_fidelity(graph, data)
    assert [p.field for p in problems] == ["so_lieu[1].gia_tri", "so_lieu[1].tren"] * 3


def test_a_new_article_in_the_same_change_as_the_record_citing_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "nguon" / "bai-moi.txt").write_text(
        "Bài mới\n\nNăm 2022, xã vận động được 37 hộ hiến đất làm đường.\n", encoding="utf-8")
    (data / "nguon" / "bai-moi.yaml").write_text(
        "id: bai-moi\ntieu_de: Bài mới\ntep: bai-moi.txt\n", encoding="utf-8")
    (data / "mo-hinh" / "hien-dat.yaml").write_text(
        "id: hien-dat\ntieu_de: Hiến đất làm đường\ntu_ngay: 2022\nso_lieu:\n"
        "  - chi_tieu: Hộ hiến đất\n    gia_tri: 37\nnguon: [bai-moi]\n", encoding="utf-8")
    graph, problems = build_graph(data, ROOT / "docs")
    assert [str(p) for p in problems] == []


def _check(data: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--data",
                           str(data), "--docs", str(ROOT / "docs")],
                          capture_output=True, text=True, check=False, env=env)


def test_make_check_names_file_line_and_field_of_a_changed_real_figure(tmp_path: Path) -> None:
    """Every real figure carries its quote, so a changed value is caught against the quote."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    record = data / "su-kien" / "hoi-nghi-so-ket-9-thang-2021-than-uyen.md"
    lines = record.read_text(encoding="utf-8").split("\n")
    line = next(i for i, text in enumerate(lines, start=1) if text.strip() == "gia_tri: 4728")
    lines[line - 1] = lines[line - 1].replace("4728", "4729")
    quote = next(i for i, text in enumerate(lines, start=1)
                 if i > line and text.strip().startswith("trich:"))
    record.write_text("\n".join(lines), encoding="utf-8")
    result = _check(data)
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"data/su-kien/hoi-nghi-so-ket-9-thang-2021-than-uyen.md:{quote}: "
                            "so_lieu[")
    assert ".trich: số liệu không khớp câu trích: câu không có 4.729 (trong câu có: 4.728" \
        in first
    assert "Có 1 lỗi" in result.stderr


def test_a_number_is_compared_as_typed(tmp_path: Path) -> None:
    """79 and 79.0 are equal numbers, but an article that writes 79 does not back 79,0."""
    data = tmp_path / "data"
    _source(data, "bai.txt", text="Đạt 79 điểm.")
    (data / "mo-hinh").mkdir()
    (data / "mo-hinh" / "m.yaml").write_text(
        "id: m\ntieu_de: M\nso_lieu:\n  - chi_tieu: A\n    gia_tri: 79\n"
        "  - chi_tieu: B\n    gia_tri: 79.0\nnguon: [bai]\n", encoding="utf-8")
    _, problems = build_graph(data)
    assert [(p.line, p.field) for p in problems] == [(7, "so_lieu[2].gia_tri")]
    assert "số 79,0 không có" in problems[0].message


def test_synthetic_articles_back_their_records_and_catch_a_change(tmp_path: Path) -> None:
    synth.generate(300, tmp_path, seed=5)
    sources = sorted((tmp_path / "nguon").glob("*.yaml"))
    assert sources and all(s.with_suffix(".txt").is_file() for s in sources)
    graph, problems = build_graph(tmp_path)
    assert problems == [] and graph is not None
    record = next(r for r in graph.records.values() if r.get("so_lieu"))
    file = tmp_path.parent / record.path
    value = record.values["so_lieu"][0]["gia_tri"]
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace(f"gia_tri: {value}\n", f"gia_tri: {value}7\n", 1),
                    encoding="utf-8")
    _, problems = build_graph(tmp_path)
    assert [(p.path, p.field) for p in problems] == [(record.path, "so_lieu[1].gia_tri")]
