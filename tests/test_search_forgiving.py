"""The search forgives, in a real browser from file:// typing into the real search box: a
missing letter, a leading zero, the other tone placement, words no page holds together."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_search_browser import record_url, result_urls, search

from conftest import OfflineBrowser, dataset_site

pytestmark = pytest.mark.browser


def _marks(tab: Any) -> list[str]:
    return tab.eval_on_selector_all(".md-search-result__item mark", "ms => ms.map(m => m.textContent)")


# -- the real handbook -------------------------------------------------------------------------------
@pytest.mark.parametrize(("query", "record_type", "record_id", "top"), [
    ("dan van keo", "chu-de", "dan-van-kheo", 1),  # kéo is on another page: khéo still first
    ("lung tau", "dia-danh", "thon-lung-thau", 3),
    ("lũng thầ", "dia-danh", "thon-lung-thau", 3),  # still typing
    ("nghij quyeet", "van-ban", "nghi-quyet-25-nq-tw", 10),
])
def test_a_typo_still_finds_the_page(built_site: Path, offline_browser: OfflineBrowser,
                                     query: str, record_type: str, record_id: str,
                                     top: int) -> None:
    tab = search(offline_browser, built_site, query)
    urls = result_urls(tab)
    assert record_url(built_site, record_type, record_id) in urls[:top], urls[:10]
    assert offline_browser.blocked == [] and offline_browser.console_errors == []


def test_a_typo_is_said_and_marked(built_site: Path, offline_browser: OfflineBrowser) -> None:
    tab = search(offline_browser, built_site, "dan van keo")
    first = tab.query_selector(".md-search-result__item")
    assert first is not None
    assert "gần đúng: khéo" in first.inner_text()
    assert first.eval_on_selector_all("h1 mark", "ms => ms.map(m => m.textContent)") == \
        ["Dân", "vận", "khéo"]


@pytest.mark.parametrize("query", ["6-ĐA/TU", "6 ĐA TU", "06-ĐA/TU", "6-da/tu"])
def test_a_document_number_with_or_without_its_leading_zero(
        built_site: Path, offline_browser: OfflineBrowser, query: str) -> None:
    tab = search(offline_browser, built_site, query)
    urls = result_urls(tab)
    assert set(urls[:2]) == {record_url(built_site, "van-ban", "de-an-06-da-tu-bac-kan-2023"),
                             record_url(built_site, "van-ban", "de-an-06-da-tu-ha-giang-2016")}
    assert "06-ĐA/TU" in _marks(tab)  # the whole number marked, as the page writes it


@pytest.mark.parametrize(("new", "old"), [
    ("Uỷ ban MTTQ huyện Than Uyên", "Ủy ban MTTQ huyện Than Uyên"),
    ("tỉnh uỷ", "tỉnh ủy"),
    ("hoà giải", "hòa giải"),
])
def test_old_and_new_tone_placement_find_the_same(built_site: Path,
                                                 offline_browser: OfflineBrowser,
                                                 new: str, old: str) -> None:
    first = result_urls(search(offline_browser, built_site, new))
    second = result_urls(search(offline_browser, built_site, old))
    assert first and first == second


def test_new_tone_placement_marks_the_old_spelling(built_site: Path,
                                                  offline_browser: OfflineBrowser) -> None:
    tab = search(offline_browser, built_site, "Uỷ ban MTTQ huyện Than Uyên")
    assert result_urls(tab)[0] == record_url(built_site, "to-chuc", "uy-ban-mttq-huyen-than-uyen")
    assert "Ủy" in _marks(tab)


def test_words_no_page_holds_together_show_partial_matches(
        built_site: Path, offline_browser: OfflineBrowser) -> None:
    tab = search(offline_browser, built_site, "Lũng Thầu nghị quyết")
    meta = tab.text_content(".md-search-result__meta").strip()
    assert meta.startswith("Không trang nào có đủ các từ đã gõ · ")
    assert meta.endswith(" tài liệu khớp một phần")
    urls = result_urls(tab)
    shown = int(meta.split(" · ")[1].split()[0].replace(".", ""))
    assert urls and len(urls) == min(shown, 10)
    notes = tab.eval_on_selector_all(".sotay-search__note", "ns => ns.map(n => n.textContent)")
    assert len(notes) == len(urls)
    # The pages holding the most of the four words as typed (no correction), each naming
    # the words it lacks: the same number for every page shown, fewer than four.
    lacking = [n.removeprefix("khớp một phần · không có: ").split(", ") for n in notes]
    assert all(n.startswith("khớp một phần · không có: ") for n in notes)
    assert all(set(words) <= {"lũng", "thầu", "nghị", "quyết"} for words in lacking), notes
    assert len({len(words) for words in lacking}) == 1 and 0 < len(lacking[0]) < 4, notes
    assert record_url(built_site, "dien-hinh", "lung-thau-to-tu-quan-dong-ho-tu-quan") in urls
    assert offline_browser.console_errors == []


# -- highlighting, on a handbook made for it ------------------------------------------------------
_DATA = {
    "chu-de/dan-van-o-lang.yaml": ("id: dan-van-o-lang\ntieu_de: Dân vận ở làng\n"
                                   "mo_ta: Hướng dẫn làm dân vận ở làng.\n"),
    "chu-de/dan-van-o-ban.yaml": "id: dan-van-o-ban\ntieu_de: Dẫn văn ở bản\n",
}


@pytest.fixture(scope="module")
def mark_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return dataset_site(tmp_path_factory, _DATA)


def test_marks_only_the_spelling_that_matched(mark_site: Path,
                                              offline_browser: OfflineBrowser) -> None:
    tab = search(offline_browser, mark_site, "dan van o lang")
    item = tab.query_selector(".md-search-result__item")
    assert item is not None
    assert item.eval_on_selector("a", "a => a.href") == \
        (mark_site / "chu-de" / "dan-van-o-lang.html").as_uri()
    marked = item.eval_on_selector_all("mark", "ms => ms.map(m => m.textContent)")
    assert "dẫn" not in marked and "Dẫn" not in marked
    assert marked.count("dân") == 1 and "Dân" in marked and "làng" in marked
