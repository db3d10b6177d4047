"""The printable handbook page, its print CSS, and the PDF Chromium makes from it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import make_pdf
import pytest

from conftest import CHROMIUM, ROOT, copy_project, mkdocs_build
from sotay.pipeline import build_graph
from sotay.render import render_pages
from sotay.schema import PRINT_ORDER

ORDER = [t.name for t in PRINT_ORDER]
GOLDEN = ROOT / "tests" / "golden" / "render" / "basic" / "data"
# Records the hand-written guide links to, so the copied docs/ build against this data.
EXTRA = {
    "van-ban/nghi-quyet-25-nq-tw.yaml": "id: nghi-quyet-25-nq-tw\ntieu_de: Nghị quyết số 25-NQ/TW\n"
    "so_hieu: 25-NQ/TW\nloai: nghi-quyet\nmo_ta: Thực hiện QCDC; xem [[ket-luan-1#mo-ta]].\n"
    "nguon: [bai-a]\n",
    "van-ban/chuong-trinh-hanh-dong-60-lai-chau.yaml": "id: chuong-trinh-hanh-dong-60-lai-chau\n"
    "tieu_de: Chương trình hành động số 60\nloai: chuong-trinh-hanh-dong\n"
    "cu_the_hoa: [nghi-quyet-25-nq-tw]\nnguon: [bai-a]\n",
    "viet-tat/qcdc.yaml": "id: qcdc\ntieu_de: QCDC\nviet_tat: QCDC\n"
    "day_du: Quy chế dân chủ ở cơ sở\nnguon: [bai-a]\n",
    "chu-de/dan-chu.yaml": "id: dan-chu\ntieu_de: Dân chủ ở cơ sở\nnguon: [bai-a]\n",
}


def _data(dest: Path) -> Path:
    shutil.copytree(GOLDEN, dest)
    for path, text in EXTRA.items():
        (dest / path).parent.mkdir(parents=True, exist_ok=True)
        (dest / path).write_text(text, encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def printable_md(tmp_path_factory: pytest.TempPathFactory) -> str:
    graph, problems = build_graph(_data(tmp_path_factory.mktemp("data") / "data"))
    assert problems == [] and graph is not None
    pages = {p.path: p.content for p in render_pages(graph)}
    return pages["in-so-tay.md"]


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("print")
    (root / "project").mkdir()
    project = copy_project(root / "project", _data(root / "data"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_parts_in_reading_order(printable_md: str) -> None:
    parts = re.findall(r"^## .* \{#([a-z-]+) \.sotay-print-part\}$", printable_md, re.M)
    assert parts[0] == "gioi-thieu"
    present = [t for t in ORDER if f"{{#{t}-" in printable_md]
    assert parts[1:] == present
    assert present == ["van-ban", "mo-hinh", "dia-danh", "chu-de", "viet-tat", "nguon"]


def test_every_record_once_with_unique_anchor(printable_md: str) -> None:
    anchors = re.findall(r"^### .* \{#([a-z0-9-]+) \.sotay-print-record", printable_md, re.M)
    assert len(anchors) == len(set(anchors)) == 9
    assert "van-ban-ket-luan-1" in anchors and "viet-tat-qcdc" in anchors
    all_ids = re.findall(r"\{#([a-z0-9-]+)", printable_md)
    assert len(all_ids) == len(set(all_ids))


def test_links_stay_on_the_page(printable_md: str) -> None:
    ids = set(re.findall(r"\{#([a-z0-9-]+)", printable_md))
    targets = re.findall(r"\]\(([^)\s]+)\)", printable_md)
    assert targets
    assert [t for t in targets if not t.startswith("#") or t[1:] not in ids] == []
    # [[ket-luan-1#mo-ta]] lands on the record itself.
    assert "](#van-ban-ket-luan-1)" in printable_md


def test_records_flow_without_page_breaks(printable_md: str) -> None:
    headings = re.findall(r"^### .*\{#([a-z0-9-]+) (\.[^}]*)\}$", printable_md, re.M)
    assert len(headings) == 9
    assert all(classes == ".sotay-print-record" for _, classes in headings)


def test_facts_and_sections_are_printed(printable_md: str) -> None:
    record = printable_md.split("{#mo-hinh-to-dan-van ")[1].split("\n### ")[0]
    assert "| Cấp | Bản |" in record
    assert "#### Kết quả {#mo-hinh-to-dan-van--ket-qua}" in record
    assert ("| Nhiệm vụ hoàn thành | 53 | 49 | 108,1 (<em>tỷ lệ theo bài viết; 53/49 tính ra "
            "108,2%</em>) | nhiệm vụ |") in record
    assert "&lt;img" in record  # raw HTML from data stays inert here too


@pytest.mark.slow
def test_home_links_to_print_page(small_site: Path) -> None:
    assert 'href="in-so-tay.html"' in (small_site / "index.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_print_media_hides_chrome_and_breaks_pages(small_site: Path, offline_browser) -> None:  # noqa: ANN001
    page = offline_browser.open(small_site / "in-so-tay.html")
    assert page.locator("h3#van-ban-ket-luan-1").count() == 1
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none"
    breaks = page.eval_on_selector_all(
        "h3.sotay-print-record",
        "hs => hs.map(h => [h.id, getComputedStyle(h).breakBefore])")
    assert ["van-ban-ket-luan-1", "auto"] in breaks and ["viet-tat-qcdc", "auto"] in breaks
    assert offline_browser.blocked == [] and offline_browser.console_errors == []


@pytest.mark.browser
def test_pdf_has_several_pages(small_site: Path, tmp_path: Path) -> None:
    target = make_pdf.make_pdf(small_site, tmp_path / "so-tay.pdf", CHROMIUM)
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    # Contents, introduction, a sheet for each of the 3 documents and the model, then the rest.
    assert pages >= 6
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "20", "-png", "-f", "1", "-l", "2", str(target),
                        str(tmp_path / "p")], check=True)
        assert len(list(tmp_path.glob("p-*.png"))) == 2


def test_pdf_cli_reports_missing_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert make_pdf.main(["--site", str(tmp_path), "--out", str(tmp_path / "x.pdf")]) == 1
    assert "make site" in capsys.readouterr().err
