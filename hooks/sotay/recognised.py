"""The “Dân vận khéo” page: only the cases an article says were recognised with that title.

A case (``dien-hinh``) is listed when one of its ``cong_nhan`` entries names the title; each
entry shows the level and year the record gives and links the record, whose quote backs it.
With none, the page says so plainly and points at the cases that are kept unrecognised.
"""

from __future__ import annotations

from dataclasses import dataclass

from .inert import escape_html, escape_text, front_matter
from .link import Graph
from .model import PartialDate, Record
from .passages import normalise
from .schema import RECOGNISED_TITLE
from .shortlinks import page_path, relative
from .vi import format_number

CASE_TYPE = "dien-hinh"
PATH = "dan-van-kheo/index.md"  # its own folder: no record id can take its name
TITLE = f"“{RECOGNISED_TITLE}” được công nhận"


@dataclass(frozen=True)
class Recognition:
    """One recognition of a case with the title: the case, its level and year if given."""

    record: Record
    level: str
    year: PartialDate | None


def recognitions(graph: Graph, title: str = RECOGNISED_TITLE) -> list[Recognition]:
    """Every recognition with ``title`` (compared as quotes are: case, marks, spaces aside),
    by year, then by the case's title."""
    wanted = normalise(title).casefold()
    found = [Recognition(record, str(item.get("cap", "")), item.get("nam"))
             for record in graph.of_type(CASE_TYPE)
             for item in record.get("cong_nhan", ())
             if normalise(str(item.get("danh_hieu", ""))).casefold().strip('"') == wanted]
    return sorted(found, key=lambda r: (r.year.year if r.year else 0))


def recognised_page(graph: Graph) -> tuple[str, str]:
    """``(path, Markdown)`` of the page."""
    found = recognitions(graph)
    cases = relative(PATH, f"{CASE_TYPE}/index.md")
    # With no case yet, the page is no answer to a search for "dân vận".
    lines = [front_matter({"title": escape_html(TITLE)}, hidden_from_search=not found),
             f"# {escape_text(TITLE)}\n",
             f"Các điển hình mà bài viết nguồn nêu rõ đã được công nhận là “{RECOGNISED_TITLE}”, "
             "mỗi mục có câu trích của bài viết làm căn cứ ở trang của nó. Các điển hình, cách "
             f"làm hay chưa được công nhận vẫn có trong [danh sách điển hình]({cases}).\n"]
    if not found:
        lines.append(f"**Chưa có điển hình nào:** chưa bài viết nguồn nào của sổ tay nêu một "
                     f"điển hình, cá nhân hay tập thể được công nhận là “{RECOGNISED_TITLE}”.\n")
    else:
        lines.append(f"Có {format_number(len(found))} lượt công nhận.\n")
    for item in found:
        target = relative(PATH, page_path(item.record.type, item.record.id))
        details = [escape_text(item.level)] if item.level else []
        if item.year:
            details.append(item.year.vietnamese())
        suffix = f" ({', '.join(details)})" if details else ""
        lines.append(f"- [{escape_text(item.record.title)}]({target}){suffix}")
    return PATH, "\n".join(lines) + "\n"
