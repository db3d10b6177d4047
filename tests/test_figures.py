"""The “Số liệu” page: charts hold the records' very numbers, tables link them, text is inert."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

from explore_data import HOSTILE, graph_of

from sotay import figures
from sotay.vi import format_number

SVG = "{http://www.w3.org/2000/svg}"
FILES = {
    "dia-danh/tinh-a.yaml": "id: tinh-a\ntieu_de: Tỉnh A\ncap: tinh\n",
    "dia-danh/huyen-b.yaml": "id: huyen-b\ntieu_de: Huyện B\ncap: huyen\nthuoc: tinh-a\n",
    "su-kien/so-ket.yaml": (
        "id: so-ket\ntieu_de: Sơ kết\ndia_ban: [huyen-b]\nso_lieu:\n"
        "  - {chi_tieu: Nhiệm vụ hoàn thành, gia_tri: 53, tren: 49, ty_le: 108.1, "
        "don_vi: nhiệm vụ, ky: 9 tháng 2021}\n"
        "  - {chi_tieu: Văn bản ban hành, gia_tri: 50, don_vi: văn bản, ky: 9 tháng 2021}\n"
        "  - {chi_tieu: Đơn được giải quyết, gia_tri: 288, tren: 307, don_vi: đơn, ky: năm 2020}\n"
    ),
    "su-kien/tong-ket.yaml": (
        "id: tong-ket\ntieu_de: Tổng kết\ndia_ban: [tinh-a]\nso_lieu:\n"
        "  - {chi_tieu: Đơn được giải quyết, gia_tri: 1250.5, tren: 1300, don_vi: đơn, "
        "ky: năm 2021}\n"
        f"  - {{chi_tieu: '{HOSTILE.replace(chr(39), chr(39) * 2)}', gia_tri: 7, tren: 9}}\n"
    ),
    "mo-hinh/khong-tinh.yaml": (
        "id: khong-tinh\ntieu_de: Không tỉnh\nso_lieu:\n  - {chi_tieu: Tổ, gia_tri: 12}\n"),
}


def _charts(text: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg .*?</svg>", text)]


def _bars(chart: ET.Element) -> list[tuple[str, float]]:
    """(printed number, bar width) of each bar, in drawing order."""
    numbers = [t.text or "" for t in chart.iter(f"{SVG}text") if t.get("class") == "value"]
    widths = [float(r.get("width", "0")) for r in chart.iter(f"{SVG}rect")
              if r.get("class") == "bar"]
    return list(zip(numbers, widths, strict=True))


def test_every_figure_is_in_a_table_with_its_record(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, FILES)
    _, text = figures.figures_page(graph)
    rows = [line for line in text.splitlines() if line.startswith("| ") and "](../" in line]
    for record in graph.records.values():
        items = record.get("so_lieu", ())
        mine = [row for row in rows if f"(../{record.type}/{record.id}.md)" in row]
        # Once in its period's table, once more where an indicator forms a series.
        assert len(mine) >= len(items)
        for item in items:
            assert any(format_number(item["gia_tri"]) in row for row in mine)
    assert "## Chưa gắn với tỉnh nào" in text


def test_chart_numbers_equal_the_records(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, FILES)
    _, text = figures.figures_page(graph)
    charts = _charts(text)
    assert charts, "figures given against a total must be charted"
    expected = {f.shown(): f for f in figures.figures(graph)}
    for chart in charts:
        bars = _bars(chart)
        assert bars
        scale = None
        for shown, width in bars:
            figure = expected[shown]  # every printed number is a record's figure, as printed
            assert shown.startswith(format_number(figure.value))
            if figure.value:
                ratio = width / float(figure.value)
                scale = scale or ratio
                assert abs(ratio - scale) < 0.01 * scale + 0.05  # one scale per chart
    # The 9-month chart shows 53 against 49.
    assert any("53/49 nhiệm vụ (108,1%)" in [s for s, _ in _bars(c)] for c in charts)


def test_series_across_periods(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, FILES)
    _, text = figures.figures_page(graph)
    series = text.split("Cùng chỉ tiêu qua các kỳ")[1]
    shown = [s for c in _charts(series) for s, _ in _bars(c)]
    assert shown == ["288/307 đơn", "1.250,5/1.300 đơn"]


def test_real_data_charts_hold_the_real_numbers() -> None:
    from sotay.pipeline import build_graph
    root = Path(__file__).resolve().parent.parent
    graph, problems = build_graph(root / "data")
    assert graph is not None, problems
    _, text = figures.figures_page(graph)
    numbers = {f.shown() for f in figures.figures(graph)}
    for chart in _charts(text):
        for shown, _ in _bars(chart):
            assert shown in numbers
    for record in graph.records.values():
        for item in record.get("so_lieu", ()):
            assert isinstance(item["gia_tri"], Decimal)


def test_hostile_indicator_is_inert_in_svg_and_table(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, FILES)
    _, text = figures.figures_page(graph)
    for chart in _charts(text):  # well-formed XML: nothing ended the text early
        assert not list(chart.iter(f"{SVG}script"))
        assert all(not k.startswith("on") for e in chart.iter() for k in e.attrib)
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
