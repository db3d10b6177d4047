"""Golden cases: a small data folder in, the exact Markdown of chosen pages out.

Set UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change, then review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sotay.pipeline import build_graph
from sotay.render import render_pages

CASES = sorted((Path(__file__).parent / "golden" / "render").iterdir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_render_golden(case: Path) -> None:
    graph, problems = build_graph(case / "data")
    assert problems == []
    assert graph is not None
    pages = {page.path: page.content for page in render_pages(graph)}
    expected_dir = case / "expected"
    if os.environ.get("UPDATE_GOLDEN"):
        for path, content in pages.items():
            target = expected_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
    expected = sorted(p for p in expected_dir.rglob("*") if p.is_file())
    assert expected, f"no expected pages in {expected_dir}"
    for file in expected:
        path = file.relative_to(expected_dir).as_posix()
        assert path in pages, f"page {path} was not rendered"
        assert pages[path] == file.read_text(encoding="utf-8"), path
    assert sorted(pages) == sorted(p.relative_to(expected_dir).as_posix() for p in expected)
