"""The ``[[id]]`` short syntax that links a record from any Markdown text."""

from __future__ import annotations

import posixpath
import re

from .model import Ref

SHORTLINK = re.compile(r"\[\[([a-z0-9-]+)(#[a-z0-9-]+)?(?:\|([^\]\n]+))?\]\]")
MENTION = "Được nhắc đến trong nội dung"


def find_mentions(text: str, field: str, first_line: int | None) -> list[Ref]:
    """Every ``[[id]]`` in ``text`` as a reference from ``field``."""
    refs = []
    for match in SHORTLINK.finditer(text):
        line = first_line + text.count("\n", 0, match.start()) if first_line else None
        refs.append(Ref(match.group(1), field, line, (), MENTION))
    return refs


def page_path(type_name: str, record_id: str) -> str:
    """The Markdown source path of a record's page; its URL swaps .md for .html."""
    return f"{type_name}/{record_id}.md"


def page_url(href: str) -> str:
    """A relative link to a page's source (``../mo-hinh/x.md#ket-qua``) as the link to its
    built file (``../mo-hinh/x.html#ket-qua``), for pages written straight to HTML."""
    path, hash_sign, anchor = href.partition("#")
    if path.endswith(".md"):
        path = path[:-3] + ".html"
    return path + hash_sign + anchor


def relative(from_page: str, to_page: str) -> str:
    """A link from one page's source path to another's (both under ``docs/``, normalised),
    as MkDocs resolves it.

    The handbook's two page depths (``index.md``, ``<folder>/<page>.md``) are worked out
    directly, without ``posixpath.relpath``'s ``getcwd`` calls; other shapes take that path.
    """
    folder = from_page.rpartition("/")[0]
    if "/" in folder or to_page == folder or to_page.startswith(("/", ".")):
        return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    if not folder:
        return to_page
    if to_page.startswith(folder + "/"):
        return to_page[len(folder) + 1:]
    return "../" + to_page
