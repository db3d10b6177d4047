"""The explore tools on record and listing pages of the built site: a document's chain (SVG
and list), the link to a record's timeline entry, and the listing filter kept in the URL hash."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import OfflineBrowser

DOCUMENT = "van-ban/ket-luan-865-tb-tu.html"


@pytest.mark.slow
def test_document_page_has_its_chain_as_svg_and_list(built_site: Path) -> None:
    html = (built_site / DOCUMENT).read_text(encoding="utf-8")
    section = html.split('id="so-do"')[1].split("<h2")[0]
    assert "<svg" in section and "Sơ đồ liên hệ của" in section
    svg_links = set(re.findall(r'<a href="([^"]+)\.html"', section.split("</svg>")[0]))
    list_links = set(re.findall(r'<a href="([^"]+)\.html"', section.split("</svg>")[1]))
    assert svg_links and svg_links <= list_links
    for target in list_links:
        assert (built_site / "van-ban" / f"{target}.html").resolve().is_file(), target


@pytest.mark.slow
def test_dated_record_links_its_timeline_entry(built_site: Path) -> None:
    html = (built_site / DOCUMENT).read_text(encoding="utf-8")
    link = re.search(r'<a class="sotay-timeline-link" href="([^"]+)">Xem trên dòng thời gian',
                     html)
    assert link, "no timeline link"
    page, _, anchor = link.group(1).partition("#")
    timeline = (built_site / "van-ban" / page).resolve().read_text(encoding="utf-8")
    assert f'id="{anchor}"' in timeline and anchor == "m-ket-luan-865-tb-tu"


@pytest.mark.browser
def test_listing_filters_and_keeps_the_state_in_the_hash(built_site: Path,
                                                         offline_browser: OfflineBrowser) -> None:
    page = offline_browser.open(built_site / "van-ban" / "index.html")
    items = page.locator("article li[class*='sf-']")  # type: ignore[attr-defined]
    total = items.count()
    assert total == len(list((built_site.parent / "data" / "van-ban").iterdir()))
    form = page.locator("form.sotay-filter")  # type: ignore[attr-defined]
    assert form.is_visible()
    page.select_option("select[name=tinh]", "tinh-lai-chau")  # type: ignore[attr-defined]
    assert page.evaluate("location.hash") == "#loc:tinh=tinh-lai-chau"  # type: ignore[attr-defined]
    shown = page.locator("article li.sf-tinh-tinh-lai-chau:visible")  # type: ignore[attr-defined]
    visible = page.locator("article li[class*='sf-']:visible")  # type: ignore[attr-defined]
    assert 0 < visible.count() < total and visible.count() == shown.count()
    # The hash alone restores the filter on a fresh load.
    url = page.url  # type: ignore[attr-defined]
    page.goto("about:blank")  # type: ignore[attr-defined]
    page.goto(url)  # type: ignore[attr-defined]
    assert page.locator("select[name=tinh]").input_value() == "tinh-lai-chau"  # type: ignore[attr-defined]
    assert page.locator("article li[class*='sf-']:visible").count() == shown.count()  # type: ignore[attr-defined]
    assert offline_browser.blocked == [] and offline_browser.console_errors == []
