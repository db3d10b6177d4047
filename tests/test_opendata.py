"""Open data: records.json fits its published schema, CSVs parse, the feed is a JSON Feed."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import write_records
from sotay.link import link
from sotay.opendata import FORMAT_VERSION, guard_cell, open_data
from sotay.pipeline import build_graph
from sotay.schema import TYPES, TYPES_BY_NAME

# A small dataset with every shape the format has to carry.
DATASET = {
    "nguon/bai-a.yaml": """\
id: bai-a
tieu_de: Bài viết A
co_quan_xuat_ban: Báo A
url: https://example.org/a
tac_gia: [Lâm Trần, Hà An]
ngay: 2021-10-05
""",
    "van-ban/nghi-quyet-1.yaml": """\
id: nghi-quyet-1
tieu_de: Nghị quyết số 1
so_hieu: 1-NQ/TU
loai: nghi-quyet
ngay_ban_hanh: 2013
nguon: [bai-a]
""",
    "van-ban/ke-hoach-2.md": """\
---
id: ke-hoach-2
tieu_de: Kế hoạch số 2
id_cu: [ke-hoach-cu]
loai: ke-hoach
ngay_ban_hanh: {ngay: 2014-03, suy_luan: Bài viết nói “tháng 3 năm sau”}
can_cu: [nghi-quyet-1]
---
Triển khai [[nghi-quyet-1]]; dòng hai.
""",
    "dia-danh/lai-chau.yaml": "id: lai-chau\ntieu_de: Lai Châu\ncap: tinh\n",
    "mo-hinh/to-dan-van.yaml": """\
id: to-dan-van
tieu_de: Tổ dân vận bản
cap: ban
dia_ban: [lai-chau]
tu_ngay: 2012-10
trien_khai: [ke-hoach-2, nghi-quyet-1]
mo_ta: "=1+1, - không phải công thức"
so_lieu:
  - chi_tieu: Nhiệm vụ hoàn thành
    gia_tri: 108.10
    tren: 100
    don_vi: nhiệm vụ
  - chi_tieu: Tổ
    gia_tri: 4728
nguon: [bai-a]
""",
    "nhan-vat/ong-a.yaml": """\
id: ong-a
tieu_de: Ông A
chuc_vu:
  - chuc_vu: Bí thư
    thoi_diem: 2013-08
""",
}


def write_dataset(root: Path, files: dict[str, str] = DATASET) -> Path:
    return write_records(root / "data", files)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, bytes]:
    graph, problems = build_graph(write_dataset(tmp_path))
    assert graph is not None, problems
    return open_data(graph)


def _json(files: dict[str, bytes], name: str) -> Any:
    return json.loads(files[name].decode("utf-8"))


def _record_validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/record"})


# -- the format, on the small dataset ----------------------------------------------------------

def test_records_json_validates_against_its_schema(files: dict[str, bytes]) -> None:
    schema = _json(files, "data/records.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    records = _json(files, "data/records.json")
    jsonschema.Draft202012Validator(schema).validate(records)
    assert schema["version"] == records["version"] == FORMAT_VERSION
    assert [(r["type"], r["id"]) for r in records["records"]] == sorted(
        (r["type"], r["id"]) for r in records["records"])


def test_values_are_plain_and_exact(files: dict[str, bytes]) -> None:
    records = {r["id"]: r for r in _json(files, "data/records.json")["records"]}
    model = records["to-dan-van"]
    assert model["url"] == "mo-hinh/to-dan-van.html"
    assert model["source_file"] == "data/mo-hinh/to-dan-van.yaml"
    assert model["fields"]["so_lieu"][0] == {
        "chi_tieu": "Nhiệm vụ hoàn thành", "gia_tri": "108.10", "tren": "100",
        "don_vi": "nhiệm vụ"}
    assert model["fields"]["tu_ngay"] == {"iso": "2012-10", "text": "tháng 10/2012",
                                          "inferred": None}
    assert model["fields"]["trien_khai"] == [
        {"id": "ke-hoach-2", "type": "van-ban", "title": "Kế hoạch số 2",
         "url": "van-ban/ke-hoach-2.html"},
        {"id": "nghi-quyet-1", "type": "van-ban", "title": "Nghị quyết số 1",
         "url": "van-ban/nghi-quyet-1.html"},
    ]
    plan = records["ke-hoach-2"]
    assert plan["former_ids"] == ["ke-hoach-cu"]
    assert plan["fields"]["ngay_ban_hanh"] == {
        "iso": "2014-03", "text": "tháng 3/2014", "inferred": "Bài viết nói “tháng 3 năm sau”"}
    assert plan["body"] == "Triển khai [[nghi-quyet-1]]; dòng hai."
    assert [m["id"] for m in plan["mentions"]] == ["nghi-quyet-1"]
    person = records["ong-a"]["fields"]["chuc_vu"]
    assert person == [{"chuc_vu": "Bí thư", "thoi_diem": {"iso": "2013-08", "text": "tháng 8/2013",
                                                         "inferred": None}}]


def test_backlinks_are_grouped_by_relation(files: dict[str, bytes]) -> None:
    resolution = _json(files, "data/records/van-ban/nghi-quyet-1.json")
    groups = {g["relation"]: [r["id"] for r in g["records"]] for g in resolution["backlinks"]}
    assert groups == {
        "Là căn cứ của": ["ke-hoach-2"],
        "Được nhắc đến trong nội dung": ["ke-hoach-2"],
        "Được thực hiện qua mô hình": ["to-dan-van"],
    }


def test_schema_rejects_what_the_format_forbids(files: dict[str, bytes]) -> None:
    schema = _json(files, "data/records.schema.json")
    validator = _record_validator(schema)
    good = _json(files, "data/records/mo-hinh/to-dan-van.json")
    validator.validate(good)

    def broken(change: Any) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(json.dumps(good))
        change(document)
        return document

    cases = [
        lambda d: d["fields"]["so_lieu"][0].update(gia_tri=108.1),  # float drift
        lambda d: d["fields"]["dia_ban"][0].update(type="van-ban"),  # wrong target type
        lambda d: d["fields"].update(cap="lang"),  # not a choice
        lambda d: d["fields"].update(khong_co=1),  # unknown field
        lambda d: d["fields"]["tu_ngay"].update(iso="10/2012"),
        lambda d: d.pop("backlinks"),
    ]
    for case in cases:
        assert not validator.is_valid(broken(case))


def test_one_json_file_per_record_equal_to_its_entry(files: dict[str, bytes]) -> None:
    records = _json(files, "data/records.json")["records"]
    per_record = {name for name in files if name.startswith("data/records/")}
    assert per_record == {f"data/records/{r['type']}/{r['id']}.json" for r in records}
    for record in records:
        assert _json(files, f"data/records/{record['type']}/{record['id']}.json") == record


def test_csv_per_type_has_bom_a_column_per_field_and_joined_lists(files: dict[str, bytes]
                                                                  ) -> None:
    assert {n for n in files if n.startswith("data/csv/")} == {
        f"data/csv/{t.name}.csv" for t in TYPES}
    raw = files["data/csv/mo-hinh.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    header = [f.name for f in TYPES_BY_NAME["mo-hinh"].fields] + ["noi_dung", "trang"]
    assert list(rows[0]) == header
    row = rows[0]
    assert row["trien_khai"] == "ke-hoach-2 | nghi-quyet-1"
    assert row["tu_ngay"] == "2012-10"
    assert row["so_lieu"] == ("chi_tieu: Nhiệm vụ hoàn thành; gia_tri: 108.10; tren: 100; "
                              "don_vi: nhiệm vụ | chi_tieu: Tổ; gia_tri: 4728")
    assert row["mo_ta"] == "'=1+1, - không phải công thức"  # not run as a formula
    assert row["trang"] == "mo-hinh/to-dan-van.html"
    source = next(csv.DictReader(io.StringIO(files["data/csv/nguon.csv"].decode("utf-8-sig"))))
    assert source["tac_gia"] == "Lâm Trần | Hà An"
    assert source["url"] == "https://example.org/a"


# -- CSV injection -------------------------------------------------------------------------------
_FORMULA = tuple("=+-@\t\r")


@pytest.mark.parametrize(("text", "cell"), [
    ("=1+1", "'=1+1"),
    ("+84 912", "'+84 912"),
    ("-", "'-"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r'=1"),
    (" =1", " '=1"),  # some spreadsheets trim leading spaces
    ('"=1', '"\'=1'),
    ("Hà Nội; =1+1", "Hà Nội; '=1+1"),  # a reader splitting on ; starts a cell after it
    ('a;"@x', 'a;"\'@x'),
    ("dòng một\n-2+3", "dòng một\n'-2+3"),  # after a line break too
    ("a\r\n+b", "a\r\n'+b"),
    ("-12", "-12"), ("108.10", "108.10"), ("-0.5", "-0.5"),  # plain numbers keep their sign
    ("-12a", "'-12a"),
    ("a - b, c + d; e", "a - b, c + d; e"),
    ("Kết luận 865-TB/TU", "Kết luận 865-TB/TU"),
    ("", ""),
])
def test_guard_cell(text: str, cell: str) -> None:
    assert guard_cell(text) == cell


_HOSTILE = dict(DATASET)
_HOSTILE["chu-de/cong-thuc.md"] = """\
---
id: cong-thuc
tieu_de: '=HYPERLINK("http://x.example","bấm"), Hà Nội'
mo_ta: 'Lai Châu;=1+1; "@SUM(A1); -2+3'
---
Dòng một; Hà Giang, Lai Châu
-cmd|' /C calc'!A0
+84 912 345 678
"""


def _starts_formula(cell: str) -> bool:
    return cell.lstrip(' "').startswith(_FORMULA) and not re.fullmatch(r"-?\d+(\.\d+)?", cell)


def test_csv_cells_are_all_quoted_and_never_a_formula(tmp_path: Path) -> None:
    graph, problems = build_graph(write_dataset(tmp_path, _HOSTILE))
    assert graph is not None, problems
    text = open_data(graph)["data/csv/chu-de.csv"].decode("utf-8-sig")
    record = graph.records["cong-thuc"]
    # A "," reader (the standard) gets every cell back, its text as typed apart from the guard.
    rows = list(csv.reader(io.StringIO(text)))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["tieu_de"] == "'" + record.title
    assert row["mo_ta"] == "Lai Châu;'=1+1; \"'@SUM(A1); '-2+3"
    assert row["noi_dung"].replace("\n'", "\n") == record.body
    # Every cell is quoted, so a line always opens with a quote.
    assert all(line.startswith('"') for line in text.split("\r\n") if line)
    assert text.count('"') >= 2 * sum(len(r) for r in rows)
    # Whatever separator a reader takes, no cell it sees is a formula.
    for delimiter in (",", ";"):
        for cells in csv.reader(io.StringIO(text), delimiter=delimiter):
            assert not any(_starts_formula(c) for c in cells), (delimiter, cells)
    for line in re.split(r"[\r\n]+", text):  # a reader that ignores quotes altogether
        assert not any(_starts_formula(c) for c in re.split(r"[;,]", line)), line


def test_feed_lists_dated_records_newest_first(files: dict[str, bytes]) -> None:
    feed = _json(files, "feed.json")
    _assert_json_feed(feed)
    assert [item["id"] for item in feed["items"]] == [
        "nguon/bai-a", "van-ban/ke-hoach-2", "van-ban/nghi-quyet-1", "mo-hinh/to-dan-van"]
    first = feed["items"][0]
    assert first["date_published"] == "2021-10-05T00:00:00+07:00"
    # A year or a month alone is never turned into a made-up day.
    assert "date_published" not in feed["items"][1]
    assert feed["items"][1]["_sotay"]["date"] == "2014-03"
    assert "home_page_url" not in feed


def test_feed_uses_the_site_address_when_there_is_one(tmp_path: Path) -> None:
    graph, _ = build_graph(write_dataset(tmp_path))
    assert graph is not None
    files = open_data(graph, "https://sotay.example.vn/")
    feed = _json(files, "feed.json")
    assert feed["feed_url"] == "https://sotay.example.vn/feed.json"
    assert feed["items"][0]["url"] == "https://sotay.example.vn/nguon/bai-a.html"
    assert _json(files, "data/records.json")["base_url"] == "https://sotay.example.vn"


_LINKED = dict(DATASET)
_LINKED["van-ban/ke-hoach-4.yaml"] = """\
id: ke-hoach-4
tieu_de: 'Kế hoạch "A & B" <i>số 4</i>'
loai: ke-hoach
"""
_LINKED["van-ban/ke-hoach-3.yaml"] = """\
id: ke-hoach-3
tieu_de: Kế hoạch số 3
loai: ke-hoach
ngay_ban_hanh: 2022-01-02
mo_ta: |-
  Thực hiện [[nghi-quyet-1]] và [[ke-hoach-2|kế hoạch kèm theo]]; xem
  [[ke-hoach-4#mo-ta]], **đậm** & <b>thẻ</b>.

  - mục một
  - mục hai
"""


def test_feed_shows_text_never_link_markup(tmp_path: Path) -> None:
    graph, problems = build_graph(write_dataset(tmp_path, _LINKED))
    assert graph is not None, problems
    feed = _json(open_data(graph), "feed.json")
    item = feed["items"][0]
    assert item["id"] == "van-ban/ke-hoach-3"
    assert item["title"] == "Kế hoạch số 3"
    assert item["content_text"] == (
        "Văn bản · 2/1/2022\n\n"
        "Thực hiện Nghị quyết số 1 và kế hoạch kèm theo; xem "
        'Kế hoạch "A & B" <i>số 4</i>, đậm & <b>thẻ</b>.\n\n'
        "• mục một\n\n• mục hai")
    for entry in feed["items"]:
        assert "[[" not in entry["content_text"] and "]]" not in entry["content_text"]


def test_output_does_not_depend_on_the_order_records_were_read(tmp_path: Path) -> None:
    graph, _ = build_graph(write_dataset(tmp_path))
    assert graph is not None
    reversed_graph, problems = link(list(reversed(list(graph.records.values()))))
    assert not problems
    assert open_data(graph) == open_data(reversed_graph)


def _assert_json_feed(feed: dict[str, Any]) -> None:
    """The JSON Feed 1.1 required shape, and RFC 3339 dates where present."""
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    assert isinstance(feed["items"], list)
    ids = [item["id"] for item in feed["items"]]
    assert len(ids) == len(set(ids))
    for item in feed["items"]:
        assert isinstance(item["id"], str)
        assert isinstance(item.get("content_text") or item.get("content_html"), str)
        if "date_published" in item:
            datetime.datetime.fromisoformat(item["date_published"])
        for key in item:
            assert key in {"id", "url", "external_url", "title", "content_html", "content_text",
                           "summary", "image", "banner_image", "date_published",
                           "date_modified", "authors", "tags", "language", "attachments"} \
                or key.startswith("_"), key


# -- the real site -----------------------------------------------------------------------------

@pytest.mark.slow
def test_built_site_open_data(built_site: Path) -> None:
    data = built_site / "data"
    schema = json.loads((data / "records.schema.json").read_text(encoding="utf-8"))
    records = json.loads((data / "records.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(records)
    assert records["records"], "records.json không có bản ghi nào"
    validator = _record_validator(schema)
    for record in records["records"]:
        path = data / "records" / record["type"] / f"{record['id']}.json"
        assert path.is_file(), path
        document = json.loads(path.read_text(encoding="utf-8"))
        validator.validate(document)
        assert document == record
        assert (built_site / record["url"]).is_file(), record["url"]
    for record_type in TYPES:
        text = (data / "csv" / f"{record_type.name}.csv").read_bytes().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        width = len(record_type.fields) + 2
        assert all(len(row) == width for row in rows), record_type.name
        ids = sorted(row[0] for row in rows[1:])
        assert ids == sorted(r["id"] for r in records["records"] if r["type"] == record_type.name)
    feed = json.loads((built_site / "feed.json").read_text(encoding="utf-8"))
    _assert_json_feed(feed)
    assert 0 < len(feed["items"]) <= 50


def _package_dir(tmp_path: Path, published: dict[str, bytes]) -> Path:
    """The open data as the site serves it, written to disk for frictionless."""
    for name, content in published.items():
        target = tmp_path / "site" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return tmp_path / "site" / "data"


def _frictionless_errors(package: Path) -> list[str]:
    import frictionless  # slow to import: only the tests that validate a package pay for it

    report = frictionless.validate(str(package / "datapackage.json"))
    assert len(report.tasks) == len(TYPES)  # every table was read
    return [f"{task.name}: {error.type}: {error.message}"
            for task in report.tasks for error in task.errors] + [
        f"{error.type}: {error.message}" for error in report.errors]


@pytest.mark.parametrize("dataset", ["real", "test"])
def test_datapackage_validates_with_frictionless(tmp_path: Path, files: dict[str, bytes],
                                                 dataset: str) -> None:
    if dataset == "real":
        graph, problems = build_graph(Path(__file__).resolve().parent.parent / "data")
        assert graph is not None, problems
        files = open_data(graph)
    assert _frictionless_errors(_package_dir(tmp_path, files)) == []


def test_datapackage_describes_every_csv_column(files: dict[str, bytes]) -> None:
    package = _json(files, "data/datapackage.json")
    resources = {r["name"]: r for r in package["resources"]}
    assert sorted(resources) == sorted(t.name for t in TYPES)
    for record_type in TYPES:
        resource = resources[record_type.name]
        header = next(csv.reader(io.StringIO(
            files[f"data/{resource['path']}"].decode("utf-8-sig"))))
        columns = resource["schema"]["fields"]
        assert [c["name"] for c in columns] == header
        for column in columns:
            assert column["type"] != "any" and re.search(r"[^\x00-\x7f]", column["title"] +
                                                         column["description"]), column
        assert resource["schema"]["primaryKey"] == ["id"]
    keys = {(name, fk["fields"], fk["reference"]["resource"])
            for name, r in resources.items() for fk in r["schema"].get("foreignKeys", [])}
    assert {("to-chuc", "truc_thuoc", "to-chuc"), ("dia-danh", "thuoc", "dia-danh"),
            ("to-chuc", "dia_ban", "dia-danh")} == keys
    id_cu = next(c for c in resources["van-ban"]["schema"]["fields"] if c["name"] == "id_cu")
    assert id_cu["type"] == "string" and id_cu["title"] == "Mã cũ"


def test_frictionless_finds_a_broken_table(tmp_path: Path, files: dict[str, bytes]) -> None:
    """The check can fail: a duplicate id and a dangling parent are both reported."""
    table = files["data/csv/dia-danh.csv"].decode("utf-8-sig").split("\r\n")
    assert len(table) > 2, "the test dataset needs a place"
    broken = [table[0], table[1], table[1]] + table[2:]
    parent = table[0].split(",").index('"thuoc"')
    cells = next(csv.reader([table[1]]))
    cells[parent] = "khong-co-noi-nay"
    broken.append(",".join(f'"{c}"' for c in [cells[0] + "-x", *cells[1:]]))
    files = {**files, "data/csv/dia-danh.csv": "\r\n".join(broken).encode("utf-8-sig")}
    errors = _frictionless_errors(_package_dir(tmp_path, files))
    assert any("primary-key" in e for e in errors), errors
    assert any("foreign-key" in e for e in errors), errors
