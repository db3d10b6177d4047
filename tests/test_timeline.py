"""The “Dòng thời gian” page: date order, honest partial dates, anchors, filters, escaping."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
from explore_data import HOSTILE, graph_of

from sotay import timeline
from sotay.model import PartialDate

FILES = {
    "dia-danh/tinh-a.yaml": "id: tinh-a\ntieu_de: Tỉnh A\ncap: tinh\n",
    "dia-danh/xa-b.yaml": "id: xa-b\ntieu_de: Xã B\ncap: xa\nthuoc: tinh-a\n",
    "van-ban/ngay.yaml": "id: ngay\ntieu_de: Văn bản có ngày\nloai: khac\n"
                         "ngay_ban_hanh: 2013-08-13\ndia_ban: [xa-b]\n",
    "van-ban/thang.yaml": "id: thang\ntieu_de: Văn bản có tháng\nloai: khac\nngay_ban_hanh: 2013-08\n",
    "van-ban/nam.yaml": "id: nam\ntieu_de: Văn bản chỉ có năm\nloai: khac\nngay_ban_hanh: 2013\n",
    "su-kien/som.yaml": "id: som\ntieu_de: Sự kiện đầu năm\nngay: 2013-01-02\n",
    "su-kien/suy.yaml": "id: suy\ntieu_de: Sự kiện suy năm\n"
                        "ngay: {ngay: 2012-12-31, suy_luan: Bài viết không ghi năm.}\n",
    "mo-hinh/khong-ngay.yaml": "id: khong-ngay\ntieu_de: Mô hình không ngày\n",
    "mo-hinh/sau.yaml": f"id: sau\ntieu_de: '{HOSTILE.replace(chr(39), chr(39) * 2)}'\n"
                        "tu_ngay: 2020\n",
}


def test_entries_are_in_date_order_partial_dates_first(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, FILES)
    order = [e.record.id for e in timeline.entries(graph)]
    # The source bai-a has no date; the undated model is left out.
    assert order == ["suy", "nam", "som", "thang", "ngay", "sau"]
    dates = [e.date for e in timeline.entries(graph)]
    assert [(d.year, d.month or 0, d.day or 0) for d in dates] == sorted(
        (d.year, d.month or 0, d.day or 0) for d in dates)


def test_partial_and_inferred_dates_are_marked() -> None:
    assert timeline.date_label(PartialDate(2013)) == "Năm 2013 (chưa rõ tháng)"
    assert timeline.date_label(PartialDate(2013, 8)) == "Tháng 8/2013 (chưa rõ ngày)"
    assert timeline.date_label(PartialDate(2013, 8, 13)) == "13/8/2013"
    assert timeline.date_label(PartialDate(2013, 8, 13, "vì…")) == "13/8/2013 · năm suy ra"


def test_page_groups_by_year_and_links_every_entry(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, FILES)
    path, text = timeline.timeline_page(graph)
    html = markdown.markdown(text.split("---\n", 2)[2], extensions=["attr_list", "md_in_html"])
    years = re.findall(r'<h2 id="nam-(\d+)">', html)
    assert years == ["2012", "2013", "2020"]
    for entry in timeline.entries(graph):
        record = entry.record
        item = re.search(rf'<li class="([^"]*)" id="{timeline.anchor(record)}">(.*?)</li>', html)
        assert item, record.id
        assert f'href="../{record.type}/{record.id}.md"' in item.group(2)
        assert f"sf-loai-{record.type}" in item.group(1).split()
    # The commune's document is filed under its province.
    assert "sf-tinh-tinh-a" in re.search(r'<li class="([^"]*)" id="m-ngay"', html).group(1)
    section_2013 = html.split('id="nam-2013"')[1].split("<h2")[0]
    assert section_2013.index("m-nam") < section_2013.index("m-som") < section_2013.index("m-thang")


def test_hostile_title_stays_text(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, FILES)
    _, text = timeline.timeline_page(graph)
    html = markdown.markdown(text.split("---\n", 2)[2], extensions=["attr_list", "md_in_html"])
    assert "<script" not in html and "onclick" not in html.replace("{: onclick", "")
    assert "&lt;script&gt;" in html


def test_record_links_to_its_entry(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, FILES)
    assert timeline.link_from("van-ban/ngay.md", graph.records["ngay"]) == \
        "../dong-thoi-gian/index.md#m-ngay"
    assert timeline.link_from("mo-hinh/khong-ngay.md", graph.records["khong-ngay"]) is None
