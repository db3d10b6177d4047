"""The pages for finding one's way beyond a single record: the timeline, the figures and
the recognised cases."""

from __future__ import annotations

from .figures import figures_page
from .link import Graph
from .recognised import recognised_page
from .render import Page
from .timeline import timeline_page


def explore_pages(graph: Graph) -> list[Page]:
    """The “Dòng thời gian”, “Số liệu” and “Dân vận khéo” pages of one linked graph."""
    return [Page(path, text) for path, text in
            (timeline_page(graph), figures_page(graph), recognised_page(graph))]
