"""With a public address the sitemap lists every page and the feed is absolute; without one,
the open data holds relative addresses only, never a reader's own ``file://`` path."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import PUBLIC_ADDRESS, ROOT, copy_project, mkdocs_build

pytestmark = pytest.mark.slow

ADDRESS = PUBLIC_ADDRESS
_LOC = re.compile(r"<loc>([^<]*)</loc>")


def _build(tmp_path_factory: pytest.TempPathFactory, address: str | None) -> Path:
    data = tmp_path_factory.mktemp("data") / "data"
    shutil.copytree(ROOT / "data", data)
    # A renamed record: its former address is a redirect, which no sitemap should list.
    (data / "chu-de" / "thu-doi-ma.yaml").write_text(
        "id: thu-doi-ma\ntieu_de: Thử đổi mã\nid_cu: [ma-cu-thu]\n"
        "nguon: [bai-lai-chau-2013-to-dan-van]\n", encoding="utf-8")
    project = copy_project(tmp_path_factory.mktemp("project"), data)
    result = mkdocs_build(project, site_url=address)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory, ADDRESS)


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory, None)


def _is_redirect(page: Path) -> bool:
    return 'http-equiv="refresh"' in page.read_text(encoding="utf-8")[:2000]


def content_pages(site: Path) -> set[str]:
    """Every HTML page a reader can land on: all but 404.html and former-id redirects."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")
            if p.name != "404.html" and not _is_redirect(p)}


def test_sitemap_lists_every_page_and_nothing_else(published: Path) -> None:
    locs = _LOC.findall((published / "sitemap.xml").read_text(encoding="utf-8"))
    assert len(locs) == len(set(locs))
    assert all(loc.startswith(ADDRESS + "/") for loc in locs), locs[:3]
    listed = {loc.removeprefix(ADDRESS + "/") for loc in locs}
    pages = content_pages(published)
    assert listed == pages, (sorted(pages - listed)[:10], sorted(listed - pages)[:10])
    # Generated pages are there: records, listings, years; redirects and 404 are not.
    for page in ("index.html", "chu-de/index.html", "chu-de/thu-doi-ma.html",
                 "van-ban/ket-luan-865-tb-tu.html", "nam/index.html", "huong-dan/du-lieu-mo.html"):
        assert page in listed, page
    assert (published / "chu-de" / "ma-cu-thu.html").is_file()
    assert "chu-de/ma-cu-thu.html" not in listed and "404.html" not in listed
    records = json.loads((published / "data" / "records.json").read_text(encoding="utf-8"))
    assert {r["url"] for r in records["records"]} <= listed
    assert len(listed) > len(records["records"])


def test_feed_is_absolute_with_an_address(published: Path) -> None:
    feed = json.loads((published / "feed.json").read_text(encoding="utf-8"))
    assert feed["home_page_url"] == ADDRESS + "/index.html"
    assert feed["feed_url"] == ADDRESS + "/feed.json"
    assert feed["items"]
    for item in feed["items"]:
        assert item["url"].startswith(ADDRESS + "/"), item["url"]
        assert (published / item["url"].removeprefix(ADDRESS + "/")).is_file(), item["url"]
        assert "[[" not in item["content_text"] and "]]" not in item["content_text"]


def test_without_an_address_open_data_is_relative(local: Path) -> None:
    feed_text = (local / "feed.json").read_text(encoding="utf-8")
    feed = json.loads(feed_text)
    assert "feed_url" not in feed and "home_page_url" not in feed
    assert feed["items"]
    for item in feed["items"]:
        assert re.fullmatch(r"[a-z-]+/[a-z0-9-]+\.html", item["url"]), item["url"]
        assert (local / item["url"]).is_file()
        assert "[[" not in item["content_text"] + item["title"]
    # Sitemaps take absolute addresses only: without one, it lists nothing rather than guess.
    assert _LOC.findall((local / "sitemap.xml").read_text(encoding="utf-8")) == []
    for path in [local / "feed.json", local / "sitemap.xml", *(local / "data").rglob("*")]:
        if path.is_file():
            assert "file:" not in path.read_text(encoding="utf-8"), path
    records = json.loads((local / "data" / "records.json").read_text(encoding="utf-8"))
    assert records["base_url"] == ""
