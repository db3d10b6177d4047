"""Handouts: each lesson on one or two A4 sheets, a QR code per step that a real decoder
(zbarimg) reads back as exactly the address printed beside it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import make_handout
import pytest
from explore_data import HOSTILE, graph_of
from pypdf import PdfReader

from conftest import CHROMIUM, PUBLIC_ADDRESS, ROOT
from sotay.handout import handout_path, public_address
from sotay.link import Graph
from sotay.pipeline import build_graph
from sotay.render import render_pages

MODEL = "id: mo-hinh-a\ntieu_de: Mô hình A\ncap: xa\nmo_ta: Đoạn một.\n"
DOC = "id: van-ban-b\ntieu_de: Văn bản B\nloai: ket-luan\nso_hieu: 1-KL/TU\n"
LESSON = ("id: bai-mot\ntieu_de: Bài một\ndoi_tuong: Cán bộ xã\nthoi_luong: 45 phút\n"
          "muc_tieu: '- Hiểu mô hình A'\nbuoc:\n"
          "  - ban_ghi: van-ban-b\n"
          f"    cau_hoi: {json.dumps(HOSTILE)}\n"
          "  - ban_ghi: mo-hinh-a\n    muc: mo-ta\n    ghi_chu: Nhấn mạnh đoạn một.\n")
FILES = {"mo-hinh/mo-hinh-a.yaml": MODEL, "van-ban/van-ban-b.yaml": DOC,
         "bai-giang/bai-mot.yaml": LESSON}
BASE = "https://sotay.example.vn/nhanh"


def _handout(tmp_path: Path, base_url: str) -> str:
    pages = {p.path: p.content for p in render_pages(graph_of(tmp_path, FILES), base_url)}
    return pages[handout_path("bai-mot")]


def test_each_step_prints_its_public_address_and_its_qr_code(tmp_path: Path) -> None:
    page = _handout(tmp_path, BASE + "/")
    addresses = re.findall(r'<p class="sotay-handout-address">([^<]*)</p>', page)
    assert addresses == [f"{BASE}/van-ban/van-ban-b.html", f"{BASE}/mo-hinh/mo-hinh-a.html#mo-ta"]
    titles = re.findall(r'<div class="sotay-qr"><svg [^>]*><title>Mã QR: ([^<]*)</title>', page)
    assert titles == addresses
    assert "chưa có địa chỉ công khai" not in page


def test_key_facts_note_and_question_are_printed_as_text(tmp_path: Path) -> None:
    page = _handout(tmp_path, BASE)
    step_one, step_two = page.split('<h3 id="buoc-')[1:]
    assert "<strong>Số hiệu:</strong> 1-KL/TU" in step_one
    assert "<strong>Loại văn bản:</strong> Kết luận" in step_one
    assert "<strong>Nguồn:</strong>" not in step_one  # sources and topics are no key facts
    assert "<script>" not in page and "&lt;script&gt;" in step_one
    assert "<strong>Ghi chú:</strong> Nhấn mạnh đoạn một." in step_two
    assert "mục <code>mo-ta</code>" in step_two
    assert page.split("\n---\n")[0].endswith("\nsearch:\n  exclude: true")


def test_without_a_public_address_the_sheet_says_so_and_draws_no_code(tmp_path: Path) -> None:
    page = _handout(tmp_path, "")
    assert "<svg" not in page
    assert "chưa có địa chỉ công khai nên tài liệu không in mã QR" in page
    assert '<p class="sotay-handout-address">mo-hinh/mo-hinh-a.html#mo-ta</p>' in page


def test_the_lesson_page_links_its_handout(tmp_path: Path) -> None:
    pages = {p.path: p.content for p in render_pages(graph_of(tmp_path, FILES))}
    assert '<a href="../phat-tay/bai-mot.html">' in pages["bai-giang/bai-mot.md"]
    assert [p for p in pages if p.startswith("phat-tay/")] == ["phat-tay/bai-mot.md"]


def _print_handouts(site: Path, out: Path) -> list[Path]:
    """``scripts/make_handout.py`` run as ``make handout`` runs it, in a process of its own (its
    Playwright cannot share this one with the browser fixtures'); the PDFs written."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_handout.py"),
                             "--site", str(site), "--out", str(out)], capture_output=True,
                            text=True, env=dict(os.environ, SOTAY_CHROMIUM=CHROMIUM), check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return sorted(out.glob("*.pdf"))


def _expected_addresses(graph: Graph, lesson_id: str) -> list[str]:
    return [public_address(PUBLIC_ADDRESS, graph.records[step["ban_ghi"].target],
                           step.get("muc", ""))
            for step in graph.records[lesson_id].values["buoc"]]


def _decoded(pdf: Path, folder: Path) -> list[str]:
    """Every QR code zbarimg finds on the PDF's pages rendered at 200 dpi."""
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(pdf), str(folder / pdf.stem)],
                   check=True)
    found: list[str] = []
    for png in sorted(folder.glob(f"{pdf.stem}-*.png")):
        result = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True,
                                text=True, check=False)
        assert result.returncode in (0, 4), result.stderr  # 4: no code on this page
        found += result.stdout.splitlines()
    return found


@pytest.mark.browser
@pytest.mark.tool
def test_handout_pdfs_fit_two_pages_and_every_code_reads_as_its_printed_address(
        published_site: Path, tmp_path: Path) -> None:
    graph, problems = build_graph(ROOT / "data")
    assert problems == [] and graph is not None
    written = _print_handouts(published_site, tmp_path / "dist")
    assert [p.stem for p in written] == sorted(r.id for r in graph.of_type("bai-giang"))
    for pdf in written:
        reader = PdfReader(pdf)
        assert 1 <= len(reader.pages) <= 2
        assert all(abs(float(p.mediabox.width) - 595.3) < 1 for p in reader.pages)  # A4
        expected = _expected_addresses(graph, pdf.stem)
        assert sorted(_decoded(pdf, tmp_path)) == sorted(expected)
        printed = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                         text=True, check=True).stdout.split())
        assert [a for a in expected if a not in printed] == []


@pytest.mark.browser
@pytest.mark.tool
def test_handout_without_public_address_has_no_code(built_site: Path, tmp_path: Path) -> None:
    written = _print_handouts(built_site, tmp_path / "dist")
    assert written
    # The same site prints the same files: no timestamp in them.
    again = _print_handouts(built_site, tmp_path / "again")
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in written]
    for pdf in written:
        assert _decoded(pdf, tmp_path) == []
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                       text=True, check=True).stdout.split())
        assert "chưa có địa chỉ công khai" in text


def test_handout_cli_reports_missing_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert make_handout.main(["--site", str(tmp_path), "--out", str(tmp_path / "out")]) == 1
    assert "make site" in capsys.readouterr().err
