"""What editors see of the schema: a JSON Schema per record type and a field reference.

Everything is derived from ``schema.py`` and the validator's own patterns, so the editor's
hints, the contributing guide and ``make check`` cannot disagree. The JSON Schemas describe
values as VS Code's YAML extension reads them (YAML 1.2): ``2013`` is a number there, so a
year-only date accepts an integer; an empty optional field is ``null`` and is allowed, as the
validator allows it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from . import schema
from .schema import Field, RecordType

# The validator's own wording of what a field wants, so the editor and `make check` agree.
from .validate import (
    ISO_DATE_PATTERN,
    KIND_NAMES,
    SLUG_PATTERN,
    URL_PATTERN,
    VN_DATE_PATTERN,
    _expected,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DATE_PATTERN = f"^(?:{ISO_DATE_PATTERN[1:-1]}|{VN_DATE_PATTERN[1:-1]})$"
IDS_FILE = "ma.schema.json"
_EMPTY_LABEL = "(để trống)"
_DATE_WANTED = f"{KIND_NAMES[schema.DATE]} (hoặc 13/8/2013)"


def schema_path(type_name: str) -> str:
    """Where a type's JSON Schema is committed, relative to the repository root."""
    return f"schemas/{type_name}.schema.json"


SCHEMA_LINE_PREFIX = "# yaml-language-server: $schema="


def schema_line(type_name: str) -> str:
    """The first line of a YAML record in ``data/<type>/``: its schema, relative to the file,
    so any editor using yaml-language-server (VS Code, Neovim, Helix…) checks it, with no
    settings and from any checkout."""
    return f"{SCHEMA_LINE_PREFIX}../../{schema_path(type_name)}"


def with_schema_line(text: str, type_name: str) -> str:
    """``text`` starting with its type's schema line (an old or wrong one is replaced).

    The line is a YAML comment: the record's values are unchanged, and since the loader reads
    the file as written, every problem's line number still points at the right line."""
    first, newline, rest = text.partition("\n")
    if first.startswith(SCHEMA_LINE_PREFIX):
        text = rest if newline else ""
    return f"{schema_line(type_name)}\n{text}"


def ids_path() -> str:
    """Where the schema of existing ids (offered as completions) is committed."""
    return f"schemas/{IDS_FILE}"


def type_schema(record_type: RecordType, offer_ids: bool = False) -> dict[str, Any]:
    """The JSON Schema of one record type's YAML file.

    ``offer_ids`` makes reference fields also point at ``ma.schema.json`` (the ids that exist),
    which editors complete from; without it the schema stands alone (pattern only).
    """
    return {
        "$schema": DIALECT,
        "title": record_type.label,
        "description": record_type.help,
        **_object(record_type.fields, record_type.label, offer_ids),
    }


def schema_text(record_type: RecordType) -> str:
    """The committed form of a type's JSON Schema: stable key order, UTF-8, final newline."""
    return _dump(type_schema(record_type, offer_ids=True))


def ids_schema(titles: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    """One ``$defs`` entry per record type: its ids (sorted) with their titles.

    ``titles`` maps a type name to ``{id: title}``; former ids (``id_cu``) are left out by the
    caller so that an editor is never offered a name that only redirects.
    """
    defs: dict[str, Any] = {}
    for record_type in schema.TYPES:
        ids = sorted(titles.get(record_type.name, {}).items())
        defs[record_type.name] = {
            "title": f"Mã {record_type.label.lower()} đã có",
            "enum": [value for value, _ in ids],
            "markdownEnumDescriptions": [title for _, title in ids],
            "errorMessage": f"giá trị không hợp lệ: cần mã (id) của một {record_type.label.lower()}",
        }
    return {"$schema": DIALECT, "title": "Mã các bản ghi đã có", "$defs": defs}


def ids_text(titles: Mapping[str, Mapping[str, str]]) -> str:
    """The committed form of the ids schema, one id a line so diffs stay small."""
    return _dump(ids_schema(titles))


def _dump(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _object(fields: tuple[Field, ...], owner: str, offer_ids: bool) -> dict[str, Any]:
    names = [spec.name for spec in fields]
    # yaml-language-server reports a misspelt key through ``propertyNames`` at the key itself,
    # with the message given here; ``additionalProperties: false`` would say it in English.
    value: dict[str, Any] = {
        "type": "object",
        "errorMessage": f"cần {KIND_NAMES[schema.GROUP]} (mỗi dòng 'tên_trường: giá trị')",
        "properties": {spec.name: _property(spec, offer_ids) for spec in fields},
        "propertyNames": {
            "enum": names,
            "errorMessage": f"trường không có trong loại '{owner}'; các trường có: "
                            + ", ".join(names),
        },
    }
    # One ``required`` per field, each with its own message (one message per keyword object).
    required = [{"required": [spec.name],
                 "errorMessage": f"thiếu trường bắt buộc '{spec.name}' ({spec.label}); "
                                 f"cần {_expected(spec)}"}
                for spec in fields if spec.required]
    if required:
        value["allOf"] = required
    return value


def _property(spec: Field, offer_ids: bool) -> dict[str, Any]:
    value = _value(spec, offer_ids)
    if spec.many:
        wanted = f"cần một danh sách (mỗi mục một dòng bắt đầu bằng '- '), mỗi mục là " \
                 f"{_expected(spec, one=True)}"
        value = {"type": "array", "items": value, "errorMessage": wanted}
        if spec.required:
            # ``contains`` (not ``minItems``) so the message for an empty list can be Vietnamese.
            value["contains"] = True
            value["errorMessage"] = wanted + "; cần ít nhất một mục"
    if not spec.required:
        value = _nullable(value)
    elif "errorMessage" in value and not spec.many:
        value["errorMessage"] += " (trường bắt buộc, không được để trống)"
    return {"title": spec.label, "description": spec.help,
            "markdownDescription": _hover(spec), **value}


def _invalid(spec: Field) -> str:
    return f"giá trị không hợp lệ: cần {_expected(spec, one=True)}"


def _value(spec: Field, offer_ids: bool) -> dict[str, Any]:
    kind = spec.kind
    if kind in (schema.TEXT, schema.MARKDOWN):
        # The validator keeps any scalar as the text typed, so `so_hieu: 60` is fine.
        return {"type": ["string", "number", "boolean"], "errorMessage": _invalid(spec)}
    if kind in (schema.SLUG, schema.REF):
        message = _invalid(spec)
        if kind == schema.REF:
            message += f", tức {KIND_NAMES[schema.SLUG]}"
        pattern = {"type": "string", "pattern": SLUG_PATTERN,
                   "errorMessage": message, "patternErrorMessage": message}
        if kind == schema.SLUG or not offer_ids or not spec.targets:
            return pattern
        # The ids that exist are offered; a new id (added in the same change) still passes
        # through the pattern branch, and ``make check`` tells whether it resolves.
        known = [{"$ref": f"{IDS_FILE}#/$defs/{target}"} for target in spec.targets]
        return {"anyOf": [*known, pattern]}
    if kind == schema.URL:
        message = _invalid(spec)
        return {"type": "string", "pattern": URL_PATTERN, "format": "uri",
                "errorMessage": message, "patternErrorMessage": message}
    if kind == schema.CHOICE:
        return {"type": "string", "enum": [value for value, _ in spec.choices],
                "enumDescriptions": [label for _, label in spec.choices],
                "markdownEnumDescriptions": [label for _, label in spec.choices],
                "errorMessage": _invalid(spec)}
    if kind == schema.NUMBER:
        return {"type": "number", "errorMessage": _invalid(spec)}
    if kind == schema.INT:
        return {"type": "integer", "errorMessage": _invalid(spec)}
    if kind == schema.BOOL:
        return {"type": "boolean", "errorMessage": _invalid(spec)}
    if kind == schema.DATE:
        # ``ngay`` is declared as text only to end the recursion; its schema is the date's.
        inferred = _object(_INFERRED_FIELDS, "Ngày kèm căn cứ", offer_ids)
        inferred["properties"]["ngay"] = {"title": "Ngày", "description": "Ngày, dạng 2013-10-09.",
                                          **_date_scalar()}
        inferred["allOf"][0]["errorMessage"] = f"thiếu trường bắt buộc 'ngay' (Ngày); cần {_DATE_WANTED}"
        return {"anyOf": [_date_scalar(), {
            "title": "Ngày kèm căn cứ",
            "description": "Ngày kèm lý do suy ra năm (suy_luan) hoặc câu trích của bài viết "
                           "(trich).",
            **inferred,
        }]}
    if kind == schema.GROUP:
        return _object(spec.fields, spec.label, offer_ids)
    raise ValueError(f"unknown field kind {kind!r}")


_INFERRED_FIELDS = schema.DATE_FORM


def _date_scalar() -> dict[str, Any]:
    # A bare year is an integer in YAML 1.2; the validator reads it as the year. No
    # minimum/maximum: yaml-language-server would word those in English (make check still does).
    message = f"giá trị không hợp lệ: cần {_DATE_WANTED}"
    return {"anyOf": [{"type": "string", "pattern": DATE_PATTERN, "errorMessage": message,
                       "patternErrorMessage": message},
                      {"type": "integer", "errorMessage": message}]}


def _nullable(value: dict[str, Any]) -> dict[str, Any]:
    if "enum" in value:
        return {**value, "type": [value["type"], "null"], "enum": value["enum"] + [None],
                "enumDescriptions": value["enumDescriptions"] + [_EMPTY_LABEL],
                "markdownEnumDescriptions": value["markdownEnumDescriptions"] + [_EMPTY_LABEL]}
    if "type" in value:
        types = value["type"] if isinstance(value["type"], list) else [value["type"]]
        return {**value, "type": types + ["null"]}
    return {**value, "anyOf": value["anyOf"] + [{"type": "null",
                                                 "errorMessage": _first_message(value)}]}


def _first_message(value: Any) -> str:
    # An empty alternative's message must be the field's own (else the editor says "null").
    if isinstance(value, dict):
        if "errorMessage" in value:
            return str(value["errorMessage"])
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            found = _first_message(item)
            if found:
                return found
    return ""


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
