"""Small linked graphs for the timeline, figures and diagram tests (no site build)."""

from __future__ import annotations

from pathlib import Path

from conftest import write_records
from sotay.link import Graph, link
from sotay.load import load_sources
from sotay.validate import validate_sources

HOSTILE = "<script>alert(1)</script> ]]> & \" ' {: onclick=x}"


def graph_of(tmp_path: Path, files: dict[str, str]) -> Graph:
    """Records written to ``tmp_path/data``, loaded, validated and linked; problems fail."""
    data = write_records(tmp_path / "data", files)
    sources, problems = load_sources(data, tmp_path)
    records, found = validate_sources(sources)
    graph, linked = link(records)
    assert problems + found + linked == []
    return graph
