"""Every checked quote of a linked graph located in its article, for the pages to link.

A quote that ``make check`` accepted lies in one paragraph of one article. The source's page
marks each such passage (quotes that overlap share one mark) with an anchor ``doan-n-tk`` (the
k-th mark of paragraph n), followed by the records that cite it; a record's figure, date or
quote links straight to its mark.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from .inert import escape_line
from .model import Record
from .passages import ArticleText, Paragraph, Passage
from .quotes import quotes

ARTICLE_TYPE = "nguon"


@dataclass(frozen=True)
class Citation:
    """One record's quote found in one source: the statement it backs and where it lies."""

    record_id: str
    statement: str
    source_id: str
    passage: Passage


@dataclass(frozen=True)
class Mark:
    """A highlighted span of one paragraph (overlapping quotes merged) and who cites it."""

    anchor: str
    start: int
    end: int
    citing: tuple[str, ...]  # record ids, first citation first


@dataclass(frozen=True)
class Target:
    """Where a statement's passage is: the source's id and the mark's anchor."""

    source_id: str
    anchor: str


class Citations:
    """The quotes of ``records`` located in ``articles`` (each source's article by its id)."""

    def __init__(self, records: Iterable[Record], articles: Mapping[str, ArticleText]) -> None:
        self._texts = dict(sorted(articles.items()))
        self._targets: dict[tuple[str, str], Target] = {}
        self.marks: dict[str, dict[int, list[Mark]]] = {}  # source → paragraph → marks
        self.quoted: dict[str, frozenset[str]] = {}  # record → statements with a found quote
        found = [c for record in sorted(records, key=lambda r: r.id)
                 for c in self._locate(record)]
        for record_id in sorted({c.record_id for c in found}):
            self.quoted[record_id] = frozenset(c.statement for c in found
                                               if c.record_id == record_id)
        self._mark(found)

    def _locate(self, record: Record) -> list[Citation]:
        own = ([record.id] if record.type == ARTICLE_TYPE
               else [ref.target for ref in record.get("nguon", ())])
        found = []
        for quote in quotes(record):
            for source in [quote.source] if quote.source else own:
                text = self._texts.get(source)
                passage = text.find(quote.text) if text else None
                if passage is not None:
                    found.append(Citation(record.id, quote.statement, source, passage))
                    break
        return found

    def _mark(self, found: list[Citation]) -> None:
        by_paragraph: dict[tuple[str, int], list[Citation]] = {}
        for citation in found:
            key = (citation.source_id, citation.passage.paragraph)
            by_paragraph.setdefault(key, []).append(citation)
        for (source, number), citations in sorted(by_paragraph.items()):
            citations.sort(key=lambda c: (c.passage.start, c.passage.end, c.record_id))
            spans: list[tuple[int, int, list[Citation]]] = []
            for citation in citations:
                if spans and citation.passage.start < spans[-1][1]:
                    start, end, group = spans[-1]
                    spans[-1] = (start, max(end, citation.passage.end), [*group, citation])
                else:
                    spans.append((citation.passage.start, citation.passage.end, [citation]))
            marks = []
            for index, (start, end, group) in enumerate(spans, start=1):
                mark = Mark(f"doan-{number}-t{index}", start, end,
                            tuple(dict.fromkeys(c.record_id for c in group)))
                marks.append(mark)
                for citation in group:
                    self._targets.setdefault((citation.record_id, citation.statement),
                                             Target(source, mark.anchor))
            self.marks.setdefault(source, {})[number] = marks

    def target(self, record_id: str, statement: str) -> Target | None:
        """The marked passage backing one statement of a record, if its quote was found."""
        return self._targets.get((record_id, statement))

    def paragraphs(self, source_id: str) -> tuple[Paragraph, ...]:
        """The source's article, paragraph by paragraph (none when it has no text)."""
        text = self._texts.get(source_id)
        return text.paragraphs if text else ()


def article_html(citations: Citations, source_id: str, cite_link: Callable[[str], str]) -> str:
    """The source's article as HTML paragraphs anchored ``doan-n``, each cited passage in a
    ``<mark>`` followed by “Được dẫn ở …” with ``cite_link(record_id)`` for every record
    citing it. The article is input like any record: each piece of it is escaped."""
    blocks = []
    marks = citations.marks.get(source_id, {})
    for paragraph in citations.paragraphs(source_id):
        pieces: list[str] = []
        at = 0
        for mark in marks.get(paragraph.number, ()):
            links = ", ".join(cite_link(record_id) for record_id in mark.citing)
            pieces += [escape_line(paragraph.text[at:mark.start]),
                       f'<mark id="{mark.anchor}">'
                       f"{escape_line(paragraph.text[mark.start:mark.end])}</mark>",
                       f' <small class="sotay-dan">(Được dẫn ở {links})</small>']
            at = mark.end
        pieces.append(escape_line(paragraph.text[at:]))
        blocks.append(f'<p class="sotay-doan" id="{paragraph.anchor}">{"".join(pieces).strip()}</p>')
    return "\n".join(blocks)
