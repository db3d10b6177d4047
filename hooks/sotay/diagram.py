"""A document's chain: the documents it rests on, and those, models and events carrying it out.

Upstream are the documents a document names in ``can_cu``, ``cu_the_hoa``, ``sua_doi`` and
``thay_the`` (and theirs, up to :data:`DEPTH` steps); downstream are the records naming it in
those fields, the models implementing it (``trien_khai``), the events discussing it
(``van_ban``) and the case studies of those models (``mo_hinh``). The chain is drawn as an SVG
(left: what it rests on; right: what carries it out) and written out as the same list.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import svg
from .inert import escape_html, escape_line
from .link import Graph, title_key
from .model import Record, Ref
from .schema import TYPES_BY_NAME
from .shortlinks import page_path, page_url, relative

DEPTH = 3  # steps each way: enough for Nghị quyết → Chương trình → Kết luận → mô hình
WIDTH = 6  # boxes per column; the list below the diagram holds every one
# field of the record making the reference → (how the target reads upstream, how the record
# reads downstream), from the document's point of view.
UPSTREAM = {
    "can_cu": "Căn cứ",
    "cu_the_hoa": "Được cụ thể hóa, triển khai",
    "sua_doi": "Bị sửa đổi",
    "thay_the": "Bị thay thế",
}
DOWNSTREAM = {
    ("van-ban", "can_cu"): "Căn cứ vào văn bản này",
    ("van-ban", "cu_the_hoa"): "Cụ thể hóa, triển khai",
    ("van-ban", "sua_doi"): "Sửa đổi",
    ("van-ban", "thay_the"): "Thay thế",
    ("mo-hinh", "trien_khai"): "Mô hình thực hiện",
    ("su-kien", "van_ban"): "Sự kiện bàn đến",
    ("dien-hinh", "mo_hinh"): "Điển hình của mô hình",
}


@dataclass(frozen=True)
class Link:
    """A record in the chain, how it joins the record one step nearer, and how far it is."""

    record: Record
    relation: str
    via: str  # id of the record one step nearer the document
    depth: int  # negative upstream, positive downstream


def chain(graph: Graph, document: Record) -> list[Link]:
    """Every record in the document's chain, breadth first: upstream, then downstream."""
    return _walk(graph, document, _upstream, -1) + _walk(graph, document, _downstream, 1)


def _walk(graph: Graph, start: Record, step: object, sign: int) -> list[Link]:
    seen = {start.id}
    found: list[Link] = []
    frontier = [start]
    for level in range(1, DEPTH + 1):
        following: list[Record] = []
        for record in frontier:
            for relation, target in step(graph, record):  # type: ignore[operator]
                if target.id not in seen:
                    seen.add(target.id)
                    found.append(Link(target, relation, record.id, sign * level))
                    following.append(target)
        frontier = following
    return found


def _upstream(graph: Graph, record: Record) -> list[tuple[str, Record]]:
    out = []
    for name, label in UPSTREAM.items():
        for ref in _refs(record.get(name)):
            target = graph.get(ref.target)
            if target is not None and target.type == "van-ban":
                out.append((label, target))
    return _merged(out, list(UPSTREAM.values()))


def _downstream(graph: Graph, record: Record) -> list[tuple[str, Record]]:
    out = []
    for link in graph.backlinks.get(record.id, ()):
        source = link.source
        for (source_type, name), label in DOWNSTREAM.items():
            if source.type == source_type and any(r.target == record.id
                                                  for r in _refs(source.get(name))):
                out.append((label, source))
    return _merged(out, list(DOWNSTREAM.values()))


def _merged(found: list[tuple[str, Record]], order: list[str]) -> list[tuple[str, Record]]:
    """One entry per record, its relations joined (a programme may both rest on and
    concretise a resolution), sorted by first relation, then title."""
    labels: dict[str, list[str]] = defaultdict(list)
    records: dict[str, Record] = {}
    for label, record in found:
        if label not in labels[record.id]:
            labels[record.id].append(label)
        records[record.id] = record
    rows = [(sorted(labels[i], key=order.index), records[i]) for i in records]
    rows.sort(key=lambda row: (order.index(row[0][0]), *title_key(row[1])))
    return [(" · ".join(names), record) for names, record in rows]


def _refs(value: object) -> tuple[Ref, ...]:
    if isinstance(value, Ref):
        return (value,)
    if isinstance(value, tuple):
        return tuple(v for v in value if isinstance(v, Ref))
    return ()


def diagram_block(graph: Graph, document: Record, page: str) -> str:
    """HTML for a document page: the SVG and the same chain as nested lists; empty when
    the document has no chain. ``page`` is the page's source path, for relative links."""
    links = chain(graph, document)
    if not links:
        return ""
    return (f'<figure class="sotay-diagram-box">{diagram_svg(document, links, page)}'
            "<figcaption>Sơ đồ văn bản: bên trái là văn bản làm căn cứ, bên phải là văn bản, "
            "mô hình, sự kiện thực hiện văn bản này. Danh sách dưới ghi đủ.</figcaption>"
            "</figure>\n" + chain_list(graph, document, links, page))


def diagram_svg(document: Record, links: list[Link], page: str) -> str:
    """The chain as boxes in columns: depth −3 … 0 … 3, at most :data:`WIDTH` per column."""
    per_column: dict[int, int] = defaultdict(int)
    nodes = [svg.Node(document.id, 0, TYPES_BY_NAME[document.type].label, document.title)]
    for link in links:
        if per_column[link.depth] >= WIDTH:
            continue
        per_column[link.depth] += 1
        href = page_url(relative(page, page_path(link.record.type, link.record.id)))
        nodes.append(svg.Node(link.record.id, link.depth, link.relation, link.record.title,
                              href, link.via))
    keys = {n.key for n in nodes}
    nodes = [n if n.parent in keys or n.column == 0 else
             svg.Node(n.key, n.column, n.header, n.title, n.href, document.id) for n in nodes]
    return svg.tree_diagram(f"Sơ đồ liên hệ của {document.title}", nodes)


def chain_list(graph: Graph, document: Record, links: list[Link], page: str) -> str:
    """The chain as HTML lists: “Dựa trên” and “Được thực hiện qua”, nested by step."""
    children: dict[tuple[str, int], list[Link]] = defaultdict(list)
    for link in links:
        children[(link.via, 1 if link.depth > 0 else -1)].append(link)

    def items(parent: str, sign: int) -> str:
        out = []
        for link in children.get((parent, sign), []):
            target = page_url(relative(page, page_path(link.record.type, link.record.id)))
            kind = TYPES_BY_NAME[link.record.type].label
            below = items(link.record.id, sign)
            out.append(f"<li>{escape_line(link.relation)}: <a href=\"{escape_html(target)}\">"
                       f"{escape_line(link.record.title)}</a> ({escape_line(kind)}){below}</li>")
        return f"<ul>{''.join(out)}</ul>" if out else ""

    parts = []
    up, down = items(document.id, -1), items(document.id, 1)
    if up:
        parts.append(f"<p><strong>Văn bản này dựa trên:</strong></p>\n{up}")
    if down:
        parts.append(f"<p><strong>Được thực hiện, tiếp nối qua:</strong></p>\n{down}")
    return "\n".join(parts)
