"""GitHub issue forms for editors who never write YAML, and the way back from a filled form.

One form per common record type, derived from ``schema.py`` (so a form cannot ask for a field
the validator does not know). GitHub writes a filled form as Markdown, one ``### <label>``
section per field with ``_No response_`` for an empty one; :func:`draft` turns that text into
the record file's YAML (plus, for a source, its article text). Every value from the issue is
written as a quoted YAML string or an indented literal block, so no issue text can add a field
or change the file's structure.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import yaml

from . import schema
from .editor_schema import schema_line
from .load import ARTICLE_TYPE
from .schema import Field, RecordType
from .vi import nfc, slugify

FORM_TYPES = ("van-ban", "mo-hinh", "dien-hinh", "su-kien", "nguon")
TRIAGE_LABEL = "bản ghi mới"
ARTICLE_ID = "noi_dung_bai_viet"
ARTICLE_LABEL = "Nội dung bài viết"
NO_RESPONSE = "_No response_"
_LIST_HELP = "Mỗi dòng một mục."
_REF_HELP = ("Mỗi dòng một mã (id) của một bản ghi đã có{example}; mã nằm trong địa chỉ trang "
             "của bản ghi trên sổ tay.")
_REF_EXAMPLES = {"dia-danh": "tinh-lai-chau", "nguon": "bai-lai-chau-2013-to-dan-van"}
_SECTION = re.compile(r"^### (.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Draft:
    """What a filled form becomes: the record's text, or what is missing from the form."""

    type_name: str
    record_id: str
    text: str
    article: str | None  # a source's article text, for data/nguon/<id>.txt
    missing: tuple[str, ...]


def form_fields(record_type: RecordType) -> tuple[Field, ...]:
    """The fields a form asks for: not the former ids (a new record has none) nor the figures
    (a group of numbers is checked more easily in the pull request than typed in a form)."""
    return tuple(f for f in record_type.fields
                 if f.name != "id_cu" and f.kind != schema.GROUP)


def _label(spec: Field) -> str:
    return f"{spec.label} (`{spec.name}`)"


def _option(value: str, label: str) -> str:
    return f"{value} — {label}"


def form(record_type: RecordType) -> dict[str, Any]:
    """The issue form of one record type, as GitHub's issue-form YAML reads it."""
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": (
        f"**{record_type.label}**: {record_type.help}\n\n"
        "Điền các ô dưới đây bằng tiếng Việt có dấu; ô có dấu * là bắt buộc. Khi người duyệt "
        f"gắn nhãn, một pull request chứa tệp `data/{record_type.name}/<mã>.yaml` được tạo tự "
        "động và kiểm tra như mọi thay đổi khác. Mọi điều ghi vào phải có trong bài viết nguồn.")}}]
    for spec in form_fields(record_type):
        body.append(_element(spec))
    if record_type.name == ARTICLE_TYPE:
        body.append({"type": "textarea", "id": ARTICLE_ID, "attributes": {
            "label": ARTICLE_LABEL,
            "description": "Dán toàn văn bài viết (chữ thuần). Sổ tay lưu bản này và đối chiếu "
                           "mọi con số, tên người, ngày tháng của các bản ghi dẫn bài này."},
            "validations": {"required": True}})
    return {"name": f"Thêm {record_type.label.lower()}",
            "description": f"Đề nghị thêm một bản ghi loại {record_type.label.lower()} "
                           "mà không cần viết YAML.",
            "title": f"[{record_type.name}] ",
            "labels": [TRIAGE_LABEL],
            "body": body}


def _element(spec: Field) -> dict[str, Any]:
    help_text = spec.help
    if spec.name == "id":
        help_text += " Để trống thì mã được đặt theo tiêu đề."
    attributes: dict[str, Any] = {"label": _label(spec), "description": help_text}
    required = spec.required and spec.name != "id"
    if spec.kind == schema.CHOICE:
        attributes["options"] = [_option(value, label) for value, label in spec.choices]
        kind = "dropdown"
    elif spec.many or spec.kind == schema.MARKDOWN:
        kind = "textarea"
        if spec.kind == schema.REF:
            example = _REF_EXAMPLES.get(spec.targets[0] if spec.targets else "")
            attributes["description"] += " " + _REF_HELP.format(
                example=f", ví dụ `{example}`" if example else "")
        elif spec.many:
            attributes["description"] += " " + _LIST_HELP
    else:
        kind = "input"
        if spec.kind == schema.DATE:
            attributes["placeholder"] = "2013-08-13 (hoặc 2013-08, 2013)"
        elif spec.example:
            attributes["placeholder"] = spec.example
    return {"type": kind, "id": spec.name, "attributes": attributes,
            "validations": {"required": required}}


def form_text(record_type: RecordType) -> str:
    """The committed ``.github/ISSUE_TEMPLATE/<type>.yml``."""
    header = "# Sinh từ hooks/sotay/schema.py bởi `make schema`; đừng sửa tay.\n"
    return header + yaml.safe_dump(form(record_type), allow_unicode=True, sort_keys=False,
                                   width=100)


# -- the way back: a filled form's body → a record ------------------------------------------

def sections(body: str) -> dict[str, str]:
    """``{label: value}`` of a body as GitHub writes it; an empty answer is ``""``."""
    text = nfc(body.replace("\r\n", "\n"))
    found: dict[str, str] = {}
    marks = list(_SECTION.finditer(text))
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        value = text[mark.end():end].strip("\n").strip()
        found[mark.group(1).strip()] = "" if value in (NO_RESPONSE, "None") else value
    return found


def form_type(found: dict[str, str]) -> RecordType | None:
    """The record type whose form has exactly these labels (the forms differ in their fields)."""
    for name in FORM_TYPES:
        record_type = schema.TYPES_BY_NAME[name]
        labels = {_label(f) for f in form_fields(record_type)}
        if name == ARTICLE_TYPE:
            labels.add(ARTICLE_LABEL)
        if labels == set(found):
            return record_type
    return None


def draft(record_type: RecordType, found: dict[str, str]) -> Draft:
    """The record a filled form describes; ``missing`` names each required answer left empty."""
    values = {spec.name: found.get(_label(spec), "") for spec in form_fields(record_type)}
    record_id = values.get("id") or slugify(values.get("tieu_de", ""))
    values["id"] = record_id
    missing = tuple(f"{spec.label} ({spec.name})" for spec in form_fields(record_type)
                    if spec.required and not values[spec.name])
    article = None
    if record_type.name == ARTICLE_TYPE:
        article = found.get(ARTICLE_LABEL, "").strip() or None
        if article is None:
            missing += (ARTICLE_LABEL,)
        elif record_id:
            values["tep"] = f"{record_id}.txt"
    lines = [schema_line(record_type.name)]
    for spec in form_fields(record_type):
        lines += _yaml_lines(spec, values[spec.name])
    return Draft(record_type.name, record_id, "\n".join(lines) + "\n",
                 None if article is None else article + "\n", missing)


def _yaml_lines(spec: Field, answer: str) -> list[str]:
    if not answer:
        return []
    if spec.kind == schema.CHOICE:
        answer = answer.split(" — ", 1)[0].strip()
    if spec.many:
        items = [item.strip().removeprefix("- ").removeprefix("* ").strip()
                 for line in answer.split("\n") for item in
                 (line.split(",") if spec.kind == schema.REF else [line])]
        items = [item for item in items if item]
        return [f"{spec.name}:"] + [f"  - {_quoted(item)}" for item in items] if items else []
    if "\n" in answer:
        return [f"{spec.name}: {_block(answer)}"]
    return [f"{spec.name}: {_quoted(answer)}"]


def _quoted(text: str) -> str:
    # JSON's double-quoted string is a YAML double-quoted scalar: nothing in it is structure.
    return json.dumps(text, ensure_ascii=False)


def _block(text: str) -> str:
    lines = text.split("\n")
    if any(line[:1].isspace() for line in lines[:1]) or "\t" in text or "\r" in text:
        return _quoted(text)
    return "|-\n" + "\n".join(f"  {line}" if line else "" for line in lines)
