"""Load → validate → link on small folders written by the test itself."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from sotay.link import link
from sotay.load import load_sources
from sotay.model import PartialDate
from sotay.pipeline import build_graph
from sotay.validate import validate_sources


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    write(root, "nguon/bai.yaml", "id: bai\ntieu_de: Bài\n")
    write(root, "dia-danh/tinh.yaml", "id: tinh\ntieu_de: Tỉnh\ncap: tinh\nnguon: [bai]\n")
    write(root, "dia-danh/xa.yaml", "id: xa\ntieu_de: Xã\ncap: xa\nthuoc: huyen\nnguon: [bai]\n")
    write(root, "dia-danh/huyen.yaml",
          "id: huyen\ntieu_de: Huyện\ncap: huyen\nthuoc: tinh\nnguon: [bai]\n")
    return root


@pytest.mark.parametrize(("text", "expected"), [
    ("2013-08-13", PartialDate(2013, 8, 13)),
    ("2013-08", PartialDate(2013, 8)),
    ("2013", PartialDate(2013)),
    ("13/8/2013", PartialDate(2013, 8, 13)),
    ("8/2013", PartialDate(2013, 8)),
])
def test_dates_keep_their_precision(data: Path, text: str, expected: PartialDate) -> None:
    write(data, "van-ban/a.yaml",
          f"id: a\ntieu_de: A\nloai: khac\nngay_ban_hanh: {text}\nnguon: [bai]\n")
    graph, problems = build_graph(data)
    assert problems == [] and graph is not None
    assert graph.records["a"].values["ngay_ban_hanh"] == expected


def test_inferred_date_keeps_its_reason(data: Path) -> None:
    write(data, "su-kien/hn.yaml",
          "id: hn\ntieu_de: Hội nghị\nngay:\n  ngay: 2013-10-09\n  suy_luan: Từ năm của kết luận.\n"
          "nguon: [bai]\n")
    graph, problems = build_graph(data)
    assert problems == [] and graph is not None
    date = graph.records["hn"].values["ngay"]
    assert (date.year, date.month, date.day, date.inferred) == (2013, 10, 9, "Từ năm của kết luận.")
    assert date.vietnamese() == "9/10/2013"


def test_numbers_are_exact_decimals(data: Path) -> None:
    write(data, "dien-hinh/d.yaml",
          "id: d\ntieu_de: D\nso_lieu:\n  - chi_tieu: Tỷ lệ\n    gia_tri: 53\n    ty_le: 108.1\n"
          "nguon: [bai]\n")
    graph, problems = build_graph(data)
    assert problems == [] and graph is not None
    figure = graph.records["d"].values["so_lieu"][0]
    assert figure["ty_le"] == Decimal("108.1") and str(figure["ty_le"]) == "108.1"


def test_markdown_record_body_and_front_matter_lines(data: Path) -> None:
    write(data, "mo-hinh/m.md", "---\nid: m\ntieu_de: M\nnguon: [bai]\n---\nXem [[tinh]].\n")
    sources, problems = load_sources(data)
    assert problems == []
    source = next(s for s in sources if s.path.endswith("m.md"))
    assert source.body == "Xem [[tinh]]."
    records, problems = validate_sources(sources)
    assert problems == []
    record = next(r for r in records if r.id == "m")
    assert record.lines["nguon"] == 4
    assert [(m.target, m.line) for m in record.mentions] == [("tinh", 6)]


def test_backlinks_grouped_by_relation_and_place_ancestry(data: Path) -> None:
    write(data, "mo-hinh/m.yaml",
          "id: m\ntieu_de: M\ndia_ban: [xa]\nmo_ta: Ở [[tinh]].\nnguon: [bai]\n")
    sources, _ = load_sources(data)
    records, _ = validate_sources(sources)
    graph, problems = link(records)
    assert problems == []
    assert graph.ancestors("xa") == ["huyen", "tinh"]
    groups = dict((rel, [r.id for r in rs]) for rel, rs in graph.grouped_backlinks("tinh"))
    assert groups["Được nhắc đến trong nội dung"] == ["m"]
    assert groups["Địa danh trực thuộc"] == ["huyen"]
    assert [r.id for _, rs in graph.grouped_backlinks("bai") for r in rs] == \
        ["huyen", "m", "tinh", "xa"]


def test_former_id_redirects_and_old_references_fail(data: Path) -> None:
    write(data, "mo-hinh/m.yaml", "id: m\ntieu_de: M\nid_cu: [m-cu]\nnguon: [bai]\n")
    write(data, "dien-hinh/d.yaml", "id: d\ntieu_de: D\nmo_hinh: [m-cu]\nnguon: [bai]\n")
    graph, problems = build_graph(data)
    assert graph is None
    assert [str(p) for p in problems] == [
        "data/dien-hinh/d.yaml:3: mo_hinh[1]: mã 'm-cu' đã đổi thành 'm' "
        "(data/mo-hinh/m.yaml); hãy dùng mã mới"]
