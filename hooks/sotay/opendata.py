"""Open data: the linked graph as JSON, CSV, a JSON Schema of the format and a JSON Feed.

Every file is byte-deterministic: records in a fixed order, keys sorted, fixed separators,
no build timestamps. Numbers the editors typed stay strings (``"108.10"``), so no float
ever changes them; integers are JSON integers.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from typing import Any

import markdown

from . import schema
from .inert import escape_markdown
from .link import Graph
from .model import PartialDate, Record
from .resolve import expand, page_href
from .schema import TYPES, TYPES_BY_NAME, Field, RecordType
from .shortlinks import page_path

FORMAT_VERSION = "1.0.0"
HANDBOOK = "Sổ tay Dân vận"
ROOT = "data"
RECORDS_JSON = f"{ROOT}/records.json"
SCHEMA_JSON = f"{ROOT}/records.schema.json"
FEED_JSON = "feed.json"
DATAPACKAGE_JSON = f"{ROOT}/datapackage.json"
FEED_SIZE = 50
# CSV injection (OWASP): a spreadsheet reads a cell starting with one of these as a formula.
# Every cell is quoted, and an apostrophe goes before such a character wherever a reader may
# start a cell: the cell's start, and — for a reader that splits on ";" or loses the quotes —
# after every ";" and line break (spaces and double quotes skipped). Plain numbers keep their
# sign. The JSON files always keep the exact text.
_FORMULA_AT = re.compile(r"(?:^|(?<=[;\n\r]))([ \"]*)(?=[=+\-@\t\r])")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_NUMBER_PATTERN = r"^-?\d+(\.\d+)?$"
_VN_OFFSET = "+07:00"
_SPLICE = "\x00records\x00"  # JSON-escaped as \u0000, so no type label or help text can match


def open_data(graph: Graph, base_url: str = "") -> dict[str, bytes]:
    """Every open-data file of the site, by its path under the site root."""
    base = base_url.rstrip("/")
    records = sorted(graph.records.values(), key=lambda r: (r.type, r.id))
    files = {SCHEMA_JSON: _json(json_schema()), FEED_JSON: _json(feed(graph, base))}
    encoded = []
    for record in records:
        text = _json(record_document(graph, record), indent=None)
        files[f"{ROOT}/records/{record.type}/{record.id}.json"] = text
        encoded.append(text.rstrip(b"\n"))
    # Each record is encoded once and spliced into records.json: the same bytes, half the work.
    head = _json({
        "version": FORMAT_VERSION, "handbook": HANDBOOK, "base_url": base,
        "schema": "records.schema.json", "types": [_type_document(t) for t in TYPES],
        "records": _SPLICE,
    }, indent=None)
    placeholder = json.dumps(_SPLICE).encode("utf-8")
    assert head.count(placeholder) == 1
    files[RECORDS_JSON] = head.replace(placeholder, b"[" + b",".join(encoded) + b"]")
    for record_type in TYPES:
        files[f"{ROOT}/csv/{record_type.name}.csv"] = csv_table(graph, record_type)
    files[DATAPACKAGE_JSON] = _json(datapackage())
    return dict(sorted(files.items()))


def page_url(record: Record) -> str:
    """A record's page, relative to the site root: ``van-ban/nghi-quyet-25.html``."""
    return page_path(record.type, record.id).removesuffix(".md") + ".html"


def record_document(graph: Graph, record: Record) -> dict[str, Any]:
    """One record as plain JSON values, its references and backlinks resolved."""
    record_type = TYPES_BY_NAME[record.type]
    fields = {
        spec.name: _value(graph, spec, record.values[spec.name])
        for spec in record_type.fields if spec.name in record.values
    }
    mentioned: list[str] = []
    for ref in record.mentions:
        if ref.target not in mentioned and graph.get(ref.target) is not None:
            mentioned.append(ref.target)
    return {
        "type": record.type,
        "id": record.id,
        "title": record.title,
        "url": page_url(record),
        "source_file": record.path,
        "former_ids": list(record.get("id_cu", ())),
        "fields": fields,
        "body": record.body,
        "mentions": [_ref_document(graph.records[i]) for i in mentioned],
        "backlinks": [
            {"relation": relation, "records": [_ref_document(r) for r in sources]}
            for relation, sources in graph.grouped_backlinks(record.id)
        ],
    }


def _ref_document(record: Record) -> dict[str, str]:
    return {"id": record.id, "type": record.type, "title": record.title, "url": page_url(record)}


def _value(graph: Graph, spec: Field, value: Any) -> Any:
    if spec.many:
        return [_one(graph, spec, item) for item in value]
    return _one(graph, spec, value)


def _one(graph: Graph, spec: Field, value: Any) -> Any:
    kind = spec.kind
    if kind == schema.REF:
        target = graph.get(value.target)
        # The linker fails the build on a dangling reference; keep the id if ever called alone.
        if target is None:
            return {"id": value.target, "type": "", "title": "", "url": ""}
        return _ref_document(target)
    if kind == schema.DATE:
        return {"iso": value.iso(), "text": value.vietnamese(), "inferred": value.inferred}
    if kind == schema.NUMBER:
        return str(value)
    if kind == schema.GROUP:
        subs = {sub.name: sub for sub in spec.fields}
        return {name: _value(graph, subs[name], item) for name, item in value.items()}
    return value


def _type_document(record_type: RecordType) -> dict[str, Any]:
    return {"name": record_type.name, "label": record_type.label, "plural": record_type.plural,
            "fields": [_field_document(f) for f in record_type.fields]}


def _field_document(spec: Field) -> dict[str, Any]:
    document: dict[str, Any] = {"name": spec.name, "kind": spec.kind, "label": spec.label,
                                "help": spec.help, "required": spec.required, "many": spec.many}
    if spec.targets:
        document["targets"] = list(spec.targets)
    if spec.choices:
        document["choices"] = [{"value": v, "label": label} for v, label in spec.choices]
    if spec.fields:
        document["fields"] = [_field_document(f) for f in spec.fields]
    return document


# -- CSV ---------------------------------------------------------------------------------------

def csv_table(graph: Graph, record_type: RecordType) -> bytes:
    """One type's records as CSV for spreadsheets: UTF-8 with BOM, a column per field."""
    out = io.StringIO()
    # Every cell quoted: a reader splitting on ";" (a Vietnamese-locale spreadsheet) then sees
    # no cell boundary in a cell's commas, and a ";" in the text lands before a guarded start.
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([f.name for f in record_type.fields] + ["noi_dung", "trang"])
    for record in sorted(graph.of_type(record_type.name), key=lambda r: r.id):
        row = [_cell(spec, record.values[spec.name]) if spec.name in record.values else ""
               for spec in record_type.fields]
        row += [record.body, page_url(record)]
        writer.writerow([guard_cell(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def _cell(spec: Field, value: Any) -> str:
    if spec.many:
        return " | ".join(_cell_one(spec, item) for item in value)
    return _cell_one(spec, value)


def _cell_one(spec: Field, value: Any) -> str:
    kind = spec.kind
    if kind == schema.REF:
        return str(value.target)
    if kind == schema.DATE:
        return str(value.iso())
    if kind == schema.BOOL:
        return "true" if value else "false"
    if kind in (schema.INT, schema.NUMBER):
        return str(value)
    if kind == schema.GROUP:
        subs = {sub.name: sub for sub in spec.fields}
        return "; ".join(f"{name}: {_cell(subs[name], item)}" for name, item in value.items())
    return str(value)


def guard_cell(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet reads as a formula, whatever its separator.

    An apostrophe is put before ``=``, ``+``, ``-``, ``@``, tab or CR wherever a cell may
    start: at the beginning, or after ``;`` or a line break (spaces and ``"`` skipped). A plain
    number (``-12``, ``108.10``) is left as is.
    """
    if _PLAIN_NUMBER.fullmatch(text):
        return text
    return _FORMULA_AT.sub(r"\1'", text)


# -- data package ----------------------------------------------------------------------------

_LIST_SEPARATOR = " | "
_DATE_CELL = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def datapackage() -> dict[str, Any]:
    """The Frictionless Data Package of the CSV files: every column's type, Vietnamese title
    and meaning; ``id`` as each table's primary key; a foreign key for each single reference.

    A list column (several ids joined by " | ") cannot be a foreign key in a Table Schema, so
    its description names the table its ids belong to; records.json keeps the links as data.
    """
    return {
        "profile": "tabular-data-package",
        "name": "so-tay-dan-van",
        "title": HANDBOOK,
        "description": "Các bản ghi của sổ tay ở dạng bảng CSV, mỗi loại bản ghi một bảng. "
                       "Toàn bộ liên kết giữa các bản ghi có trong records.json.",
        "version": FORMAT_VERSION,
        "resources": [_resource(t) for t in TYPES],
    }


def _resource(record_type: RecordType) -> dict[str, Any]:
    fields = [_column(spec) for spec in record_type.fields]
    fields += [
        {"name": "noi_dung", "type": "string", "title": "Nội dung",
         "description": "Phần nội dung Markdown của bản ghi viết dạng .md (nếu có)."},
        {"name": "trang", "type": "string", "title": "Trang",
         "description": "Đường dẫn trang của bản ghi, tính từ gốc trang web."},
    ]
    foreign = [{"fields": spec.name, "reference": {"resource": spec.targets[0], "fields": "id"}}
               for spec in record_type.fields
               if spec.kind == schema.REF and not spec.many and len(spec.targets) == 1]
    table: dict[str, Any] = {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}
    if foreign:
        table["foreignKeys"] = foreign
    return {
        "profile": "tabular-data-resource",
        "name": record_type.name,
        "path": f"csv/{record_type.name}.csv",
        "title": record_type.plural,
        "description": record_type.help,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True,
                    "lineTerminator": "\r\n", "header": True},
        "schema": table,
    }


def _column(spec: Field) -> dict[str, Any]:
    column: dict[str, Any] = {"name": spec.name, "title": spec.label, "description": spec.help}
    constraints: dict[str, Any] = {}
    if spec.required:
        constraints["required"] = True
    if spec.many:
        what = (f"mã (id) trong bảng {' hoặc '.join(spec.targets)}" if spec.kind == schema.REF
                else "giá trị")
        column["description"] += f" Nhiều {what}, cách nhau bởi \"{_LIST_SEPARATOR.strip()}\"."
        column["type"] = "string"
    elif spec.kind == schema.NUMBER:
        column["type"] = "number"
    elif spec.kind == schema.INT:
        column["type"] = "integer"
    elif spec.kind == schema.BOOL:
        column.update(type="boolean", trueValues=["true"], falseValues=["false"])
    elif spec.kind == schema.DATE:
        column["type"] = "string"
        column["description"] += " Ngày dạng 2013-08-13, 2013-08 hoặc 2013."
        constraints["pattern"] = _DATE_CELL
    elif spec.kind == schema.CHOICE:
        column["type"] = "string"
        constraints["enum"] = [value for value, _ in spec.choices]
    elif spec.kind == schema.URL:
        column.update(type="string", format="uri")
    elif spec.kind == schema.REF:
        column["type"] = "string"
        column["description"] += f" Mã (id) trong bảng {' hoặc '.join(spec.targets)}."
    else:
        column["type"] = "string"
    if spec.name == "id":
        constraints["unique"] = True
    if constraints:
        column["constraints"] = constraints
    return column


# -- feed --------------------------------------------------------------------------------------

def feed(graph: Graph, base_url: str = "") -> dict[str, Any]:
    """A JSON Feed 1.1 of the newest dated records (by each type's date field)."""
    dated = []
    for record in sorted(graph.records.values(), key=lambda r: (r.type, r.id)):
        year_field = TYPES_BY_NAME[record.type].year_field
        if year_field and year_field in record.values:
            dated.append((record.values[year_field], record))
    dated.sort(key=lambda pair: (pair[0].year, pair[0].month or 0, pair[0].day or 0),
               reverse=True)
    prefix = base_url + "/" if base_url else ""
    document: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{HANDBOOK} — bản ghi mới",
        "description": "Các văn bản, mô hình, điển hình, sự kiện và nguồn mới nhất "
                       "theo thời điểm ghi trong bản ghi.",
        "language": "vi",
        "items": [_feed_item(graph, record, date, prefix) for date, record in dated[:FEED_SIZE]],
    }
    if base_url:
        document["home_page_url"] = prefix + "index.html"
        document["feed_url"] = prefix + FEED_JSON
    return document


def _feed_item(graph: Graph, record: Record, date: PartialDate, prefix: str) -> dict[str, Any]:
    record_type = TYPES_BY_NAME[record.type]
    text = f"{record_type.label} · {date.vietnamese()}"
    if "mo_ta" in record.values:
        text += "\n\n" + feed_text(graph, record, record.values["mo_ta"])
    item: dict[str, Any] = {
        "id": f"{record.type}/{record.id}",
        "url": prefix + page_url(record),
        "title": record.title,
        "content_text": text,
        "tags": [record_type.label],
        "_sotay": {"type": record.type, "id": record.id, "date": date.iso()},
    }
    # RFC 3339 needs a full date; a year or a month alone is not invented into one.
    if date.month and date.day:
        item["date_published"] = f"{date.iso()}T00:00:00{_VN_OFFSET}"
    return item


def feed_text(graph: Graph, record: Record, text: str) -> str:
    """A Markdown field of ``record`` as the plain text a feed reader shows.

    ``[[id]]`` becomes the linked record's title (``[[id|text]]`` its text), through the same
    resolver as the pages; Markdown is rendered, raw HTML shown as typed, and the text read
    back with one blank line between paragraphs.
    """
    href = page_href(page_path(record.type, record.id))
    expanded, _unknown = expand(escape_markdown(text), graph, href)
    parser = _PlainText()
    parser.feed(markdown.markdown(expanded))
    parser.close()
    return parser.text()


class _PlainText(HTMLParser):
    """Text of rendered Markdown: one paragraph per block, list items marked with a bullet."""

    _BLOCKS = frozenset({"p", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4",
                         "h5", "h6", "table", "tr", "hr", "br", "div"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCKS:
            self._flush()
        if tag == "li":
            self.parts.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def _flush(self) -> None:
        line = " ".join("".join(self.parts).split())
        if line and line != "•":
            self.blocks.append(line)
        self.parts = []

    def text(self) -> str:
        self._flush()
        return "\n\n".join(self.blocks)


# -- JSON Schema -------------------------------------------------------------------------------

def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of ``records.json``; ``#/$defs/record`` fits one record file."""
    defs: dict[str, Any] = {
        "ref": {
            "type": "object", "additionalProperties": False,
            "required": ["id", "type", "title", "url"],
            "properties": {"id": {"type": "string"}, "type": {"enum": [t.name for t in TYPES]},
                           "title": {"type": "string"}, "url": {"type": "string"}},
        },
        "date": {
            "type": "object", "additionalProperties": False,
            "required": ["iso", "text", "inferred"],
            "properties": {
                "iso": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                "text": {"type": "string"},
                "inferred": {"type": ["string", "null"]},
            },
        },
        "number": {"type": "string", "pattern": _NUMBER_PATTERN,
                   "description": "Số đúng như biên tập viên gõ, dấu chấm ngăn phần thập phân."},
        "type": {
            "type": "object", "required": ["name", "label", "plural", "fields"],
            "properties": {"name": {"type": "string"}, "label": {"type": "string"},
                           "plural": {"type": "string"}, "fields": {"type": "array"}},
        },
        "record": _record_schema(),
    }
    for record_type in TYPES:
        defs[f"fields-{record_type.name}"] = _fields_schema(record_type.fields)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{HANDBOOK}: dữ liệu mở",
        "description": "Định dạng của data/records.json; mỗi tệp data/records/<loại>/<mã>.json "
                       "theo #/$defs/record.",
        "version": FORMAT_VERSION,
        "type": "object", "additionalProperties": False,
        "required": ["version", "handbook", "base_url", "schema", "types", "records"],
        "properties": {
            "version": {"const": FORMAT_VERSION},
            "handbook": {"type": "string"},
            "base_url": {"type": "string"},
            "schema": {"type": "string"},
            "types": {"type": "array", "items": {"$ref": "#/$defs/type"}},
            "records": {"type": "array", "items": {"$ref": "#/$defs/record"}},
        },
        "$defs": defs,
    }


def _record_schema() -> dict[str, Any]:
    slug = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}
    refs = {"type": "array", "items": {"$ref": "#/$defs/ref"}}
    return {
        "type": "object", "additionalProperties": False,
        "required": ["type", "id", "title", "url", "source_file", "former_ids", "fields", "body",
                     "mentions", "backlinks"],
        "properties": {
            "type": {"enum": [t.name for t in TYPES]},
            "id": slug,
            "title": {"type": "string", "minLength": 1},
            "url": {"type": "string", "pattern": r"^[a-z-]+/[a-z0-9-]+\.html$"},
            "source_file": {"type": "string"},
            "former_ids": {"type": "array", "items": slug},
            "fields": {"type": "object"},
            "body": {"type": "string"},
            "mentions": refs,
            "backlinks": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": ["relation", "records"],
                "properties": {"relation": {"type": "string"}, "records": refs},
            }},
        },
        "allOf": [
            {"if": {"properties": {"type": {"const": t.name}}},
             "then": {"properties": {"fields": {"$ref": f"#/$defs/fields-{t.name}"}}}}
            for t in TYPES
        ],
    }


def _fields_schema(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "type": "object", "additionalProperties": False,
        "required": [f.name for f in fields if f.required],
        "properties": {f.name: _field_schema(f) for f in fields},
    }


def _field_schema(spec: Field) -> dict[str, Any]:
    one = _kind_schema(spec)
    one["description"] = spec.label
    if spec.many:
        return {"type": "array", "items": one, "description": spec.label}
    return one


def _kind_schema(spec: Field) -> dict[str, Any]:
    kind = spec.kind
    if kind == schema.REF:
        return {"allOf": [{"$ref": "#/$defs/ref"},
                          {"properties": {"type": {"enum": list(spec.targets)}}}]}
    if kind == schema.DATE:
        return {"$ref": "#/$defs/date"}
    if kind == schema.NUMBER:
        return {"$ref": "#/$defs/number"}
    if kind == schema.INT:
        return {"type": "integer"}
    if kind == schema.BOOL:
        return {"type": "boolean"}
    if kind == schema.CHOICE:
        return {"enum": [value for value, _ in spec.choices]}
    if kind == schema.SLUG:
        return {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}
    if kind == schema.URL:
        return {"type": "string", "pattern": r"^https?://"}
    if kind == schema.GROUP:
        return _fields_schema(spec.fields)
    return {"type": "string"}


def _json(document: Any, indent: int | None = 2) -> bytes:
    separators = (",", ": ") if indent else (",", ":")
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, indent=indent,
                      separators=separators)
    return (text + "\n").encode("utf-8")
