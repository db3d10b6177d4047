"""What a record states, and the verbatim quotes (``trich``) it attaches to those statements.

A *statement* is one claim a reader may want to check: a figure (``so_lieu[2]``), a date
(``ngay``, ``chuc_vu[1].thoi_diem``), a position (``chuc_vu[1]``), a recognition
(``cong_nhan[1]``), an abbreviation (``viet_tat``), a quoted summary (``trich_yeu``), a venue
(``dia_diem``) and each paragraph or list item of a prose field (``mo_ta[2]``, ``noi_dung[3]``;
the editor's own ``ghi_chu`` is not a claim from the article). A quote backs one statement:

- inline, as ``trich`` inside a figure, a position, a recognition or a date's long form;
- in the record's ``trich`` list, ``{truong: mo_ta, cau: "…"}``, for any statement or field;
  ``mo_ta`` means its first paragraph, ``mo_ta[2]`` the second.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from . import schema
from .model import PartialDate, Record

BODY = "noi_dung"  # how a quote names the Markdown body of a .md record
_PLAIN_STATEMENTS = ("trich_yeu", "dia_diem", "viet_tat")
_HEADING = re.compile(r"^#{1,6}\s")
_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+")


@dataclass(frozen=True)
class Statement:
    """One checkable claim of a record: its key (``so_lieu[2]``) and a Vietnamese label."""

    key: str
    label: str


@dataclass(frozen=True)
class Quote:
    """A verbatim quote: the field holding it, the statement it backs, its text and source."""

    where: tuple[str | int, ...]
    statement: str
    text: str
    source: str | None = None


def statements(record: Record) -> list[Statement]:
    """Every statement of ``record``, in the order its page shows them (none for a type that
    states no facts of its own)."""
    record_type = schema.TYPES_BY_NAME[record.type]
    found: list[Statement] = []
    if not record_type.states_facts:
        return found
    for spec in record_type.fields:
        value: Any = record.values.get(spec.name)
        if value is None or spec.name in ("ghi_chu", "trich"):
            continue
        if spec.kind == schema.MARKDOWN:
            found += _paragraph_statements(spec.name, spec.label, value)
        elif spec.kind == schema.DATE:
            found.append(Statement(spec.name, spec.label))
        elif spec.name in _PLAIN_STATEMENTS:
            found.append(Statement(spec.name, spec.label))
        elif spec.kind == schema.GROUP and spec.many and spec.name != "trich":
            for index, item in enumerate(value, start=1):
                key = f"{spec.name}[{index}]"
                found.append(Statement(key, f"{spec.label}: {_item_label(item)}"))
                for sub in spec.fields:
                    if sub.kind == schema.DATE and isinstance(item.get(sub.name), PartialDate):
                        found.append(Statement(f"{key}.{sub.name}", f"{sub.label} ({key})"))
    if record.body:
        found += _paragraph_statements(BODY, "Nội dung", record.body)
    return found


def quotes(record: Record) -> list[Quote]:
    """Every quote of ``record``: inline ones first, then its ``trich`` list."""
    found: list[Quote] = []
    for spec in schema.TYPES_BY_NAME[record.type].fields:
        value: Any = record.values.get(spec.name)
        if value is None:
            continue
        if isinstance(value, PartialDate) and value.quote:
            found.append(Quote((spec.name, "trich"), spec.name, value.quote))
        if spec.kind != schema.GROUP or spec.name == "trich":
            continue
        for index, item in enumerate(value, start=1):
            key = f"{spec.name}[{index}]"
            if item.get("trich"):
                found.append(Quote((spec.name, index, "trich"), key, item["trich"]))
            for sub in spec.fields:
                date = item.get(sub.name)
                if isinstance(date, PartialDate) and date.quote:
                    found.append(Quote((spec.name, index, sub.name, "trich"),
                                       f"{key}.{sub.name}", date.quote))
    for index, item in enumerate(record.values.get("trich", ()), start=1):
        if "truong" in item and "cau" in item:
            found.append(Quote(("trich", index, "cau"), statement_key(item["truong"]),
                               item["cau"], item.get("nguon")))
    return found


def statement_key(named: str) -> str:
    """The statement a ``truong`` names: ``mo_ta`` is ``mo_ta[1]``, a paragraph's first."""
    named = named.strip()
    return f"{named}[1]" if named in _PROSE_NAMES or named == BODY else named


def field_of(key: str) -> str:
    """The top-level field a statement key lies in: ``so_lieu[2].trich`` → ``so_lieu``."""
    return re.split(r"[\[.]", key, maxsplit=1)[0]


def paragraphs(text: str) -> list[str]:
    """The paragraphs and list items of Markdown ``text``, headings left out."""
    found: list[str] = []
    current: list[str] = []
    for line in text.splitlines() + [""]:
        stripped = line.strip()
        starts_item = bool(_ITEM.match(line))
        if not stripped or _HEADING.match(stripped) or starts_item:
            if current:
                found.append(" ".join(current))
            current = [_ITEM.sub("", line).strip()] if starts_item else []
            continue
        current.append(stripped)
    return [p for p in found if p]


_PROSE_NAMES = frozenset(spec.name for t in schema.TYPES for spec in t.fields
                         if spec.kind == schema.MARKDOWN)


def _paragraph_statements(name: str, label: str, text: str) -> Iterator[Statement]:
    parts = paragraphs(text)
    for index, _ in enumerate(parts, start=1):
        yield Statement(f"{name}[{index}]", label if len(parts) == 1 else f"{label}, đoạn {index}")


def _item_label(item: dict[str, Any]) -> str:
    for name in ("chi_tieu", "chuc_vu", "danh_hieu"):
        if name in item:
            return str(item[name])
    return ""
