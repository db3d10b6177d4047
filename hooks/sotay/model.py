"""The values that flow through the pipeline: problems, dates, references, records."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Control and invisible formatting characters an editor's value may carry into a message.
_UNSEEN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
                     r"\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")


def shown(text: str) -> str:
    """``text`` for a terminal or an annotation: NFC, every unseen character as ``U+XXXX``."""
    return _UNSEEN.sub(lambda m: f"U+{ord(m.group()):04X}", unicodedata.normalize("NFC", text))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as the source allows."""

    path: str
    line: int | None
    field: str | None
    message: str

    def __post_init__(self) -> None:
        # Messages quote what the editor typed: a raw control character would garble the
        # terminal or the pull-request annotation, so it is named instead.
        object.__setattr__(self, "message", shown(self.message))
        if self.field is not None:
            object.__setattr__(self, "field", shown(self.field))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataError(Exception):
    """Raised at the edge when the data has problems; carries all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(format_problems(problems))


def format_problems(problems: list[Problem]) -> str:
    """All problems, one per line, followed by a Vietnamese count."""
    lines = [str(p) for p in problems]
    lines.append(f"Có {len(problems)} lỗi trong dữ liệu; chưa dựng trang nào.")
    return "\n".join(lines)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day, with how it was inferred."""

    year: int
    month: int | None = None
    day: int | None = None
    inferred: str | None = field(default=None, compare=False)
    # The article's words that give the date (``trich``), checked by fidelity.py.
    quote: str | None = field(default=None, compare=False)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def vietnamese(self) -> str:
        """13/8/2013, tháng 8/2013 or năm 2013, as Vietnamese writes dates."""
        if self.day and self.month:
            return f"{self.day}/{self.month}/{self.year}"
        if self.month:
            return f"tháng {self.month}/{self.year}"
        return f"năm {self.year}"


@dataclass(frozen=True)
class Ref:
    """A reference by id from one field of a record, with the line it stands on."""

    target: str
    field: str
    line: int | None
    targets: tuple[str, ...] = ()
    relation: str = ""


@dataclass(frozen=True)
class Record:
    """One validated record: its type, id, title and typed field values."""

    type: str
    id: str
    title: str
    path: str
    values: Mapping[str, Any]
    lines: Mapping[str, int]
    body: str = ""
    mentions: tuple[Ref, ...] = ()

    def refs(self) -> list[Ref]:
        """Every reference the record makes: fields (nested ones too), then ``[[id]]`` links."""
        found: list[Ref] = []
        _collect_refs(self.values, found)
        return found + list(self.mentions)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)


def _collect_refs(value: Any, found: list[Ref]) -> None:
    if isinstance(value, Ref):
        found.append(value)
    elif isinstance(value, Mapping):
        for item in value.values():
            _collect_refs(item, found)
    elif isinstance(value, tuple):
        for item in value:
            _collect_refs(item, found)
