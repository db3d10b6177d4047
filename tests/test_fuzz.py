"""Property-based fuzzing: any record file either gets located problems or renders inert.

Hypothesis writes one record file of any type beside a small valid dataset: every field of the
type's schema with arbitrary Unicode, markup fragments and structures (or the file as raw bytes
of text). The check must never raise; it either reports problems, each with a file and a
message (and a line when the file parsed), or the pages built from it hold no element or
attribute the templates do not produce, no control character, and the title as typed.

``make test`` runs a short budget; ``make fuzz`` (profile ``fuzz``, see conftest) a long one.
"""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st

from pagecheck import Expected, assert_shape, convert, expected_shape_of, shape
from sotay import schema
from sotay.link import Graph
from sotay.pipeline import build_graph
from sotay.render import render_pages
from sotay.schema import TYPES, Field

BASE = Path(__file__).parent / "golden" / "render" / "basic" / "data"
ADDRESS = "https://sotay.example.vn"
FRAGMENTS = ["\n", "\r", "\u2028", "\x00", "\x7f", "\x85", "\u202e", "\u200b", "\ufeff",
             "```", "\n```\n", "\n---\n", "|", "{: onclick=alert(1) }", "<base href=//x>",
             "<script>alert(1)</script>", "!!! note", "*[X]: y", "[[", "[[tinh-a]]", "]]",
             "[a](javascript:alert(1))", "\"", "'", "&", "#", "> ", "- ", ": ", "&a", "*a",
             "!!python/object", "{", "[", "\\", "`", "đ", "Ấ", "🙂", "e\u0301"]
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)),
                max_size=8).map("".join)
# Text the validator accepts (markup fragments, any printable Unicode): it reaches the pages.
CLEAN = st.lists(st.one_of(
    st.sampled_from([f for f in FRAGMENTS if f.isprintable() and "\n" not in f]),
    st.text(st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp")), min_size=1,
            max_size=6)), min_size=1, max_size=8).map("".join).filter(lambda t: t.strip() != "")
SLUG = st.from_regex(r"[a-z][a-z0-9]{0,12}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)
EXISTING = {"dia-danh": ["tinh-a", "huyen-b"], "nguon": ["bai-a"], "van-ban": ["ket-luan-1"],
            "mo-hinh": ["to-dan-van"]}

def _scalar(spec: Field, wild: bool) -> st.SearchStrategy[Any]:
    """A value of ``spec``'s kind (any text where the kind is text), or with ``wild`` often
    one of another shape altogether."""
    valid: st.SearchStrategy[Any]
    if spec.kind == schema.REF:
        ids = [i for t in spec.targets for i in EXISTING.get(t, [])] or ["tinh-a"]
        valid = st.sampled_from(ids)
    elif spec.kind == schema.CHOICE:
        valid = st.sampled_from([value for value, _ in spec.choices] or ["x"])
    elif spec.kind == schema.DATE:
        valid = st.sampled_from(["2013-08-13", "2013-08", "2013"])
    elif spec.kind in (schema.NUMBER, schema.INT):
        valid = st.sampled_from(["12", "1.5", "0", "-3"])
    elif spec.kind == schema.BOOL:
        valid = st.sampled_from(["true", "false"])
    elif spec.kind == schema.URL:
        valid = st.sampled_from(["https://example.org/a", "http://example.org/b?c=d"])
    elif spec.kind == schema.SLUG:
        valid = SLUG
    else:
        valid = CLEAN
    if not wild:
        return valid
    return st.one_of(valid, valid, TEXT, st.integers(), st.none(), st.lists(TEXT, max_size=2),
                     st.dictionaries(TEXT, TEXT, max_size=2))


def _value(spec: Field, wild: bool) -> st.SearchStrategy[Any]:
    if spec.kind == schema.GROUP:
        item = st.fixed_dictionaries(
            {s.name: _scalar(s, wild) for s in spec.fields if s.required and not wild},
            optional={s.name: _scalar(s, wild) for s in spec.fields
                      if wild or not s.required})
        return st.lists(item, max_size=3)
    if spec.many:
        many = st.lists(_scalar(spec, wild), min_size=1, max_size=3)
        return st.one_of(many, _scalar(spec, wild)) if wild else many
    return _scalar(spec, wild)


@st.composite
def record_files(draw: st.DrawFn) -> tuple[str, str, str]:
    """(type folder, file name, file text) of one generated record."""
    record_type = draw(st.sampled_from(TYPES))
    wild = draw(st.integers(0, 2)) == 0  # else every field has its kind, text is any text
    values: dict[str, Any] = {}
    for spec in record_type.fields:
        if spec.name == "id_cu" and not wild:
            continue
        if spec.required or (spec.name == "nguon" and not wild) or draw(st.booleans()):
            values[spec.name] = draw(_value(spec, wild))
    if "nguon" in values and not wild:
        values["nguon"] = ["bai-a"]
    if wild and draw(st.integers(0, 9)) == 0:
        values[draw(TEXT)] = draw(TEXT)  # a field no type has
    record_id = values.get("id")
    if not isinstance(record_id, str) or not record_id.strip(" .") or \
            any(c in record_id for c in "/\x00") or len(record_id.encode()) > 200:
        record_id = draw(SLUG)  # a name no file system could hold
    names = [f"{record_id}.yaml", f"{record_id}.md"] + ([f"{draw(SLUG)}.yaml"] if wild else [])
    name = draw(st.sampled_from(names))
    if wild and draw(st.integers(0, 7)) == 0:
        text = draw(TEXT)  # not YAML at all, or YAML of another shape
    else:
        text = yaml.safe_dump(values, allow_unicode=True, sort_keys=False)
        if name.endswith(".md"):
            text = f"---\n{text}---\n\n{draw(TEXT)}\n"
    return record_type.name, name, text


@pytest.fixture(scope="module")
def expected() -> Expected:
    graph, problems = build_graph(BASE)
    assert graph is not None, problems
    return expected_shape_of(graph, ADDRESS)


def _check_inert(graph: Graph, expected: Expected, folder: str, stem: str) -> None:
    # Editors' Markdown fields may add elements of their own, all in the expected set.
    pages = render_pages(graph, ADDRESS)
    for page in pages:
        if page.path.endswith(".md"):
            assert_shape(convert(page.content), expected, page.path)
    record = next((r for r in graph.records.values() if r.path.endswith(f"/{folder}/{stem}")),
                  None)
    if record is not None:
        page = next(p for p in pages if p.path == f"{record.type}/{record.id}.md")
        h1 = " ".join(shape(convert(page.content)).h1.split())
        typed = " ".join(unicodedata.normalize("NFC", record.title).split())
        assert h1 == typed, (h1, typed)


@given(file=record_files())
def test_any_record_is_reported_or_renders_inert(expected: Expected,
                                                 file: tuple[str, str, str]) -> None:
    folder, name, text = file
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(BASE, data)
        (data / folder).mkdir(exist_ok=True)
        (data / folder / name).write_bytes(text.encode("utf-8"))
        graph, problems = build_graph(data)
    for problem in problems:
        assert problem.path and problem.message.strip(), problem
        assert unicodedata.is_normalized("NFC", problem.message), problem
        odd = [c for c in problem.message if unicodedata.category(c) == "Cc" and c != "\n"]
        assert not odd, f"ký tự điều khiển trong thông báo: {problem!r}"
    event("có lỗi" if problems else "hợp lệ, đã dựng trang")
    if problems:
        return
    assert graph is not None
    _check_inert(graph, expected, folder, name)
