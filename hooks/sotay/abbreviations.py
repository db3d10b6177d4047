"""Abbreviation tooltips: the ``viet-tat`` records as Markdown ``abbr`` definitions."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Problem, Record
from .vi import nfc, sort_key

_SPACES = re.compile(r"\s+")
# What the ``abbr`` extension accepts between ``*[`` and ``]``; anything else would leave the
# definition line as visible text at the foot of every page.
_ABBR = re.compile(r"[^\[\]\\\s][^\[\]\\]*")


def definitions(records: Iterable[Record]) -> tuple[str, list[Problem]]:
    """``*[QCDC]: Quy chế dân chủ ở cơ sở`` lines for every abbreviation record.

    Returns the Markdown block (empty when there is none, otherwise starting with a blank line
    so it can be appended to any page) and a problem for every record that cannot be one.
    """
    chosen: dict[str, str] = {}
    origin: dict[str, Record] = {}
    problems: list[Problem] = []
    for record in sorted(records, key=lambda r: r.id):
        if record.type != "viet-tat":
            continue
        short = _one_line(str(record.values.get("viet_tat", "")))
        full = _one_line(str(record.values.get("day_du", "")))
        if not short or not full:
            continue  # a missing required field is the validator's to report
        if not _ABBR.fullmatch(short):
            problems.append(Problem(record.path, record.lines.get("viet_tat"), "viet_tat",
                                    f"chữ viết tắt '{short}' không được chứa dấu [ ] hoặc \\"))
        elif short in chosen and chosen[short] != full:
            first = origin[short]
            problems.append(Problem(
                record.path, record.lines.get("viet_tat"), "viet_tat",
                f"'{short}' đã được giải nghĩa khác ở {first.path} ('{chosen[short]}'); "
                "mỗi chữ viết tắt chỉ một nghĩa"))
        else:
            chosen[short] = full
            origin.setdefault(short, record)
    if not chosen:
        return "", problems
    lines = [f"*[{short}]: {chosen[short]}" for short in sorted(chosen, key=sort_key)]
    return "\n\n" + "\n".join(lines) + "\n", problems


def _one_line(text: str) -> str:
    return nfc(_SPACES.sub(" ", text).strip())


def used_in(text: str, block: str) -> str:
    """The lines of a ``definitions`` block whose abbreviation occurs in ``text``.

    A page without any of them then skips Markdown's abbr pass entirely, which otherwise walks
    every element of every page.
    """
    lines = [line for line in block.splitlines()
             if line.startswith("*[") and line[2:line.index("]: ")] in text]
    return "\n\n" + "\n".join(lines) + "\n" if lines else ""
