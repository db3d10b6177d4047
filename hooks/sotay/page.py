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
    # True when ``content`` is front matter then HTML (the renderer's pages): MkDocs takes it
    # as the page's body as it is, with no Markdown pass.
    html: bool = False


@dataclass(frozen=True)
class Section:
    """One long text field of a record, as a heading with its anchor and its HTML."""

    label: str
    anchor: str
    html: str
