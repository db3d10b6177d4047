"""Reading generated pages back as a browser would: converted like MkDocs, then their shape."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

import markdown
from mkdocs.utils.meta import get_data

from sotay.link import Graph
from sotay.render import render_pages
from sotay.safe_markdown import SafeLinksExtension

Expected = tuple[set[str], set[tuple[str, str]]]


class Shape(HTMLParser):
    """Tags and attribute names of a page, and the text of its first ``<h1>``."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[tuple[str, str]] = set()
        self.styles: set[str] = set()
        self.h1 = ""
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update((tag, name) for name, _ in attrs)
        self.styles.update(value or "" for name, value in attrs if name == "style")
        self._in_h1 = self._in_h1 or (tag == "h1" and not self.h1)
        if tag == "a" and ("class", "headerlink") in attrs:  # the heading's own ¶ link
            self._in_h1 = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1 += data


def convert(page: str) -> str:
    """A generated page's body as the site serves it: the renderer's pages are HTML already
    (their body opens with the ``<h1>``; MkDocs takes it as it is), the others are Markdown."""
    body, _ = get_data(page)
    if body.lstrip().startswith("<h1"):
        return body
    md = markdown.Markdown(extensions=[
        "abbr", "admonition", "attr_list", "md_in_html", "tables", "toc",
        "pymdownx.superfences", SafeLinksExtension()])
    return md.convert(body)


def shape(html: str) -> Shape:
    shape = Shape()
    shape.feed(html)
    return shape


def expected_shape_of(graph: Graph, base_url: str) -> Expected:
    """Tags and attributes the templates and Markdown produce for ``graph``'s pages, and
    those an editor's Markdown may add."""
    tags: set[str] = set()
    attributes: set[tuple[str, str]] = set()
    for page in render_pages(graph, base_url):
        if page.path.endswith(".md"):
            found = shape(convert(page.content))
            tags |= found.tags
            attributes |= found.attributes
    # Editors' Markdown may add emphasis, lists, code, quotes, rules and links of its own.
    tags |= {"em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "hr", "a", "p",
             "h1", "h2", "h3", "h4", "h5", "h6", "div", "span", "abbr", "br", "img", "table",
             "thead", "tbody", "tr", "th", "td"}
    attributes |= {("a", "href"), ("a", "title"), ("abbr", "title"), ("img", "src"),
                   ("img", "alt"), ("div", "class"), ("p", "class"), ("code", "class"),
                   ("pre", "class"), ("span", "class"), ("td", "style"), ("th", "style")}
    # Attribute lists may give any element an id or classes (safe_markdown checks their form).
    attributes |= {(tag, name) for tag in tags for name in ("id", "class")}
    return tags, attributes



def assert_shape(html: str, expected: Expected, where: str) -> None:
    """No element or attribute beyond ``expected``, no style but table alignment, and no
    control or invisible formatting character."""
    tags, attributes = expected
    found = shape(html)
    assert found.tags <= tags, (where, found.tags - tags)
    assert found.attributes <= attributes, (where, found.attributes - attributes)
    assert all(re.fullmatch(r"text-align: ?\w+;?", s) for s in found.styles), found.styles
    odd = {c for c in html if c not in "\n\t" and unicodedata.category(c) in ("Cc", "Cf")}
    assert not odd, (where, sorted(map(hex, map(ord, odd))))
