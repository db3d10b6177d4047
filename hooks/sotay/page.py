"""What rendering produces: generated pages and the sections of a record."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One generated file, by its path under ``docs/`` and its text."""

    path: str
    content: str
    # False for a costly page (the print page) that a dirty preview rebuild may leave as the
    # previous build wrote it; clean builds always write every page.
    live: bool = True


@dataclass(frozen=True)
class Section:
    """One long text field of a record, as a heading with its anchor and Markdown."""

    label: str
    anchor: str
    markdown: str
