"""The real starter dataset stays faithful to the five source articles it was written from.

Every check reads the archived article text (``../shared/sources`` beside the repository) and
fails when a record states a figure, a name, a date or a source the articles do not back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from sotay.link import Graph
from sotay.model import PartialDate, Record
from sotay.pipeline import build_graph
from sotay.vi import format_number, nfc

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCES = ROOT.parent / "shared" / "sources"
# Any HTML tag except a Markdown autolink such as <http://laichau.dcs.vn>.
_RAW_HTML = re.compile(r"<(?!https?://)[a-zA-Z/!?]")


@pytest.fixture(scope="module")
def graph() -> Graph:
    built, problems = build_graph(DATA, ROOT / "docs")
    assert not problems, "\n".join(str(p) for p in problems)
    assert built is not None
    return built


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    """Archived article text by file name, in NFC like the records."""
    assert SOURCES.is_dir(), f"thiếu thư mục bài viết gốc {SOURCES}"
    return {p.name: nfc(p.read_text(encoding="utf-8")) for p in sorted(SOURCES.glob("*.txt"))}


def _cited(record: Record, graph: Graph, texts: dict[str, str]) -> list[str]:
    """The article texts a record rests on: its own file for a nguon, else its cited ones."""
    sources = [record] if record.type == "nguon" else [
        graph.records[ref.target] for ref in record.get("nguon", ())]
    return [texts[s.values["tep"]] for s in sources if s.values.get("tep") in texts]


def _number_in(value: Decimal, text: str) -> bool:
    """``value`` written the Vietnamese way, standing alone (``5`` does not match ``53``)."""
    shown = re.escape(format_number(value))
    return re.search(rf"(?<![\d.,]){shown}(?![\d]|[.,]\d)", text) is not None


def _walk(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, tuple):
        for item in value:
            yield from _walk(item)
    else:
        yield value


def _strings(value: Any) -> Iterator[str]:
    return (v for v in _walk(value) if isinstance(v, str))


def test_real_data_is_valid(graph: Graph) -> None:
    kinds = {r.type for r in graph.records.values()}
    assert kinds >= {"van-ban", "mo-hinh", "dien-hinh", "to-chuc", "dia-danh", "nhan-vat",
                     "su-kien", "nguon", "chu-de", "viet-tat"}


def test_one_source_record_per_article(graph: Graph, texts: dict[str, str]) -> None:
    files = [str(r.values.get("tep")) for r in graph.of_type("nguon")]
    missing = [f for f in files if f not in texts]
    assert not missing, f"tệp không có trong {SOURCES}: {missing}"
    assert sorted(files) == sorted(texts), "mỗi bài viết cần đúng một bản ghi nguồn"


def test_every_record_cites_a_source(graph: Graph) -> None:
    bare = [r.path for r in graph.records.values()
            if r.type != "nguon" and not any(ref.targets == ("nguon",)
                                              for ref in r.get("nguon", ()))]
    assert not bare, f"bản ghi không trích nguồn: {bare}"


def test_authors_and_addresses_are_in_the_article(graph: Graph, texts: dict[str, str]) -> None:
    wrong = []
    for record in graph.of_type("nguon"):
        text = texts.get(str(record.values.get("tep")), "")
        claimed = list(record.get("tac_gia", ())) + [record.get("url")]
        wrong += [f"{record.path}: {c}" for c in claimed if c and c not in text]
    assert not wrong, "tác giả, địa chỉ không có trong bài: " + "; ".join(wrong)


def test_figures_are_as_the_article_gives_them(graph: Graph, texts: dict[str, str]) -> None:
    wrong = []
    for record in graph.records.values():
        cited = _cited(record, graph, texts)
        for index, item in enumerate(record.get("so_lieu", ()), start=1):
            where = f"{record.path}: so_lieu[{index}] ({item['chi_tieu']})"
            quoted = item.get("nguyen_van")
            if quoted is not None:
                if not any(quoted in t for t in cited):
                    wrong.append(f"{where}: nguyên văn “{quoted}” không có trong bài")
                continue
            shown = [item["gia_tri"]]
            if "tren" in item:
                pair = f"{format_number(item['gia_tri'])}/{format_number(item['tren'])}"
                if not any(pair in t for t in cited):
                    wrong.append(f"{where}: “{pair}” không có trong bài")
            if "ty_le" in item:
                shown.append(item["ty_le"])
            wrong += [f"{where}: số {format_number(v)} không có trong bài"
                      for v in shown if not any(_number_in(v, t) for t in cited)]
    assert not wrong, "\n".join(wrong)


def test_people_are_named_in_their_article(graph: Graph, texts: dict[str, str]) -> None:
    unnamed = [r.path for r in graph.of_type("nhan-vat")
               if not any(r.title in t for t in _cited(r, graph, texts))]
    assert not unnamed, f"tên người không có trong bài được trích: {unnamed}"


def test_abbreviations_are_used_in_their_article(graph: Graph, texts: dict[str, str]) -> None:
    unused = [r.path for r in graph.of_type("viet-tat")
              if not any(r.values["viet_tat"] in t for t in _cited(r, graph, texts))]
    assert not unused, f"chữ viết tắt không có trong bài được trích: {unused}"


def test_dates_are_backed_by_the_article(graph: Graph, texts: dict[str, str]) -> None:
    wrong = []
    for record in graph.records.values():
        cited = _cited(record, graph, texts)
        for date in (v for v in _walk(dict(record.values)) if isinstance(v, PartialDate)):
            where = f"{record.path}: {date.iso()}"
            if date.inferred is not None and not date.inferred.strip():
                wrong.append(f"{where}: năm suy ra nhưng suy_luan để trống")
            if not any(str(date.year) in t for t in cited):
                wrong.append(f"{where}: năm {date.year} không có trong bài")
            if date.day and date.month:
                day_month = re.compile(rf"(?<!\d)0?{date.day}/0?{date.month}(?!\d)")
                if not any(day_month.search(t) for t in cited):
                    wrong.append(f"{where}: ngày {date.day}/{date.month} không có trong bài")
    assert not wrong, "\n".join(wrong)


def test_inferred_dates_say_how(graph: Graph) -> None:
    """A day and month with no year in the article must carry its reasoning."""
    events = {r.id: r for r in graph.of_type("su-kien")}
    for record_id in ("hoi-nghi-lai-chau-2013-10-09", "hoi-nghi-so-ket-9-thang-2021-than-uyen",
                      "hoi-nghi-giao-ban-dan-van-quy-i-2024-bac-kan"):
        date = events[record_id].values["ngay"]
        assert date.inferred, f"{record_id}: ngày thiếu suy_luan"


def test_places_reach_a_province(graph: Graph) -> None:
    orphans = [r.path for r in graph.of_type("dia-danh")
               if r.values["cap"] != "tinh"
               and not any(graph.records[a].values["cap"] == "tinh"
                           for a in graph.ancestors(r.id))]
    assert not orphans, f"địa danh không nối được tới tỉnh: {orphans}"


def test_no_raw_html_in_text(graph: Graph) -> None:
    found = [f"{r.path}: {s[:60]}" for r in graph.records.values()
             for s in list(_strings(dict(r.values))) + [r.body]
             if _RAW_HTML.search(s)]
    assert not found, f"thẻ HTML trong dữ liệu: {found}"


def test_same_number_documents_stay_apart(graph: Graph) -> None:
    """Two provinces' Đề án 06-ĐA/TU are two records, told apart by issuer and date."""
    plans = [r for r in graph.of_type("van-ban") if r.values.get("so_hieu") == "06-ĐA/TU"]
    issuers = {tuple(ref.target for ref in r.values["co_quan_ban_hanh"]) for r in plans}
    years = {r.values["ngay_ban_hanh"].year for r in plans}
    assert len(plans) == 2 and len(issuers) == 2 and years == {2016, 2023}

