"""Stage 2: turn YAML nodes into typed records, collecting every problem on the way."""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import difflib
import re
from decimal import Decimal
from typing import Any

import yaml

from . import limits, schema
from .load import no_cycle_gc
from .model import PartialDate, Problem, Record, Ref
from .safe_markdown import is_safe_url
from .schema import Field
from .shortlinks import find_mentions
from .vi import format_number, nfc, slugify

# Patterns written so that Python's ``re`` and JSON Schema's ECMA-262 read them alike: the
# editors' JSON Schemas (editor_schema.py) reuse these exact strings.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ISO_DATE_PATTERN = r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$"
VN_DATE_PATTERN = r"^(?:(\d{1,2})/)?(\d{1,2})/(\d{4})$"
URL_PATTERN = '^https?://[^\\s<>"\']+$'
SLUG_RE = re.compile(SLUG_PATTERN)
_ISO_DATE = re.compile(ISO_DATE_PATTERN)
_VN_DATE = re.compile(VN_DATE_PATTERN)
_INT = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
# One dot then exactly three digits: "1.981" is 1981 the Vietnamese way, 1,981 the YAML way.
_THOUSANDS = re.compile(r"^-?\d{1,3}\.\d{3}$")
_MANY_DOTS = re.compile(r"^-?\d{1,3}(?:\.\d{3})+$")
DECIMAL_FLAG = "thap_phan"
_URL = re.compile(URL_PATTERN)
# A Markdown link or image target ``](url)``, or an autolink ``<scheme:…>``.
_MD_LINK = re.compile(
    r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>"
    r"|^ {0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.MULTILINE)
_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_NULL_TEXTS = {"", "~", "null", "Null", "NULL"}
KIND_NAMES = {
    schema.TEXT: "một đoạn chữ", schema.MARKDOWN: "một đoạn chữ (Markdown)",
    schema.DATE: "một ngày dạng 2013-08-13, 2013-08 hoặc 2013",
    schema.INT: "một số nguyên", schema.NUMBER: "một số (dấu chấm ngăn phần thập phân: 108.1)",
    schema.BOOL: "true hoặc false", schema.URL: "một địa chỉ bắt đầu bằng http:// hoặc https://",
    schema.REF: "mã (id) của một bản ghi", schema.CHOICE: "một giá trị trong danh sách",
    schema.SLUG: "mã chữ thường không dấu, nối bằng gạch ngang", schema.GROUP: "một bảng trường",
}


def validate_sources(sources: list[Any]) -> tuple[list[Record], list[Problem]]:
    """Convert every source to a record; check ids are unique across the whole set.

    A file with problems still yields a record (with the values that could be read) when its
    id is usable, so the link stage checks its references and the records pointing at it
    are not told that it does not exist. With any problem the pipeline returns no graph.
    """
    records: list[Record] = []
    problems: list[Problem] = []
    with no_cycle_gc():
        for source in sources:
            record, found = convert(source)
            problems.extend(found)
            if record is not None:
                records.append(record)
    problems.extend(unique_id_problems(records))
    return records, problems


def convert(source: Any) -> tuple[Record | None, list[Problem]]:
    """Convert one source's root node to a record using its type's schema."""
    record_type = schema.TYPES_BY_NAME[source.type_name]
    reader = _Reader(source.path, source.line_offset)
    values, lines = reader.mapping(source.root, record_type.fields, "", record_type.label)
    if "id" not in values:
        return None, reader.problems
    for spec in record_type.fields:
        if spec.kind == schema.MARKDOWN and spec.name in values:
            reader.links(values[spec.name], spec.name, reader.text_lines[spec.name])
    body_line = source.root.end_mark.line + source.line_offset + 2
    for message in (limits.character_problem(source.body, multiline=True),
                    limits.markdown_problem(source.body)):
        if message is not None:
            reader.problems.append(Problem(source.path, body_line, "nội dung", message))
    reader.problems += _file_problems(source, record_type, values, lines)
    reader.links(source.body, "nội dung", body_line)
    mentions = [
        ref for spec in record_type.fields if spec.kind == schema.MARKDOWN and spec.name in values
        for ref in find_mentions(values[spec.name], spec.name, reader.text_lines[spec.name])
    ]
    mentions += find_mentions(source.body, "nội dung", body_line)
    return Record(
        type=record_type.name, id=values["id"], title=values.get("tieu_de", values["id"]),
        path=source.path, values=values, lines=lines, body=nfc(source.body),
        mentions=tuple(mentions),
    ), reader.problems


def _file_problems(source: Any, record_type: schema.RecordType, values: dict[str, Any],
                   lines: dict[str, int]) -> list[Problem]:
    """What the file as a whole gets wrong: its name, its folder, a missing source."""
    problems = []
    stem = source.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if values["id"] != stem:
        problems.append(Problem(source.path, lines.get("id"), "id",
                                f"tên tệp '{stem}' khác mã '{values['id']}'; hãy đặt tên tệp là "
                                f"'{values['id']}{source.path[source.path.rfind('.'):]}' "
                                "(địa chỉ trang theo mã, tên tệp giúp tìm bản ghi)"))
    if "nguon" in lines and record_type.field("nguon") is not None and not values.get("nguon"):
        problems.append(Problem(source.path, lines["nguon"], "nguon",
                                "thiếu nguồn: mọi điều bản ghi nêu phải lấy từ bài viết; ghi "
                                "mã bản ghi nguồn, ví dụ nguon: [bai-ha-giang-de-an-06]"))
    unknown = [key for key in lines if record_type.field(key) is None]
    if unknown:
        fits = [t.name for t in schema.TYPES if t.name != record_type.name
                and all(t.field(key) is not None for key in lines)]
        if fits:
            problems.append(Problem(source.path, None, None,
                                    f"các trường {', '.join(unknown)} không thuộc loại "
                                    f"'{record_type.label}' nhưng đều có ở loại "
                                    f"'{schema.TYPES_BY_NAME[fits[0]].label}': có lẽ tệp cần "
                                    f"chuyển sang thư mục data/{fits[0]}/"))
    return problems


def unique_id_problems(records: list[Record]) -> list[Problem]:
    """Every file claiming an id (as ``id`` or ``id_cu``) that another file claims too."""
    claims: dict[str, list[tuple[Record, str]]] = {}
    for record in records:
        claimed = [("id", record.id)] + [("id_cu", old) for old in record.get("id_cu", ())]
        for name, value in dict.fromkeys(claimed):
            claims.setdefault(value, []).append((record, name))
    problems: list[Problem] = []
    for value, holders in claims.items():
        if len({id(record) for record, _ in holders}) < 2:
            continue
        for record, name in holders:
            others = ", ".join(f"{o.path}:{o.lines.get(n)}" for o, n in holders if o is not record)
            problems.append(Problem(
                record.path, record.lines.get(name), name,
                f"mã '{value}' trùng với {others}; mỗi mã (kể cả mã cũ) chỉ thuộc một bản ghi"))
    return problems


class _Reader:
    """Walks the nodes of one file, converting values and noting problems."""

    def __init__(self, path: str, offset: int) -> None:
        self.path = path
        self.offset = offset
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        # First line of each top-level text value (a block scalar starts below its key).
        self.text_lines: dict[str, int] = {}

    def _line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def _fail(self, node: yaml.Node, where: str, message: str) -> None:
        self.problems.append(Problem(self.path, self._line(node), where or None, message))

    def _enter(self, node: yaml.Node, where: str) -> bool:
        if id(node) in self._seen:
            self._fail(node, where, "không dùng neo và bí danh YAML (&, *); hãy viết giá trị ra")
            return False
        self._seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self._fail(node, where, f"thẻ YAML '{tag}' không được phép (dữ liệu không được tạo "
                       "đối tượng); chỉ dùng chữ, số, danh sách và bảng trường")
            return False
        return True

    def mapping(self, node: yaml.MappingNode, fields: tuple[Field, ...], prefix: str,
                owner: str) -> tuple[dict[str, Any], dict[str, int]]:
        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        specs = {f.name: f for f in fields}
        ambiguous: list[tuple[yaml.Node, str, str]] = []
        for key_node, value_node in node.value:
            if not self._enter(key_node, prefix.rstrip(".")):
                continue
            key = str(key_node.value)
            where = prefix + key
            if key in lines:
                self._fail(key_node, where, f"trường bị khai báo hai lần (lần đầu ở dòng {lines[key]})")
                continue
            lines[key] = self._line(key_node)
            spec = specs.get(key)
            if spec is None:
                self._fail(key_node, where, f"trường không có trong loại '{owner}'"
                           + _hint(key, specs))
                continue
            value = self.field(value_node, spec, where)
            if (spec.kind == schema.NUMBER and not spec.decimal and value is not None
                    and isinstance(value_node, yaml.ScalarNode)
                    and _THOUSANDS.match(str(value_node.value).strip())):
                ambiguous.append((value_node, where, key))
            if isinstance(value_node, yaml.ScalarNode):
                block = value_node.style in ("|", ">")
                self.text_lines[where] = self._line(value_node) + (1 if block else 0)
            if value is not None:
                values[key] = value
        if values.get(DECIMAL_FLAG) is not True:
            for value_node, where, key in ambiguous:
                self._fail(value_node, where, _two_readings(str(value_node.value).strip()))
                values.pop(key, None)
        for spec in fields:
            if spec.required and spec.name not in lines:
                expected = f"cần {_expected(spec)}"
                self._fail(node, prefix + spec.name,
                           f"thiếu trường bắt buộc '{spec.name}' ({spec.label}); {expected}")
        return values, lines

    def field(self, node: yaml.Node, spec: Field, where: str) -> Any:
        if not self._enter(node, where):
            return None
        if _is_null(node):
            if spec.required:
                self._fail(node, where, f"trường bắt buộc đang để trống: {spec.help}")
            return None
        if not spec.many:
            return self.single(node, spec, where)
        if not isinstance(node, yaml.SequenceNode):
            self._fail(node, where, f"cần một danh sách (mỗi mục một dòng bắt đầu bằng '- '), "
                       f"nhưng gặp {_found(node)}")
            return None
        items = []
        for index, item in enumerate(node.value, start=1):
            item_where = f"{where}[{index}]"
            if not self._enter(item, item_where):
                continue
            value = self.single(item, spec, item_where)
            if value is not None:
                items.append(value)
        return tuple(items)

    def single(self, node: yaml.Node, spec: Field, where: str) -> Any:
        if spec.kind == schema.GROUP:
            if not isinstance(node, yaml.MappingNode):
                self._fail(node, where, f"cần một bảng trường, nhưng gặp {_found(node)}")
                return None
            values, _ = self.mapping(node, spec.fields, where + ".", spec.label)
            return values
        if spec.kind == schema.DATE and isinstance(node, yaml.MappingNode):
            return self.inferred_date(node, where)
        if not isinstance(node, yaml.ScalarNode):
            self._fail(node, where, f"cần {_expected(spec, one=True)}, nhưng gặp {_found(node)}")
            return None
        return self.scalar(node, spec, where)

    def scalar(self, node: yaml.ScalarNode, spec: Field, where: str) -> Any:
        text = nfc(str(node.value)).strip()
        kind = spec.kind
        refused = limits.character_problem(text, multiline=kind == schema.MARKDOWN)
        if refused is not None:
            self._fail(node, where, refused)
            return None
        if kind == schema.MARKDOWN:
            slow = limits.markdown_problem(text)
            if slow is not None:
                self._fail(node, where, slow)
                return None
        if kind in (schema.TEXT, schema.MARKDOWN):
            return text
        if kind == schema.SLUG:
            if SLUG_RE.match(text):
                unusable = limits.id_problem(text)
                if unusable is not None:
                    self._fail(node, where, unusable)
                    return None
                return text
            return self._bad(node, where, text, kind, f" (gợi ý: '{slugify(text)}')")
        if kind == schema.REF:
            if SLUG_RE.match(text):
                return Ref(text, where, self._line(node), spec.targets, spec.backlink)
            return self._bad(node, where, text, kind, f" (gợi ý: '{slugify(text)}')")
        if kind == schema.CHOICE:
            allowed = [value for value, _ in spec.choices]
            if text in allowed:
                return text
            near = difflib.get_close_matches(text, allowed, n=1, cutoff=0.6)
            hint = f" (có phải '{near[0]}'?)" if near else ""
            return self._bad(node, where, text, kind, f": {', '.join(allowed)}{hint}")
        if kind == schema.DATE:
            return self.date(node, text, where)
        if kind == schema.INT and _INT.match(text):
            return int(text)
        if kind == schema.NUMBER and _NUMBER.match(text):
            return Decimal(text)
        if kind == schema.BOOL and text in ("true", "false"):
            return text == "true"
        if kind == schema.URL and _URL.match(text):
            return text
        hint = ""
        if kind == schema.NUMBER and re.match(r"^-?[\d.]+,\d+$", text):
            hint = f" (có phải {text.replace('.', '').replace(',', '.')}?)"
        elif kind == schema.NUMBER and _MANY_DOTS.match(text):
            hint = (f" (bài viết ghi {text} theo cách viết tiếng Việt thì gõ "
                    f"{text.replace('.', '')}: không có dấu chấm ngăn hàng nghìn)")
        return self._bad(node, where, text, kind, hint)

    def _bad(self, node: yaml.Node, where: str, text: str, kind: str, hint: str = "") -> None:
        self._fail(node, where, f"giá trị '{text}' không hợp lệ: cần {KIND_NAMES[kind]}{hint}")
        return None

    def date(self, node: yaml.Node, text: str, where: str, note: str | None = None
             ) -> PartialDate | None:
        iso = _ISO_DATE.match(text)
        vn = _VN_DATE.match(text)
        if iso:
            year, month, day = (int(g) if g else None for g in iso.groups())
        elif vn:
            day, month, year = (int(g) if g else None for g in vn.groups())
        else:
            self._bad(node, where, text, schema.DATE, " (hoặc 13/8/2013, 8/2013)")
            return None
        assert year is not None
        try:
            datetime.date(year, month or 1, day or 1)
        except ValueError:
            self._fail(node, where, f"ngày '{text}' không có thật: {_why_impossible(year, month)}")
            return None
        return PartialDate(year, month, day, note)

    def links(self, text: str, where: str, first_line: int | None) -> None:
        """Report every Markdown link or image in ``text`` whose address is not http(s)."""
        for match in _MD_LINK.finditer(text):
            url = match.group(1) or match.group(2) or match.group(3) or ""
            if not is_safe_url(url):
                line = first_line + text.count("\n", 0, match.start()) if first_line else None
                self.problems.append(Problem(
                    self.path, line, where, f"liên kết '{url}' không được phép: chỉ dùng địa chỉ "
                    "http:// hoặc https://, hoặc [[mã]] để trỏ tới bản ghi khác"))

    def inferred_date(self, node: yaml.MappingNode, where: str) -> PartialDate | None:
        """The long form of a date: ``{ngay: …, suy_luan: …, trich: …}``."""
        values, lines = self.mapping(node, schema.DATE_FORM, where + ".", "ngày kèm căn cứ")
        if "ngay" not in values:
            return None
        if "suy_luan" not in lines and "trich" not in lines:
            self._fail(node, where, "dạng {ngay: …} cần thêm suy_luan (vì sao biết năm) hoặc "
                       "trich (câu của bài viết nêu ngày); nếu không, chỉ ghi ngày")
            return None
        date_node = next(v for k, v in node.value if k.value == "ngay")
        date = self.date(date_node, values["ngay"], where + ".ngay", values.get("suy_luan"))
        if date is None or "trich" not in values:
            return date
        return dataclasses.replace(date, quote=values["trich"])


def _two_readings(text: str) -> str:
    whole = text.replace(".", "")
    return (f"giá trị '{text}' có hai cách đọc: theo cách viết tiếng Việt (dấu chấm ngăn hàng "
            f"nghìn) là số {whole}; theo YAML là số thập phân {format_number(Decimal(text))}. Nếu bài viết ghi {text} là {whole}, hãy gõ {whole}; "
            f"nếu đúng là số thập phân, thêm '{DECIMAL_FLAG}: true' vào mục này")


def _why_impossible(year: int, month: int | None) -> str:
    if not 1 <= (month or 1) <= 12:
        return "tháng phải từ 1 đến 12"
    if year < 1:
        return "năm phải từ 1 trở đi"
    assert month is not None
    days = calendar.monthrange(year, month)[1]
    return f"tháng {month}/{year} chỉ có {days} ngày"


def _expected(spec: Field, one: bool = False) -> str:
    """What a field wants, in Vietnamese; ``one`` for a single item of a list field."""
    if spec.kind == schema.CHOICE:
        text = "một trong: " + ", ".join(value for value, _ in spec.choices)
    elif spec.kind == schema.REF and spec.targets:
        labels = " hay ".join(schema.TYPES_BY_NAME[t].label.lower() for t in spec.targets)
        text = f"mã (id) của một {labels}"
    else:
        text = KIND_NAMES[spec.kind]
    return text if one or not spec.many else f"một danh sách, mỗi mục là {text}"


def _is_null(node: yaml.Node) -> bool:
    # libyaml marks a plain scalar with style "", pure-Python PyYAML with None.
    return (isinstance(node, yaml.ScalarNode) and not node.style
            and str(node.value) in _NULL_TEXTS)


def _found(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "một danh sách"
    if isinstance(node, yaml.MappingNode):
        return "một bảng trường"
    return f"'{node.value}'"


def _hint(key: str, specs: dict[str, Field]) -> str:
    near = difflib.get_close_matches(key, list(specs), n=1, cutoff=0.6)
    return f" (có phải '{near[0]}'?)" if near else f"; các trường có: {', '.join(specs)}"

