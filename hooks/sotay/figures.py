"""The “Số liệu” page: every figure (``so_lieu``) by province, period and indicator.

Within a province and a period, the figures given "trên" a total or plan (53 trên 49) are
comparable with their total and get a bar chart; an indicator the same province reports for
several periods gets a chart across them. Every chart is followed by a table of the very same
numbers, each row linking to its record, so the page reads without the picture (and in print).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from . import svg
from .facets import places_of, province_of
from .inert import escape_html, escape_text, front_matter
from .link import Graph, title_key
from .model import Record
from .shortlinks import page_path, relative
from .vi import fold, format_number, slugify, sort_key

PATH = "so-lieu/index.md"
TITLE = "Số liệu"
NO_PROVINCE = "Chưa gắn với tỉnh nào"
NO_PERIOD = "Chưa rõ kỳ"


@dataclass(frozen=True)
class Figure:
    """One figure of one record, with the province and period it is filed under."""

    record: Record
    index: int  # position in the record's so_lieu list
    province: str  # place id, or "" when the record names no province
    period: str
    indicator: str
    value: Decimal
    total: Decimal | None
    rate: Decimal | None
    unit: str
    verbatim: str

    def shown(self) -> str:
        """The value as tables and charts print it: 53/49 nhiệm vụ (108,1%)."""
        text = format_number(self.value)
        if self.total is not None:
            text += "/" + format_number(self.total)
        if self.unit:
            text += ("" if self.unit == "%" else " ") + self.unit
        if self.rate is not None:
            text += f" ({format_number(self.rate)}%)"
        return text


def figures(graph: Graph) -> list[Figure]:
    """Every figure of every record, filed under each province the record is at."""
    found = []
    for record in graph.records.values():
        items: Any = record.get("so_lieu", ())
        if not items:
            continue
        provinces = sorted({p for p in (province_of(graph, place)
                                        for place in places_of(graph, record)) if p}) or [""]
        for province in provinces:
            for index, item in enumerate(items):
                found.append(Figure(
                    record, index, province, str(item.get("ky", "")).strip() or NO_PERIOD,
                    str(item["chi_tieu"]), item["gia_tri"], item.get("tren"), item.get("ty_le"),
                    str(item.get("don_vi", "")), str(item.get("nguyen_van", ""))))
    return found


def figures_page(graph: Graph) -> tuple[str, str]:
    """``(path, Markdown)`` of the figures page."""
    all_figures = figures(graph)
    by_province: dict[str, list[Figure]] = defaultdict(list)
    for figure in all_figures:
        by_province[figure.province].append(figure)
    out = [front_matter({"title": escape_html(TITLE)}), f"# {TITLE}\n",
           "Mọi con số các bản ghi nêu, đúng như bài viết, xếp theo tỉnh, theo kỳ và theo chỉ "
           f"tiêu ({format_number(len({(f.record.id, f.index) for f in all_figures}))} con số). "
           "Biểu đồ chỉ vẽ những con số so được với nhau: kết quả so với tổng số hoặc kế hoạch "
           "(“trên”) trong cùng một kỳ, và cùng một chỉ tiêu qua nhiều kỳ. Bảng dưới mỗi biểu "
           "đồ ghi đúng các con số ấy, mỗi dòng dẫn đến bản ghi.\n"]
    if not all_figures:
        out.append("Chưa có bản ghi nào có số liệu.\n")
    provinces = sorted(by_province, key=lambda p: _province_order(graph, p))
    for province in provinces:
        name = graph.records[province].title if province else NO_PROVINCE
        out.append(f"## {escape_text(name)} {{#{_province_anchor(province)}}}\n")
        out += _province_section(graph, province, by_province[province])
    return PATH, "\n".join(out) + "\n"


def _province_section(graph: Graph, province: str, items: list[Figure]) -> list[str]:
    out: list[str] = []
    by_period: dict[str, list[Figure]] = defaultdict(list)
    for figure in items:
        by_period[figure.period].append(figure)
    used: set[str] = set()
    for period in sorted(by_period, key=lambda p: (p == NO_PERIOD, sort_key(p), p)):
        group = sorted(by_period[period], key=lambda f: (*title_key(f.record), f.index))
        anchor = _unique(f"{_province_anchor(province)}-{slugify(period) or 'ky'}", used)
        out.append(f"### {escape_text(period)} {{#{anchor}}}\n")
        against = [f for f in group if f.total is not None]
        if against:
            out.append(chart_block(f"{_place(graph, province)}, {period}: kết quả so với "
                                   "tổng số hoặc kế hoạch", against, by="indicator"))
        out.append(table(group, with_period=False))
    series = _series(items)
    if series:
        out.append("### Cùng chỉ tiêu qua các kỳ {#"
                   + _unique(f"{_province_anchor(province)}-qua-cac-ky", used) + "}\n")
        for (indicator, _unit), points in series:
            out.append(chart_block(f"{_place(graph, province)}: {indicator}", points, by="period"))
            out.append(table(points, with_period=True))
    return out


def _series(items: list[Figure]) -> list[tuple[tuple[str, str], list[Figure]]]:
    """Indicators (same words, same unit) a province reports for two periods or more."""
    groups: dict[tuple[str, str], list[Figure]] = defaultdict(list)
    for figure in items:
        if figure.period != NO_PERIOD:
            groups[(fold(figure.indicator), fold(figure.unit))].append(figure)
    found = []
    for points in groups.values():
        if len({f.period for f in points}) >= 2:
            points = sorted(points, key=lambda f: (sort_key(f.period), f.period,
                                                   *title_key(f.record), f.index))
            found.append(((points[0].indicator, points[0].unit), points))
    return sorted(found, key=lambda s: (sort_key(s[0][0]), s[0]))


def chart_block(title: str, items: list[Figure], by: str) -> str:
    """A chart as a raw HTML ``<figure>``; bars link to the records' pages."""
    bars = [svg.Bar(f.indicator if by == "indicator" else f.period, f.value, f.total,
                    relative(PATH, page_path(f.record.type, f.record.id)).removesuffix(".md")
                    + ".html", f.shown())
            for f in items]
    units = sorted({f.unit for f in items if f.unit})
    unit = "Đơn vị: " + ", ".join(units) if len(units) == 1 else ""
    legend = ("Thanh đậm: kết quả; khung gạch: tổng số hoặc kế hoạch."
              if any(f.total is not None for f in items) else "")
    caption = " ".join(filter(None, [escape_html(title) + ".", escape_html(legend),
                                     "Số liệu ở bảng dưới."]))
    return (f'<figure class="sotay-figure">{svg.bar_chart(title, bars, unit)}'
            f"<figcaption>{caption}</figcaption></figure>\n")


def table(items: list[Figure], with_period: bool) -> str:
    """The figures as a Markdown table, each row linking its record."""
    head = "| Chỉ tiêu | " + ("Kỳ | " if with_period else "") + "Con số | Bản ghi |\n"
    head += "| --- | " + ("--- | " if with_period else "") + "---: | --- |\n"
    rows = []
    for f in items:
        link = f"[{escape_text(f.record.title)}]({relative(PATH, page_path(f.record.type, f.record.id))})"
        words = f" (“{escape_text(f.verbatim)}”)" if f.verbatim else ""
        period = f"{escape_text(f.period)} | " if with_period else ""
        rows.append(f"| {escape_text(f.indicator)}{words} | {period}{escape_text(f.shown())} "
                    f"| {link} |\n")
    return head + "".join(rows)


def _place(graph: Graph, province: str) -> str:
    return graph.records[province].title if province else NO_PROVINCE


def _province_anchor(province: str) -> str:
    return f"sl-{province}" if province else "sl-khac"


def _province_order(graph: Graph, province: str) -> tuple[object, ...]:
    return (not province, *(title_key(graph.records[province]) if province else ()))


def _unique(anchor: str, used: set[str]) -> str:
    candidate, n = anchor, 1
    while candidate in used:
        n += 1
        candidate = f"{anchor}-{n}"
    used.add(candidate)
    return candidate
