"""The real starter dataset stays faithful to the five source articles it was written from.

The articles' texts live in the repository beside their source records (``data/nguon/<id>.txt``).
The checks themselves are the core's (``sotay.fidelity``, run by ``make check``): a figure, a
name, a date or an address the cited article does not hold is a located problem, so the
``graph`` fixture below fails on any. The tests here pin what the starter data must keep.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sotay.fidelity import Articles, check_fidelity
from sotay.link import Graph
from sotay.pipeline import build_graph

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# Any HTML tag except a Markdown autolink such as <http://laichau.dcs.vn>.
_RAW_HTML = re.compile(r"<(?!https?://)[a-zA-Z/!?]")


@pytest.fixture(scope="module")
def graph() -> Graph:
    built, problems = build_graph(DATA, ROOT / "docs")
    assert not problems, "\n".join(str(p) for p in problems)
    assert built is not None
    return built


def _walk(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, tuple):
        for item in value:
            yield from _walk(item)
    else:
        yield value


def _strings(value: Any) -> Iterator[str]:
    return (v for v in _walk(value) if isinstance(v, str))


def test_real_data_is_valid(graph: Graph) -> None:
    kinds = {r.type for r in graph.records.values()}
    assert kinds >= {"van-ban", "mo-hinh", "dien-hinh", "to-chuc", "dia-danh", "nhan-vat",
                     "su-kien", "nguon", "chu-de", "viet-tat"}


def test_every_source_keeps_its_article_inside_the_repository(graph: Graph) -> None:
    """Each source names its article's text (``tep``), read from beside its record."""
    sources = graph.of_type("nguon")
    assert len(sources) >= 5  # the five starter articles, and any added since
    articles = Articles(graph, DATA, ROOT)
    assert articles.problems == []
    untexted = [r.path for r in sources if r.id not in articles.by_source]
    assert not untexted, f"nguồn chưa có tệp bài viết (trường tep): {untexted}"
    for article in articles.by_source.values():
        assert (ROOT / article.path).resolve().is_relative_to(DATA.resolve())
        assert article.path.startswith("data/nguon/")
        assert len(article.text) > 200, article.path  # the article, not a stub


def test_every_claim_is_backed_by_its_article(graph: Graph) -> None:
    assert check_fidelity(graph, DATA, ROOT) == []
    figures = sum(len(r.get("so_lieu", ())) for r in graph.records.values())
    assert figures >= 40  # the check has figures to look at


def test_every_record_cites_a_source(graph: Graph) -> None:
    bare = [r.path for r in graph.records.values()
            if r.type != "nguon" and not any(ref.targets == ("nguon",)
                                              for ref in r.get("nguon", ()))]
    assert not bare, f"bản ghi không trích nguồn: {bare}"


def test_inferred_dates_say_how(graph: Graph) -> None:
    """A day and month with no year in the article must carry its reasoning."""
    events = {r.id: r for r in graph.of_type("su-kien")}
    for record_id in ("hoi-nghi-lai-chau-2013-10-09", "hoi-nghi-so-ket-9-thang-2021-than-uyen",
                      "hoi-nghi-giao-ban-dan-van-quy-i-2024-bac-kan"):
        date = events[record_id].values["ngay"]
        assert date.inferred, f"{record_id}: ngày thiếu suy_luan"


def test_places_reach_a_province(graph: Graph) -> None:
    orphans = [r.path for r in graph.of_type("dia-danh")
               if r.values["cap"] != "tinh"
               and not any(graph.records[a].values["cap"] == "tinh"
                           for a in graph.ancestors(r.id))]
    assert not orphans, f"địa danh không nối được tới tỉnh: {orphans}"


def test_no_raw_html_in_text(graph: Graph) -> None:
    found = [f"{r.path}: {s[:60]}" for r in graph.records.values()
             for s in list(_strings(dict(r.values))) + [r.body]
             if _RAW_HTML.search(s)]
    assert not found, f"thẻ HTML trong dữ liệu: {found}"


def test_same_number_documents_stay_apart(graph: Graph) -> None:
    """Two provinces' Đề án 06-ĐA/TU are two records, told apart by issuer and date."""
    plans = [r for r in graph.of_type("van-ban") if r.values.get("so_hieu") == "06-ĐA/TU"]
    issuers = {tuple(ref.target for ref in r.values["co_quan_ban_hanh"]) for r in plans}
    years = {r.values["ngay_ban_hanh"].year for r in plans}
    assert len(plans) == 2 and len(issuers) == 2 and years == {2016, 2023}

