"""Stage 4: render the linked graph into Markdown pages (records, indexes, home, redirects)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from . import schema
from .inert import escape_html, escape_markdown, escape_text, front_matter, link_html
from .link import Graph, title_key
from .model import PartialDate, Problem, Record, Ref
from .schema import TYPES, TYPES_BY_NAME, Field, RecordType
from .shortlinks import expand, page_path, relative
from .vi import format_number, slugify

SITE_NAME = "Sổ tay Dân vận"
_SECTION_KINDS = (schema.MARKDOWN,)
BACKLINK_LIMIT = 40  # records shown per backlink group on a record page
IN_PLACE_LIMIT = 12  # records shown per type under "Tại địa bàn này"
_FACT_SKIP = {"id", "tieu_de", "mo_ta", "ghi_chu"}


@dataclass(frozen=True)
class Page:
    """One generated file, by its path under ``docs/`` and its text."""

    path: str
    content: str
    # False for a costly page (the print page) that a dirty preview rebuild may leave as the
    # previous build wrote it; clean builds always write every page.
    live: bool = True


@dataclass(frozen=True)
class Section:
    label: str
    anchor: str
    markdown: str


def link_target(graph: Graph, record_id: str) -> tuple[str, str] | None:
    """Page path and escaped title of the record ``[[record_id]]`` names (a former id too)."""
    record = graph.get(record_id) or graph.renamed.get(record_id)
    if record is None:
        return None
    return page_path(record.type, record.id), escape_text(record.title)


def anchor_of(field_name: str) -> str:
    """The fixed heading anchor of a field's section: ``ket_qua`` → ``ket-qua``."""
    return field_name.replace("_", "-")


class Renderer:
    """Renders every page of the site from one linked graph."""

    def __init__(self, graph: Graph, base_url: str = "") -> None:
        self.graph = graph
        self.base_url = base_url.rstrip("/")
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
            autoescape=False, keep_trailing_newline=True, trim_blocks=True,
            comment_start_string="<#--", comment_end_string="--#>",
            undefined=jinja2.StrictUndefined, auto_reload=False,
        )
        self.env.filters.update(
            text=escape_text, slug=slugify, number=format_number,
        )
        self.env.globals["front_matter"] = page_front_matter
        self._children = _children(graph)
        self._place_records = _records_by_place(graph)
        self._page = ""
        self._full_lists: list[Page] = []

    # -- links -------------------------------------------------------------------------------
    def _link(self, record: Record) -> str:
        target = page_path(record.type, record.id)
        return f"[{escape_text(record.title)}]({_relative(self._page, target)})"

    def _page_link(self, path: str, label: str) -> str:
        return f"[{escape_text(label)}]({_relative(self._page, path)})"

    def _resolve(self, record_id: str) -> tuple[str, str] | None:
        return link_target(self.graph, record_id)

    def markdown(self, text: str) -> str:
        """An editor's Markdown, made safe, with ``[[id]]`` links expanded for this page."""
        expanded, _ = expand(escape_markdown(text), self._page, self._resolve)
        return expanded

    def _render(self, name: str, page: str, **context: Any) -> Page:
        self._page = page
        self.env.filters["link"] = self._link
        self.env.filters["page_link"] = self._page_link
        self.env.filters["subtitle"] = self.subtitle
        return Page(page, self.env.get_template(name).render(**context))

    # -- values ------------------------------------------------------------------------------
    def value(self, spec: Field, value: Any) -> str:
        if spec.many:
            separator = " · " if spec.kind == schema.REF else "; "
            return separator.join(self.value_one(spec, item) for item in value)
        return self.value_one(spec, value)

    def value_one(self, spec: Field, value: Any) -> str:
        if isinstance(value, Ref):
            target = self.graph.get(value.target)
            return self._link(target) if target else escape_text(value.target)
        if isinstance(value, PartialDate):
            note = f" (suy ra: {escape_text(value.inferred)})" if value.inferred else ""
            return value.vietnamese() + note
        if isinstance(value, Decimal):
            return format_number(value)
        if spec.kind == schema.URL:
            return link_html(str(value))
        if spec.kind == schema.CHOICE:
            return escape_text(spec.choice_label(value))
        if spec.kind == schema.SLUG:
            return f"<code>{escape_html(str(value))}</code>"
        return escape_text(str(value))

    def subtitle(self, record: Record) -> str:
        """A short line shown after a record's title in listings."""
        parts: list[str] = []
        for name in ("so_hieu", "cap", "loai"):
            spec = TYPES_BY_NAME[record.type].field(name)
            if spec and name in record.values:
                parts.append(self.value_one(spec, record.values[name]))
        year_field = TYPES_BY_NAME[record.type].year_field
        if year_field and year_field in record.values:
            parts.append(record.values[year_field].vietnamese())
        if record.type == "nguon" and "co_quan_xuat_ban" in record.values:
            parts.append(escape_text(record.values["co_quan_xuat_ban"]))
        return ", ".join(parts)

    # -- pages -------------------------------------------------------------------------------
    def pages(self) -> list[Page]:
        """Every generated page, in a stable order."""
        pages = [self.record_page(r) for r in sorted(self.graph.records.values(),
                                                      key=lambda r: (r.type, r.id))]
        pages += self._full_lists
        pages += [self.type_index(t) for t in TYPES]
        pages += self.year_pages()
        pages.append(self.home())
        from .printable import printable_page  # builds on Renderer, hence imported late
        pages.append(printable_page(self))
        pages += self.redirects()
        return pages

    def record_page(self, record: Record) -> Page:
        record_type = TYPES_BY_NAME[record.type]
        path = page_path(record.type, record.id)
        self._page = path
        return self._render(
            "record.md.j2", path, record=record, type=record_type, facts=self.facts(record),
            sections=self.sections(record), figures=self.figures(record),
            positions=self.positions(record),
            breadcrumb=self.breadcrumb(record), in_place=self.in_place(record),
            backlinks=self.backlinks(record), citation=self.citation(record),
        )

    def facts(self, record: Record) -> list[tuple[str, str]]:
        """(label, Markdown value) rows of a record's facts table, links relative to the page."""
        return [
            (spec.label, self.value(spec, record.values[spec.name]))
            for spec in TYPES_BY_NAME[record.type].fields
            if spec.name in record.values and spec.name not in _FACT_SKIP
            and spec.kind not in _SECTION_KINDS and spec.kind != schema.GROUP
        ]

    def sections(self, record: Record) -> list[Section]:
        """A record's Markdown fields and body, each its own section, notes last."""
        sections = [Section(spec.label, anchor_of(spec.name), self.markdown(record.values[spec.name]))
                    for spec in TYPES_BY_NAME[record.type].fields
                    if spec.kind in _SECTION_KINDS and spec.name in record.values
                    and spec.name != "ghi_chu"]
        if record.body:
            sections.append(Section("Nội dung", "noi-dung", self.markdown(record.body)))
        if "ghi_chu" in record.values:
            sections.append(Section("Ghi chú", "ghi-chu", self.markdown(record.values["ghi_chu"])))
        return sections

    def breadcrumb(self, record: Record) -> list[Record]:
        if record.type != "dia-danh":
            return []
        found = (self.graph.get(i) for i in reversed(self.graph.ancestors(record.id)))
        return [r for r in found if r is not None]

    def figures(self, record: Record) -> list[dict[str, str]]:
        rows = []
        for item in record.get("so_lieu", ()):
            value = format_number(item["gia_tri"])
            if "tren" in item:
                value += "/" + format_number(item["tren"])
            if "don_vi" in item:
                value += " " + escape_text(item["don_vi"])
            if "nguyen_van" in item:
                value += f" (“{escape_text(item['nguyen_van'])}”)"
            rate = format_number(item["ty_le"]) + "%" if "ty_le" in item else ""
            rows.append({"label": escape_text(item["chi_tieu"]), "value": value, "rate": rate,
                         "period": escape_text(item.get("ky", ""))})
        return rows

    def positions(self, record: Record) -> list[str]:
        rows = []
        for item in record.get("chuc_vu", ()):
            text = escape_text(item["chuc_vu"])
            org = self.graph.get(item["to_chuc"].target) if "to_chuc" in item else None
            if org:
                text += f" ({self._link(org)})"
            if "thoi_diem" in item:
                text += f" — thời điểm {item['thoi_diem'].vietnamese()}"
            rows.append(text)
        return rows

    def backlinks(self, record: Record) -> list[tuple[str, list[Record], str]]:
        """Backlink groups cut to ``BACKLINK_LIMIT`` records each, so a page keeps its size
        whatever the handbook's; a longer group links to a page with all of it."""
        groups = []
        for index, (relation, records) in enumerate(self.graph.grouped_backlinks(record.id)):
            more = ""
            if len(records) > BACKLINK_LIMIT:
                path = f"ds/{record.type}-{record.id}-{index + 1}.md"
                more = self._page_link(path, f"xem đủ {format_number(len(records))} bản ghi")
                self._full_lists.append(self._full_list(path, record, relation, records))
                self._page = page_path(record.type, record.id)
                records = records[:BACKLINK_LIMIT]
            groups.append((relation, records, more))
        return groups

    def _full_list(self, path: str, record: Record, relation: str, records: list[Record]
                   ) -> Page:
        self._page = path
        back = self._page_link(page_path(record.type, record.id), record.title)
        return self._render("listing.md.j2", path, title=f"{relation}: {record.title}",
                            intro=f"Trở về {back}.", groups=[("", records)])

    def in_place(self, record: Record) -> list[tuple[str, list[Record], str]]:
        """For a place: every record at it or anywhere below it, grouped by type."""
        if record.type != "dia-danh":
            return []
        found: set[str] = set()
        stack = [record.id]
        while stack:
            place = stack.pop()
            found.update(self._place_records.get(place, ()))
            stack.extend(self._children.get(place, ()))
        found.discard(record.id)
        # Records directly at this place are all in its backlinks, the others on the pages
        # of the places below: a long group can stop short without hiding anything.
        return [(label, records[:IN_PLACE_LIMIT],
                 f"và {format_number(len(records) - IN_PLACE_LIMIT)} bản ghi khác, xem mục "
                 "bên dưới và các địa danh trực thuộc" if len(records) > IN_PLACE_LIMIT else "")
                for label, records in _group_by_type(self.graph.records[i] for i in found)]

    def citation(self, record: Record) -> str:
        """The "Trích dẫn" box: a raw HTML block of escaped text, never a Markdown fence."""
        if self.base_url:
            where = f"{self.base_url}/{record.type}/{record.id}.html"
        else:
            where = f"(Bản sổ tay này chưa có địa chỉ công khai; mã bản ghi: {record.type}/{record.id}.)"
        lines = [f"“{record.title}”. {SITE_NAME}. {where}"]
        year_field = TYPES_BY_NAME[record.type].year_field
        if year_field and year_field in record.values:
            lines.append(f"Thời điểm: {record.values[year_field].vietnamese()}.")
        sources = [record] if record.type == "nguon" else [
            s for s in (self.graph.get(ref.target) for ref in record.get("nguon", ())) if s]
        if sources:
            lines.append("Nguồn: " + " ; ".join(_source_line(s) for s in sources))
        text = "\n".join(escape_html(" ".join(line.split())) for line in lines)
        return f'<div class="sotay-cite"><pre><code>{text}</code></pre></div>'

    def type_index(self, record_type: RecordType) -> Page:
        records = self.graph.of_type(record_type.name)
        intro = escape_text(record_type.help) + f" Có {format_number(len(records))} bản ghi."
        path = f"{record_type.name}/index.md"
        if record_type.name == "dia-danh":
            intro += " Trang của mỗi địa danh gom mọi bản ghi tại đó và ở các cấp dưới."
            return self._render("places.md.j2", path, title=record_type.plural, intro=intro,
                                tree=self.place_tree(records))
        groups: list[tuple[str, list[Record]]] = [("", records)] if records else []
        spec = record_type.field("loai") or record_type.field("cap")
        if spec is not None:
            by_kind: dict[str, list[Record]] = defaultdict(list)
            for r in records:
                by_kind[r.values.get(spec.name, "")].append(r)
            order = [value for value, _ in spec.choices] + [""]
            groups = [(spec.choice_label(k) or "Chưa phân loại", by_kind[k])
                      for k in order if by_kind.get(k)]
        return self._render("listing.md.j2", path, title=record_type.plural, intro=intro,
                            groups=groups)

    def place_tree(self, places: list[Record]) -> list[tuple[int, Record]]:
        """Places as an indented tree: provinces first, each followed by what lies in it."""
        known = {r.id for r in places}
        tree: list[tuple[int, Record]] = []

        def walk(record: Record, depth: int) -> None:
            tree.append((depth, record))
            children = [self.graph.records[c] for c in self._children.get(record.id, ())]
            for child in sorted(children, key=title_key):
                walk(child, depth + 1)

        for record in places:
            if self.graph.parents.get(record.id) not in known:
                walk(record, 0)
        return tree

    def year_pages(self) -> list[Page]:
        by_year: dict[int, list[Record]] = defaultdict(list)
        for record in self.graph.records.values():
            year_field = TYPES_BY_NAME[record.type].year_field
            if year_field and year_field in record.values:
                by_year[record.values[year_field].year].append(record)
        pages = [self._render("listing.md.j2", f"nam/{year}.md", title=f"Năm {year}",
                              intro="Các bản ghi có thời điểm trong năm.",
                              groups=_group_by_type(by_year[year]))
                 for year in sorted(by_year)]
        self._page = "nam/index.md"
        lines = [f"- [{year}]({year}.md) — {format_number(len(by_year[year]))} bản ghi"
                 for year in sorted(by_year, reverse=True)]
        pages.append(Page("nam/index.md", page_front_matter("Theo năm") + "\n# Theo năm\n\n"
                          + "\n".join(lines) + "\n"))
        return pages

    def home(self) -> Page:
        counts = [(t, len(self.graph.of_type(t.name))) for t in TYPES]
        return self._render("home.md.j2", "index.md", counts=counts)

    def redirects(self) -> list[Page]:
        """A page at every former id's URL that sends the reader on, from file:// too."""
        pages = []
        for old, record in sorted(self.graph.renamed.items()):
            target = f"{record.id}.html"
            title = escape_html(record.title)
            pages.append(Page(f"{record.type}/{old}.html", _REDIRECT.format(
                target=target, title=title, old=old)))
        return pages


_REDIRECT = """<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta http-equiv="refresh" content="0; url={target}">
<link rel="canonical" href="{target}">
<script>location.replace("{target}" + location.hash);</script>
</head>
<body>
<p>Trang này đã chuyển (mã cũ <code>{old}</code>). Mời bạn mở <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


def page_front_matter(title: str, **meta: str) -> str:
    """Front matter of a generated page; the theme prints titles as raw HTML, so the title
    is stored HTML-escaped."""
    return front_matter({"title": escape_html(title), **meta})


def _source_line(source: Record) -> str:
    parts = [source.title]
    for name in ("co_quan_xuat_ban", "url"):
        if name in source.values:
            parts.append(str(source.values[name]))
    return ", ".join(parts)


def _children(graph: Graph) -> dict[str, list[str]]:
    children: dict[str, list[str]] = defaultdict(list)
    for child, parent in graph.parents.items():
        children[parent].append(child)
    return children


def _records_by_place(graph: Graph) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for record in graph.records.values():
        for ref in record.refs():
            if "dia-danh" in ref.targets and record.type != "dia-danh":
                found[ref.target].add(record.id)
    return found


def _group_by_type(records: Iterable[Record]) -> list[tuple[str, list[Record]]]:
    by_type: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_type[record.type].append(record)
    return [(t.plural, sorted(by_type[t.name], key=title_key)) for t in TYPES if by_type[t.name]]


def _relative(from_page: str, to_page: str) -> str:
    """``relative`` without ``posixpath.relpath``'s getcwd calls, for the two page depths the
    handbook has (``index.md``, ``<folder>/<page>.md``); other shapes take the general path."""
    folder, _, _ = from_page.rpartition("/")
    if "/" in folder:
        return relative(from_page, to_page)
    if not folder:
        return to_page
    if to_page.startswith(folder + "/"):
        return to_page[len(folder) + 1:]
    return "../" + to_page


def problem_pages(problems: list[Problem], paths: Iterable[str]) -> list[Page]:
    """What a live preview shows while the data has problems: the same page, listing every
    problem, at ``index.md`` and at each path in ``paths`` (the pages the reader may be on)."""
    rows = []
    for problem in problems:
        where = problem.path + (f":{problem.line}" if problem.line else "")
        field = f" — trường `{escape_html(problem.field)}`" if problem.field else ""
        rows.append(f"- <code>{escape_html(where)}</code>{field}: {escape_text(problem.message)}")
    content = (page_front_matter("Dữ liệu có lỗi") + "\n# Dữ liệu có lỗi {#loi-du-lieu}\n\n"
               f"`make serve` chưa dựng lại được sổ tay vì {format_number(len(problems))} lỗi "
               "dưới đây. Sửa các tệp rồi lưu lại: trang này tự tải lại khi dữ liệu hợp lệ.\n\n"
               + "\n".join(rows) + "\n")
    return [Page(path, content) for path in sorted({"index.md", *paths})]


def render_pages(graph: Graph, base_url: str = "") -> list[Page]:
    """All generated pages of the handbook for one linked graph."""
    return Renderer(graph, base_url).pages()

