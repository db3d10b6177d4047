"""Pages the core writes as HTML: MkDocs takes them as they are, with a table of contents,
anchors and links read from the HTML, and a link to a file the site lacks fails the build."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from sotay.emit import emit
from sotay.outline import outline
from sotay.page import Page

PAGE = """---
title: "Trang A"
---
<h1 id="tieu-de">Trang A<a class="headerlink" href="#tieu-de" title="x">&para;</a></h1>
<h2 id="thong-tin">Thông &amp; tin<a class="headerlink" href="#thong-tin" title="x">&para;</a></h2>
<p id="mo-ta-1"><a href="b.html#ket-qua">B</a> · <a href="../khac/c.html">C</a>
<a href="https://example.org/x">ngoài</a> <a href="#thong-tin">lên</a></p>
<h3 class="k" id="con">Con<a class="headerlink" href="#con" title="x">&para;</a></h3>
<h2 id="sau">Sau<a class="headerlink" href="#sau" title="x">&para;</a></h2>
"""


def test_outline_reads_headings_anchors_and_site_links() -> None:
    found = outline(PAGE)
    assert [(h.level, h.anchor, h.text) for h in found.headings] == [
        (1, "tieu-de", "Trang A"), (2, "thong-tin", "Thông &amp; tin"), (3, "con", "Con"),
        (2, "sau", "Sau")]
    assert {"tieu-de", "thong-tin", "mo-ta-1", "con", "sau"} <= found.anchors
    assert found.links == ("#tieu-de", "#thong-tin", "b.html#ket-qua", "../khac/c.html", "#con",
                           "#sau")


def test_a_prerendered_page_skips_markdown_and_checks_its_links(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nuse_directory_urls: false\n",
                                         encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = None  # set by MkDocs while it runs a plugin's event
    files = emit([Page("muc/a.md", PAGE, html=True), Page("muc/b.md", "# B\n")], Files([]),
                 config)
    page = files.get_file_from_path("muc/a.md").page
    assert page is not None and files.get_file_from_path("muc/b.md").page is None
    page.read_source(config)
    with caplog.at_level(logging.WARNING, logger="mkdocs.sotay"):
        page.render(config, files)
    assert page.content == PAGE.split("---\n", 2)[2]  # the HTML as written, no Markdown pass
    assert page.title == "Trang A"
    assert [(t.id, [c.id for c in t.children]) for t in list(page.toc)[0].children] == [
        ("thong-tin", ["con"]), ("sau", [])]
    # The missing file is a warning (so a strict build fails); the anchor is left to MkDocs.
    assert [r.getMessage() for r in caplog.records] == [
        "Trang 'muc/a.md' có liên kết '../khac/c.html' tới một tệp không có trong sổ tay."]
    target = files.get_file_from_path("muc/b.md")
    assert page.links_to_anchors[target] == {"ket-qua": "b.html#ket-qua"}
