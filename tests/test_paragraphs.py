"""Paragraph links: every plain paragraph of a record's text has an anchor that rewording keeps;
and the edition a page's citation names comes from the data or SOURCE_DATE_EPOCH, never the
clock."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sotay.edition import edition_date, edition_label
from sotay.model import PartialDate
from sotay.paragraphs import anchored
from sotay.pipeline import build_graph

ROOT = Path(__file__).resolve().parents[1]


def test_each_plain_paragraph_gets_its_position() -> None:
    text = "Một đoạn.\n\nĐoạn hai,\ncòn dòng nữa.\n\n- một mục\n- mục khác\n\nĐoạn ba."
    out, anchors = anchored(text, "ket-qua")
    assert anchors == ["ket-qua-1", "ket-qua-2", "ket-qua-3"]
    assert "Một đoạn.\n{: #ket-qua-1 }" in out
    assert "còn dòng nữa.\n{: #ket-qua-2 }" in out
    assert "- mục khác\n\nĐoạn ba.\n{: #ket-qua-3 }" in out


def test_rewording_keeps_every_anchor() -> None:
    before = anchored("Tổ dân vận có 5 người.\n\nKết quả tốt.", "mo-ta")[1]
    after = anchored("Tổ dân vận gồm năm thành viên, do trưởng thôn làm tổ trưởng.\n\n"
                     "Kết quả rất tốt.", "mo-ta")[1]
    assert before == after == ["mo-ta-1", "mo-ta-2"]


@pytest.mark.parametrize("block", [
    "# Tiêu đề", "> trích", "| a | b |\n|---|---|\n| 1 | 2 |", "1. mục", "* mục",
    "    mã thụt lề", "Tiêu đề\n=====", "```\nmã\n\nvẫn là mã\n```",
])
def test_blocks_that_are_not_paragraphs_are_left_as_written(block: str) -> None:
    out, anchors = anchored(block, "noi-dung")
    assert anchors == [] and out == block


def test_paragraph_after_a_fence_is_counted_from_one() -> None:
    out, anchors = anchored("```\nmã\n\nmã\n```\n\nĐoạn sau mã.", "noi-dung")
    assert anchors == ["noi-dung-1"]
    assert out.endswith("Đoạn sau mã.\n{: #noi-dung-1 }")


def test_real_record_pages_carry_paragraph_anchors() -> None:
    from sotay.render import render_pages
    graph, problems = build_graph(ROOT / "data", ROOT / "docs")
    assert graph is not None, problems
    pages = render_pages(graph)
    paragraph = r'<p id="([a-z0-9-]+-\d+)">'
    anchors = [a for p in pages for a in re.findall(paragraph, p.content)]
    assert len(anchors) > 50
    for page in pages:  # never two equal ids on one page
        ids = re.findall(r' id="([^"]+)"', page.content)
        assert len(ids) == len(set(ids)), page.path


def test_edition_from_the_data_or_the_reproducible_builds_setting() -> None:
    graph, _ = build_graph(ROOT / "data", ROOT / "docs")
    assert graph is not None
    latest = edition_date(graph)
    assert latest == edition_date(graph)  # the clock plays no part
    assert edition_date(graph, "0") == PartialDate(1970, 1, 1)
    assert edition_date(graph, "1700000000") == PartialDate(2023, 11, 14)
    assert edition_date(graph, "không phải số") == latest
    assert edition_label(PartialDate(2013, 8, 13)) == "bản ngày 13/8/2013"
    assert edition_label(PartialDate(2013)) == "bản năm 2013"
