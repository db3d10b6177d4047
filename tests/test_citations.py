"""Every checked quote one click from its sentence: the source page shows the article in
anchored paragraphs with the cited passages marked and their citing records named; a record's
figures, dates and quotes link to their marks; a page counts its quoted statements. The
article is input like a record: nothing in it may become markup."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from test_inert import HOSTILE
from test_passages import ARTICLE, GOOD, _data

from conftest import OfflineBrowser, dataset_site
from pagecheck import convert, shape
from sotay.citations import Citations, article_html
from sotay.link import Graph
from sotay.model import PartialDate
from sotay.passages import ArticleText
from sotay.pipeline import build_graph
from sotay.quotes import statements
from sotay.render import Renderer, stated_rate_note


def _graph(tmp_path: Path, record: str = GOOD) -> Graph:
    graph, problems = build_graph(_data(tmp_path, record))
    assert graph is not None, problems
    return graph


def _pages(graph: Graph) -> dict[str, str]:
    renderer = Renderer(graph)
    return {path: renderer.record_page(graph.records[record_id]).content
            for path, record_id in (("nguon", "bai-a"), ("mo-hinh", "m"))}


def test_the_source_page_shows_the_article_paragraph_by_paragraph(tmp_path: Path) -> None:
    html = convert(_pages(_graph(tmp_path))["nguon"])
    anchors = re.findall(r'<p class="sotay-doan" id="(doan-\d+)">', html)
    assert anchors == [f"doan-{n}" for n in range(1, 6)]
    assert "Đồng chí Lý Anh Po - Uỷ viên Ban Thường vụ Tỉnh uỷ phát biểu." in html


def test_cited_passages_are_marked_and_name_their_records(tmp_path: Path) -> None:
    page = _pages(_graph(tmp_path))["nguon"]
    html = convert(page)
    marks = re.findall(r'<mark id="([^"]+)">(.*?)</mark>', html)
    # The figure's quote and the prose quote overlap in paragraph 2: one mark holds both.
    assert marks == [
        ("doan-2-t1", "đến nay cơ quan hành chính các cấp tiếp 1.981 lượt công dân"),
        ("doan-3-t1", "thực hiện được 14/13 chỉ tiêu kế hoạch đề ra đạt 107,7% kế hoạch"),
        ("doan-4-t1", "Chiều nay (17/9)"),
    ]
    assert html.count('(Được dẫn ở <a href="../mo-hinh/m.html">M</a>)') == 3


def test_figures_dates_and_quotes_link_to_their_marks(tmp_path: Path) -> None:
    html = convert(_pages(_graph(tmp_path))["mo-hinh"])
    links = re.findall(r'<a href="\.\./nguon/bai-a\.html#(doan-[\d-]+t\d+)">([^<]*)</a>', html)
    assert ("doan-3-t1", "“thực hiện được 14/13 chỉ tiêu kế hoạch đề ra đạt 107,7% kế hoạch”") \
        in links
    assert ("doan-2-t1", "“tiếp 1.981 lượt công dân”") in links
    assert ("doan-4-t1", "câu nguồn") in links  # the date, in the facts table
    assert ("doan-2-t1", "“đến nay cơ quan hành chính các cấp tiếp 1.981 lượt công dân”") in links
    # The quote list names the field as its page shows it, not by its key.
    assert "<td>Mô tả</td>" in html and "<td>mo_ta</td>" not in html
    assert "4/4 nội dung của trang có câu nguyên văn" in html


def test_a_statement_without_a_quote_is_counted_and_not_linked(tmp_path: Path) -> None:
    record = GOOD.replace("    trich: tiếp 1.981 lượt công dân\n", "")
    html = convert(_pages(_graph(tmp_path, record))["mo-hinh"])
    assert "3/4 nội dung của trang" in html
    assert "“tiếp 1.981 lượt công dân”" not in html


def test_the_print_book_neither_prints_articles_nor_links_marks(tmp_path: Path) -> None:
    renderer = Renderer(_graph(tmp_path)).relinked(lambda page: lambda record, anchor: "#x")
    page = renderer.record_page(renderer.graph.records["bai-a"]).content
    assert "doan-" not in page and "Nguyên văn bài viết" not in page


def test_a_rate_its_numbers_do_not_give_keeps_the_article_s_value_with_a_note() -> None:
    from decimal import Decimal
    item = {"gia_tri": Decimal(53), "tren": Decimal(49), "ty_le": Decimal("108.1")}
    assert stated_rate_note(item) == "tỷ lệ theo bài viết; 53/49 tính ra 108,2%"
    assert stated_rate_note({**item, "ty_le": Decimal("108.2")}) == ""
    assert stated_rate_note({**item, "tren": Decimal(0)}) == ""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=HOSTILE)
def test_an_article_s_text_stays_text(text: str) -> None:
    paragraphs = [line for line in (text + "\n" + ARTICLE).splitlines() if line.strip()]
    article = "\n".join(paragraphs)
    graph, _ = build_graph(Path(__file__).parent / "golden" / "render" / "basic" / "data")
    assert graph is not None
    citations = Citations([], {"bai-a": ArticleText(article)})
    html = convert(article_html(citations, "bai-a", lambda record_id: record_id))
    found = shape(html)
    assert found.tags <= {"p", "br"}, found.tags
    assert found.attributes <= {("p", "id"), ("p", "class")}, found.attributes
    assert len(re.findall(r'<p class="sotay-doan" id="doan-\d+">', html)) \
        == len(citations.paragraphs("bai-a"))


# -- in Chromium from file:// ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def quoted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return dataset_site(tmp_path_factory, {
        "nguon/bai-a.yaml": "id: bai-a\ntieu_de: A\ntep: bai-a.txt\n",
        "nguon/bai-a.txt": ARTICLE, "mo-hinh/m.yaml": GOOD})


@pytest.mark.slow
@pytest.mark.browser
def test_a_figure_opens_its_sentence_highlighted(quoted_site: Path,
                                                 offline_browser: OfflineBrowser) -> None:
    tab: Any = offline_browser.open(quoted_site / "mo-hinh" / "m.html")
    tab.click("text=“thực hiện được 14/13 chỉ tiêu kế hoạch đề ra đạt 107,7% kế hoạch”")
    tab.wait_for_url("**/nguon/bai-a.html#doan-3-t1")
    target = tab.locator("mark:target")
    assert target.inner_text() == "thực hiện được 14/13 chỉ tiêu kế hoạch đề ra đạt 107,7% kế hoạch"
    assert target.is_visible()
    # ...and from the sentence, back to the record that cites it.
    tab.click("#doan-3 .sotay-dan a")
    tab.wait_for_url("**/mo-hinh/m.html")
    assert offline_browser.blocked == [] and offline_browser.console_errors == []


def test_every_figure_and_date_of_the_starter_data_links_to_its_mark() -> None:
    root = Path(__file__).resolve().parents[1]
    graph, problems = build_graph(root / "data", root / "docs")
    assert graph is not None, problems
    renderer = Renderer(graph)
    sources = {r.id: renderer.record_page(r).content for r in graph.records.values()
               if r.type == "nguon"}
    figures_and_dates = 0
    for record in graph.records.values():
        for statement in statements(record):
            value = record.values.get(statement.key.split("[")[0])
            if not (statement.key.startswith("so_lieu[") or isinstance(value, PartialDate)
                    or statement.key.endswith(".thoi_diem")):
                continue
            figures_and_dates += 1
            target = renderer.citations.target(record.id, statement.key)
            assert target is not None, (record.path, statement.key)
            assert f'<mark id="{target.anchor}">' in sources[target.source_id]
    assert figures_and_dates >= 40
