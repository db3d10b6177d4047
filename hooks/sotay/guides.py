"""Hand-written guide pages: find the ``[[id]]`` links they use, so unknown ids fail early."""

from __future__ import annotations

from pathlib import Path

from .link import Graph
from .load import display_path
from .model import Problem
from .resolve import unresolved


def check_guides(docs_dir: Path, graph: Graph, root: Path) -> list[Problem]:
    """A problem for every ``[[id]]`` in ``docs/`` that names no record (or a renamed one)."""
    problems = []
    for page in sorted(docs_dir.rglob("*.md")):
        shown = display_path(page, root)
        for found in unresolved(page.read_text(encoding="utf-8"), graph):
            problems.append(Problem(shown, found.line, "[[…]]", found.message))
    return problems
