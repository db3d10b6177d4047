"""Stage 4: render the linked graph into pages (records, indexes, home, redirects), written
straight to HTML: only an editor's Markdown fields go through Markdown (:mod:`sotay.fragments`).

Every method that writes a link takes the page it renders (its source path under ``docs/``):
the renderer keeps no "current page", so the same renderer serves any page in any order.
Where a record's link points is the renderer's ``href_for``: pages of the site by default, the
print book's own chapters for :mod:`sotay.printable`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import jinja2

from . import printable, schema
from .abbreviations import Abbreviator, meanings
from .citations import Citations, article_html
from .diagram import diagram_block
from .edition import edition_date, edition_label
from .facets import facets_of, filter_form
from .fragments import Fragments
from .handout import handout_pages
from .inert import escape_html, escape_line, escape_markdown, escape_text, front_matter, link_html
from .link import Graph, title_key
from .model import PartialDate, Problem, Record, Ref
from .page import Page, Section
from .paragraphs import anchored
from .quotes import statement_key, statements
from .resolve import Href, expand, page_href
from .schema import TYPES, TYPES_BY_NAME, Field, RecordType
from .shortlinks import page_path, page_url, relative
from .timeline import link_from
from .vi import format_number, slugify

__all__ = ["Page", "Renderer", "Section", "render_pages"]

SITE_NAME = "Sổ tay Dân vận"
_SECTION_KINDS = (schema.MARKDOWN,)
BACKLINK_LIMIT = 40  # records shown per backlink group on a record page
IN_PLACE_LIMIT = 12  # records shown per type under "Tại địa bàn này"
_FACT_SKIP = {"id", "tieu_de", "mo_ta", "ghi_chu"}
QUOTE_LIST = "trich"  # the record's own list of quotes, {truong, cau, nguon}
# What stands for an expanded [[id]] link while an editor's Markdown is converted: two
# private-use characters around the link's number.
_STAND_OPEN, _STAND_CLOSE = "\ue000", "\ue001"
_STAND_IN = re.compile(f"{_STAND_OPEN}(\\d+){_STAND_CLOSE}")
_HEADING_LINE = re.compile(r"^ {0,3}#|\n[ \t]*[=-]+[ \t]*(?:\n|$)", re.M)
_QUOTE_MARKS = "\"'“”‘’«»"  # around a whole quote, as an editor may type it


@dataclass(frozen=True)
class GroupView:
    """A group field (``so_lieu``, ``chuc_vu``…) as a table: a column for each of its
    sub-fields that some item fills, a row for each item; cells are inline HTML."""

    label: str
    anchor: str
    columns: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Series:
    """Where a record stands in its series: its name, position (1 first), length, and the
    records before and after it."""

    name: str
    position: int
    length: int
    previous: Record | None
    next: Record | None


def anchor_of(field_name: str) -> str:
    """The fixed heading anchor of a field's section: ``ket_qua`` → ``ket-qua``."""
    return field_name.replace("_", "-")


class Renderer:
    """Renders every page of the site from one linked graph."""

    def __init__(self, graph: Graph, base_url: str = "",
                 href_for: Callable[[str], Href] = page_href,
                 edition: PartialDate | None = None, paragraph_links: bool = True,
                 citations: Citations | None = None, fragments: Fragments | None = None,
                 abbreviate: Abbreviator | None = None) -> None:
        self.graph = graph
        self.base_url = base_url.rstrip("/")
        self.href_for = href_for
        self.edition = edition or edition_date(graph)
        # Anchors on every paragraph and links to the sources' marked passages; off for the
        # print book, where a record's field anchors are renamed and articles are not printed.
        self.paragraph_links = paragraph_links
        self.citations = (citations if citations is not None
                          else Citations(graph.records.values(), graph.articles))
        self.fragments = fragments or Fragments()
        self.abbreviate = abbreviate or Abbreviator(meanings(graph.records.values())[0])
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
            autoescape=False, keep_trailing_newline=True, trim_blocks=True,
            comment_start_string="<#--", comment_end_string="--#>",
            undefined=jinja2.StrictUndefined, auto_reload=False,
        )
        # Filters that write links read the page being rendered from the template context.
        self.env.filters.update(
            text=escape_line, slug=slugify, number=format_number, url=page_url,
            link=jinja2.pass_context(lambda context, record: self.link(record, context["page"])),
            page_link=jinja2.pass_context(
                lambda context, path, label: self.page_link(path, label, context["page"])),
            subtitle=self.subtitle,
            target=lambda ref: self.graph.get(ref.target),
            link_at=jinja2.pass_context(lambda context, record, anchor: self.link(
                record, context["page"], f"#{anchor}" if anchor else "")),
        )
        self.env.globals.update(front_matter=page_front_matter, types=TYPES_BY_NAME)
        self._children = _children(graph)
        self._place_records = _records_by_place(graph)
        self._series = _series(graph)

    def relinked(self, href_for: Callable[[str], Href]) -> Renderer:
        """A renderer of the same graph whose record links point elsewhere (the print book),
        without paragraph anchors."""
        return Renderer(self.graph, self.base_url, href_for, self.edition, paragraph_links=False,
                        citations=self.citations, fragments=self.fragments,
                        abbreviate=self.abbreviate)

    # -- links -------------------------------------------------------------------------------
    def href(self, record: Record, page: str, anchor: str = "") -> str:
        """Where a link from ``page`` to ``record`` (at ``anchor``) points, as an address."""
        return page_url(self.href_for(page)(record, anchor))

    def link(self, record: Record, page: str, anchor: str = "") -> str:
        """A link from ``page`` to ``record`` (at ``anchor``, e.g. ``#ket-qua``)."""
        return (f'<a href="{escape_html(self.href(record, page, anchor))}">'
                f"{escape_line(record.title)}</a>")

    def page_link(self, path: str, label: str, page: str) -> str:
        return f'<a href="{escape_html(page_url(relative(page, path)))}">{escape_line(label)}</a>'

    def markdown(self, text: str, page: str, section: str = "") -> str:
        """An editor's Markdown as HTML, made safe, with ``[[id]]`` links expanded for
        ``page``; in the section anchored ``section``, each paragraph gets its anchor.

        A ``[[id]]`` without text of its own goes through Markdown as a stand-in character
        pair, replaced by its ``<a>`` afterwards, so prose with links stays plain prose
        (:mod:`sotay.fragments` writes it without a Markdown pass). Not in text holding the
        stand-in characters itself or a heading (whose anchor is made from its words)."""
        safe = escape_markdown(text)
        links: list[str] = []

        def stand_in(record: Record, anchor: str, label: str) -> str:
            if label:
                return f"[{label}]({self.href(record, page, anchor)})"
            links.append(self.link(record, page, anchor))
            return f"{_STAND_OPEN}{len(links) - 1}{_STAND_CLOSE}"

        use_stand_ins = _STAND_OPEN not in safe and _STAND_CLOSE not in safe \
            and not _HEADING_LINE.search(safe)
        expanded, _ = expand(safe, self.graph,
                             lambda record, anchor: self.href(record, page, anchor),
                             stand_in if use_stand_ins else None)
        if section and self.paragraph_links:
            expanded, _ = anchored(expanded, section)
        converted = self.fragments.html(expanded)
        return _STAND_IN.sub(lambda m: links[int(m.group(1))], converted) if links else converted

    def section(self, label: str, anchor: str, text: str, page: str) -> Section:
        return Section(label, anchor, self.markdown(text, page, anchor))

    def render(self, name: str, page: str, tooltips: bool = True, **context: Any) -> Page:
        """The page at source path ``page`` from template ``name``: front matter, then HTML
        with every abbreviation given its tooltip (unless not ``tooltips``: paper has none)."""
        text = self.env.get_template(name).render(page=page, **context)
        if tooltips:
            head, body = _split_front_matter(text)
            text = head + self.abbreviate(body)
        return Page(page, text, html=True)

    # -- values ------------------------------------------------------------------------------
    def value(self, spec: Field, value: Any, page: str) -> str:
        if spec.many:
            separator = " · " if spec.kind == schema.REF else "; "
            return separator.join(self.value_one(spec, item, page) for item in value)
        return self.value_one(spec, value, page)

    def value_one(self, spec: Field, value: Any, page: str) -> str:
        if isinstance(value, Ref):
            target = self.graph.get(value.target)
            return self.link(target, page) if target else escape_line(value.target)
        if isinstance(value, PartialDate):
            note = f" (suy ra: {escape_line(value.inferred)})" if value.inferred else ""
            return value.vietnamese() + note
        if isinstance(value, Decimal):
            return format_number(value)
        if spec.kind == schema.URL:
            return link_html(str(value))
        if spec.kind == schema.CHOICE:
            return escape_line(spec.choice_label(value))
        if spec.kind == schema.SLUG:
            return f"<code>{escape_line(str(value))}</code>"
        return escape_line(str(value))

    def subtitle(self, record: Record) -> str:
        """A short line shown after a record's title in listings: its type's subtitle fields."""
        parts: list[str] = []
        record_type = TYPES_BY_NAME[record.type]
        for name in record_type.subtitle:
            spec, value = record_type.field(name), record.values.get(name)
            if spec is None or value is None or spec.kind in (schema.REF, schema.GROUP):
                continue
            parts.append(value.vietnamese() if isinstance(value, PartialDate)
                         else self.value(spec, value, ""))
        return ", ".join(parts)

    # -- pages -------------------------------------------------------------------------------
    def pages(self) -> list[Page]:
        """Every generated page, in a stable order."""
        records = sorted(self.graph.records.values(), key=lambda r: (r.type, r.id))
        pages = [self.record_page(r) for r in records]
        pages += [full for r in records for full in self.full_lists(r)]
        pages += [self.type_index(t) for t in TYPES]
        pages += self.year_pages()
        pages.append(self.home())
        pages.append(printable.printable_page(self))
        pages += handout_pages(self)
        pages += self.redirects()
        return pages

    def record_page(self, record: Record) -> Page:
        record_type = TYPES_BY_NAME[record.type]
        page = page_path(record.type, record.id)
        timeline = link_from(page, record)
        return self.render(
            record_type.layout, page, record=record, type=record_type,
            facts=self.facts(record, page), sections=self.sections(record, page),
            notes=self.notes(record, page), groups=self.groups(record, page),
            breadcrumb=self.breadcrumb(record), in_place=self.in_place(record),
            diagram=diagram_block(self.graph, record, page) if record.type == "van-ban" else "",
            timeline=timeline, series=self.series(record), backlinks=self.backlinks(record, page),
            citation=self.citation(record), article=self.article(record, page),
            quoted=self.quoted_line(record),
        )

    def facts(self, record: Record, page: str) -> list[tuple[str, str]]:
        """(label, HTML value) rows of a record's facts table, links relative to the page."""
        return [
            (spec.label, self.value(spec, record.values[spec.name], page)
             + self.passage_link(record, spec.name, page))
            for spec in TYPES_BY_NAME[record.type].fields
            if spec.name in record.values and spec.name not in _FACT_SKIP
            and spec.kind not in _SECTION_KINDS and spec.kind != schema.GROUP
        ]

    def sections(self, record: Record, page: str) -> list[Section]:
        """A record's Markdown fields and body, each its own section (the notes apart)."""
        sections = [self.section(spec.label, anchor_of(spec.name), record.values[spec.name], page)
                    for spec in TYPES_BY_NAME[record.type].fields
                    if spec.kind in _SECTION_KINDS and spec.name in record.values
                    and spec.name != "ghi_chu"]
        if record.body:
            sections.append(self.section("Nội dung", "noi-dung", record.body, page))
        return sections

    def notes(self, record: Record, page: str) -> list[Section]:
        """The editor's notes, shown last of the record's text (after its groups)."""
        if "ghi_chu" not in record.values:
            return []
        return [self.section("Ghi chú", "ghi-chu", record.values["ghi_chu"], page)]

    def groups(self, record: Record, page: str) -> list[GroupView]:
        """Every group field the record fills, by the field's kind, whatever its name."""
        views = []
        for spec in TYPES_BY_NAME[record.type].fields:
            if spec.kind != schema.GROUP or not record.values.get(spec.name):
                continue
            value = record.values[spec.name]
            items = list(value) if spec.many else [value]
            used = [sub for sub in spec.fields if any(sub.name in item for item in items)]
            # The quote list names each quoted statement as the page shows it.
            labels = ({s.key: s.label for s in statements(record)} if spec.name == QUOTE_LIST
                      else {})
            rows = [[self.cell(record, spec, sub, item, index, page, labels)
                     if sub.name in item else "" for sub in used]
                    for index, item in enumerate(items, start=1)]
            views.append(GroupView(spec.label, anchor_of(spec.name), [s.label for s in used],
                                   rows))
        return views

    def cell(self, record: Record, spec: Field, sub: Field, item: dict[str, Any], index: int,
             page: str, labels: Mapping[str, str]) -> str:
        """One value of a group's item: a quote links to its marked passage, a date to its
        own; in the record's quote list the field quoted is named by ``labels``."""
        key = f"{spec.name}[{index}]"
        value = item[sub.name]
        if spec.name == QUOTE_LIST:
            key = statement_key(str(item.get("truong", "")))
            if sub.name == "truong":
                return escape_line(labels.get(key, str(value)))
        if sub.name == "trich" or (spec.name == QUOTE_LIST and sub.name == "cau"):
            quoted = f"“{escape_line(str(value).strip().strip(_QUOTE_MARKS))}”"
            return self.passage_link(record, key, page, quoted) or quoted
        shown = self.value(sub, value, page)
        if isinstance(value, PartialDate):
            shown += self.passage_link(record, f"{key}.{sub.name}", page)
        if sub.name == "ty_le":
            note = stated_rate_note(item)
            shown += f" (<em>{escape_line(note)}</em>)" if note else ""
        return shown

    # -- passage citations -------------------------------------------------------------------
    def passage_link(self, record: Record, statement: str, page: str,
                     label: str = "") -> str:
        """A link to the marked passage of the source backing a statement: ``label`` as the
        link, or “câu nguồn” after the value; empty when the statement has no found quote."""
        found = self.citations.target(record.id, statement) if self.paragraph_links else None
        source = self.graph.get(found.source_id) if found else None
        if found is None or source is None:
            return ""
        href = escape_html(self.href(source, page, f"#{found.anchor}"))
        return (f'<a href="{href}">{label}</a>' if label
                else f' (<a href="{href}">câu nguồn</a>)')

    def article(self, record: Record, page: str) -> str:
        """A source's page: its article, paragraph by paragraph, cited passages marked."""
        if record.type != "nguon" or not self.paragraph_links:
            return ""
        return article_html(self.citations, record.id,
                                lambda record_id: self.link(self.graph.records[record_id], page))

    def quoted_line(self, record: Record) -> str:
        """How many of the record's statements carry a quote found in its article."""
        total = statements(record)
        if not total or record.type == "nguon":
            return ""
        found = self.citations.quoted.get(record.id, frozenset())
        done = sum(1 for s in total if s.key in found)
        return (f"{format_number(done)}/{format_number(len(total))} nội dung của trang có câu "
                "nguyên văn của bài viết nguồn làm căn cứ, đã đối chiếu.")

    def series(self, record: Record) -> Series | None:
        """The series the record belongs to (a lesson's course), if its type has series."""
        key = TYPES_BY_NAME[record.type].series
        if key is None or key[0] not in record.values:
            return None
        members = self._series.get((record.type, record.values[key[0]]), [record])
        at = next(i for i, r in enumerate(members) if r.id == record.id)
        return Series(str(record.values[key[0]]), at + 1, len(members),
                      members[at - 1] if at > 0 else None,
                      members[at + 1] if at + 1 < len(members) else None)

    def breadcrumb(self, record: Record) -> list[Record]:
        if record.type != "dia-danh":
            return []
        found = (self.graph.get(i) for i in reversed(self.graph.ancestors(record.id)))
        return [r for r in found if r is not None]

    def backlinks(self, record: Record, page: str) -> list[tuple[str, list[Record], str]]:
        """Backlink groups cut to ``BACKLINK_LIMIT`` records each, so a page keeps its size
        whatever the handbook's; a longer group links to a page with all of it."""
        groups = []
        for index, (relation, records) in enumerate(self.graph.grouped_backlinks(record.id)):
            more = ""
            if len(records) > BACKLINK_LIMIT:
                more = self.page_link(_full_list_path(record, index),
                                      f"xem đủ {format_number(len(records))} bản ghi", page)
                records = records[:BACKLINK_LIMIT]
            groups.append((relation, records, more))
        return groups

    def full_lists(self, record: Record) -> list[Page]:
        """The pages holding a backlink group too long for the record's page."""
        pages = []
        for index, (relation, records) in enumerate(self.graph.grouped_backlinks(record.id)):
            if len(records) <= BACKLINK_LIMIT:
                continue
            path = _full_list_path(record, index)
            back = self.page_link(page_path(record.type, record.id), record.title, path)
            pages.append(self.listing(path, f"{relation}: {record.title}", f"Trở về {back}.",
                                      [("", records)]))
        return pages

    def listing(self, path: str, title: str, intro: str,
                groups: list[tuple[str, list[Record]]]) -> Page:
        """A list of records under headings, with the filter when filtering would help."""
        records = [r for _, group in groups for r in group]
        return self.render("listing.html.j2", path, title=title, intro=intro, groups=groups,
                           form=filter_form(self.graph, records), facets=self.facet_classes)

    def facet_classes(self, record: Record) -> str:
        """The classes that give a list item its facets, for the listing filter."""
        return facets_of(self.graph, record).classes()

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
        lines = [f"“{record.title}”. {SITE_NAME}, {edition_label(self.edition)}. {where}"]
        year_field = TYPES_BY_NAME[record.type].year_field
        if year_field and year_field in record.values:
            lines.append(f"Thời điểm: {record.values[year_field].vietnamese()}.")
        sources = [record] if record.type == "nguon" else [
            s for s in (self.graph.get(ref.target) for ref in record.get("nguon", ())) if s]
        if sources:
            lines.append("Nguồn: " + " ; ".join(_source_line(s) for s in sources))
        text = "\n".join(escape_line(" ".join(line.split())) for line in lines)
        return f'<div class="sotay-cite"><pre><code>{text}</code></pre></div>'

    def type_index(self, record_type: RecordType) -> Page:
        records = self.graph.of_type(record_type.name)
        intro = escape_line(record_type.help) + f" Có {format_number(len(records))} bản ghi."
        path = f"{record_type.name}/index.md"
        if record_type.index_layout != schema.LISTING_LAYOUT:
            return self.render(record_type.index_layout, path, title=record_type.plural,
                               intro=intro, records=records, tree=self.place_tree(records),
                               form=filter_form(self.graph, records), facets=self.facet_classes)
        groups: list[tuple[str, list[Record]]] = [("", records)] if records else []
        spec = record_type.field(record_type.group_by) if record_type.group_by else None
        if spec is not None:
            by_kind: dict[str, list[Record]] = defaultdict(list)
            for r in records:
                by_kind[r.values.get(spec.name, "")].append(r)
            order = [value for value, _ in spec.choices] + [""]
            groups = [(spec.choice_label(k) or "Chưa phân loại", by_kind[k])
                      for k in order if by_kind.get(k)]
        return self.listing(path, record_type.plural, intro, groups)

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
        pages = [self.listing(f"nam/{year}.md", f"Năm {year}",
                              "Các bản ghi có thời điểm trong năm.", _group_by_type(by_year[year]))
                 for year in sorted(by_year)]
        years = [(year, f"nam/{year}.md", len(by_year[year])) for year in sorted(by_year, reverse=True)]
        pages.append(self.render("years.html.j2", "nam/index.md", years=years))
        return pages

    def home(self) -> Page:
        counts = [(t, len(self.graph.of_type(t.name))) for t in TYPES]
        return self.render("home.html.j2", "index.md", counts=counts)

    def redirects(self) -> list[Page]:
        """A page at every former id's URL that sends the reader on, from file:// too."""
        pages = []
        for old, record in sorted(self.graph.renamed.items()):
            target = f"{record.id}.html"
            title = escape_line(record.title)
            pages.append(Page(f"{record.type}/{old}.html", _REDIRECT.format(
                target=target, title=title, old=old)))
        return pages


def stated_rate_note(item: dict[str, Any]) -> str:
    """For a figure whose stated percentage is not what its own numbers give (53/49 is
    108,2 %, the article says 108,1 %): a note saying so, the article's rate shown as given."""
    value, total, rate = item.get("gia_tri"), item.get("tren"), item.get("ty_le")
    if not (isinstance(value, Decimal) and isinstance(total, Decimal)
            and isinstance(rate, Decimal)) or total == 0:
        return ""
    exponent = rate.as_tuple().exponent
    places = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    computed = (value / total * 100).quantize(places, rounding=ROUND_HALF_UP)
    if computed == rate:
        return ""
    return (f"tỷ lệ theo bài viết; {format_number(value)}/{format_number(total)} tính ra "
            f"{format_number(computed)}%")


def _full_list_path(record: Record, index: int) -> str:
    return f"ds/{record.type}-{record.id}-{index + 1}.md"


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
    return front_matter({"title": escape_line(title), **meta})


def _split_front_matter(text: str) -> tuple[str, str]:
    """A page's front matter (``---`` lines included) and what follows it."""
    if not text.startswith("---\n"):
        return "", text
    end = text.find("\n---\n", 3)
    return (text[:end + 5], text[end + 5:]) if end >= 0 else ("", text)


def _source_line(source: Record) -> str:
    parts = [source.title]
    for name in ("co_quan_xuat_ban", "url"):
        if name in source.values:
            parts.append(str(source.values[name]))
    return ", ".join(parts)


def _series(graph: Graph) -> dict[tuple[str, Any], list[Record]]:
    """Every series of every type that has them, each in order: by the ordering field (those
    without it last), then by title."""
    found: dict[tuple[str, Any], list[Record]] = defaultdict(list)
    for record_type in TYPES:
        if record_type.series is None:
            continue
        name, order = record_type.series

        def place(record: Record, order: str = order) -> tuple[object, ...]:
            position = record.values.get(order)
            return (position is None, position or 0, *title_key(record))

        for record in sorted(graph.of_type(record_type.name), key=place):
            if name in record.values:
                found[(record_type.name, record.values[name])].append(record)
    return found


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


def problem_pages(problems: list[Problem], paths: Iterable[str]) -> list[Page]:
    """What a live preview shows while the data has problems: the same page, listing every
    problem, at ``index.md`` and at each path in ``paths`` (the pages the reader may be on)."""
    rows = []
    for problem in problems:
        where = problem.path + (f":{problem.line}" if problem.line else "")
        field = f" — trường `{escape_line(problem.field)}`" if problem.field else ""
        rows.append(f"- <code>{escape_line(where)}</code>{field}: {escape_text(problem.message)}")
    content = (page_front_matter("Dữ liệu có lỗi") + "\n# Dữ liệu có lỗi {#loi-du-lieu}\n\n"
               f"`make serve` chưa dựng lại được sổ tay vì {format_number(len(problems))} lỗi "
               "dưới đây. Sửa các tệp rồi lưu lại: trang này tự tải lại khi dữ liệu hợp lệ.\n\n"
               + "\n".join(rows) + "\n")
    return [Page(path, content) for path in sorted({"index.md", *paths})]


def render_pages(graph: Graph, base_url: str = "", edition: PartialDate | None = None
                 ) -> list[Page]:
    """All generated pages of the handbook for one linked graph, as of ``edition`` (by
    default the latest date the data holds)."""
    return Renderer(graph, base_url, edition=edition).pages()

