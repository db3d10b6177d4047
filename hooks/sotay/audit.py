"""The fidelity report: for each record, its statements with and without a checked quote, and
the share for the whole handbook (``make audit``, and CI's job summary)."""

from __future__ import annotations

from dataclasses import dataclass

from .citations import Citations
from .inert import escape_text
from .link import Graph
from .quotes import Statement, statements
from .vi import format_number


@dataclass(frozen=True)
class RecordAudit:
    """One record's statements, split by whether a quote found in its article backs them."""

    path: str
    title: str
    quoted: tuple[Statement, ...]
    unquoted: tuple[Statement, ...]


@dataclass(frozen=True)
class Audit:
    """Every record's audit, in path order, and the handbook's totals."""

    records: tuple[RecordAudit, ...]

    @property
    def quoted(self) -> int:
        return sum(len(r.quoted) for r in self.records)

    @property
    def total(self) -> int:
        return sum(len(r.quoted) + len(r.unquoted) for r in self.records)

    @property
    def share(self) -> float:
        """The share of statements with a checked quote, 0 to 1 (1 with no statement)."""
        return self.quoted / self.total if self.total else 1.0


def audit(graph: Graph) -> Audit:
    """The audit of a graph that passed ``make check`` (so every quote it has was found)."""
    citations = Citations(graph.records.values(), graph.articles)
    found = []
    for record in sorted(graph.records.values(), key=lambda r: r.path):
        backed = citations.quoted.get(record.id, frozenset())
        claims = statements(record)
        found.append(RecordAudit(record.path, record.title,
                                 tuple(s for s in claims if s.key in backed),
                                 tuple(s for s in claims if s.key not in backed)))
    return Audit(tuple(found))


def share_line(report: Audit) -> str:
    """“Có câu trích đã đối chiếu: 412/450 nội dung (91,6 %).”"""
    percent = format_number(round(report.share * 100, 1))
    return (f"Có câu trích đã đối chiếu: {format_number(report.quoted)}/"
            f"{format_number(report.total)} nội dung ({percent} %).")


def report_markdown(report: Audit, unquoted_only: bool = False) -> str:
    """The report as Markdown: the share, then each record with what lacks a quote."""
    lines = ["# Báo cáo đối chiếu nguồn", "", share_line(report), ""]
    for record in report.records:
        count = len(record.quoted) + len(record.unquoted)
        if not count or (unquoted_only and not record.unquoted):
            continue
        lines.append(f"## {escape_text(record.title)}")
        lines.append("")
        lines.append(f"`{record.path}`: {format_number(len(record.quoted))}/"
                     f"{format_number(count)} nội dung có câu trích.")
        for statement in record.unquoted:
            lines.append(f"- Chưa có câu trích: {escape_text(statement.label)} "
                         f"(`{statement.key}`)")
        if not unquoted_only:
            for statement in record.quoted:
                lines.append(f"- Có câu trích: {escape_text(statement.label)} (`{statement.key}`)")
        lines.append("")
    return "\n".join(lines)
