"""The core run: load → validate → link, returning the graph or every problem."""

from __future__ import annotations

from pathlib import Path

from .guides import check_guides
from .link import Graph, link
from .load import load_sources
from .model import Problem
from .validate import validate_sources


def build_graph(data_dir: Path, docs_dir: Path | None = None
                ) -> tuple[Graph | None, list[Problem]]:
    """Check ``data_dir`` (and the ``[[id]]`` links of ``docs_dir``); the graph is returned
    only when there is no problem at all."""
    root = data_dir.parent
    sources, problems = load_sources(data_dir, root)
    records, found = validate_sources(sources)
    problems += found
    graph, found = link(records)
    problems += found
    if docs_dir is not None:
        problems += check_guides(docs_dir, graph, root)
    problems.sort(key=lambda p: (p.path, p.line or 0))
    return (None if problems else graph), problems
