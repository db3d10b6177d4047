"""The printable handbook page, its print CSS, and the PDF Chromium makes from it."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import make_pdf
import pytest
from pypdf import PdfReader

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
    parts = re.findall(r'^<h2 class="sotay-print-part" id="([a-z-]+)">', printable_md, re.M)
    assert parts[0] == "gioi-thieu"
    present = [t for t in ORDER if f' id="{t}-' in printable_md]
    assert parts[1:] == present
    assert present == ["van-ban", "mo-hinh", "dia-danh", "chu-de", "viet-tat", "nguon"]


def test_every_record_once_with_unique_anchor(printable_md: str) -> None:
    anchors = re.findall(r'^<h3 class="sotay-print-record" id="([a-z0-9-]+)">', printable_md,
                         re.M)
    assert len(anchors) == len(set(anchors)) == 9
    assert "van-ban-ket-luan-1" in anchors and "viet-tat-qcdc" in anchors
    all_ids = re.findall(r' id="([^"]+)"', printable_md)
    assert len(all_ids) == len(set(all_ids))


def test_links_stay_on_the_page(printable_md: str) -> None:
    ids = set(re.findall(r' id="([^"]+)"', printable_md))
    targets = [t for t in re.findall(r'<a [^>]*href="([^"]+)"', printable_md)
               if not t.startswith("https://")]  # a source's own address stays as it is
    assert targets
    assert [t for t in targets if not t.startswith("#") or t[1:] not in ids] == []
    # [[ket-luan-1#mo-ta]] lands on the record itself.
    assert '<a href="#van-ban-ket-luan-1">' in printable_md


def test_records_flow_without_page_breaks(printable_md: str) -> None:
    headings = re.findall(r'^<h3 class="([^"]*)" id="([a-z0-9-]+)">', printable_md, re.M)
    assert len(headings) == 9
    assert all(classes == "sotay-print-record" for classes, _ in headings)


def test_facts_and_sections_are_printed(printable_md: str) -> None:
    record = printable_md.split(' id="mo-hinh-to-dan-van">')[1].split("\n<h3 ")[0]
    assert "<td>Cấp</td>\n<td>Bản</td>" in record
    assert '<h4 id="mo-hinh-to-dan-van--ket-qua">Kết quả<a class="headerlink"' in record
    assert ("<td>Nhiệm vụ hoàn thành</td>\n<td>53</td>\n<td>49</td>\n<td>108,1 (<em>tỷ lệ theo "
            "bài viết; 53/49 tính ra 108,2%</em>)</td>\n<td>nhiệm vụ</td>") in record
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


def _print_book(site: Path, target: Path) -> Path:
    """``scripts/make_pdf.py`` run as ``make pdf`` runs it: in a process of its own (its
    Playwright cannot share this one with the browser fixtures')."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_pdf.py"), "--site",
                             str(site), "--out", str(target)], capture_output=True, text=True,
                            env=dict(os.environ, SOTAY_CHROMIUM=CHROMIUM), check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "trang" in result.stdout
    return target


@pytest.fixture(scope="module")
def book(small_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _print_book(small_site, tmp_path_factory.mktemp("book") / "so-tay.pdf")


def _page_texts(pdf: Path) -> list[str]:
    """Each page's text (``pdftotext -layout``: a contents line keeps its number), its
    whitespace squashed to single spaces."""
    count = len(PdfReader(pdf).pages)
    return [" ".join(subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n),
                                     str(pdf), "-"],
                                    capture_output=True, text=True, check=True).stdout.split())
            for n in range(1, count + 1)]


def _headings(printable_md: str) -> dict[str, tuple[str, str]]:
    """Record anchor → (title, kind line) as the PDF prints them."""
    found = re.findall(r'^<h3 class="sotay-print-record" id="([a-z0-9-]+)">(.*)<a class="headerlink"'
                       r'[^\n]*\n<p class="sotay-kind">(.*)</p>$', printable_md, re.M)
    return {a: (html.unescape(t), html.unescape(k).upper()) for a, t, k in found}


def _titles(printable_md: str) -> dict[str, str]:
    return {anchor: title for anchor, (title, _) in _headings(printable_md).items()}


def _page_of(anchor: str, printable_md: str, texts: list[str]) -> int:
    """The page where the record's heading is: its title followed by its kind line."""
    title, kind = _headings(printable_md)[anchor]
    pages = [n for n, text in enumerate(texts, start=1) if f"{title} {kind}" in text]
    assert len(pages) == 1, (title, pages)
    return pages[0]


@pytest.mark.browser
@pytest.mark.tool
def test_every_page_is_numbered_and_labelled(book: Path) -> None:
    texts = _page_texts(book)
    assert len(texts) >= 4  # cover, contents, then the records flowing on
    assert [text.rsplit(" ", 1)[-1] for text in texts] == [str(n) for n in range(1, len(texts) + 1)]
    assert PdfReader(book).page_labels == [str(n) for n in range(1, len(texts) + 1)]


@pytest.mark.browser
@pytest.mark.tool
def test_contents_numbers_are_the_pages_of_the_titles(book: Path, printable_md: str) -> None:
    texts = _page_texts(book)
    toc_end = next(n for n, text in enumerate(texts, start=1) if "Cách đọc bản in" in text) - 1
    contents = " ".join(texts[1:toc_end])
    assert contents.startswith("Mục lục Giới thiệu")
    named = make_pdf.heading_pages(book.read_bytes(), list(_titles(printable_md)))
    for anchor, title in _titles(printable_md).items():
        listed = int(re.search(re.escape(title) + r" (\d+)", contents).group(1))
        assert listed == named[anchor] == _page_of(anchor, printable_md, texts), title


@pytest.mark.browser
@pytest.mark.tool
def test_cross_references_print_the_page_of_their_target(book: Path, printable_md: str) -> None:
    texts = _page_texts(book)
    toc_end = next(n for n, text in enumerate(texts, start=1) if "Cách đọc bản in" in text) - 1
    body = " ".join(texts[toc_end:])
    checked = 0
    for anchor, title in _titles(printable_md).items():
        for number in re.findall(re.escape(title) + r" \(tr\. (\d+)\)", body):
            assert int(number) == _page_of(anchor, printable_md, texts), title
            checked += 1
    # [[ket-luan-1#mo-ta]] in a document's description, and the facts' links between records.
    assert _titles(printable_md)["van-ban-ket-luan-1"] + " (tr." in body
    assert checked >= 3


@pytest.mark.browser
@pytest.mark.tool
def test_bookmarks_follow_chapters_and_records(book: Path, printable_md: str) -> None:
    reader = PdfReader(book)
    outline = reader.outline
    top = [item.title for item in outline if not isinstance(item, list)]
    parts = [html.unescape(t) for t in re.findall(
        r'^<h2 class="sotay-print-part" id="[a-z-]+">(.*)<a class="headerlink"', printable_md, re.M)]
    assert top == ["Bìa", "Mục lục", *parts]
    titles = _titles(printable_md)
    children = [item.title for group in outline if isinstance(group, list) for item in group]
    assert children == list(titles.values())
    texts = _page_texts(book)
    for group in (g for g in outline if isinstance(g, list)):
        for item in group:
            assert item.title in texts[reader.get_destination_page_number(item)]


@pytest.mark.browser
@pytest.mark.tool
def test_cover_and_flowing_pages(book: Path, printable_md: str) -> None:
    texts = _page_texts(book)
    assert "bản ngày" in texts[0] and "9 bản ghi" in texts[0] and "Văn bản: 3" in texts[0]
    # No record title is the last line of its page: each is kept with its first lines.
    for text in texts:
        body = text.rsplit(" ", 1)[0]
        assert [t for t in _titles(printable_md).values() if body.endswith(t)] == []
    # Records flow: fewer pages than records, the cover and the contents apart.
    assert len(texts) - 2 < len(_titles(printable_md))


@pytest.mark.browser
@pytest.mark.tool
def test_same_site_prints_the_same_book(small_site: Path, book: Path, tmp_path: Path) -> None:
    again = _print_book(small_site, tmp_path / "again.pdf")
    assert again.read_bytes() == book.read_bytes()


def test_pdf_cli_reports_missing_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert make_pdf.main(["--site", str(tmp_path), "--out", str(tmp_path / "x.pdf")]) == 1
    assert "make site" in capsys.readouterr().err


def _lowest_text(pdf: Path) -> list[float]:
    """For each page, how far down its body text reaches (0 top, 1 bottom edge), the page
    number in the bottom margin left out."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout
    reach = []
    for page in boxes.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        margin = height - 20 / 25.4 * 72  # the @page bottom margin, 20 mm
        bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page) if float(y) < margin]
        reach.append(max(bottoms, default=0.0) / height)
    return reach


@pytest.mark.browser
@pytest.mark.tool
def test_real_book_has_no_half_empty_page(built_site: Path, tmp_path: Path) -> None:
    pdf = _print_book(built_site, tmp_path / "book.pdf")
    texts = _page_texts(pdf)
    toc_end = next(n for n, text in enumerate(texts, start=1) if "Cách đọc bản in" in text) - 1
    reach = _lowest_text(pdf)
    # Only the cover, the end of the contents and the last page may stop short.
    short = [n for n, r in enumerate(reach, start=1) if r < 0.6 and n not in (1, toc_end, len(reach))]
    assert short == []
    records = sum(1 for path in (ROOT / "data").rglob("*")
                  if path.suffix in (".yaml", ".md") and not path.parent.name.startswith("_"))
    assert len(texts) < records
