"""The offline search in a real browser: opened from file:// with the network blocked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, OfflineBrowser, dataset_site
from sotay.search_index import fold, tokens

pytestmark = pytest.mark.browser


def search(browser: OfflineBrowser, site: Path, query: str, page: str = "index.html") -> Any:
    """Open ``page``, type ``query`` into the search box; return the tab once results show."""
    tab: Any = browser.open(site / page)
    return type_query(tab, query)


def type_query(tab: Any, query: str, timeout: int = 10_000) -> Any:
    """Type ``query`` into the open page's search box; return the tab once its results show."""
    tab.keyboard.press("/")
    tab.keyboard.type(query)
    tab.wait_for_function(
        "q => window.__sotaySearchTiming && window.__sotaySearchTiming.query === q", arg=query,
        timeout=timeout)
    return tab


def result_urls(tab: Any) -> list[str]:
    return tab.eval_on_selector_all(
        ".md-search-result__item > a:first-child", "links => links.map(a => a.href)")


def record_url(site: Path, record_type: str, record_id: str) -> str:
    assert (ROOT / "data" / record_type / f"{record_id}.yaml").exists() \
        or (ROOT / "data" / record_type / f"{record_id}.md").exists(), \
        f"the test expects record {record_type}/{record_id} in data/"
    return (site / record_type / f"{record_id}.html").as_uri()


# -- the real handbook -------------------------------------------------------------------------------
@pytest.mark.parametrize(("query", "record_type", "record_id", "first"), [
    ("dân vận khéo", "chu-de", "dan-van-kheo", True),
    ("dan van kheo", "chu-de", "dan-van-kheo", True),
    ("Lũng Thầu", "dia-danh", "thon-lung-thau", False),
    ("lung thau", "dia-danh", "thon-lung-thau", False),
    ("lung thau", "dien-hinh", "lung-thau-to-tu-quan-dong-ho-tu-quan", False),
    ("865-TB/TU", "van-ban", "ket-luan-865-tb-tu", True),
    ("865", "van-ban", "ket-luan-865-tb-tu", False),
    ("Kết luận 865", "van-ban", "ket-luan-865-tb-tu", True),
    ("06-ĐA/TU", "van-ban", "de-an-06-da-tu-bac-kan-2023", False),
    ("06-ĐA/TU", "van-ban", "de-an-06-da-tu-ha-giang-2016", False),
    ("06-da/tu", "van-ban", "de-an-06-da-tu-ha-giang-2016", False),
    ("25 NQ TW", "van-ban", "nghi-quyet-25-nq-tw", True),
    ("25-NQ/TW", "van-ban", "nghi-quyet-25-nq-tw", True),
    ("nghi quyet", "van-ban", "nghi-quyet-25-nq-tw", False),
    ("QCDC", "chu-de", "quy-che-dan-chu-o-co-so", False),
    ("qcd", "viet-tat", "qcdc", False),
    ("quy che dan chu", "viet-tat", "qcdc", False),
])
def test_real_site_finds(built_site: Path, offline_browser: OfflineBrowser, query: str,
                         record_type: str, record_id: str, first: bool) -> None:
    expected = record_url(built_site, record_type, record_id)
    urls = result_urls(search(offline_browser, built_site, query))
    if first:
        assert urls[:1] == [expected], urls[:5]
    else:
        assert expected in urls, urls[:10]
    assert offline_browser.blocked == []
    assert offline_browser.console_errors == []


def test_search_from_a_record_page_links_back_up(built_site: Path,
                                                  offline_browser: OfflineBrowser) -> None:
    tab = search(offline_browser, built_site, "dân vận khéo",
                 page="van-ban/ket-luan-865-tb-tu.html")
    assert result_urls(tab)[0] == record_url(built_site, "chu-de", "dan-van-kheo")


def test_timing_hook_and_result_count(built_site: Path, offline_browser: OfflineBrowser) -> None:
    tab = search(offline_browser, built_site, "dân vận")
    timing = tab.evaluate("window.__sotaySearchTiming")
    assert isinstance(timing["ms"], (int, float)) and timing["ms"] >= 0
    assert timing["results"] >= 10
    meta = tab.text_content(".md-search-result__meta")
    assert meta.strip() == f"{timing['results']} tài liệu liên quan"
    assert tab.evaluate("document.getElementById('__search').checked") is True


def test_no_result_message(built_site: Path, offline_browser: OfflineBrowser) -> None:
    tab = search(offline_browser, built_site, "xyzzyq")
    assert tab.text_content(".md-search-result__meta").strip() == \
        "Không tìm thấy tài liệu liên quan"
    assert result_urls(tab) == []
    assert offline_browser.console_errors == []


def test_no_material_search_and_no_request(built_site: Path,
                                           offline_browser: OfflineBrowser) -> None:
    assert not (built_site / "search" / "search_index.json").exists()
    tab: Any = offline_browser.open(built_site / "index.html")
    assert tab.query_selector("[data-md-component=search]") is None
    assert tab.get_attribute("[data-sotay-search-query]", "placeholder") == "Tìm kiếm"
    tab.keyboard.press("s")
    assert tab.evaluate("document.activeElement.matches('[data-sotay-search-query]')")
    assert offline_browser.blocked == [] and offline_browser.console_errors == []


@pytest.mark.parametrize("query", [
    "Dân vận khéo", "“Lũng Thầu”", "865-TB/TU", "06-ĐA/TU", "25 NQ TW", "Đắk Lắk",
    "Nghị quyết", "HĐND", "ưu tiên", "«quốc» ‘ngữ’", "snake_case", "ǅ Œuvre",
])
def test_browser_reads_a_query_as_the_index_does(built_site: Path,
                                                 offline_browser: OfflineBrowser,
                                                 query: str) -> None:
    tab: Any = offline_browser.open(built_site / "index.html")
    tab.wait_for_function("() => window.__sotaySearchAnalyze", timeout=10_000)
    read = tab.evaluate("q => window.__sotaySearchAnalyze(q)", query)
    plain = [t for t in tokens(query) if not t.joined]
    assert [(w["raw"], w["folded"]) for w in read["words"]] == \
        [(t.variant, t.folded) for t in plain]
    assert all(fold(w["raw"]) == w["folded"] for w in read["words"])


# -- ranking, on a handbook made for it -------------------------------------------------------
_CRAFTED = {
    "chu-de/dan-van-o-ban.yaml": "id: dan-van-o-ban\ntieu_de: Dân vận ở bản\n",
    "chu-de/dan-van-o-ban-2.yaml": "id: dan-van-o-ban-2\ntieu_de: Dẫn văn ở bản\n",
    "chu-de/hoa-giai.yaml": "id: hoa-giai\ntieu_de: Hòa giải ở cơ sở\n",
    "chu-de/to-tu-quan.yaml": (
        "id: to-tu-quan\ntieu_de: Tổ tự quản\n"
        "mo_ta: Tổ tự quản tham gia hòa giải ở xóm.\n"),
}


@pytest.fixture(scope="module")
def crafted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return dataset_site(tmp_path_factory, _CRAFTED)


def _chu_de(site: Path, record_id: str) -> str:
    return (site / "chu-de" / f"{record_id}.html").as_uri()


@pytest.mark.parametrize(("query", "first", "second"), [
    ("Dân vận", "dan-van-o-ban", "dan-van-o-ban-2"),
    ("Dẫn văn", "dan-van-o-ban-2", "dan-van-o-ban"),
    ("dân vận ở b", "dan-van-o-ban", "dan-van-o-ban-2"),
    ("dẫn", "dan-van-o-ban-2", "dan-van-o-ban"),
    ("hoa giai", "hoa-giai", "to-tu-quan"),  # title before body
])
def test_exact_diacritics_and_titles_rank_first(crafted_site: Path,
                                                offline_browser: OfflineBrowser,
                                                query: str, first: str, second: str) -> None:
    urls = result_urls(search(offline_browser, crafted_site, query))
    assert urls[0] == _chu_de(crafted_site, first)
    assert _chu_de(crafted_site, second) in urls[1:]


def test_without_diacritics_both_spellings_are_found(crafted_site: Path,
                                                     offline_browser: OfflineBrowser) -> None:
    urls = result_urls(search(offline_browser, crafted_site, "dan van"))
    assert set(urls[:2]) == {_chu_de(crafted_site, "dan-van-o-ban"),
                             _chu_de(crafted_site, "dan-van-o-ban-2")}


def test_all_words_must_match(crafted_site: Path, offline_browser: OfflineBrowser) -> None:
    # ("thôn" would also match the "Thông tin" heading of every record page, by prefix.)
    urls = result_urls(search(offline_browser, crafted_site, "hòa giải xóm"))
    assert urls == [_chu_de(crafted_site, "to-tu-quan")]


def test_section_hit_links_to_its_heading(crafted_site: Path,
                                          offline_browser: OfflineBrowser) -> None:
    tab = search(offline_browser, crafted_site, "tham gia")
    links = tab.eval_on_selector_all(".md-search-result__item a", "ls => ls.map(a => a.href)")
    page = _chu_de(crafted_site, "to-tu-quan")
    assert links[:2] == [page, page + "#mo-ta"]
    assert tab.inner_text(".md-search-result__item mark") == "tham"


def test_enter_opens_the_first_result(crafted_site: Path,
                                      offline_browser: OfflineBrowser) -> None:
    tab = search(offline_browser, crafted_site, "hòa giải")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url == _chu_de(crafted_site, "hoa-giai")
    assert offline_browser.blocked == [] and offline_browser.console_errors == []


def test_escape_closes_the_search(crafted_site: Path, offline_browser: OfflineBrowser) -> None:
    tab = search(offline_browser, crafted_site, "tổ")
    tab.keyboard.press("Escape")
    assert tab.evaluate("document.getElementById('__search').checked") is False
    assert not tab.evaluate("document.activeElement.matches('[data-sotay-search-query]')")
