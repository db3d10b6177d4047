"""A document's relation diagram: the SVG and the list show exactly the chain of relations."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from explore_data import HOSTILE, graph_of

from sotay import diagram
from sotay.schema import REF, TYPES_BY_NAME

SVG = "{http://www.w3.org/2000/svg}"
FILES = {
    "van-ban/goc.yaml": "id: goc\ntieu_de: Nghị quyết gốc\nloai: nghi-quyet\n",
    "van-ban/ct.yaml": "id: ct\ntieu_de: Chương trình\nloai: chuong-trinh-hanh-dong\n"
                       "can_cu: [goc]\ncu_the_hoa: [goc]\n",
    "van-ban/kl.yaml": "id: kl\ntieu_de: Kết luận\nloai: ket-luan\ncu_the_hoa: [ct]\n",
    "van-ban/moi.yaml": "id: moi\ntieu_de: Kết luận mới\nloai: ket-luan\nthay_the: [kl]\n",
    "van-ban/sua.yaml": f"id: sua\ntieu_de: '{HOSTILE.replace(chr(39), chr(39) * 2)}'\n"
                        "loai: khac\nsua_doi: [kl]\n",
    "van-ban/le.yaml": "id: le\ntieu_de: Văn bản lẻ\nloai: khac\n",
    "mo-hinh/to.yaml": "id: to\ntieu_de: Tổ dân vận bản\ntrien_khai: [kl]\n",
    "dien-hinh/dh.yaml": "id: dh\ntieu_de: Điển hình\nmo_hinh: [to]\n",
    "su-kien/hn.yaml": "id: hn\ntieu_de: Hội nghị\nvan_ban: [kl, goc]\n",
}


def _svg(block: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg .*?</svg>", block, re.S).group(0))


def _hrefs(block: str) -> tuple[set[str], set[str]]:
    svg_links = {a.get("href", "") for a in _svg(block).iter(f"{SVG}a")}
    list_links = set(re.findall(r'<a href="([^"]+)\.html">', block.split("</figure>")[1]))
    return {h.removesuffix(".html") for h in svg_links}, list_links


def test_chain_follows_the_relations(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, FILES)
    links = {(link.record.id, link.relation, link.via, link.depth)
             for link in diagram.chain(graph, graph.records["kl"])}
    assert links == {
        ("ct", "Được cụ thể hóa, triển khai", "kl", -1),
        ("goc", "Căn cứ · Được cụ thể hóa, triển khai", "ct", -2),
        ("sua", "Sửa đổi", "kl", 1),
        ("moi", "Thay thế", "kl", 1),
        ("to", "Mô hình thực hiện", "kl", 1),
        ("hn", "Sự kiện bàn đến", "kl", 1),
        ("dh", "Điển hình của mô hình", "to", 2),
    }
    assert diagram.chain(graph, graph.records["le"]) == []
    assert diagram.diagram_block(graph, graph.records["le"], "van-ban/le.md") == ""


def test_svg_and_list_show_the_same_records(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, FILES)
    block = diagram.diagram_block(graph, graph.records["kl"], "van-ban/kl.md")
    in_svg, in_list = _hrefs(block)
    chain = [link.record for link in diagram.chain(graph, graph.records["kl"])]
    wanted = {("" if r.type == "van-ban" else f"../{r.type}/") + r.id for r in chain}
    assert in_svg == wanted and in_list == wanted
    # Upstream left of the document, downstream right of it.
    boxes = {a.get("href"): float(next(a.iter(f"{SVG}rect")).get("x", "0"))
             for a in _svg(block).iter(f"{SVG}a")}
    assert boxes["goc.html"] < boxes["ct.html"] < boxes["../mo-hinh/to.html"] < \
        boxes["../dien-hinh/dh.html"]
    assert "<strong>Văn bản này dựa trên:</strong>" in block
    assert "<strong>Được thực hiện, tiếp nối qua:</strong>" in block


def test_every_document_ref_field_has_a_label() -> None:
    """A new relation in the schema must be given its place in the diagram."""
    for type_name, field in [(t, f.name) for t in TYPES_BY_NAME for f in TYPES_BY_NAME[t].fields
                             if f.kind == REF and "van-ban" in f.targets]:
        assert field in diagram.UPSTREAM or (type_name, field) in diagram.DOWNSTREAM, field


def test_a_cycle_ends(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, {
        "van-ban/a.yaml": "id: a\ntieu_de: A\nloai: khac\ncan_cu: [b]\n",
        "van-ban/b.yaml": "id: b\ntieu_de: B\nloai: khac\ncan_cu: [a]\n",
    })
    ids = [link.record.id for link in diagram.chain(graph, graph.records["a"])]
    assert ids == ["b", "b"]  # once as its basis, once as resting on it; never a loop


def test_hostile_title_is_inert(tmp_path: Path) -> None:
    graph = graph_of(tmp_path, FILES)
    block = diagram.diagram_block(graph, graph.records["kl"], "van-ban/kl.md")
    root = _svg(block)  # parses: the title could not end an element or attribute
    assert not list(root.iter(f"{SVG}script"))
    assert all(not k.startswith("on") for e in root.iter() for k in e.attrib)
    assert "<script>" not in block
    titles = [t.text for t in root.iter(f"{SVG}title")]
    assert any(t and "<script>alert(1)</script>" in t for t in titles)  # as text, intact
