"""What the site needs to know of a page the core wrote as HTML, read from that HTML: its
headings (the table of contents), the anchors it holds and the links it makes.

The core writes every heading as ``<hN id="…">…<a class="headerlink" …>``, every attribute
value escaped and double-quoted, so these patterns read its own output exactly; they are not
an HTML parser for anything else.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_HEADING = re.compile(r'<h([1-6])[^>]*? id="([^"]+)"[^>]*>(.*?)<a class="headerlink"', re.S)
_ID = re.compile(r'\sid="([^"]+)"')
_HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')
_TAGS = re.compile(r"<[^>]+>")
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")


@dataclass(frozen=True)
class Heading:
    """One heading: its level (1–6), anchor and text (HTML-escaped, tags removed)."""

    level: int
    anchor: str
    text: str


@dataclass(frozen=True)
class Outline:
    """A page's headings in order, every ``id`` it holds and every link it makes within the
    site (addresses as written, entities decoded; no external link)."""

    headings: tuple[Heading, ...]
    anchors: frozenset[str]
    links: tuple[str, ...]


def outline(page: str) -> Outline:
    """The outline of one page of the core's HTML."""
    headings = tuple(Heading(int(level), html.unescape(anchor), _TAGS.sub("", text).strip())
                     for level, anchor, text in _HEADING.findall(page))
    anchors = frozenset(html.unescape(a) for a in _ID.findall(page))
    links = tuple(dict.fromkeys(
        href for href in (html.unescape(h) for h in _HREF.findall(page))
        if href and not _EXTERNAL.match(href)))
    return Outline(headings, anchors, links)
