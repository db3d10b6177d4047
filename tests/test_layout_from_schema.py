"""Guard: every record type gets a page layout, a print position, a nav entry and an index
page from its schema entry, and every field it fills reaches its page and the print book."""

from __future__ import annotations

import pytest
import yaml
from schema_samples import shown_values, write_samples

from conftest import ROOT
from sotay import printable, schema
from sotay.link import Graph
from sotay.navigation import LOOKUP, with_type_entries
from sotay.pipeline import build_graph
from sotay.render import render_pages
from sotay.schema import PRINT_ORDER, TYPES, RecordType

TEMPLATES = ROOT / "hooks" / "sotay" / "templates"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    graph, problems = build_graph(write_samples(tmp_path_factory.mktemp("samples") / "data"))
    assert problems == [] and isinstance(graph, Graph)
    return {p.path: p.content for p in render_pages(graph)}


@pytest.mark.parametrize("record_type", TYPES, ids=[t.name for t in TYPES])
def test_every_type_has_a_page_layout(record_type: RecordType, pages: dict[str, str]) -> None:
    assert (TEMPLATES / record_type.layout).is_file()
    assert (TEMPLATES / record_type.index_layout).is_file()
    page = pages[f"{record_type.name}/full-{record_type.name}.md"]
    missing = [value for value in shown_values(record_type, f"full-{record_type.name}")
               if value not in page]
    assert missing == [], f"{record_type.name}: the page drops {missing}"
    index = pages[f"{record_type.name}/index.md"]
    assert f'href="full-{record_type.name}.html"' in index


@pytest.mark.parametrize("record_type", TYPES, ids=[t.name for t in TYPES])
def test_every_type_has_a_print_position(record_type: RecordType, pages: dict[str, str]
                                         ) -> None:
    assert record_type.print_position > 0
    book = pages[printable.PATH]
    chapter = book.split(f' id="{printable.anchor(record_type.name, "full-" + record_type.name)}"')
    assert len(chapter) == 2, f"{record_type.name} has no chapter in the print book"
    record = chapter[1].split("\n<h3 ")[0]
    missing = [value for value in shown_values(record_type, f"full-{record_type.name}")
               if value not in record]
    assert missing == [], f"{record_type.name}: the print book drops {missing}"


def test_print_positions_are_distinct() -> None:
    positions = [t.print_position for t in TYPES]
    assert len(set(positions)) == len(positions)
    assert [t.name for t in PRINT_ORDER] == [t.name for t in sorted(TYPES,
                                                                    key=lambda t: t.print_position)]


def _real_nav() -> list[object]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506
    return with_type_entries(config["nav"])


@pytest.mark.parametrize("record_type", TYPES, ids=[t.name for t in TYPES])
def test_every_type_has_a_nav_entry(record_type: RecordType) -> None:
    lookup = next(item[LOOKUP] for item in _real_nav() if isinstance(item, dict) and LOOKUP in item)
    assert {record_type.plural: f"{record_type.name}/index.md"} in lookup


def test_nav_keeps_handwritten_entries_once() -> None:
    nav = with_type_entries([{"Trang chủ": "index.md"},
                             {LOOKUP: [{"Văn bản": "van-ban/index.md"}, {"Năm": "nam/index.md"}]}])
    lookup = nav[1][LOOKUP]
    assert lookup.count({"Văn bản": "van-ban/index.md"}) == 1
    assert lookup[-1] == {"Năm": "nam/index.md"}
    assert len(lookup) == len(TYPES) + 1
    assert with_type_entries(None) == [{LOOKUP: with_type_entries([])[0][LOOKUP]}]


def test_the_guard_sees_a_dropped_group(pages: dict[str, str]) -> None:
    """The layout guard can fail: a page that lost its figures group is caught."""
    page = pages["mo-hinh/full-mo-hinh.md"]
    before, _, after = page.partition('<h2 id="so-lieu">')
    cut = before + after.partition("\n<h2 ")[2]
    missing = [value for value in shown_values(schema.TYPES_BY_NAME["mo-hinh"], "full-mo-hinh")
               if value not in cut]
    assert "Mẫu Chỉ tiêu của full-mo-hinh" in missing
