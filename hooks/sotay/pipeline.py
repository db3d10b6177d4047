"""The core run: load → validate → link → fidelity, returning the graph or every problem."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from .abbreviations import definitions
from .fidelity import checked_articles
from .guides import check_guides
from .link import Graph, link
from .model import Problem
from .read import read_records


def build_graph(data_dir: Path, docs_dir: Path | None = None,
                timings: dict[str, float] | None = None
                ) -> tuple[Graph | None, list[Problem]]:
    """Check ``data_dir`` (and the ``[[id]]`` links of ``docs_dir``); the graph is returned
    only when there is no problem at all. ``timings``, if given, gets each stage's seconds."""
    root = data_dir.parent
    lap = _Laps(timings)
    records, problems = read_records(data_dir, root)
    lap("read")
    graph, found = link(records)
    problems += found
    lap("link")
    texts, found = checked_articles(graph, data_dir, root)
    graph = dataclasses.replace(graph, articles=texts)
    problems += found
    lap("fidelity")
    problems += definitions(graph.records.values())[1]
    if docs_dir is not None:
        problems += check_guides(docs_dir, graph, root)
        lap("guides")
    problems.sort(key=lambda p: (p.path, p.line or 0))
    return (None if problems else graph), problems


class _Laps:
    """Adds the CPU seconds since the previous lap to ``timings[stage]`` (benchmarks only)."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.process_time()

    def __call__(self, stage: str) -> None:
        now = time.process_time()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now
