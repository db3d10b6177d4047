"""The pages for finding one's way beyond a single record: the timeline and the figures."""

from __future__ import annotations

from .figures import figures_page
from .link import Graph
from .render import Page
from .timeline import timeline_page


def explore_pages(graph: Graph) -> list[Page]:
    """The “Dòng thời gian” and “Số liệu” pages of one linked graph."""
    return [Page(path, text) for path, text in (timeline_page(graph), figures_page(graph))]
