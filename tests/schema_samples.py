"""Records of every type generated from the schema alone, every field filled (no real data).

``full-<type>`` fills every field of its type; ``dich-<type>`` only the required ones and is
what every reference points at, so no reference can make a cycle.
"""

from __future__ import annotations

import json
from pathlib import Path

from sotay import schema
from sotay.schema import TYPES, Field, RecordType


def sample_value(spec: Field, owner: str) -> object:
    """A valid value of ``spec`` for a record with id ``owner``."""
    one: object
    if spec.kind == schema.REF:
        one = f"dich-{spec.targets[0]}"
    elif spec.kind == schema.GROUP:
        one = {sub.name: sample_value(sub, owner) for sub in spec.fields}
    elif spec.kind == schema.CHOICE:
        one = spec.choices[0][0]
    elif spec.kind == schema.DATE:
        one = "2013-08-13"
    elif spec.kind in (schema.INT, schema.NUMBER):
        one = 7
    elif spec.kind == schema.BOOL:
        one = True
    elif spec.kind == schema.URL:
        one = f"https://example.org/{owner}"
    elif spec.kind == schema.SLUG:
        one = f"{owner}-cu"
    else:
        one = f"Mẫu {spec.label} của {owner}"
    return [one] if spec.many else one


def shown_values(record_type: RecordType, owner: str) -> list[str]:
    """What the page of the full sample ``owner`` must show, one string per field and
    sub-field: its text, the referenced record's title, the choice's label, the date…"""
    shown = []

    def add(spec: Field) -> None:
        if spec.kind == schema.GROUP:
            for sub in spec.fields:
                add(sub)
        elif spec.name not in ("id", "tieu_de", "tep"):
            shown.append(_shown(spec, owner))

    for spec in record_type.fields:
        add(spec)
    return shown


def _shown(spec: Field, owner: str) -> str:
    if spec.kind == schema.REF:
        return f"Mẫu Tiêu đề của dich-{spec.targets[0]}"
    if spec.kind == schema.CHOICE:
        return spec.choices[0][1]
    if spec.kind == schema.DATE:
        return "13/8/2013"
    if spec.kind in (schema.INT, schema.NUMBER):
        return "7"
    one = sample_value(spec, owner)
    return str(one[0] if isinstance(one, list) else one)


def _record(record_type: RecordType, record_id: str, full: bool) -> str:
    values: dict[str, object] = {}
    for spec in record_type.fields:
        if spec.name == "id":
            values["id"] = record_id
        elif spec.name == "tep":
            continue  # a source's text file is another test's business
        elif full or spec.required:
            values[spec.name] = sample_value(spec, record_id)
    return "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
                   for key, value in values.items())


def write_samples(data: Path, types: tuple[RecordType, ...] = TYPES) -> Path:
    """A ``full-`` and a ``dich-`` record of each type in ``types`` under ``data``."""
    for record_type in types:
        for prefix, full in (("full", True), ("dich", False)):
            path = data / record_type.name / f"{prefix}-{record_type.name}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_record(record_type, f"{prefix}-{record_type.name}", full),
                            encoding="utf-8")
    return data
