"""The real data built with ``mkdocs build --strict``, read back from the HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT
from sotay.link import Graph
from sotay.pipeline import build_graph
from sotay.schema import TYPES

pytestmark = pytest.mark.slow


class _Links(HTMLParser):
    """Collects the article's links (href → text) and its headings' ids."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self._href: str | None = None
        self._text: list[str] = []
        self._in_article = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "article":
            self._in_article += 1
        if attributes.get("id"):
            self.ids.add(attributes["id"] or "")
        if tag == "a" and self._in_article:
            self._href, self._text = attributes.get("href"), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article -= 1
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def graph() -> Graph:
    found, problems = build_graph(ROOT / "data", ROOT / "docs")
    assert problems == [], [str(p) for p in problems]
    assert found is not None
    return found


def test_every_record_has_its_page(built_site: Path, graph: Graph) -> None:
    missing = [f"{r.type}/{r.id}.html" for r in graph.records.values()
               if not (built_site / r.type / f"{r.id}.html").is_file()]
    assert missing == []


def test_every_reference_is_a_link_and_backlinks_appear(built_site: Path, graph: Graph) -> None:
    checked = 0
    for record in graph.records.values():
        page = parse(built_site / record.type / f"{record.id}.html")
        hrefs = {href.split("#")[0] for href, _ in page.links}
        for ref in record.refs():
            target = graph.records[ref.target]
            expected = _relative(record.type, target.type, target.id)
            assert expected in hrefs, f"{record.id}: no link to {expected}"
            backlinks = parse(built_site / target.type / f"{target.id}.html")
            back = _relative(target.type, record.type, record.id)
            assert back in {h for h, _ in backlinks.links}, f"{target.id}: no backlink to {record.id}"
            assert "duoc-nhac-den" in backlinks.ids
            checked += 1
    assert checked > 0


def _relative(from_type: str, to_type: str, to_id: str) -> str:
    return f"{to_id}.html" if from_type == to_type else f"../{to_type}/{to_id}.html"


def test_type_index_lists_every_record(built_site: Path, graph: Graph) -> None:
    for record_type in TYPES:
        page = parse(built_site / record_type.name / "index.html")
        hrefs = {href for href, _ in page.links}
        for record in graph.of_type(record_type.name):
            assert f"{record.id}.html" in hrefs, f"{record_type.name}/index.html lacks {record.id}"


def test_home_page_orients_a_newcomer(built_site: Path, graph: Graph) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "Sổ tay Dân vận" in html
    home = parse(built_site / "index.html")
    hrefs = {href for href, _ in home.links}
    for record_type in TYPES:
        assert f"{record_type.name}/index.html" in hrefs
    assert {"dia-danh/index.html", "nam/index.html", "chu-de/index.html"} <= hrefs
    for record_type in TYPES:
        count = len(graph.of_type(record_type.name))
        assert re.search(rf">{record_type.plural}</a></td>\s*<td[^>]*>{count}</td>", html), \
            f"home page count for {record_type.name}"


def test_year_pages_gather_records_by_year(built_site: Path, graph: Graph) -> None:
    from sotay.schema import TYPES_BY_NAME

    for record in graph.records.values():
        year_field = TYPES_BY_NAME[record.type].year_field
        if year_field and year_field in record.values:
            year = record.values[year_field].year
            page = parse(built_site / "nam" / f"{year}.html")
            assert f"../{record.type}/{record.id}.html" in {h for h, _ in page.links}


def test_province_page_gathers_everything_below_it(built_site: Path, graph: Graph) -> None:
    provinces = [r for r in graph.of_type("dia-danh") if r.values.get("cap") == "tinh"]
    assert provinces
    for province in provinces:
        page = parse(built_site / "dia-danh" / f"{province.id}.html")
        hrefs = {h for h, _ in page.links}
        for record in graph.records.values():
            if record.type == "dia-danh":
                continue
            places = {ref.target for ref in record.refs() if "dia-danh" in ref.targets}
            reach = set().union(*(set(graph.ancestors(p)) | {p} for p in places)) if places else set()
            if province.id in reach:
                assert f"../{record.type}/{record.id}.html" in hrefs, \
                    f"{province.id} page lacks {record.id}"
