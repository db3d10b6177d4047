"""What a listing can be filtered by: each record's province, level, topic, year and type.

A listing page carries a record's facets as classes on its list item (``sf-tinh-…``); those
survive the page sanitizer (plain names, no ``data-`` attribute needed) and cannot carry record
text, since ids are ``[a-z0-9-]``. :func:`filter_form` writes the controls as a raw HTML block
kept ``hidden`` until ``sotay-filter.js`` runs, so without JavaScript the full list shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .inert import escape_html
from .link import Graph
from .model import PartialDate, Record, Ref
from .schema import LEVELS, TYPES, TYPES_BY_NAME
from .vi import format_number, sort_key

# (facet key, label); the key is the class prefix and the URL-hash key.
FACETS = (("tinh", "Tỉnh"), ("cap", "Cấp"), ("chude", "Chủ đề"), ("nam", "Năm"), ("loai", "Loại"))
_LEVEL_LABELS = dict(LEVELS)


@dataclass(frozen=True)
class Facets:
    """One record's values for each facet (ids, level codes, years, type names)."""

    tinh: tuple[str, ...] = ()
    cap: tuple[str, ...] = ()
    chude: tuple[str, ...] = ()
    nam: tuple[str, ...] = ()
    loai: tuple[str, ...] = ()

    def classes(self) -> str:
        """The list item's classes, e.g. ``sf-tinh-tinh-lai-chau sf-nam-2013``."""
        return " ".join(f"sf-{key}-{value}" for key, _ in FACETS for value in getattr(self, key))


def places_of(graph: Graph, record: Record) -> list[str]:
    """The places a record is at (itself, for a place), in field order, without repeats."""
    if record.type == "dia-danh":
        return [record.id]
    found: list[str] = []
    for ref in record.refs():
        if "dia-danh" in ref.targets and ref.target not in found and ref.target in graph.records:
            found.append(ref.target)
    return found


def province_of(graph: Graph, place_id: str) -> str | None:
    """The province a place lies in (the place itself for a province); ``None`` above it."""
    for candidate in [place_id, *graph.ancestors(place_id)]:
        place = graph.get(candidate)
        if place is not None and place.get("cap") == "tinh":
            return candidate
    return None


def record_date(record: Record) -> PartialDate | None:
    """The date that places a record in time (its type's year field), if it has one."""
    year_field = TYPES_BY_NAME[record.type].year_field
    value = record.get(year_field) if year_field else None
    return value if isinstance(value, PartialDate) else None


def facets_of(graph: Graph, record: Record) -> Facets:
    places = places_of(graph, record)
    provinces = {p for p in (province_of(graph, place) for place in places) if p}
    levels = {record.get("cap")} if record.get("cap") else {
        graph.records[p].get("cap") for p in places if graph.records[p].get("cap")}
    topics = {ref.target for ref in _as_tuple(record.get("chu_de")) if isinstance(ref, Ref)
              and ref.target in graph.records}
    date = record_date(record)
    return Facets(tuple(sorted(provinces)), tuple(sorted(str(v) for v in levels)),
                  tuple(sorted(topics)), (str(date.year),) if date else (), (record.type,))


def filter_form(graph: Graph, records: Iterable[Record], keys: tuple[str, ...] = ()) -> str:
    """The filter controls for ``records``: a select per facet with at least two values
    (or one value and some records without it), each option with its count."""
    records = list(records)
    counts: dict[str, Counter[str]] = {key: Counter() for key, _ in FACETS}
    for record in records:
        facets = facets_of(graph, record)
        for key, _ in FACETS:
            counts[key].update(getattr(facets, key))
    fields = []
    for key, label in FACETS:
        if keys and key not in keys:
            continue
        values = counts[key]
        if len(values) < 2 and sum(values.values()) in (0, len(records)):
            continue  # filtering by it would change nothing
        options = "".join(
            f'<option value="{escape_html(v)}">{escape_html(_label(graph, key, v))} '
            f"({format_number(n)})</option>"
            for v, n in sorted(values.items(), key=lambda item: _order(graph, key, item[0])))
        fields.append(
            f'<label>{escape_html(label)} <select name="{key}" data-sotay-facet="{key}">'
            f'<option value="">Tất cả</option>{options}</select></label>')
    if not fields:
        return ""
    return (f'<form class="sotay-filter" hidden data-total="{len(records)}" '
            'aria-label="Lọc danh sách">'
            + "".join(fields)
            + '<button type="reset">Bỏ lọc</button>'
            '<p class="sotay-filter-count" aria-live="polite"></p></form>')


def _label(graph: Graph, key: str, value: str) -> str:
    if key in ("tinh", "chude"):
        record = graph.get(value)
        return record.title if record else value
    if key == "cap":
        return _LEVEL_LABELS.get(value, value)
    if key == "loai":
        return TYPES_BY_NAME[value].label if value in TYPES_BY_NAME else value
    return value


def _order(graph: Graph, key: str, value: str) -> tuple[object, ...]:
    if key == "cap":
        return (list(_LEVEL_LABELS).index(value) if value in _LEVEL_LABELS else 99, value)
    if key == "loai":
        names = [t.name for t in TYPES]
        return (names.index(value) if value in names else 99, value)
    if key == "nam":
        return (-int(value), value)  # newest first, as the year index lists them
    return (*sort_key(_label(graph, key, value)), value)


def _as_tuple(value: object) -> tuple[object, ...]:
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)
