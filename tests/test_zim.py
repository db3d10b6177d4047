"""`make zim`: the site as a Kiwix file, checked by zimcheck, libzim and kiwix-serve in Chromium."""

from __future__ import annotations

import datetime as dt
import re
import struct
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import make_zim
import pytest
from libzim.reader import Archive
from libzim.search import Query, Searcher
from libzim.suggestion import SuggestionSearcher
from loopback import free_port, loopback_page
from test_search_browser import result_urls, type_query

from sotay import render
from sotay.icon import icon_png

RECORD = "dien-hinh/lung-thau-to-tu-quan-dong-ho-tu-quan.html"
RECORD_TITLE = "Thôn Lũng Thầu phân công tổ tự quản và dòng họ tự quản giữ gìn an ninh trật tự"


# -- the pure parts --------------------------------------------------------------------------------
def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    at, size = 8, (0, 0)
    while at < len(data):  # every chunk's CRC must hold
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, kind
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        at += 12 + length
    return size


@pytest.mark.parametrize("size", [48, 192])
def test_icon_is_a_valid_png_of_its_size_and_repeatable(size: int) -> None:
    data = icon_png(size)
    assert _png_size(data) == (size, size)
    assert data == icon_png(size)
    assert icon_png(size, maskable=True) != data  # the drawing shrinks into the safe zone


@pytest.mark.parametrize(("html", "title"), [
    ("<title>Trang chủ - Sổ tay Dân vận</title>", "Trang chủ"),
    ("<title>Kết luận &amp; chỉ thị - Sổ tay Dân vận</title>", "Kết luận & chỉ thị"),
    ("<title>Sổ tay Dân vận</title>", "Sổ tay Dân vận"),
    ("<p>no title</p>", ""),
])
def test_page_title(html: str, title: str) -> None:
    assert make_zim.page_title(html) == title


def test_edition_date_from_source_date_epoch_or_newest_record(tmp_path: Path) -> None:
    (tmp_path / "feed.json").write_text(
        '{"items": [{"_sotay": {"date": "2012-10"}}, {"_sotay": {"date": "2024-04-04"}},'
        ' {"_sotay": {"date": "2019"}}, {"title": "no date"}]}', encoding="utf-8")
    assert make_zim.edition_date(tmp_path, {}) == dt.date(2024, 4, 4)
    assert make_zim.edition_date(tmp_path, {"SOURCE_DATE_EPOCH": "1700000000"}) \
        == dt.date(2023, 11, 14)
    (tmp_path / "feed.json").write_text('{"items": []}', encoding="utf-8")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        make_zim.edition_date(tmp_path, {})


def _tiny_site(root: Path) -> Path:
    pages = {
        "index.html": '<title>Trang chủ - Sổ tay Dân vận</title>'
                      '<meta name="description" content="Sổ tay thử">',
        "van-ban/index.html": "<title>Văn bản - Sổ tay Dân vận</title>",
        "van-ban/moi.html": "<title>Kết luận mới - Sổ tay Dân vận</title>",
        "van-ban/cu.html": render._REDIRECT.format(target="moi.html", title="Kết luận mới",
                                                   old="cu"),
        "404.html": "<title>404 - Sổ tay Dân vận</title>",
        "in-so-tay.html": "<title>Bản in - Sổ tay Dân vận</title>",
        "data/records.json": "{}",
        "assets/x.js.map": "{}",
    }
    for path, text in pages.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def test_entries_hint_front_articles_on_pages_only(tmp_path: Path) -> None:
    entries = {e.path: e for e in make_zim.site_entries(_tiny_site(tmp_path))}
    assert "assets/x.js.map" not in entries
    assert {p for p, e in entries.items() if e.front_article} \
        == {"index.html", "van-ban/index.html", "van-ban/moi.html"}
    assert {p for p, e in entries.items() if e.indexed} \
        == {"index.html", "van-ban/index.html", "van-ban/moi.html"}
    assert entries["van-ban/cu.html"].redirect_to == "van-ban/moi.html"
    assert entries["van-ban/moi.html"].title == "Kết luận mới"
    assert entries["data/records.json"].mimetype == "application/json"


# -- the file libzim writes ------------------------------------------------------------------------
@pytest.mark.tool
def test_redirects_become_zim_redirects(tmp_path: Path) -> None:
    target = make_zim.make_zim(_tiny_site(tmp_path / "site"), tmp_path, dt.date(2024, 1, 2))
    assert target.name == "so-tay-dan-van_vi_2024-01-02.zim"
    archive = Archive(target)
    old = archive.get_entry_by_path("van-ban/cu.html")
    assert old.is_redirect and old.get_redirect_entry().path == "van-ban/moi.html"
    assert archive.article_count == 3  # the front articles: home, listing, record
    assert archive.check()


@pytest.fixture(scope="module")
def zim(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_zim.make_zim(built_site, tmp_path_factory.mktemp("dist"),
                             make_zim.edition_date(built_site, {}))


@pytest.mark.slow
@pytest.mark.tool
def test_zimcheck_finds_no_error(zim: Path) -> None:
    # Every zimcheck test but -I: Debian's zimcheck 3.1.3 is built on libzim 8.1.1, whose
    # low-level check reads the "no v0 title index" marker that libzim >= 9.3 writes in the
    # header (openzim/libzim#969) as an out-of-file offset. libzim's own check (9.8.2, the
    # writer's version) covers that structure instead.
    result = subprocess.run(["zimcheck", "-0", "-C", "-M", "-F", "-P", "-R", "-U", "-X", "-L",
                             "-D", str(zim)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Overall Test Status: Pass" in result.stdout
    assert "[ERROR]" not in result.stdout and "[WARNING]" not in result.stdout
    assert Archive(zim).check()


@pytest.mark.slow
@pytest.mark.tool
def test_metadata_titles_and_indexes(zim: Path, built_site: Path) -> None:
    archive = Archive(zim)
    meta = {key: bytes(archive.get_metadata(key)).decode("utf-8")
            for key in archive.metadata_keys if not key.startswith("Illustration")}
    assert meta["Language"] == "vie" and meta["Title"] == "Sổ tay Dân vận"
    assert meta["Date"] == make_zim.edition_date(built_site, {}).isoformat()
    for key in ("Name", "Description", "LongDescription", "Creator", "Publisher", "Tags"):
        assert meta[key], key
    assert len(meta["Description"]) <= 80
    assert _png_size(bytes(archive.get_illustration_item(48).content)) == (48, 48)
    assert archive.main_entry.get_item().path == "index.html"
    assert archive.get_entry_by_path(RECORD).title == RECORD_TITLE
    pages = [p for p in built_site.rglob("*.html")
             if p.relative_to(built_site).as_posix() not in {"404.html", "in-so-tay.html"}]
    assert archive.article_count == len(pages)
    assert archive.has_fulltext_index and archive.has_title_index
    suggested = SuggestionSearcher(archive).suggest("Lũng Thầu").getResults(0, 10)
    assert RECORD in list(suggested)
    for pattern in ("tảo hôn", "tao hon", "Lũng Thầu", "lung thau"):  # libzim 9, as Kiwix apps
        found = list(Searcher(archive).search(Query().set_query(pattern)).getResults(0, 50))
        assert RECORD in found and "in-so-tay.html" not in found, pattern


# -- kiwix-serve, in Chromium ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def kiwix(zim: Path) -> Iterator[str]:
    """kiwix-serve on 127.0.0.1 serving ``zim``; yields the book's address."""
    port = free_port()
    server = subprocess.Popen(["kiwix-serve", "--address", "127.0.0.1", "--port", str(port),
                               str(zim)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        catalog = _wait_for(f"{base}/catalog/v2/entries")
        book = re.search(r'<link type="text/html" href="(/[^"]+)"', catalog)
        assert book, catalog
        yield base + book.group(1)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(url: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                return str(response.read().decode("utf-8"))
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _heading(tab: Any) -> str:
    return str(tab.inner_text("article h1")).removesuffix("¶").strip()


@pytest.fixture
def tab(_chromium: Any) -> Iterator[Any]:
    with loopback_page(_chromium) as state:
        yield state.page
        assert not state.blocked, state.blocked
        assert not state.errors, state.errors


@pytest.mark.slow
@pytest.mark.tool
@pytest.mark.browser
def test_kiwix_serves_pages_and_links(kiwix: str, tab: Any) -> None:
    tab.goto(f"{kiwix}/{RECORD}")
    assert _heading(tab) == RECORD_TITLE
    link = tab.locator("article a[href$='thon-lung-thau.html']").first
    link.click()
    tab.wait_for_url("**/dia-danh/thon-lung-thau.html")
    assert _heading(tab) == "Thôn Lũng Thầu"


@pytest.mark.slow
@pytest.mark.tool
@pytest.mark.browser
def test_no_web_app_inside_kiwix(kiwix: str, tab: Any) -> None:
    tab.goto(f"{kiwix}/index.html")
    # The page asked for the content list as it loaded; this answer comes after that one.
    assert tab.evaluate("fetch('sotay-webapp.json').then(r => r.status)") == 404
    tab.wait_for_timeout(300)
    assert tab.locator("[data-sotay-offline]").is_hidden()
    assert tab.locator("link[rel=manifest]").count() == 0
    assert tab.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0


@pytest.mark.slow
@pytest.mark.tool
@pytest.mark.browser
def test_handbook_search_works_inside_kiwix(kiwix: str, tab: Any) -> None:
    tab.goto(f"{kiwix}/index.html")
    assert f"{kiwix}/{RECORD}" in result_urls(type_query(tab, "tao hon", timeout=15_000))
    tab.click(f".md-search-result__item > a[href='{kiwix}/{RECORD}']")
    tab.wait_for_url(f"{kiwix}/{RECORD}")
    assert _heading(tab) == RECORD_TITLE


@pytest.mark.slow
@pytest.mark.tool
@pytest.mark.browser
# Debian's kiwix-serve 3.3.0 reads the index with libzim 8.1.1, which does not fold the
# diacritics of a query: "tảo hôn" finds nothing there (libzim 9.8.2 finds it, tested above).
@pytest.mark.parametrize("pattern", ["tao hon", "lung thau"])
def test_kiwix_full_text_search_without_diacritics(kiwix: str, tab: Any, pattern: str) -> None:
    base, book = kiwix.rsplit("/", 1)
    tab.goto(f"{base}/search?" + urllib.parse.urlencode({"content": book, "pattern": pattern}))
    hrefs = tab.eval_on_selector_all(".results a", "links => links.map(a => a.href)")
    assert f"{kiwix}/{RECORD}" in hrefs, hrefs
