"""What editors see of the schema: a JSON Schema per record type and a field reference.

Everything is derived from ``schema.py`` and the validator's own patterns, so the editor's
hints, the contributing guide and ``make check`` cannot disagree. The JSON Schemas describe
values as VS Code's YAML extension reads them (YAML 1.2): ``2013`` is a number there, so a
year-only date accepts an integer; an empty optional field is ``null`` and is allowed, as the
validator allows it.
"""

from __future__ import annotations

import json
from typing import Any

from . import schema
from .schema import Field, RecordType
from .validate import ISO_DATE_PATTERN, SLUG_PATTERN, URL_PATTERN, VN_DATE_PATTERN

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = f"^(?:{ISO_DATE_PATTERN[1:-1]}|{VN_DATE_PATTERN[1:-1]})$"
_EMPTY_LABEL = "(để trống)"


def schema_path(type_name: str) -> str:
    """Where a type's JSON Schema is committed, relative to the repository root."""
    return f"schemas/{type_name}.schema.json"


def type_schema(record_type: RecordType) -> dict[str, Any]:
    """The JSON Schema of one record type's YAML file."""
    return {
        "$schema": DIALECT,
        "title": record_type.label,
        "description": record_type.help,
        **_object(record_type.fields),
    }


def schema_text(record_type: RecordType) -> str:
    """The committed form of a type's JSON Schema: stable key order, UTF-8, final newline."""
    return json.dumps(type_schema(record_type), ensure_ascii=False, indent=2) + "\n"


def _object(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {spec.name: _property(spec) for spec in fields},
        "required": [spec.name for spec in fields if spec.required],
        "additionalProperties": False,
    }


def _property(spec: Field) -> dict[str, Any]:
    value = _value(spec)
    if spec.many:
        value = {"type": "array", "items": value}
        if spec.required:
            value["minItems"] = 1
    if not spec.required:
        value = _nullable(value)
    return {"title": spec.label, "description": spec.help,
            "markdownDescription": _hover(spec), **value}


def _value(spec: Field) -> dict[str, Any]:
    kind = spec.kind
    if kind in (schema.TEXT, schema.MARKDOWN):
        # The validator keeps any scalar as the text typed, so `so_hieu: 60` is fine.
        return {"type": ["string", "number", "boolean"]}
    if kind in (schema.SLUG, schema.REF):
        return {"type": "string", "pattern": SLUG_PATTERN}
    if kind == schema.URL:
        return {"type": "string", "pattern": URL_PATTERN, "format": "uri"}
    if kind == schema.CHOICE:
        return {"type": "string", "enum": [value for value, _ in spec.choices],
                "enumDescriptions": [label for _, label in spec.choices],
                "markdownEnumDescriptions": [label for _, label in spec.choices]}
    if kind == schema.NUMBER:
        return {"type": "number"}
    if kind == schema.INT:
        return {"type": "integer"}
    if kind == schema.BOOL:
        return {"type": "boolean"}
    if kind == schema.DATE:
        return {"anyOf": [_date_scalar(), {
            "type": "object",
            "title": "Ngày suy luận",
            "description": "Ngày kèm lý do suy ra năm (tháng) khi bài viết không ghi.",
            "properties": {
                "ngay": {"title": "Ngày", "description": "Ngày, dạng 2013-10-09.",
                         **_date_scalar()},
                "suy_luan": {"title": "Suy luận", "description": "Vì sao biết năm (tháng).",
                             "type": ["string", "number", "boolean"]},
            },
            "required": ["ngay", "suy_luan"],
            "additionalProperties": False,
        }]}
    if kind == schema.GROUP:
        return _object(spec.fields)
    raise ValueError(f"unknown field kind {kind!r}")


def _date_scalar() -> dict[str, Any]:
    # A bare year is an integer in YAML 1.2; the validator reads it as the year.
    return {"anyOf": [{"type": "string", "pattern": DATE_PATTERN},
                      {"type": "integer", "minimum": 1000, "maximum": 9999}]}


def _nullable(value: dict[str, Any]) -> dict[str, Any]:
    if "enum" in value:
        return {**value, "type": [value["type"], "null"], "enum": value["enum"] + [None],
                "enumDescriptions": value["enumDescriptions"] + [_EMPTY_LABEL],
                "markdownEnumDescriptions": value["markdownEnumDescriptions"] + [_EMPTY_LABEL]}
    if "type" in value:
        types = value["type"] if isinstance(value["type"], list) else [value["type"]]
        return {**value, "type": types + ["null"]}
    return {"anyOf": value["anyOf"] + [{"type": "null"}]}


def _hover(spec: Field) -> str:
    text = f"**{spec.label}** (`{spec.name}`){' — bắt buộc' if spec.required else ''}\n\n"
    text += f"{spec.help}\n\nKiểu: {kind_label(spec)}."
    if spec.example:
        text += f" Ví dụ: `{spec.example}`."
    return text


def kind_label(spec: Field) -> str:
    """What a field holds, in Vietnamese, for hover texts, templates and the guide."""
    kind = spec.kind
    if kind == schema.REF:
        wanted = " hoặc ".join(schema.TYPES_BY_NAME[t].label.lower() for t in spec.targets)
        one = f"mã của {wanted}" if wanted else "mã một bản ghi"
    elif kind == schema.CHOICE:
        one = "một trong: " + ", ".join(f"`{value}` ({label})" for value, label in spec.choices)
    else:
        one = {
            schema.TEXT: "chữ", schema.MARKDOWN: "chữ, viết được Markdown",
            schema.DATE: "ngày: 2013-08-13, 2013-08 hoặc 2013 (hoặc {ngay, suy_luan})",
            schema.INT: "số nguyên", schema.NUMBER: "số, dấu chấm ngăn phần thập phân",
            schema.BOOL: "true hoặc false", schema.URL: "địa chỉ http:// hoặc https://",
            schema.SLUG: "mã chữ thường không dấu, nối bằng gạch ngang",
            schema.GROUP: "nhóm trường",
        }[kind]
    return f"danh sách, mỗi mục là {one}" if spec.many else one


def field_reference() -> str:
    """The field reference of CONTRIBUTING.md: one Markdown table per record type."""
    parts: list[str] = []
    for record_type in schema.TYPES:
        parts.append(f"### {record_type.label} (`data/{record_type.name}/`)\n")
        parts.append(f"{record_type.help}\n")
        parts.append("| Trường | Tên | Bắt buộc | Giá trị | Giải thích |")
        parts.append("|---|---|---|---|---|")
        for spec, name in _flatten(record_type.fields, ""):
            required = "có" if spec.required else ""
            help_text = spec.help.replace("|", "\\|")
            parts.append(f"| `{name}` | {spec.label} | {required} | "
                         f"{kind_label(spec).replace('|', chr(92) + '|')} | {help_text} |")
        parts.append("")
    return "\n".join(parts).rstrip("\n") + "\n"


def _flatten(fields: tuple[Field, ...], prefix: str) -> list[tuple[Field, str]]:
    rows: list[tuple[Field, str]] = []
    for spec in fields:
        rows.append((spec, prefix + spec.name))
        if spec.kind == schema.GROUP:
            inner = f"{prefix}{spec.name}[]." if spec.many else f"{prefix}{spec.name}."
            rows.extend(_flatten(spec.fields, inner))
    return rows
