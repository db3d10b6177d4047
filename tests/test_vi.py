"""Vietnamese text helpers: folding, slugs, collation and number format, as tables."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

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
