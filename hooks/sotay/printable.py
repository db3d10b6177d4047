"""The printable handbook: every record on one page, in reading order, with page breaks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .inert import escape_markdown, escape_text
from .model import Record
from .render import Page, Renderer, Section
from .schema import TYPES_BY_NAME, RecordType
from .shortlinks import SHORTLINK

PATH = "in-so-tay.md"
# Reading order: what to do (documents), how it is done (models, case studies, events), then
# who and where, and the reference lists last.
ORDER = ("van-ban", "mo-hinh", "dien-hinh", "su-kien", "to-chuc", "dia-danh", "nhan-vat",
         "chu-de", "viet-tat", "nguon")
# Types whose records are long enough to deserve a fresh sheet each; short ones run on.
PAGE_PER_RECORD = frozenset({"van-ban", "mo-hinh", "dien-hinh", "su-kien"})


def anchor(type_name: str, record_id: str) -> str:
    """The unique anchor of a record on the printable page: ``van-ban-ket-luan-865-tb-tu``."""
    return f"{type_name}-{record_id}"


def section_anchor(type_name: str, record_id: str, section: str) -> str:
    # Ids never contain "--", so the double hyphen keeps section anchors apart from records'.
    return f"{anchor(type_name, record_id)}--{section}"


@dataclass(frozen=True)
class PrintRecord:
    """One record as the printable page shows it."""

    anchor: str
    title: str
    kind: str
    page_break: bool
    facts: list[tuple[str, str]]
    sections: list[Section]
    figures: list[dict[str, str]]
    positions: list[str]


@dataclass(frozen=True)
class Part:
    """One record type's chapter."""

    anchor: str
    title: str
    help: str
    records: list[PrintRecord]


class _PrintRenderer(Renderer):
    """A renderer whose record links point at sections of the printable page itself."""

    def _link(self, record: Record) -> str:
        return f"[{escape_text(record.title)}](#{anchor(record.type, record.id)})"

    def markdown(self, text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            record_id, label = match.group(1), match.group(3)
            record = self.graph.get(record_id) or self.graph.renamed.get(record_id)
            if record is None:
                return match.group(0)
            # ``[[id#part]]`` lands on the record: its parts' anchors are renamed here.
            return f"[{label or escape_text(record.title)}](#{anchor(record.type, record.id)})"

        return SHORTLINK.sub(replace, escape_markdown(text))


def printable_page(renderer: Renderer) -> Page:
    """The whole handbook as one Markdown page at ``in-so-tay.md``."""
    printer = _PrintRenderer(renderer.graph, renderer.base_url)
    parts = [_part(printer, TYPES_BY_NAME[name]) for name in ORDER]
    page = printer._render("printable.md.j2", PATH, parts=[p for p in parts if p.records],
                           total=sum(len(p.records) for p in parts))
    return Page(page.path, page.content, live=False)


def _part(printer: _PrintRenderer, record_type: RecordType) -> Part:
    records = []
    for record in printer.graph.of_type(record_type.name):
        sections = [Section(s.label, section_anchor(record.type, record.id, s.anchor), s.markdown)
                    for s in printer.sections(record)]
        records.append(PrintRecord(
            anchor(record.type, record.id), escape_text(record.title),
            escape_text(record_type.label), record.type in PAGE_PER_RECORD,
            printer.facts(record), sections, printer.figures(record), printer.positions(record)))
    return Part(record_type.name, record_type.plural, record_type.help, records)


