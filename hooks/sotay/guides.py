"""Hand-written guide pages: find the ``[[id]]`` links they use, so unknown ids fail early."""

from __future__ import annotations

from pathlib import Path

from .link import Graph, suggest
from .load import display_path
from .model import Problem
from .shortlinks import SHORTLINK


def check_guides(docs_dir: Path, graph: Graph, root: Path) -> list[Problem]:
    """A problem for every ``[[id]]`` in ``docs/`` that names no record (or a renamed one)."""
    problems = []
    for page in sorted(docs_dir.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        shown = display_path(page, root)
        for match in SHORTLINK.finditer(text):
            record_id = match.group(1)
            line = text.count("\n", 0, match.start()) + 1
            if record_id in graph.records:
                continue
            if record_id in graph.renamed:
                new = graph.renamed[record_id]
                message = f"mã '{record_id}' đã đổi thành '{new.id}'; hãy sửa liên kết"
            else:
                message = f"không có bản ghi '{record_id}'" + suggest(record_id, graph.records)
            problems.append(Problem(shown, line, "[[…]]", message))
    return problems
