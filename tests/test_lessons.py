"""Lessons (``bai-giang``): steps in order, previous and next in a course, the lessons listed
on every page they use, and a starter lesson that states nothing its records do not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from explore_data import graph_of

from conftest import ROOT
from sotay.link import Graph
from sotay.model import PartialDate
from sotay.pipeline import build_graph
from sotay.render import render_pages

MODEL = "id: mo-hinh-a\ntieu_de: Mô hình A\nmo_ta: Đoạn một.\n"
DOC = "id: van-ban-b\ntieu_de: Văn bản B\nloai: ket-luan\n"


def _lesson(lesson_id: str, order: int | None, course: str = "Khóa X") -> str:
    text = (f"id: {lesson_id}\ntieu_de: Bài {lesson_id}\ndoi_tuong: Cán bộ xã\n"
            f"khoa_hoc: {course}\n")
    if order is not None:
        text += f"thu_tu: {order}\n"
    return text + ("buoc:\n"
                   "  - ban_ghi: van-ban-b\n    cau_hoi: Vì sao <b>?\n"
                   "  - ban_ghi: mo-hinh-a\n    muc: mo-ta\n    ghi_chu: Nhấn mạnh đoạn một.\n")


@pytest.fixture
def pages(tmp_path: Path) -> dict[str, str]:
    graph = graph_of(tmp_path, {
        "mo-hinh/mo-hinh-a.yaml": MODEL, "van-ban/van-ban-b.yaml": DOC,
        # Files in another order than the course: the order comes from thu_tu.
        "bai-giang/a-ba.yaml": _lesson("a-ba", 3), "bai-giang/b-mot.yaml": _lesson("b-mot", 1),
        "bai-giang/c-hai.yaml": _lesson("c-hai", 2),
        "bai-giang/d-le.yaml": _lesson("d-le", None, course="Khóa khác"),
    })
    return {p.path: p.content for p in render_pages(graph)}


def test_steps_are_numbered_in_order_and_point_at_their_part(pages: dict[str, str]) -> None:
    page = pages["bai-giang/b-mot.md"]
    steps = re.findall(r'^<h3 id="buoc-(\d)">Bước \1\. <a href="([^"]+)">([^<]+)</a>', page, re.M)
    assert steps == [("1", "../van-ban/van-ban-b.html", "Văn bản B"),
                     ("2", "../mo-hinh/mo-hinh-a.html#mo-ta", "Mô hình A")]
    assert "<strong>Ghi chú cho giảng viên:</strong> Nhấn mạnh đoạn một." in page
    assert "<strong>Câu hỏi thảo luận:</strong> Vì sao &lt;b&gt;?" in page  # text stays text
    assert page.index('<h2 id="cac-buoc">') < page.index('<h2 id="trich-dan">')


def test_previous_and_next_follow_the_course_order(pages: dict[str, str]) -> None:
    def series(path: str) -> str:
        return re.search(r'^<p class="sotay-series">(.*)</p>$', pages[path], re.M).group(1)

    def link(name: str) -> str:
        return f'<a href="{name}.html">Bài {name}</a>'

    assert series("bai-giang/b-mot.md") == f"<strong>Khóa X</strong>, bài 1/3 · Bài sau: {link('c-hai')}"
    assert series("bai-giang/c-hai.md") == (f"<strong>Khóa X</strong>, bài 2/3 · Bài trước: "
                                            f"{link('b-mot')} · Bài sau: {link('a-ba')}")
    assert series("bai-giang/a-ba.md") == f"<strong>Khóa X</strong>, bài 3/3 · Bài trước: {link('c-hai')}"
    assert series("bai-giang/d-le.md") == "<strong>Khóa khác</strong>, bài 1/1"


def test_a_used_record_lists_the_lessons_using_it(pages: dict[str, str]) -> None:
    line = next(line for line in pages["mo-hinh/mo-hinh-a.md"].splitlines()
                if "Bài giảng sử dụng trang này" in line)
    assert re.findall(r">Bài ([a-z-]+)</a>", line) == ["a-ba", "b-mot", "c-hai", "d-le"]


def test_lesson_has_an_index_and_a_print_chapter(pages: dict[str, str]) -> None:
    assert '<a href="b-mot.html">Bài b-mot</a>' in pages["bai-giang/index.md"]
    assert '<h3 class="sotay-print-record" id="bai-giang-b-mot">' in pages["in-so-tay.md"]


@pytest.fixture(scope="module")
def real_graph() -> Graph:
    graph, problems = build_graph(ROOT / "data")
    assert problems == [] and graph is not None
    return graph


def _text_of(value: object) -> str:
    if isinstance(value, dict):
        return " ".join(_text_of(v) for v in value.values())
    if isinstance(value, tuple | list):
        return " ".join(_text_of(v) for v in value)
    if isinstance(value, PartialDate):
        return value.vietnamese()
    return str(getattr(value, "target", value))


def test_starter_lessons_state_only_what_their_records_say(real_graph: Graph) -> None:
    lessons = real_graph.of_type("bai-giang")
    assert lessons, "the handbook ships a starter lesson"
    for lesson in lessons:
        cited = {ref.target for ref in lesson.get("nguon")}
        for step in lesson.get("buoc"):
            record = real_graph.records[step["ban_ghi"].target]
            # The lesson cites every source of every record it teaches from.
            assert {ref.target for ref in record.get("nguon", ())} <= cited, record.id
            said = _text_of(record.values) + " " + record.body
            for number in re.findall(r"\d+(?:[/,.]\d+)*", step.get("ghi_chu", "")):
                assert number in said, f"{lesson.id}: {number} is not in {record.id}"
