"""Field text is inert in every Markdown context a generated page puts it in.

The validator refuses most hostile text before it gets here; these tests hand the renderer
text no validator has seen (newlines in titles, fences, control characters, attribute lists)
and convert its pages the way MkDocs does, so the second line of defence is tested alone.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from pagecheck import assert_shape, convert, expected_shape_of, shape
from sotay.inert import escape_markdown, escape_text, front_matter, strip_invisible
from sotay.link import Graph, link
from sotay.pipeline import build_graph
from sotay.render import render_pages

GOLDEN = Path(__file__).parent / "golden" / "render" / "basic" / "data"
ADDRESS = "https://sotay.example.vn"
# Pieces of every construct a page is made of, and of the ways out of each.
FRAGMENTS = ["\n", "\r", "\r\n", "\u2028", "\x85", "\x00", "\x7f", "\x9b", "\u202e", "\u200b",
             "```", "~~~", "\n```\n", "\n---\n", "\n...\n", "|", "{: onclick=alert(1) }",
             "{#x style=\"position:fixed\"}", "<base href=//evil.example>", "<script>",
             "</code></pre>", "</div>", "!!! danger \"x\"", "\n!!! note\n    x", "*[X]: y",
             "[[", "]]", "[a](javascript:alert(1))", "\"", "'", "&amp;", "&", "#", "> ",
             "- ", "1. ", "\\", "`", "*", "_", "$", "%", "đ", "Ấ", "🙂"]
HOSTILE = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)),
                   min_size=1, max_size=12).map("".join)


@pytest.fixture(scope="module")
def graph() -> Graph:
    built, problems = build_graph(GOLDEN)
    assert built is not None, problems
    return built


def _hostile_graph(graph: Graph, text: str) -> Graph:
    """The golden graph with every title and text field replaced by ``text``."""
    records = []
    for record in graph.records.values():
        values = {name: (text if isinstance(value, str) and name not in ("id", "url", "loai", "cap")
                         else value) for name, value in record.values.items()}
        records.append(dataclasses.replace(record, title=text, values=values,
                                           body=text if record.body else ""))
    hostile, _ = link(records)
    return hostile


@pytest.fixture(scope="module")
def expected_shape(graph: Graph) -> tuple[set[str], set[tuple[str, str]]]:
    return expected_shape_of(graph, ADDRESS)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(text=HOSTILE)
def test_hostile_text_stays_text_on_every_generated_page(
        graph: Graph, expected_shape: tuple[set[str], set[tuple[str, str]]], text: str) -> None:
    for page in render_pages(_hostile_graph(graph, text), ADDRESS):
        if not page.path.endswith(".md"):
            continue
        _, meta = get_data(page.content)
        assert "title" in meta, f"{page.path}: phần đầu trang bị hỏng"
        assert_shape(convert(page.content), expected_shape, page.path)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(text=HOSTILE)
def test_record_title_shows_as_typed(graph: Graph, text: str) -> None:
    # Line breaks (what str.splitlines breaks at) and tabs show as spaces.
    shown = " ".join(strip_invisible(re.sub(r"[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", " ", text)).split())
    assume(shown)  # a title with nothing visible is the validator's to refuse
    record = next(r for r in graph.records.values() if r.type == "van-ban")
    pages = {p.path: p for p in render_pages(_hostile_graph(graph, text), ADDRESS)}
    h1 = shape(convert(pages[f"van-ban/{record.id}.md"].content)).h1
    assert " ".join(h1.split()) == shown


def test_citation_box_cannot_be_closed_by_a_title(graph: Graph) -> None:
    title = "Kết luận\n```\n<base href=\"//evil.example/\"><script>alert(1)</script>\n```"
    pages = {p.path: p for p in render_pages(_hostile_graph(graph, title), ADDRESS)}
    html = convert(next(p.content for path, p in pages.items() if path.startswith("van-ban/")
                         and not path.endswith("index.md")))
    assert "<base" not in html and "<script" not in html
    cite = re.search(r'<div class="sotay-cite"><pre><code>(.*?)</code></pre></div>', html, re.S)
    assert cite is not None and "&lt;base href=" in cite.group(1)


@settings(max_examples=300, deadline=None)
@given(value=st.text())
def test_front_matter_round_trips_any_string(value: str) -> None:
    page = front_matter({"title": value, "sotay_id": "x"}) + "\n# Nội dung\n"
    assert yaml.safe_load(page.split("---\n")[1]) == {"title": value, "sotay_id": "x"}
    rest, meta = get_data(page)
    assert meta == {"title": value, "sotay_id": "x"} and rest == "# Nội dung\n"


@pytest.mark.parametrize("text", ["```\nmã không đóng", "~~~~python\nx\n~~~", "  ```\n```` \n"])
def test_an_open_fence_ends_with_its_field(text: str) -> None:
    html = convert(escape_markdown(text) + "\n\n## Mục sau {#muc-sau}\n")
    assert '<h2 id="muc-sau">' in html


@pytest.mark.parametrize("attribute", ['style="position:fixed;inset:0"', 'onclick="alert(1)"',
                                       'class="md-dialog"', 'id="__md_scope x"',
                                       'data-md-component="search"', 'hidden'])
def test_attribute_lists_set_only_allowed_attributes(attribute: str) -> None:
    html = convert(escape_markdown(f"Đoạn văn\n{{: {attribute} }}"))
    name = attribute.split("=")[0]
    assert f"{name}=" not in html and f" {name}>" not in html, html


@pytest.mark.parametrize("text", ["a\rb", "a\u2028b", "a\x85b", "a\x00b\x7f\x9b", "a\u202eb",
                                  "a\u200bb"])
def test_escape_text_keeps_one_line_and_no_invisible_character(text: str) -> None:
    escaped = escape_text(text)
    assert escaped.replace(" ", "") == "ab"
