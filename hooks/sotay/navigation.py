"""The site's navigation: the record types' index pages come from the schema, not mkdocs.yml."""

from __future__ import annotations

from typing import Any

from .schema import PRINT_ORDER

LOOKUP = "Tra cứu"  # the nav section that lists the types, then mkdocs.yml's own entries


def type_entries() -> list[dict[str, str]]:
    """One nav entry per type shown in the navigation, in reading (print) order."""
    return [{t.plural: f"{t.name}/index.md"} for t in PRINT_ORDER if t.in_nav]


def with_type_entries(nav: list[Any] | None) -> list[Any]:
    """``nav`` (mkdocs.yml's) with every type's entry at the head of the ``Tra cứu`` section,
    which is added at the end when ``nav`` has none; entries already there are not repeated."""
    nav = list(nav or [])
    for index, item in enumerate(nav):
        if isinstance(item, dict) and LOOKUP in item:
            rest = list(item[LOOKUP] or [])
            listed = {_target(entry) for entry in rest}
            nav[index] = {LOOKUP: [e for e in type_entries() if _target(e) not in listed] + rest}
            return nav
    return [*nav, {LOOKUP: type_entries()}]


def _target(entry: Any) -> Any:
    return next(iter(entry.values())) if isinstance(entry, dict) and len(entry) == 1 else entry
