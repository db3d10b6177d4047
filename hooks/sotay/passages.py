"""Articles as numbered paragraphs, and verbatim quotes found in them.

An article's paragraphs are its non-empty lines, numbered from 1; paragraph ``n`` has the
anchor ``doan-n`` on the source's page, which stays put as long as the archived text does.
A quote is found after NFC, whitespace and typographic normalisation (curly quotes, guillemets
and dashes equal their plain forms), always inside one paragraph; when it is not there, the
closest passage is offered instead.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

# Typographic marks an editor's keyboard may not have, mapped to their plain forms.
_PLAIN = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    "…": "...",
})
_SPACE = re.compile(r"\s+")
SNIPPET = 160  # characters of the closest passage quoted in a message


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an article: its number (from 1) and its text as archived."""

    number: int
    text: str

    @property
    def anchor(self) -> str:
        return f"doan-{self.number}"


@dataclass(frozen=True)
class Passage:
    """Where a quote lies: a paragraph number and the span of its text there."""

    paragraph: int
    start: int
    end: int

    @property
    def anchor(self) -> str:
        return f"doan-{self.paragraph}"


def split_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """The article's paragraphs: each non-empty line, stripped, numbered in order."""
    lines = (line.strip() for line in text.splitlines())
    return tuple(Paragraph(number, line)
                 for number, line in enumerate((x for x in lines if x), start=1))


def normalise(text: str) -> str:
    """``text`` as quotes are compared: NFC, plain quotes and dashes, single spaces."""
    return _normalised(text)[0]


def _normalised(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, its offset in ``text``."""
    out: list[str] = []
    offsets: list[int] = []
    pending_space = False
    for index, char in enumerate(unicodedata.normalize("NFC", text)):
        if char.isspace():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            offsets.append(index)
            pending_space = False
        for plain in char.translate(_PLAIN):
            out.append(plain)
            offsets.append(index)
    return "".join(out), offsets


class ArticleText:
    """One article's paragraphs, with each paragraph's normalised form kept for lookups (made
    at the first lookup: a page that only shows the article needs none)."""

    def __init__(self, text: str) -> None:
        self.paragraphs = split_paragraphs(unicodedata.normalize("NFC", text))

    @cached_property
    def _normal(self) -> list[tuple[str, list[int]]]:
        return [_normalised(p.text) for p in self.paragraphs]

    def find(self, quote: str) -> Passage | None:
        """The first passage holding ``quote``, or None."""
        wanted = _unwrapped(normalise(quote))
        if not wanted:
            return None
        for paragraph, (normal, offsets) in zip(self.paragraphs, self._normal, strict=True):
            at = normal.find(wanted)
            if at >= 0:
                end = offsets[at + len(wanted) - 1] + 1
                return Passage(paragraph.number, offsets[at], end)
        return None

    def closest(self, quote: str) -> tuple[int, str] | None:
        """The paragraph number and text of the passage most like ``quote``."""
        wanted = _unwrapped(normalise(quote)).casefold()
        best: tuple[float, int, int] | None = None
        for paragraph, (normal, _) in zip(self.paragraphs, self._normal, strict=True):
            folded = normal.casefold()
            match = difflib.SequenceMatcher(None, folded, wanted, autojunk=False) \
                .find_longest_match(0, len(folded), 0, len(wanted))
            start = max(0, match.a - match.b)
            window = normal[start:start + len(wanted)]
            ratio = difflib.SequenceMatcher(None, window.casefold(), wanted,
                                            autojunk=False).ratio()
            if best is None or ratio > best[0]:
                best = (ratio, paragraph.number, start)
        if best is None or best[0] < 0.3:
            return None
        _, number, start = best
        normal = self._normal[number - 1][0]
        # A little context either side, cut at spaces, so the reader recognises the place.
        left = normal.rfind(" ", 0, max(0, start - 30)) + 1 if start > 30 else 0
        right = normal.find(" ", start + len(wanted) + 30)
        snippet = normal[left:right if right > 0 else None].strip()
        if len(snippet) > SNIPPET:
            snippet = snippet[:SNIPPET - 1] + "…"
        return number, snippet


def _unwrapped(text: str) -> str:
    """A quote without the quotation marks an editor may put around all of it."""
    if len(text) > 2 and text[0] == text[-1] == '"':
        return text[1:-1].strip()
    return text
