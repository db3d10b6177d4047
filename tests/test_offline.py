"""The built site works from file:// with the network off, and `make offline` zips it."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import offline_zip
import pytest

# Asset references that would make a browser fetch something.
_HTML_ASSET = re.compile(r"""<(?:script|img|iframe|source|video|audio|embed|input)\b[^>]*?\s"""
                         r"""src\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", re.I)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
_LINK_REL = re.compile(r"""\srel\s*=\s*["']?([^"'>]+)""", re.I)
_LINK_HREF = re.compile(r"""\shref\s*=\s*["']?((?:https?:)?//[^"'\s>]+)""", re.I)
_CSS_URL = re.compile(r"""url\(\s*["']?((?:https?:)?//[^"')\s]+)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?((?:https?:)?//[^"')\s;]+)""", re.I)
_JS_SRC = re.compile(r"""\bsrc\s*=\s*\\?["']((?:https?:)?//[^"'\\]+)""", re.I)
_FETCHING_RELS = {"stylesheet", "icon", "shortcut", "preload", "prefetch", "modulepreload",
                  "manifest", "apple-touch-icon", "preconnect", "dns-prefetch"}
# Material's bundle loads mermaid from a CDN as soon as a page has a .mermaid block.
_MERMAID = re.compile(r"""class\s*=\s*["'][^"']*\bmermaid\b""", re.I)


def external_assets(site: Path) -> list[str]:
    """``file: reference`` for every http(s) asset an HTML, CSS or JS file of ``site`` loads."""
    found: list[str] = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in {".html", ".css", ".js"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        where = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            found += [f"{where}: src={m.group(1)}" for m in _HTML_ASSET.finditer(text)]
            for tag in _LINK_TAG.findall(text):
                rel = _LINK_REL.search(tag)
                href = _LINK_HREF.search(tag)
                if href and rel and _FETCHING_RELS & set(rel.group(1).lower().split()):
                    found.append(f"{where}: {tag[:160]}")
            found += [f"{where}: .mermaid (loads mermaid from a CDN)" for _ in _MERMAID.finditer(text)]
        if path.suffix in {".html", ".css"}:
            found += [f"{where}: url({m.group(1)})" for m in _CSS_URL.finditer(text)]
            found += [f"{where}: @import {m.group(1)}" for m in _CSS_IMPORT.finditer(text)]
        if path.suffix == ".js":
            found += [f"{where}: src={m.group(1)}" for m in _JS_SRC.finditer(text)]
    return found


def test_scanner_catches_what_it_should(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<script src="https://unpkg.com/x"></script><img src=//cdn.example/x.png>'
        '<a href="https://baochinhphu.vn/bai">bài viết</a>'
        '<link rel="canonical" href="https://example.org/a.html">', encoding="utf-8")
    (tmp_path / "b.css").write_text(
        '@import url("https://fonts.googleapis.com/x");'
        "a{background:url(https://x.example/i.png)}"
        "b{mask:url(\"data:image/svg+xml;<svg xmlns='http://www.w3.org/2000/svg'/>\")}",
        encoding="utf-8")
    found = "\n".join(external_assets(tmp_path))
    for expected in ("a.html: <link rel=\"stylesheet\"", "a.html: src=https://unpkg.com/x",
                     "a.html: src=//cdn.example/x.png", "b.css: @import https://fonts.googleapis",
                     "b.css: url(https://x.example/i.png)"):
        assert expected in found
    # Content links, the canonical URL and the SVG namespace load nothing.
    for fine in ("baochinhphu", "canonical", "w3.org"):
        assert fine not in found


@pytest.mark.slow
def test_no_page_references_an_http_asset(built_site: Path) -> None:
    found = external_assets(built_site)
    assert not found, "Tài nguyên tải từ mạng:\n" + "\n".join(found)


def test_no_google_fonts_anywhere(built_site: Path) -> None:
    hits = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*")
            if p.suffix in {".html", ".css"}
            and re.search(r"fonts\.(googleapis|gstatic)\.com", p.read_text(errors="replace"))]
    assert hits == []


def test_no_directory_links(built_site: Path) -> None:
    """From file:// a link to a folder shows a file listing, not the page."""
    href = re.compile(r"""<a\b[^>]*\shref="([^"#:?]*)["#?]""")
    bad = []
    for page in sorted(built_site.rglob("*.html")):
        for target in href.findall(page.read_text(encoding="utf-8")):
            if target and (target.endswith("/") or target in {".", ".."}
                           or (page.parent / target).is_dir()):
                bad.append(f"{page.relative_to(built_site)}: {target}")
    assert bad == []


def _pages(site: Path) -> list[Path]:
    """Every page except redirect pages and 404.html.

    404.html is only ever served by a web server, for any missing path, so MkDocs writes its
    links from the site root ("/assets/…"); from file:// nothing leads to it.
    """
    return [p for p in sorted(site.rglob("*.html")) if p.name != "404.html"
            and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:600]]


@pytest.mark.browser
def test_every_page_loads_offline(built_site: Path, offline_browser) -> None:  # noqa: ANN001
    failures: list[str] = []
    missing: list[str] = []
    # A file that is not there fails with ERR_FILE_NOT_FOUND; ERR_ABORTED only means the test
    # went on to the next page while a deferred script (the search manifest) was loading.
    offline_browser.page.on("requestfailed", lambda r: None if r.failure == "net::ERR_ABORTED"
                            else missing.append(f"{r.url} ({r.failure})"))
    pages = _pages(built_site)
    assert len(pages) > 10
    for path in pages:
        page = offline_browser.open(path)
        where = path.relative_to(built_site).as_posix()
        if not page.locator("article h1").count():
            failures.append(f"{where}: không có tiêu đề")
        if not page.locator(".md-header svg").count():
            failures.append(f"{where}: không có biểu tượng ở đầu trang")
        if page.evaluate("document.documentElement.lang") != "vi":
            failures.append(f"{where}: lang khác vi")
    assert failures == []
    assert sorted(set(missing)) == []
    assert offline_browser.blocked == []
    assert offline_browser.console_errors == []


@pytest.mark.browser
def test_following_links_offline(built_site: Path, offline_browser) -> None:  # noqa: ANN001
    page = offline_browser.open(built_site / "index.html")
    # Home → a type index → its first record → back to the home page via the logo.
    page.locator("article a[href='van-ban/index.html']").first.click()
    assert page.url.endswith("/van-ban/index.html")
    page.locator("article li a").first.click()
    page.wait_for_load_state("load")
    assert re.search(r"/van-ban/[a-z0-9-]+\.html$", page.url)
    assert page.locator("article h1").inner_text()
    page.locator("article #thong-tin ~ * a[href^='../']").first.click()
    page.wait_for_load_state("load")
    page.locator("article h1").wait_for()
    assert page.url.endswith(".html") and page.locator("article h1").count() == 1
    page.locator(".md-header a.md-logo").click()
    assert page.url.endswith("/index.html")
    page.locator("article a[href='in-so-tay.html']").click()
    # The print page is long: wait until it has loaded before counting its records.
    page.wait_for_url("**/in-so-tay.html")
    page.wait_for_load_state("load")
    assert page.locator("h3.sotay-print-record").count() > 3
    assert offline_browser.blocked == []
    assert offline_browser.console_errors == []


@pytest.mark.browser
def test_interface_is_vietnamese(built_site: Path, offline_browser) -> None:  # noqa: ANN001
    page = offline_browser.open(built_site / "van-ban" / "nghi-quyet-25-nq-tw.html")
    html = page.content()
    assert "Trở lại mục lục" in html or "Mục lục" in html
    assert "Permanent link" not in html and "Made with" not in html
    # A heading has one link icon: the copy button takes the place of the permalink, whose
    # Vietnamese title shows where scripts do not run.
    assert page.locator(".headerlink").count() == 0
    assert page.locator("h2 .sotay-copylink").first.get_attribute("aria-label") \
        == "Chép liên kết tới mục này"
    static = (built_site / "van-ban" / "nghi-quyet-25-nq-tw.html").read_text(encoding="utf-8")
    assert 'class="headerlink" href="#' in static and 'title="Liên kết đến mục này"' in static


# -- make offline -------------------------------------------------------------------------------

def _tiny_site(root: Path) -> Path:
    site = root / "site"
    (site / "van-ban").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Sổ tay</h1>", encoding="utf-8")
    (site / "van-ban" / "a.html").write_text("<h1>Văn bản</h1>", encoding="utf-8")
    (site / "assets.js.map").write_text("{}", encoding="utf-8")
    return site


def test_offline_zip_is_dated_and_readable(tmp_path: Path) -> None:
    site = _tiny_site(tmp_path)
    target = offline_zip.make_zip(site, tmp_path / "dist", dt.date(2026, 3, 5))
    assert target.name == "so-tay-dan-van-2026-03-05.zip"
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        assert names == ["DOC-TRUOC.txt", "so-tay-dan-van-2026-03-05/index.html",
                         "so-tay-dan-van-2026-03-05/van-ban/a.html"]
        assert archive.read("so-tay-dan-van-2026-03-05/van-ban/a.html").decode() == "<h1>Văn bản</h1>"
        readme = archive.read("DOC-TRUOC.txt").decode("utf-8-sig")
        assert "index.html" in readme and "5/3/2026" in readme and "không cần mạng" in readme
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.testzip() is None


def test_offline_zip_is_deterministic(tmp_path: Path) -> None:
    site = _tiny_site(tmp_path)
    first = offline_zip.make_zip(site, tmp_path / "one", dt.date(2026, 1, 2)).read_bytes()
    (site / "index.html").touch()  # a newer mtime must not change the bytes
    second = offline_zip.make_zip(site, tmp_path / "two", dt.date(2026, 1, 2)).read_bytes()
    assert first == second


def test_offline_zip_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = _tiny_site(tmp_path)
    assert offline_zip.main(["--site", str(site), "--dist", str(tmp_path / "d"),
                             "--date", "2025-12-31"]) == 0
    assert (tmp_path / "d" / "so-tay-dan-van-2025-12-31.zip").is_file()
    assert offline_zip.main(["--site", str(tmp_path / "none"), "--dist", str(tmp_path)]) == 1
    assert "make site" in capsys.readouterr().err
