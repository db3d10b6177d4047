"""The “Dòng thời gian” page: every dated record in date order, one heading per year.

A date known only to its year stands at the head of its year, one known only to its month at
the head of its month, each marked as such; a date whose year was inferred says so. Every entry
is a list item with the anchor :func:`anchor` gives, which record pages link to, and the
province and type classes the page's filter reads (:mod:`sotay.facets`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .facets import facets_of, filter_form, record_date
from .inert import escape_html, escape_text, front_matter
from .link import Graph, title_key
from .model import PartialDate, Record
from .schema import TYPES, TYPES_BY_NAME
from .shortlinks import page_path, relative
from .vi import format_number

PATH = "dong-thoi-gian/index.md"
TITLE = "Dòng thời gian"
_TYPE_ORDER = {t.name: i for i, t in enumerate(TYPES)}


def anchor(record: Record) -> str:
    """The anchor of a record's entry: ids are unique and ``[a-z0-9-]``, years are ``nam-…``."""
    return f"m-{record.id}"


def link_from(page: str, record: Record) -> str | None:
    """A link from ``page`` to the record's entry on the timeline, or ``None`` if undated."""
    if record_date(record) is None:
        return None
    return f"{relative(page, PATH)}#{anchor(record)}"


@dataclass(frozen=True)
class Entry:
    """One line of the timeline."""

    date: PartialDate
    record: Record

    @property
    def key(self) -> tuple[object, ...]:
        # Unknown month or day sorts as 0: a partial date heads its year or month.
        return (self.date.year, self.date.month or 0, self.date.day or 0,
                _TYPE_ORDER[self.record.type], *title_key(self.record))


def entries(graph: Graph) -> list[Entry]:
    """Every record with a date, in timeline order."""
    found = [Entry(d, r) for r in graph.records.values() if (d := record_date(r)) is not None]
    return sorted(found, key=lambda e: e.key)


def date_label(date: PartialDate) -> str:
    """The date as the entry shows it, its precision and inference spelled out."""
    if date.day and date.month:
        text = f"{date.day}/{date.month}/{date.year}"
    elif date.month:
        text = f"Tháng {date.month}/{date.year} (chưa rõ ngày)"
    else:
        text = f"Năm {date.year} (chưa rõ tháng)"
    if date.inferred:
        text += " · năm suy ra"
    return text


def timeline_page(graph: Graph) -> tuple[str, str]:
    """``(path, Markdown)`` of the timeline page."""
    items = entries(graph)
    by_year: dict[int, list[Entry]] = defaultdict(list)
    for entry in items:
        by_year[entry.date.year].append(entry)
    lines = [front_matter({"title": escape_html(TITLE)}), f"# {TITLE}\n",
             "Các văn bản, mô hình, điển hình, sự kiện và bài viết có thời điểm, xếp theo "
             f"thời gian ({format_number(len(items))} mục). Mục chỉ biết năm đứng đầu năm đó, "
             "mục chỉ biết tháng đứng đầu tháng đó; “năm suy ra” là năm người biên soạn suy ra "
             "từ bài viết (xem ghi chú ở trang của bản ghi).\n"]
    form = filter_form(graph, (e.record for e in items), keys=("tinh", "loai"))
    if form:
        lines.append(form + "\n")
    if by_year:
        lines.append("Các năm: " + " · ".join(f"[{year}](#nam-{year})" for year in by_year) + "\n")
    for year, year_entries in by_year.items():
        lines.append(f"## {year} {{#nam-{year}}}\n")
        for entry in year_entries:
            record = entry.record
            target = relative(PATH, page_path(record.type, record.id))
            kind = TYPES_BY_NAME[record.type].label
            classes = " ".join(f".{c}" for c in facets_of(graph, record).classes().split())
            marker = "sotay-date-partial" if not entry.date.day else "sotay-date"
            lines.append(
                f"- <span class=\"{marker}\">{escape_text(date_label(entry.date))}</span> · "
                f"{escape_text(kind)}: [{escape_text(record.title)}]({target})\n"
                f"    {{: #{anchor(record)} {classes} }}")
        lines.append("")
    if not items:
        lines.append("Chưa có bản ghi nào có thời điểm.\n")
    return PATH, "\n".join(lines) + "\n"
