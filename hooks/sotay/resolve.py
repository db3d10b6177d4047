"""The one resolver of ``[[id]]`` links, for record pages, the print book, guides and feeds.

``[[id]]``, ``[[id#anchor]]`` and ``[[id|text]]`` name a record by its id or a former id. Each
caller says where a found record's link should point (a page of the site, a chapter of the print
book); what is found, what is unknown and how that is reported is decided here once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .inert import escape_text
from .link import Graph, suggest
from .model import Record
from .shortlinks import SHORTLINK, page_path, relative

# (record, "#anchor" or "") → the href of its link
Href = Callable[[Record, str], str]


def find(graph: Graph, record_id: str) -> Record | None:
    """The record ``[[record_id]]`` names: by its id, or by a former id."""
    return graph.get(record_id) or graph.renamed.get(record_id)


def page_href(page: str) -> Href:
    """Links from the page at source path ``page`` to records' pages, relative to it."""
    def href(record: Record, anchor: str) -> str:
        return relative(page, page_path(record.type, record.id)) + anchor
    return href


# (record, "#anchor" or "", the link's own text or "") → what stands for the link in the text
Stand = Callable[[Record, str, str], str]


def expand(text: str, graph: Graph, href: Href, stand: Stand | None = None
           ) -> tuple[str, list[str]]:
    """``text`` with every ``[[…]]`` that names a record made a Markdown link (or what
    ``stand`` puts in its place), and the ids that name none (left in the text as they were)."""
    unknown: list[str] = []

    def replace(match: re.Match[str]) -> str:
        record_id, anchor, label = match.group(1), match.group(2) or "", match.group(3)
        record = find(graph, record_id)
        if record is None:
            unknown.append(record_id)
            return match.group(0)
        if stand is not None:
            return stand(record, anchor, label or "")
        return f"[{label or escape_text(record.title)}]({href(record, anchor)})"

    return SHORTLINK.sub(replace, text), unknown


@dataclass(frozen=True)
class Unresolved:
    """An ``[[id]]`` a text should not use: its line in the text (1 first) and why."""

    line: int
    record_id: str
    message: str


def unresolved(text: str, graph: Graph) -> list[Unresolved]:
    """Every ``[[id]]`` in ``text`` that names no record, or names one by a former id."""
    found = []
    for match in SHORTLINK.finditer(text):
        record_id = match.group(1)
        if record_id in graph.records:
            continue
        line = text.count("\n", 0, match.start()) + 1
        if record_id in graph.renamed:
            message = (f"mã '{record_id}' đã đổi thành '{graph.renamed[record_id].id}'; "
                       "hãy sửa liên kết")
        else:
            message = f"không có bản ghi '{record_id}'" + suggest(record_id, graph.records)
        found.append(Unresolved(line, record_id, message))
    return found
