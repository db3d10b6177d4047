"""Vietnamese text helpers: folding, slugs, collation and number format, as tables."""

from __future__ import annotations

import re
import shutil
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, mkdocs_build
from sotay.abbreviations import definitions
from sotay.model import Record
from sotay.vi import fold, format_number, nfc, slugify, sort_key


@pytest.mark.parametrize(("text", "expected"), [
    ("Dân vận khéo", "dan van kheo"),
    ("ĐẢNG ỦY", "dang uy"),
    ("đường", "duong"),
    ("Lũng Thầu", "lung thau"),
    ("Quy chế dân chủ ở cơ sở", "quy che dan chu o co so"),
    ("ưu tiên ơn nghĩa", "uu tien on nghia"),
    ("06-ĐA/TU", "06-da/tu"),
    ("Hà Giang", "ha giang"),
    (unicodedata.normalize("NFD", "Bắc Kạn"), "bac kan"),  # decomposed input folds the same
    ("already plain", "already plain"),
])
def test_fold(text: str, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Kết quả", "ket-qua"),
    ("Đội ngũ cán bộ", "doi-ngu-can-bo"),
    ("Điển hình “Dân vận khéo”", "dien-hinh-dan-van-kheo"),
    ("Kết luận 865-TB/TU", "ket-luan-865-tb-tu"),
    ("  Ghi chú: (bổ sung)  ", "ghi-chu-bo-sung"),
    ("Nghị quyết số 25-NQ/TW", "nghi-quyet-so-25-nq-tw"),
    ("Ưu tiên", "uu-tien"),
])
def test_slugify(text: str, expected: str) -> None:
    assert slugify(text) == expected


# Each row: words that must sort in exactly this order.
@pytest.mark.parametrize("ordered", [
    ["a", "à", "ả", "ã", "á", "ạ"],                  # tones after letters, in dictionary order
    ["Az", "Ă", "Âm", "Ba"],                         # ă, â are letters after a … z-run of a
    ["Dz", "Đa"],                                    # đ is its own letter after d
    ["ô", "ơ"],
    ["o", "ô", "ơ", "p"],
    ["Uz", "Ưu", "V"],
    ["ez", "ê"],
    ["ma", "mà", "mả", "mã", "má", "mạ", "mai"],    # letters decide before tones
    ["Dân", "Dân vận", "Dânh"],                      # a space sorts before any letter
    ["Kết luận 9", "Kết luận 10", "Kết luận 100"],   # numbers by value
    ["Chương trình", "“Dân vận khéo”", "Đề án"],     # quotation marks are ignored
    ["Bắc Kạn", "Hà Giang", "Lai Châu", "Lạng Sơn"],
    ["Zebra", "Ωmega"],                              # other scripts after the alphabet
])
def test_sort_key_order(ordered: list[str]) -> None:
    assert sorted(reversed(ordered), key=sort_key) == ordered
    assert sorted(ordered, key=sort_key) == ordered


def test_sort_key_ignores_normalisation_form() -> None:
    composed = "Lạng Sơn"
    assert sort_key(unicodedata.normalize("NFD", composed))[:2] == sort_key(composed)[:2]


def test_sort_key_case_only_breaks_ties() -> None:
    assert sorted(["bạn", "Bán", "ban"], key=sort_key)[0] == "ban"
    assert sort_key("Ăn")[:2] == sort_key("ăn")[:2]


@pytest.mark.parametrize(("value", "expected"), [
    (4728, "4.728"),
    (Decimal("108.1"), "108,1"),
    (108.1, "108,1"),
    (1756000000, "1.756.000.000"),
    (0, "0"),
    (999, "999"),
    (1000, "1.000"),
    (Decimal("12345.678"), "12.345,678"),
    (-1234, "-1.234"),
    (Decimal("0.5"), "0,5"),
])
def test_format_number(value: Decimal | int | float, expected: str) -> None:
    assert format_number(value) == expected


def test_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Dân vận")
    assert decomposed != "Dân vận"
    assert nfc(decomposed) == "Dân vận"


# -- abbreviation tooltips and heading anchors ---------------------------------------------------

def _abbr(record_id: str, short: str, full: str) -> Record:
    return Record("viet-tat", record_id, short, f"data/viet-tat/{record_id}.yaml",
                  {"viet_tat": short, "day_du": full}, {"viet_tat": 3, "day_du": 4})


def test_abbreviation_definitions() -> None:
    text, problems = definitions([
        _abbr("ubnd", "UBND", "Ủy ban nhân dân"),
        _abbr("qcdc", "QCDC", "Quy chế dân chủ\n  ở cơ sở"),
        Record("chu-de", "x", "X", "data/chu-de/x.yaml", {}, {}),
    ])
    assert problems == []
    assert text == "\n\n*[QCDC]: Quy chế dân chủ ở cơ sở\n*[UBND]: Ủy ban nhân dân\n"


def test_abbreviation_problems() -> None:
    text, problems = definitions([
        _abbr("a", "QCDC", "Quy chế dân chủ ở cơ sở"),
        _abbr("b", "QCDC", "Quy chế khác"),
        _abbr("c", "MT[TQ]", "Mặt trận Tổ quốc"),
    ])
    assert text == "\n\n*[QCDC]: Quy chế dân chủ ở cơ sở\n"
    assert [(p.path, p.line, p.field) for p in problems] == [
        ("data/viet-tat/b.yaml", 3, "viet_tat"), ("data/viet-tat/c.yaml", 3, "viet_tat")]
    assert "data/viet-tat/a.yaml" in problems[0].message


def test_no_abbreviations_adds_nothing() -> None:
    assert definitions([]) == ("", [])


@pytest.fixture(scope="module")
def reading_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small site: a record mentioning QCDC and a guide page with a Vietnamese heading."""
    root = tmp_path_factory.mktemp("reading")
    data = root / "data"
    shutil.copytree(ROOT / "tests" / "golden" / "render" / "basic" / "data", data)
    extra = {
        "van-ban/nghi-quyet-25-nq-tw.yaml": "id: nghi-quyet-25-nq-tw\ntieu_de: Nghị quyết số 25\n"
        "loai: nghi-quyet\nmo_ta: Thực hiện QCDC ở thôn bản.\nnguon: [bai-a]\n",
        "van-ban/chuong-trinh-hanh-dong-60-lai-chau.yaml": "id: chuong-trinh-hanh-dong-60-lai-chau\n"
        "tieu_de: Chương trình hành động số 60\nloai: chuong-trinh-hanh-dong\nnguon: [bai-a]\n",
        "viet-tat/qcdc.yaml": "id: qcdc\ntieu_de: QCDC\nviet_tat: QCDC\n"
        "day_du: Quy chế dân chủ ở cơ sở\nnguon: [bai-a]\n",
    }
    for path, text in extra.items():
        (data / path).parent.mkdir(parents=True, exist_ok=True)
        (data / path).write_text(text, encoding="utf-8")
    (root / "project").mkdir()
    project = copy_project(root / "project", data)
    (project / "docs" / "huong-dan" / "doc-thu.md").write_text(
        "# Đọc thử\n\n## Đội ngũ cán bộ\n\nCán bộ thực hiện QCDC.\n\n## Kết quả\n\nTốt.\n",
        encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


_QCDC = '<abbr title="Quy chế dân chủ ở cơ sở">QCDC</abbr>'


@pytest.mark.slow
def test_record_page_explains_abbreviation(reading_site: Path) -> None:
    assert _QCDC in (reading_site / "van-ban" / "nghi-quyet-25-nq-tw.html").read_text("utf-8")


def test_hand_written_page_explains_abbreviation(reading_site: Path) -> None:
    assert _QCDC in (reading_site / "huong-dan" / "doc-thu.html").read_text("utf-8")


def test_heading_anchors_are_readable(reading_site: Path) -> None:
    html = (reading_site / "huong-dan" / "doc-thu.html").read_text("utf-8")
    assert 'id="doi-ngu-can-bo"' in html and 'id="ket-qua"' in html


def test_definitions_never_show_as_text(reading_site: Path) -> None:
    shown = [p.name for p in reading_site.rglob("*.html") if "*[QCDC]" in p.read_text("utf-8")]
    assert shown == []


@pytest.mark.browser
def test_tooltip_in_browser(reading_site: Path, offline_browser) -> None:  # noqa: ANN001
    page = offline_browser.open(reading_site / "van-ban" / "nghi-quyet-25-nq-tw.html")
    abbr = page.locator("article abbr", has_text="QCDC").first
    assert abbr.get_attribute("title") == "Quy chế dân chủ ở cơ sở"
    abbr.hover()
    assert abbr.evaluate("e => getComputedStyle(e).cursor") == "help"


def test_real_abbreviation_pages_explain_themselves(built_site: Path) -> None:
    """Each viet-tat record's own page shows its abbreviation with the tooltip."""
    for page in sorted((built_site / "viet-tat").glob("*.html")):
        if page.name == "index.html":
            continue
        html = page.read_text("utf-8")
        if 'http-equiv="refresh"' in html[:600]:
            continue
        assert re.search(r'<abbr title="[^"]+">', html), page.name


def test_a_page_gets_only_the_abbreviations_it_uses() -> None:
    from sotay.abbreviations import used_in

    block = "\n\n*[HĐND]: Hội đồng nhân dân\n*[QCDC]: Quy chế dân chủ ở cơ sở\n"
    assert used_in("Thực hiện QCDC ở cơ sở.", block) == "\n\n*[QCDC]: Quy chế dân chủ ở cơ sở\n"
    assert used_in("Không có chữ viết tắt nào.", block) == ""
