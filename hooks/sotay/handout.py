"""Handouts: each lesson as a one- or two-page A4 sheet to print for its trainees.

A handout lists the lesson's steps; for each, the key facts of the record it points at, the
trainer's note and question, and the address of that page at the handbook's public address,
printed and as a QR code (SVG, drawn at build time by segno) that encodes exactly the printed
address. A build without a public address says so instead of printing codes that lead nowhere.
Drawn by the site's renderer (passed in, never imported here), like the print book.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import segno

from .edition import edition_label
from .inert import escape_html, escape_line, front_matter
from .model import Record
from .page import Page
from .schema import COMMON, TAIL, TYPES_BY_NAME

if TYPE_CHECKING:  # the renderer calls this module; only its type is named here
    from .render import Renderer

FOLDER = "phat-tay"
KEY_FACTS = 4  # facts of a step's record printed on the sheet, in the schema's order
# Fields every type has (other names, sources, topics) say nothing particular on a sheet.
_GENERAL_LABELS = frozenset(spec.label for spec in COMMON + TAIL)


def handout_path(lesson_id: str) -> str:
    """Source path of a lesson's handout page: ``phat-tay/<id>.md``."""
    return f"{FOLDER}/{lesson_id}.md"


@dataclass(frozen=True)
class HandoutStep:
    """One step as the sheet prints it; text fields are inline Markdown, ``qr`` an SVG."""

    number: int
    title: str
    kind: str
    part: str
    facts: list[tuple[str, str]]
    note: str
    question: str
    address: str  # the page's public address, or its path in the handbook without one
    qr: str  # the address as a QR code, "" without a public address


def public_address(base_url: str, record: Record, part: str) -> str:
    """Where a step's page is: ``<base_url>/<type>/<id>.html#part``, or only the path after
    ``base_url`` when it is empty."""
    path = f"{record.type}/{record.id}.html" + (f"#{part}" if part else "")
    return f"{base_url}/{path}" if base_url else path


def qr_svg(address: str) -> str:
    """``address`` as an inline SVG QR code (error correction M), sized by the stylesheet."""
    code = segno.make_qr(address, error="m", boost_error=False)
    return code.svg_inline(omitsize=True, border=4, svgclass="sotay-qr-code",
                           lineclass=None, title=f"Mã QR: {address}")


def handout_pages(renderer: Renderer) -> list[Page]:
    """A handout page for every lesson, at :func:`handout_path`."""
    return [_handout(renderer, lesson) for lesson in renderer.graph.of_type("bai-giang")]


def _handout(renderer: Renderer, lesson: Record) -> Page:
    path = handout_path(lesson.id)
    steps = [_step(renderer, path, number, step)
             for number, step in enumerate(lesson.values["buoc"], start=1)]
    series = renderer.series(lesson)
    head = front_matter({"title": escape_line(f"Tài liệu phát tay: {lesson.title}")},
                        hidden_from_search=True)
    return renderer.render(
        "handout.html.j2", path, head=head, lesson=lesson, steps=steps, series=series,
        objectives=renderer.markdown(lesson.values.get("muc_tieu", ""), path),
        edition=edition_label(renderer.edition), public=bool(renderer.base_url),
        lesson_address=public_address(renderer.base_url, lesson, ""))


def _step(renderer: Renderer, page: str, number: int, step: dict[str, object]) -> HandoutStep:
    record = renderer.graph.records[step["ban_ghi"].target]  # type: ignore[attr-defined]
    part = str(step.get("muc", ""))
    address = public_address(renderer.base_url, record, part)
    return HandoutStep(
        number, escape_line(record.title), escape_line(TYPES_BY_NAME[record.type].label),
        escape_html(part), _key_facts(renderer, record, page),
        escape_line(str(step.get("ghi_chu", ""))), escape_line(str(step.get("cau_hoi", ""))),
        escape_html(address), qr_svg(address) if renderer.base_url else "")


def _key_facts(renderer: Renderer, record: Record, page: str) -> list[tuple[str, str]]:
    facts = [(label, value) for label, value in renderer.facts(record, page)
             if label not in _GENERAL_LABELS]
    return facts[:KEY_FACTS]
