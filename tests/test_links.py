"""Every internal link and anchor of the built site resolves, redirect pages included."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

_LINK_ATTRS = {"href", "src"}


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str]] = field(default_factory=list)


class _Collector(HTMLParser):
    """Collects the ids (and ``<a name>``) of a page, and every href/src with its line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        for name in _LINK_ATTRS & values.keys():
            self.page.links.append((line, values[name]))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            _, _, target = values.get("content", "").partition("url=")
            if target:
                self.page.links.append((line, target.strip()))


def parse(path: Path) -> _Page:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.page


def broken_links(site: Path) -> list[str]:
    """One line per internal link that leads nowhere, to a folder, or to a missing anchor."""
    pages = {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}
    problems: list[str] = []
    for name, page in pages.items():
        for line, link in page.links:
            problem = _check(site, pages, name, link)
            if problem:
                problems.append(f"{name}:{line}: {link!r}: {problem}")
    return problems


def _check(site: Path, pages: dict[str, _Page], name: str, link: str) -> str | None:
    parts = urlsplit(link)
    if parts.scheme or link.startswith("//"):
        return None  # external: the offline tests decide what may leave the machine
    if parts.path.endswith("/"):
        return "địa chỉ thư mục (cần trỏ thẳng tới tệp .html)"
    target = name
    path = unquote(parts.path)
    if path.startswith("/"):
        # Only the 404 page, served by a web server at any depth, may link from the root.
        if name != "404.html":
            return "địa chỉ tuyệt đối (không mở được từ file://)"
        path = path.lstrip("/")
    if path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
        if target.startswith("../") or target == "..":
            return "ra ngoài thư mục trang"
        if not (site / target).is_file():
            return f"không có tệp {target}"
    anchor = unquote(parts.fragment)
    if anchor:
        if target not in pages:
            return f"neo #{anchor} trỏ vào tệp không phải HTML {target}"
        if anchor not in pages[target].ids:
            return f"không có neo #{anchor} trong {target}"
    return None


# -- the checker itself ------------------------------------------------------------------------

def test_checker_reports_each_kind_of_broken_link(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "page.html").write_text(
        '<h2 id="ok">x</h2>\n'
        '<a href="../b.html#there">fine</a>\n'
        '<a href="#ok">same page</a>\n'
        '<a href="missing.html">gone</a>\n'
        '<a href="../b.html#nowhere">bad anchor</a>\n'
        '<a href="../a/">folder</a>\n'
        '<img src="pic.png">\n'
        '<a href="/b.html">rooted</a>\n'
        '<a href="https://example.org/x/">external</a>\n', encoding="utf-8")
    (tmp_path / "404.html").write_text('<a href="/b.html#there">home</a>', encoding="utf-8")
    (tmp_path / "b.html").write_text(
        '<meta http-equiv="refresh" content="0; url=a/gone.html">\n<a name="there"></a>\n',
        encoding="utf-8")
    found = broken_links(tmp_path)
    assert found == [
        "a/page.html:4: 'missing.html': không có tệp a/missing.html",
        "a/page.html:5: '../b.html#nowhere': không có neo #nowhere trong b.html",
        "a/page.html:6: '../a/': địa chỉ thư mục (cần trỏ thẳng tới tệp .html)",
        "a/page.html:7: 'pic.png': không có tệp a/pic.png",
        "a/page.html:8: '/b.html': địa chỉ tuyệt đối (không mở được từ file://)",
        "b.html:1: 'a/gone.html': không có tệp a/gone.html",
    ]


# -- the real site -----------------------------------------------------------------------------

@pytest.mark.slow
def test_built_site_has_no_broken_internal_link(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 10
    problems = broken_links(built_site)
    assert not problems, f"{len(problems)} liên kết hỏng:\n" + "\n".join(problems[:50])

