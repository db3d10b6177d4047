"""Search results show titles exactly as typed: escaped once, by the browser, never run."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from test_search_browser import type_query

from conftest import OfflineBrowser, dataset_site

pytestmark = pytest.mark.browser

TITLE = 'Hỏi & đáp: "Dân vận khéo" <b>đậm</b> <img src=x onerror="window.__pwned=1">'
_DATA = {
    "chu-de/hoi-dap.yaml": "id: hoi-dap\ntieu_de: " + json.dumps(TITLE, ensure_ascii=False)
                           + "\nmo_ta: Hỏi đáp về dân vận & quy chế <i>dân chủ</i>.\n",
    "chu-de/hoa-giai.yaml": "id: hoa-giai\ntieu_de: Hòa giải ở cơ sở\n",
}
_META = re.compile(r'^__sotaySearch\("m",(.*?),(.*)\);\n$', re.DOTALL)


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return dataset_site(tmp_path_factory, _DATA)


def test_index_holds_the_title_as_typed(odd_site: Path) -> None:
    rows = []
    for block in sorted((odd_site / "search").glob("m-*.js")):
        match = _META.match(block.read_text(encoding="utf-8"))
        assert match, block
        rows += json.loads(match.group(2))
    titles = {row[0]: row[1] for row in rows}
    assert titles["chu-de/hoi-dap.html"] == TITLE


def test_results_show_the_title_as_typed_and_inject_nothing(
        odd_site: Path, offline_browser: OfflineBrowser) -> None:
    tab: Any = type_query(offline_browser.open(odd_site / "index.html"), "hỏi đáp")
    heading = ".md-search-result__item h1"
    assert tab.text_content(heading) == TITLE
    # The only elements inside a result title are the highlight marks the client adds.
    tags = tab.eval_on_selector_all(f"{heading} *", "els => els.map(e => e.tagName)")
    assert set(tags) == {"MARK"}, tags
    assert tab.query_selector(".md-search-result__list b, .md-search-result__list img, "
                              ".md-search-result__list i") is None
    assert tab.evaluate("window.__pwned") is None
    snippet = tab.text_content(".md-search-result__item article p:not(.sotay-search__kind)")
    assert snippet == "Hỏi đáp về dân vận & quy chế <i>dân chủ</i>."
    assert offline_browser.blocked == [] and offline_browser.console_errors == []
