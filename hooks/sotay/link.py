"""Stage 3: resolve every reference, record backlinks and the place hierarchy."""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .load import no_cycle_gc
from .model import Problem, Record, Ref
from .passages import ArticleText
from .schema import TYPES_BY_NAME
from .vi import sort_key


@dataclass(frozen=True)
class Backlink:
    """A record that points at another one, and through which relation."""

    relation: str
    source: Record


@dataclass(frozen=True)
class Graph:
    """The linked handbook: records by id, backlinks, renamed ids, place ancestry and the
    sources' article texts."""

    records: dict[str, Record]
    backlinks: dict[str, tuple[Backlink, ...]]
    renamed: dict[str, Record]
    parents: dict[str, str] = field(default_factory=dict)
    # Each source's archived article by source id, once the fidelity check has read it.
    articles: dict[str, ArticleText] = field(default_factory=dict)

    def get(self, record_id: str) -> Record | None:
        return self.records.get(record_id)

    def of_type(self, type_name: str) -> list[Record]:
        """Records of one type in Vietnamese alphabetical order of title."""
        return sorted((r for r in self.records.values() if r.type == type_name), key=title_key)

    def ancestors(self, place_id: str) -> list[str]:
        """The chain of places above ``place_id``, nearest first."""
        chain: list[str] = []
        current = self.parents.get(place_id)
        while current and current not in chain:
            chain.append(current)
            current = self.parents.get(current)
        return chain

    def grouped_backlinks(self, record_id: str) -> list[tuple[str, list[Record]]]:
        """Backlinks grouped by relation, groups and records in a stable order."""
        groups: dict[str, list[Record]] = defaultdict(list)
        seen: set[tuple[str, str]] = set()  # by id: comparing whole records costs O(n²)
        for link in self.backlinks.get(record_id, ()):
            if (link.relation, link.source.id) not in seen:
                seen.add((link.relation, link.source.id))
                groups[link.relation].append(link.source)
        return [(relation, sorted(groups[relation], key=title_key))
                for relation in sorted(groups, key=sort_key)]


def title_key(record: Record) -> tuple[object, ...]:
    return _title_sort_key(record.title) + (record.id,)


# Every listing and backlink group sorts by title; a title's key is pure, so compute it once.
_title_sort_key = lru_cache(maxsize=1 << 17)(sort_key)


def link(records: list[Record]) -> tuple[Graph, list[Problem]]:
    """Resolve references; return the graph and a problem for every broken one."""
    with no_cycle_gc():
        return _link(records)


def _link(records: list[Record]) -> tuple[Graph, list[Problem]]:
    by_id = {r.id: r for r in records}
    renamed = {old: r for r in records for old in r.get("id_cu", ()) if old not in by_id}
    backlinks: dict[str, list[Backlink]] = defaultdict(list)
    problems: list[Problem] = []
    for record in records:
        for ref in record.refs():
            target = by_id.get(ref.target)
            problem = _check_ref(record, ref, target, by_id, renamed)
            if problem:
                problems.append(problem)
            elif target is not None and target is not record:
                backlinks[target.id].append(Backlink(ref.relation, record))
    parents = {
        r.id: r.values["thuoc"].target for r in records
        if r.type == "dia-danh" and "thuoc" in r.values
    }
    problems.extend(_check_cycles(records, parents))
    graph = Graph(by_id, {k: tuple(v) for k, v in backlinks.items()}, renamed, parents)
    return graph, problems


def _check_ref(record: Record, ref: Ref, target: Record | None, by_id: dict[str, Record],
               renamed: dict[str, Record]) -> Problem | None:
    if target is None:
        if ref.target in renamed:
            new = renamed[ref.target]
            message = f"mã '{ref.target}' đã đổi thành '{new.id}' ({new.path}); hãy dùng mã mới"
        else:
            wanted = " hay ".join(TYPES_BY_NAME[t].label.lower() for t in ref.targets)
            message = (f"không có {wanted or 'bản ghi'} nào mang mã '{ref.target}'"
                       + suggest(ref.target, by_id, ref.targets))
        return Problem(record.path, ref.line, ref.field, message)
    if ref.targets and target.type not in ref.targets:
        wanted = " hoặc ".join(TYPES_BY_NAME[t].label.lower() for t in ref.targets)
        found = TYPES_BY_NAME[target.type].label.lower()
        return Problem(record.path, ref.line, ref.field,
                       f"'{ref.target}' là {found}, nhưng trường này cần {wanted}"
                       + suggest(ref.target, by_id, ref.targets))
    if target is record:
        return Problem(record.path, ref.line, ref.field, "bản ghi không thể tham chiếu chính nó")
    return None


def suggest(wrong: str, by_id: dict[str, Record], types: tuple[str, ...] = ()) -> str:
    """A ``(có phải '…'?)`` hint naming the nearest id of the wanted types."""
    pool = [i for i, r in by_id.items() if not types or r.type in types]
    near = difflib.get_close_matches(wrong, pool, n=1, cutoff=0.6)
    return f" (có phải '{near[0]}'?)" if near else ""


def _check_cycles(records: list[Record], parents: dict[str, str]) -> list[Problem]:
    problems = []
    for record in records:
        if parents.get(record.id, record.id) == record.id:
            continue  # no parent, or itself: already reported as a self-reference
        chain = [record.id]
        current = parents.get(record.id)
        while current:
            if current in chain:
                loop = " → ".join(chain[chain.index(current):] + [current])
                if chain[0] == current:
                    problems.append(Problem(record.path, record.lines.get("thuoc"), "thuoc",
                                            f"địa danh nằm trong chính nó: {loop}"))
                break
            chain.append(current)
            current = parents.get(current)
    return problems
