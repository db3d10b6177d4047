"""The installable web app: manifest, icons and content list from the finished site (pure), and in
Chromium at phone size over loopback HTTP under a base path: save the whole handbook (stopped
and taken up again), read pages never opened and search with the network off, and get one
notice and only the changed files when the handbook is republished."""

from __future__ import annotations

import json
import re
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from loopback import PHONE, static_server
from test_search_browser import result_urls, type_query

from conftest import OfflineBrowser
from sotay import webapp

RECORD = "dien-hinh/lung-thau-to-tu-quan-dong-ho-tu-quan.html"
KEPT = "chu-de/tiep-cong-dan.html"  # a page read before saving, neither RECORD nor its links
BASE_PATH = "nhanh"  # conftest.PUBLIC_ADDRESS's path
PREFIX = f"/{BASE_PATH}/"
SIZE = "[data-sotay-offline-size]"
SAVE = "[data-sotay-offline-save]"
STATUS = "[data-sotay-offline-status]"


# -- pure ------------------------------------------------------------------------------------------
def _site(root: Path) -> Path:
    for path, text in {"index.html": "trang chủ", "van-ban/a.html": "a", "data/records.json": "{}",
                       "assets/javascripts/bundle.js": "js", "assets/x.js.map": "{}",
                       "in-so-tay.html": "in", "search/manifest.js": "m", "search/t-1.js": "t"
                       }.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def test_content_list_is_repeatable_and_follows_content(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    first = webapp.write_webapp(site, "Sổ tay Dân vận", "mô tả")
    worker = (site / webapp.SERVICE_WORKER).read_bytes()
    assert webapp.write_webapp(site, "Sổ tay Dân vận", "mô tả") == first
    assert (site / webapp.SERVICE_WORKER).read_bytes() == worker
    paths = [f[0] for f in first["files"]]  # type: ignore[union-attr]
    assert "data/records.json" not in paths and "assets/x.js.map" not in paths
    assert "in-so-tay.html" not in paths and webapp.SERVICE_WORKER not in paths
    assert {"index.html", "van-ban/a.html", "search/t-1.js", webapp.MANIFEST} <= set(paths)
    assert set(first["shell"]) >= {"index.html", "search/manifest.js",  # type: ignore[arg-type]
                                   "assets/javascripts/bundle.js", webapp.MANIFEST}
    (site / "van-ban" / "a.html").write_text("a, sửa", encoding="utf-8")
    second = webapp.write_webapp(site, "Sổ tay Dân vận", "mô tả")
    before = {f[0]: f[1] for f in first["files"]}  # type: ignore[union-attr]
    after = {f[0]: f[1] for f in second["files"]}  # type: ignore[union-attr]
    changed = {path for path in after if after[path] != before.get(path)}
    assert changed == {"van-ban/a.html"}
    assert second["version"] != first["version"]
    assert f'const VERSION = "{second["version"]}";' in (site / webapp.SERVICE_WORKER).read_text()
    summary = json.loads((site / webapp.OFFLINE_SUMMARY).read_text(encoding="utf-8"))
    assert summary == {"version": second["version"], "bytes": second["bytes"],
                       "files": len(second["files"])}  # type: ignore[arg-type]
    assert webapp.OFFLINE_SUMMARY not in {f[0] for f in second["files"]}  # type: ignore[union-attr]


def test_manifest_is_installable_wherever_the_site_lives() -> None:
    manifest = json.loads(webapp.web_manifest("Sổ tay Dân vận", "mô tả"))
    assert manifest["name"] == "Sổ tay Dân vận" and manifest["short_name"] == "Sổ tay DV"
    assert manifest["display"] == "standalone" and manifest["lang"] == "vi"
    assert manifest["start_url"] == "./index.html" and manifest["scope"] == "./"
    sizes = {(i["sizes"], i.get("purpose", "any")) for i in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])


# -- in Chromium -----------------------------------------------------------------------------------
@pytest.fixture
def served(published_site: Path, tmp_path: Path) -> Iterator[tuple[str, Path, list[str]]]:
    """A copy of the published site under /nhanh/ on loopback; yields its address, the copy
    and the server's request log."""
    root = tmp_path / "www"
    shutil.copytree(published_site, root / BASE_PATH)
    log: list[str] = []
    with static_server(root, log, delay=0.02) as address:
        yield f"{address}/{BASE_PATH}/", root / BASE_PATH, log


@pytest.fixture
def phone(_chromium: Any) -> Iterator[Any]:
    context = _chromium.new_context(viewport=PHONE, service_workers="allow")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors


def _saves(log: list[str]) -> list[str]:
    return [p.split("?")[0] for p in log if "sotay-save=" in p]


def _megabytes(text: str) -> float:
    found = re.findall(r"([\d.]+,\d) MB", text)
    assert found, text
    return float(found[-1].replace(".", "").replace(",", "."))


def _vi(n: int) -> str:
    """A count as the panel writes it (vi-VN: "1.234")."""
    return f"{n:,}".replace(",", ".")


def _wait_text(page: Any, selector: str, text: str, timeout: float = 15_000) -> None:
    page.wait_for_function("([s, t]) => document.querySelector(s).textContent.includes(t)",
                           arg=[selector, text], timeout=timeout)


def _wait_request(page: Any, asked: list[str], url: str, timeout_s: float = 15.0) -> None:
    for _ in range(int(timeout_s * 10)):
        if url in asked:
            return
        page.wait_for_timeout(100)
    assert url in asked, asked


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.slow
@pytest.mark.browser
def test_save_read_offline_and_update(served: tuple[str, Path, list[str]], phone: Any) -> None:
    base, site, log = served
    listing = json.loads((site / webapp.OFFLINE_LIST).read_text(encoding="utf-8"))
    # What the pages themselves ask for (answered by the server or by the worker); the worker's own
    # requests are not in it. The list grows with the handbook: read only once Save is pressed.
    asked: list[str] = []
    phone.on("request", lambda request: asked.append(request.url))
    page_list = base + webapp.OFFLINE_LIST
    # A page other than the home page reads the few bytes of the summary, never the list.
    phone.goto(base + RECORD)
    phone.wait_for_function("document.querySelector('link[rel=manifest]') !== null")
    assert f"{PREFIX}{webapp.OFFLINE_SUMMARY}" in log
    assert page_list not in asked
    phone.goto(base + "index.html")
    phone.evaluate("navigator.serviceWorker.ready")
    phone.wait_for_function("navigator.serviceWorker.controller !== null")
    _wait_text(phone, SIZE, " MB")
    assert page_list not in asked

    # The manifest, found from the page, points inside the base path; its icons are real.
    manifest_url = phone.eval_on_selector("link[rel=manifest]", "l => l.href")
    assert manifest_url == base + "manifest.webmanifest"
    manifest = phone.evaluate("u => fetch(u).then(r => r.json())", manifest_url)
    assert phone.evaluate("([s, u]) => new URL(s, u).href", [manifest["start_url"], manifest_url]) \
        == base + "index.html"
    for icon in manifest["icons"]:
        size = int(icon["sizes"].split("x")[0])
        data = phone.evaluate("u => fetch(u).then(r => r.arrayBuffer())"
                              ".then(b => Array.from(new Uint8Array(b)))",
                              base + icon["src"])
        assert _png_size(bytes(data)) == (size, size)

    # A page read with the worker in charge is kept, and counted as saved.
    log.clear()
    asked.clear()
    phone.goto(base + KEPT)
    phone.wait_for_load_state("networkidle")
    shell = set(listing["shell"])
    kept = {p.split("?")[0].removeprefix(PREFIX) for p in log} & {f[0] for f in listing["files"]}
    kept -= shell
    assert KEPT in kept

    # The shell is stored at install; the panel tells what is left, before anything starts, from
    # the summary and the worker's count: opening the home page never reads the list.
    log.clear()
    asked.clear()
    phone.goto(base + "index.html")
    _wait_text(phone, SIZE, "Đã lưu ")
    size = phone.locator(SIZE)
    files = len(listing["files"])
    assert f"Đã lưu {_vi(len(shell) + len(kept))}/{_vi(files)} tệp" in size.inner_text()
    left = sum(f[2] for f in listing["files"] if f[0] not in shell | kept) / 1e6
    assert abs(_megabytes(size.inner_text()) - left) <= 0.051, size.inner_text()
    assert phone.locator(SAVE).is_visible()
    assert page_list not in asked

    # Start, stop part way, take up again: only what is missing is fetched.
    log.clear()
    asked.clear()
    phone.click(SAVE)
    _wait_request(phone, asked, page_list)  # the button reads the list
    phone.wait_for_function("() => document.querySelector('[data-sotay-offline-progress]').value > 0")
    assert phone.locator("[data-sotay-offline-progress]").is_visible()
    phone.click("[data-sotay-offline-cancel]")
    _wait_text(phone, STATUS, "Đã dừng")
    phone.wait_for_selector(SAVE, state="visible")  # counted again once stopped
    _wait_text(phone, SAVE, "Tiếp tục lưu")
    first_part = set(_saves(log))
    assert 0 < len(first_part) < files - len(shell | kept)
    stopped = size.inner_text()
    # Reopened after the stop: the same count, from the stored state, without the list.
    log.clear()
    asked.clear()
    phone.reload()
    _wait_text(phone, SAVE, "Tiếp tục lưu")
    assert size.inner_text() == stopped and page_list not in asked
    # Cut off mid-way (the page left while saving): counted again from the list on return.
    phone.click(SAVE)
    phone.wait_for_function("() => document.querySelector('[data-sotay-offline-progress]').value > 0")
    cut_part = set(_saves(log))
    log.clear()
    asked.clear()
    phone.reload()
    _wait_text(phone, SAVE, "Tiếp tục lưu")
    assert page_list in asked
    log.clear()
    asked.clear()
    phone.click(SAVE)
    _wait_text(phone, STATUS, "Xong", timeout=60_000)
    second_part = _saves(log)
    assert len(second_part) == len(set(second_part))
    stored_now = {p.removeprefix(PREFIX) for p in first_part | cut_part | set(second_part)}
    assert stored_now == {f[0] for f in listing["files"]} - shell - kept
    _wait_text(phone, SIZE, "Đã lưu cả sổ tay")
    log.clear()
    asked.clear()
    phone.reload()
    _wait_text(phone, SIZE, "Đã lưu cả sổ tay")
    assert phone.locator(SAVE).is_hidden() and page_list not in asked

    # Network off: a page never opened, its links, and the search, from storage alone.
    log.clear()
    asked.clear()
    phone.context.set_offline(True)
    phone.goto(base + RECORD)
    assert "Lũng Thầu" in phone.inner_text("article h1")
    phone.click("article a[href$='thon-lung-thau.html']")
    phone.wait_for_url("**/dia-danh/thon-lung-thau.html")
    assert base + RECORD in result_urls(type_query(phone, "tảo hôn", timeout=15_000))
    assert log == [], f"requests reached the server while offline: {log}"

    # Republished with one page changed: one notice, and only that page fetched again.
    phone.context.set_offline(False)
    page = site / RECORD
    page.write_text(page.read_text(encoding="utf-8").replace("Lũng Thầu", "Lũng Thầu (sửa)", 1),
                    encoding="utf-8")
    webapp.write_webapp(site, manifest["name"], manifest["description"])  # as the build does
    log.clear()
    asked.clear()
    phone.goto(base + "index.html")
    phone.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    phone.wait_for_selector("[data-sotay-update]", timeout=30_000)
    assert phone.locator("[data-sotay-update]").count() == 1
    assert _saves(log) == [f"{PREFIX}{webapp.OFFLINE_LIST}", f"{PREFIX}{RECORD}"]
    phone.click("[data-sotay-update] button")
    # The worker counted the new version: still all saved, told without the list.
    _wait_text(phone, SIZE, "Đã lưu cả sổ tay")
    assert page_list not in asked
    phone.goto(base + RECORD)
    assert "(sửa)" in phone.content()


@pytest.mark.slow
@pytest.mark.browser
def test_file_url_stays_as_it_was(built_site: Path, offline_browser: OfflineBrowser) -> None:
    tab: Any = offline_browser.open(built_site / "index.html")
    assert tab.locator("link[rel=manifest]").count() == 0
    assert tab.locator("[data-sotay-offline]").is_hidden()
    assert tab.evaluate("navigator.serviceWorker ? navigator.serviceWorker.controller : null") is None
    assert offline_browser.blocked == [] and offline_browser.console_errors == []
