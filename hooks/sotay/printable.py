"""The printable handbook: every record on one page, in reading order, after a cover (edition
date, record counts) and a table of contents whose page numbers ``make pdf`` fills in.

It is drawn by the site's renderer (:class:`sotay.render.Renderer`, passed in, never imported
here) relinked so that every record link lands on the record's own chapter of the book; the
chapters follow the types' print positions in :mod:`sotay.schema`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .edition import edition_label
from .inert import escape_line
from .model import Record
from .page import Page, Section
from .resolve import Href
from .schema import PRINT_ORDER, RecordType

if TYPE_CHECKING:  # the renderer calls this module; only its type is named here
    from .render import GroupView, Renderer

PATH = "in-so-tay.md"


def anchor(type_name: str, record_id: str) -> str:
    """The unique anchor of a record on the printable page: ``van-ban-ket-luan-865-tb-tu``."""
    return f"{type_name}-{record_id}"


def section_anchor(type_name: str, record_id: str, section: str) -> str:
    # Ids never contain "--", so the double hyphen keeps section anchors apart from records'.
    return f"{anchor(type_name, record_id)}--{section}"


def book_href(_page: str) -> Href:
    """Links inside the book: ``[[id#part]]`` lands on the record, whose parts are renamed."""
    def href(record: Record, _anchor: str) -> str:
        return f"#{anchor(record.type, record.id)}"
    return href


@dataclass(frozen=True)
class PrintRecord:
    """One record as the printable page shows it."""

    anchor: str
    title: str  # HTML, as every field here
    kind: str
    facts: list[tuple[str, str]]
    sections: list[Section]
    groups: list[GroupView]
    notes: list[Section]


@dataclass(frozen=True)
class Part:
    """One record type's chapter."""

    anchor: str
    title: str  # HTML, as every field here
    help: str
    records: list[PrintRecord]


def printable_page(renderer: Renderer) -> Page:
    """The whole handbook as one page at ``in-so-tay.md``."""
    printer = renderer.relinked(book_href)
    parts = [_part(printer, record_type) for record_type in PRINT_ORDER]
    page = printer.render("printable.html.j2", PATH, tooltips=False,
                          parts=[p for p in parts if p.records],
                          total=sum(len(p.records) for p in parts),
                          edition=edition_label(renderer.edition))
    return Page(page.path, page.content, live=False, html=True)


def _part(printer: Renderer, record_type: RecordType) -> Part:
    records = []
    for record in printer.graph.of_type(record_type.name):
        own = anchor(record.type, record.id)
        sections = [Section(s.label, section_anchor(record.type, record.id, s.anchor), s.html)
                    for s in printer.sections(record, PATH)]
        notes = [Section(s.label, section_anchor(record.type, record.id, s.anchor), s.html)
                 for s in printer.notes(record, PATH)]
        groups = [replace(g, anchor=section_anchor(record.type, record.id, g.anchor))
                  for g in printer.groups(record, PATH)]
        records.append(PrintRecord(own, escape_line(record.title),
                                   escape_line(record_type.label), printer.facts(record, PATH),
                                   sections, groups, notes))
    return Part(record_type.name, escape_line(record_type.plural), escape_line(record_type.help),
                records)

