"""Abbreviation tooltips: the ``viet-tat`` records as Markdown ``abbr`` definitions."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

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
    chosen, problems = meanings(records)
    if not chosen:
        return "", problems
    lines = [f"*[{short}]: {chosen[short]}" for short in sorted(chosen, key=sort_key)]
    return "\n\n" + "\n".join(lines) + "\n", problems


def meanings(records: Iterable[Record]) -> tuple[dict[str, str], list[Problem]]:
    """Each abbreviation with its one meaning, and a problem for every record that cannot
    be one (a character the tooltip cannot hold, or a second meaning)."""
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
    return chosen, problems


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


# Tags and comments of the HTML the core writes; text inside these is left as it is (code
# shows what was typed, an SVG or a form has its own labels, an abbr is one already).
_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][\w-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>", re.S)
_UNTOUCHED = frozenset({"pre", "code", "svg", "abbr", "script", "style", "form", "textarea"})


class Abbreviator:
    """Gives every abbreviation in a page of HTML its tooltip, ``<abbr title="…">``, as
    Markdown's ``abbr`` extension does for the pages written in Markdown."""

    def __init__(self, meanings: Mapping[str, str]) -> None:
        keys = sorted((html.escape(k, quote=False) for k in meanings), key=len, reverse=True)
        self._titles = {html.escape(k, quote=False): html.escape(v) for k, v in meanings.items()}
        self._pattern = (re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in keys)
                                    + r")(?!\w)") if keys else None)

    def __call__(self, page: str) -> str:
        """``page`` with its abbreviations wrapped, outside code, SVG, forms and tags."""
        pattern = self._pattern
        if pattern is None or pattern.search(page) is None:
            return page
        out: list[str] = []
        untouched = 0
        at = 0
        for tag in _TAG.finditer(page):
            text = page[at:tag.start()]
            out.append(text if untouched else pattern.sub(self._wrap, text))
            out.append(tag.group(0))
            at = tag.end()
            name = (tag.group(2) or "").lower()
            if name in _UNTOUCHED and not tag.group(3):
                untouched = max(0, untouched - 1) if tag.group(1) else untouched + 1
        tail = page[at:]
        out.append(tail if untouched else pattern.sub(self._wrap, tail))
        return "".join(out)

    def _wrap(self, match: re.Match[str]) -> str:
        return f'<abbr title="{self._titles[match.group(1)]}">{match.group(1)}</abbr>'
