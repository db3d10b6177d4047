"""Passage citations: articles split into anchored paragraphs, quotes found verbatim after
normalisation, and every way a quote can fail reported at file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_records
from sotay.passages import ArticleText, normalise, split_paragraphs
from sotay.pipeline import build_graph
from sotay.quotes import paragraphs, statement_key, statements

ARTICLE = (
    "Tiêu đề bài\n\n"
    "Gắn với việc thực hiện tốt “Quy chế dân chủ ở cơ sở”, đến nay cơ quan hành chính các cấp "
    "tiếp 1.981 lượt công dân; giải quyết được 288/307 đơn khiếu nại tố cáo.\n"
    "   \n"
    "Về CTTG, đã thực hiện được 14/13 chỉ tiêu kế hoạch đề ra đạt 107,7% kế hoạch – "
    "theo  báo cáo.\n"
    "Chiều nay (17/9), Huyện ủy tổ chức Hội nghị sơ kết 9 tháng đầu năm 2021.\n"
    "Đồng chí Lý Anh Po - Uỷ viên Ban Thường vụ Tỉnh uỷ phát biểu.\n"
)


def test_paragraphs_are_the_non_empty_lines_numbered() -> None:
    found = split_paragraphs(ARTICLE)
    assert [p.number for p in found] == [1, 2, 3, 4, 5]
    assert found[0].text == "Tiêu đề bài" and found[0].anchor == "doan-1"
    assert found[2].text.startswith("Về CTTG")


@pytest.mark.parametrize(("quote", "paragraph"), [
    ("tiếp 1.981 lượt công dân", 2),
    ('"Quy chế dân chủ ở cơ sở"', 2),        # straight quotes for curly ones
    ("đạt 107,7% kế hoạch - theo báo cáo", 3),  # a hyphen for the en dash, one space for two
    ("Chiều nay (17/9),\n  Huyện ủy", 4),       # line breaks and runs of spaces are one space
    ("Huye\u0323\u0302n ủy tổ chức", 4),         # decomposed (NFD) input is NFC'd
])
def test_quotes_are_found_after_normalisation(quote: str, paragraph: int) -> None:
    passage = ArticleText(ARTICLE).find(quote)
    assert passage is not None and passage.paragraph == paragraph


def test_a_found_span_is_the_original_text() -> None:
    article = ArticleText(ARTICLE)
    passage = article.find("107,7% kế hoạch - theo báo cáo")
    assert passage is not None
    text = article.paragraphs[passage.paragraph - 1].text
    assert text[passage.start:passage.end] == "107,7% kế hoạch – theo  báo cáo"


@pytest.mark.parametrize("quote", ["tiếp 1.891 lượt công dân", "đạt 107,7% kế hoạch. Chiều nay",
                                   "", "   "])
def test_a_changed_or_straddling_quote_is_not_found(quote: str) -> None:
    assert ArticleText(ARTICLE).find(quote) is None


def test_the_closest_passage_is_offered() -> None:
    number, text = ArticleText(ARTICLE).closest("cơ quan hành chính tiếp 1.891 lượt công dân")
    assert number == 2 and "1.981 lượt công dân" in text


def test_normalise_is_idempotent_and_plain() -> None:
    text = "“a” — ‘b’ …  c"
    assert normalise(text) == "\"a\" - 'b' ... c" == normalise(normalise(text))


def test_markdown_paragraphs_and_list_items_are_statements() -> None:
    text = "Mở đầu\ncòn tiếp.\n\n### Tiêu đề\n\n- Mục một\n  nối dòng\n1. Mục hai\n\nCuối."
    assert paragraphs(text) == ["Mở đầu còn tiếp.", "Mục một nối dòng", "Mục hai", "Cuối."]
    assert statement_key("mo_ta") == "mo_ta[1]" and statement_key("so_lieu[2]") == "so_lieu[2]"


# --- through make check's pipeline: each refusal names file, line and field ---------------

def _data(tmp_path: Path, record: str) -> Path:
    files = {"nguon/bai-a.yaml": "id: bai-a\ntieu_de: A\ntep: bai-a.txt\n",
             "mo-hinh/m.yaml": record}
    data = write_records(tmp_path / "data", files)
    (data / "nguon" / "bai-a.txt").write_text(ARTICLE, encoding="utf-8")
    return data


def _problems(tmp_path: Path, record: str) -> list[tuple[str, int | None, str | None, str]]:
    graph, problems = build_graph(_data(tmp_path, record))
    assert (graph is None) == bool(problems)
    return [(p.path, p.line, p.field, p.message) for p in problems]


GOOD = (
    "id: m\ntieu_de: M\n"
    "mo_ta: Cơ quan hành chính tiếp công dân.\n"
    "so_lieu:\n"
    "  - chi_tieu: Lượt công dân\n"
    "    gia_tri: 1981\n"
    "    trich: tiếp 1.981 lượt công dân\n"
    "  - chi_tieu: CTTG\n"
    "    gia_tri: 14\n"
    "    tren: 13\n"
    "    ty_le: 107.7\n"
    "    trich: “thực hiện được 14/13 chỉ tiêu kế hoạch đề ra đạt 107,7% kế hoạch”\n"
    "tu_ngay: {ngay: 2021-09-17, trich: \"Chiều nay (17/9)\", suy_luan: từ 9 tháng đầu năm 2021}\n"
    "trich:\n"
    "  - truong: mo_ta\n"
    "    cau: đến nay cơ quan hành chính các cấp tiếp 1.981 lượt công dân\n"
)


def test_good_quotes_pass_and_count(tmp_path: Path) -> None:
    graph, problems = build_graph(_data(tmp_path, GOOD))
    assert problems == [] and graph is not None
    keys = [s.key for s in statements(graph.records["m"])]
    assert keys == ["mo_ta[1]", "tu_ngay", "so_lieu[1]", "so_lieu[2]"]


def test_a_quote_not_in_the_article_is_refused(tmp_path: Path) -> None:
    bad = GOOD.replace("    cau: đến nay cơ quan hành chính các cấp tiếp 1.981",
                       "    cau: đến nay cơ quan hành chính các cấp đã tiếp 1.981")
    [(path, line, field, message)] = _problems(tmp_path, bad)
    assert (path, line, field) == ("data/mo-hinh/m.yaml", 16, "trich[1].cau")
    assert "không có nguyên văn trong bài viết nguồn “bai-a”" in message
    assert "đoạn gần nhất (đoạn 2 của bai-a)" in message and "tiếp 1.981 lượt" in message


def test_a_figure_disagreeing_with_its_quote_is_refused(tmp_path: Path) -> None:
    bad = GOOD.replace("    gia_tri: 14\n", "    gia_tri: 15\n")
    [(path, line, field, message)] = _problems(tmp_path, bad)
    assert (path, line, field) == ("data/mo-hinh/m.yaml", 12, "so_lieu[2].trich")
    assert "câu không có 15, 15/13" in message and "14/13" in message


def test_a_rate_disagreeing_with_its_quote_is_refused(tmp_path: Path) -> None:
    bad = GOOD.replace("ty_le: 107.7", "ty_le: 107.6")
    [(_, line, field, message)] = _problems(tmp_path, bad)
    assert (line, field) == (12, "so_lieu[2].trich") and "107,6" in message


def test_a_thousands_dot_count_is_refused(tmp_path: Path) -> None:
    bad = GOOD.replace("    gia_tri: 1981\n", "    gia_tri: 1.981\n")
    [(path, line, field, message)] = _problems(tmp_path, bad)
    assert (path, line, field) == ("data/mo-hinh/m.yaml", 6, "so_lieu[1].gia_tri")
    assert "số 1981" in message and "số thập phân 1,981" in message


def test_a_date_its_quote_does_not_give_is_refused(tmp_path: Path) -> None:
    bad = GOOD.replace("ngay: 2021-09-17", "ngay: 2021-09-18")
    [(_, line, field, message)] = _problems(tmp_path, bad)
    assert (line, field) == (13, "tu_ngay.trich") and "ngày 18/9" in message


def test_a_quote_naming_no_field_or_a_foreign_source_is_refused(tmp_path: Path) -> None:
    bad = GOOD.replace("  - truong: mo_ta\n", "  - truong: ket_qua\n    nguon: bai-b\n")
    [(_, line, field, message)] = _problems(tmp_path, bad)
    assert (line, field) == (15, "trich[1].truong") and "'ket_qua[1]'" in message
    bad = GOOD.replace("  - truong: mo_ta\n", "  - truong: mo_ta\n    nguon: bai-b\n")
    [(_, line, field, message)] = _problems(tmp_path, bad)
    assert (line, field) == (16, "trich[1].nguon") and "'bai-b'" in message


def test_a_position_its_quote_does_not_name_is_refused(tmp_path: Path) -> None:
    person = ("id: po\ntieu_de: Lý Anh Po\nchuc_vu:\n  - chuc_vu: Ủy viên Ban Thường vụ Tỉnh ủy\n"
              "    trich: Lý Anh Po - Uỷ viên Ban Thường vụ Tỉnh uỷ\n"
              "  - chuc_vu: Trưởng Ban Dân vận Tỉnh ủy\n"
              "    trich: Lý Anh Po - Uỷ viên Ban Thường vụ Tỉnh uỷ\n")
    data = _data(tmp_path, GOOD)
    (data / "nhan-vat").mkdir()
    (data / "nhan-vat" / "po.yaml").write_text(person + "nguon: [bai-a]\n", encoding="utf-8")
    _, problems = build_graph(data)
    assert [(p.path, p.line, p.field) for p in problems] == [
        ("data/nhan-vat/po.yaml", 7, "chuc_vu[2].trich")]
    assert "“Trưởng Ban Dân vận Tỉnh ủy”" in problems[0].message


def test_a_figure_its_own_wording_does_not_state_is_refused(tmp_path: Path) -> None:
    worded = GOOD.replace("    trich: tiếp 1.981 lượt công dân\n",
                          "    nguyen_van: 1.981 lượt công dân\n    trich: tiếp 1.981 lượt công dân\n")
    assert _problems(tmp_path / "a", worded) == []
    bad = worded.replace("    gia_tri: 1981\n", "    gia_tri: 1891\n")
    [(path, line, field, message)] = _problems(tmp_path / "b", bad)
    assert (path, line, field) == ("data/mo-hinh/m.yaml", 6, "so_lieu[1].gia_tri")
    assert "giá trị 1.891 không phải con số phần nguyên văn “1.981 lượt công dân”" in message


@pytest.mark.parametrize(("wording", "value"), [
    ("1 tỷ 756 triệu đồng", "1756000000"), ("01 đơn vị", "1"), ("gần 12.000 người", "12000"),
    ("đạt 108,1%", "108.1"), ("3 tỷ 5 triệu 200 nghìn", "3005200000"), ("trên 50 văn bản", "50"),
])
def test_spoken_numbers_are_read_as_vietnamese_writes_them(wording: str, value: str) -> None:
    from decimal import Decimal

    from sotay.fidelity import spoken_values
    assert Decimal(value) in spoken_values(wording)
    assert Decimal(value) + 1 not in spoken_values(wording)
